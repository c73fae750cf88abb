"""The texts of a catalogue entry that screening reads, and how a masked span is written back.

Offsets of a finding are offsets into the stored field, so masking edits exactly the span that was found.
Rich text (正文) is scanned with every HTML tag blanked to newlines of the same length: offsets stay those
of the stored HTML, a tag never glues two words into one hit, and markup is never reported.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from xxgk.catalog.attachments import attachment_texts
from xxgk.screening import masking
from xxgk.screening.detectors import Finding
from xxgk.screening.services import Source

ATTACHMENT_PREFIX = "attachment:"
_TAG_RE = re.compile(r"<[^>]*>")

# source key -> (field name, label, is rich text). Each attachment's extracted text is a source too, keyed
# "attachment:<uid>" (stable across revisions); it is masked by re-rendering the file (services.mask_attachment).
FIELD_SOURCES = {
    "title": ("title", "名称", False),
    "summary": ("summary", "内容概述", False),
    "body": ("body", "正文", True),
}


def blank_tags(html: str) -> str:
    return _TAG_RE.sub(lambda m: "\n" * len(m.group()), html)


def screening_sources(entry) -> list[Source]:
    """What screening reads for ``entry`` (the latest content: pass the latest revision's object)."""
    sources = []
    for key, (field, label, rich) in FIELD_SOURCES.items():
        text = getattr(entry, field) or ""
        sources.append(Source(key, label, blank_tags(text) if rich else text))
    for key, title, text in attachment_texts(entry):
        sources.append(Source(key, f"附件：{title}", text))
    return sources


def is_attachment(source_key: str) -> bool:
    return source_key.startswith(ATTACHMENT_PREFIX)


def apply_mask(entry, source_key: str, finding: Finding) -> None:
    """Mask one finding in ``entry``'s field in memory (the caller saves a revision)."""
    if source_key not in FIELD_SOURCES:
        raise ValidationError("该来源不能在此遮盖，请修改原文件后重新上传。")
    field = FIELD_SOURCES[source_key][0]
    try:
        setattr(entry, field, masking.mask(getattr(entry, field) or "", finding))
    except masking.UnmaskableFinding as error:
        raise ValidationError(str(error)) from error
    except ValueError as error:  # the text changed since the scan
        raise ValidationError(str(error)) from error
