"""Attachment files meet the model: check and prepare an upload, list texts for screening and search.

Metadata is stripped **at upload**: the stored file is already clean, so a reviewer, a preview and the
public all see the same bytes, and no un-stripped copy ever sits on disk waiting for publication. The
pure work (type by content, text, metadata, masking) is in ``xxgk.screening.documents``.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from xxgk.catalog.models import Entry, EntryAttachment
from xxgk.screening import documents


def check_upload(filename: str, data: bytes) -> documents.DocumentKind:
    """The upload's real type, or a Chinese ValidationError (size, type, extension, unreadable)."""
    try:
        return documents.inspect(filename, data, settings.ATTACHMENT_MAX_BYTES)
    except documents.DocumentError as error:
        raise ValidationError(str(error), code="attachment") from error


def is_pending(attachment: EntryAttachment) -> bool:
    """True when a file was just assigned (an upload) and not yet prepared and stored."""
    return bool(attachment.file) and not attachment.file._committed


def prepare(attachment: EntryAttachment, filename: str, data: bytes) -> EntryAttachment:
    """Check ``data``, strip its metadata, extract its text and store it; the row itself is not saved."""
    kind = check_upload(filename, data)
    clean = documents.strip_metadata(kind, data)
    attachment.kind = kind.value
    attachment.original_filename = filename[-255:]
    attachment.size = len(clean)
    attachment.sha256 = hashlib.sha256(clean).hexdigest()
    attachment.text = documents.extract_text(kind, clean)
    attachment.metadata_stripped = True
    attachment.title = attachment.title or filename.rsplit(".", 1)[0][:200]
    attachment.file.save(filename, ContentFile(clean), save=False)  # upload_to chooses a random name
    return attachment


def prepare_uploads(entry: Entry) -> list[EntryAttachment]:
    """Prepare every attachment of ``entry`` (in memory, as a form left them) that holds a fresh upload."""
    prepared = []
    for attachment in entry.attachments.all():
        if not is_pending(attachment):
            continue
        upload = attachment.file.file
        upload.seek(0)
        try:
            prepare(attachment, upload.name.rsplit("/", 1)[-1], upload.read())
        except ValidationError as error:
            raise ValidationError(f"附件“{attachment.title or upload.name}”：{error.messages[0]}") from error
        prepared.append(attachment)
    return prepared


def carry_over(entry: Entry, previous: Entry | None) -> None:
    """Give back their file and computed fields to attachments a form rebuilt without them (see
    ``forms.AttachmentForm``), looking them up by ``uid`` in the entry's previous draft only."""
    earlier = {a.uid: a for a in previous.attachments.all()} if previous is not None else {}
    seen = set()
    for attachment in entry.attachments.all():
        if attachment.uid in seen:
            attachment.uid = uuid.uuid4()  # a tampered or duplicated hidden field never merges two attachments
        seen.add(attachment.uid)
        if attachment.file:
            continue
        source = earlier.get(attachment.uid)
        if source is None:
            raise ValidationError(f"附件“{attachment.title}”缺少文件，请重新上传。")
        for field in ("file", "original_filename", "kind", "size", "sha256", "text", "metadata_stripped"):
            setattr(attachment, field, getattr(source, field))


def attachment_texts(entry: Entry) -> list[tuple[str, str, str]]:
    """``(key, label, text)`` of each attachment, for screening and search.

    ``entry`` as given: pass the latest revision's object to screen a draft, the row for what is public.
    """
    return [(a.key, a.title, a.text) for a in entry.attachments.all()]


def summary(entry: Entry | None) -> list[str]:
    """What the audit trail records about the attachments: title, type, size and content hash."""
    if entry is None:
        return []
    return [f"{a.title}（{a.kind}，{a.size} 字节，{a.sha256[:12]}）" for a in entry.attachments.all()]


def read(attachment: EntryAttachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()
