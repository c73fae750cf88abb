"""Screening use cases: re-scan an object's texts, and resolve findings (mask, justify).

The screened object hands in its texts as :class:`Source` objects (the catalogue builds them); this app
never reads another app's models. A finding is resolved only by a named person or by the text disappearing
in an edit; nothing else closes it, so no finding can be silently ignored.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from xxgk.core import audit
from xxgk.core.models import Agency
from xxgk.screening import detectors, masking, permissions
from xxgk.screening.models import KIND_LABELS, FindingStatus, ScreeningFinding


@audit.register_actions
class ScreeningAction(models.TextChoices):
    MASKED = "screening.masked", "遮盖个人信息"
    JUSTIFIED = "screening.justified", "说明理由保留筛查结果"


class Source(NamedTuple):
    """One text of a screened object. ``key`` is stable ("title", "body", "attachment:12"); offsets of
    findings are offsets into ``text``."""

    key: str
    label: str
    text: str


class Snippet(NamedTuple):
    before: str
    match: str
    after: str


def rescan(actor, obj: models.Model, agency: Agency, sources: list[Source]) -> list[ScreeningFinding]:
    """Scan ``sources`` again and bring the stored findings of ``obj`` up to date; returns the open ones.

    A hit already known (same source, kind and text; open or justified) keeps its row and resolution, with
    its offsets updated; a new hit opens a finding; an open finding whose text is gone is closed as
    修改消除 by ``actor`` (whose edit removed it).
    """
    with transaction.atomic():
        known = ScreeningFinding.objects.for_object(obj).filter(
            status__in=[FindingStatus.OPEN, FindingStatus.JUSTIFIED]
        )
        pool: dict[tuple[str, str, str], list[ScreeningFinding]] = defaultdict(list)
        for finding in known.select_for_update().order_by("start", "id"):
            pool[(finding.source_key, finding.kind, finding.text)].append(finding)
        for source in sources:
            for hit in detectors.scan(source.text):
                matches = pool.get((source.key, hit.kind.value, hit.text))
                if matches:
                    finding = matches.pop(0)
                    finding.start, finding.end, finding.source_label = hit.start, hit.end, source.label
                    finding.save(update_fields=["start", "end", "source_label"])
                    continue
                ScreeningFinding.objects.create(
                    agency=agency,
                    screened_object=obj,
                    source_key=source.key,
                    source_label=source.label,
                    kind=hit.kind.value,
                    start=hit.start,
                    end=hit.end,
                    text=hit.text,
                    message=hit.message[:300],
                )
        gone = [f.pk for left in pool.values() for f in left if f.status == FindingStatus.OPEN]
        ScreeningFinding.objects.filter(pk__in=gone).update(
            status=FindingStatus.EDITED, resolved_by=actor if _is_user(actor) else None, resolved_at=timezone.now()
        )
    return list(ScreeningFinding.objects.for_object(obj).open())


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def as_detector_finding(finding: ScreeningFinding) -> detectors.Finding:
    return detectors.Finding(
        detectors.FindingKind(finding.kind), finding.start, finding.end, finding.text, finding.message
    )


def masked_preview(finding: ScreeningFinding) -> str:
    """What the span becomes when masked; a secrecy mark cannot be masked and shows as is."""
    hit = as_detector_finding(finding)
    return masking.masked_text(hit) if masking.is_maskable(hit) else finding.text


def snippet(text: str, finding: ScreeningFinding, width: int = 24) -> Snippet | None:
    """The finding in its context, or None when the stored offsets no longer fit the text."""
    if text[finding.start : finding.end] != finding.text:
        return None
    before = text[max(0, finding.start - width) : finding.start]
    return Snippet(before, finding.text, text[finding.end : finding.end + width])


def _resolve(actor, finding: ScreeningFinding, status: FindingStatus, action: str, note: str = "") -> None:
    if finding.status != FindingStatus.OPEN:
        raise ValidationError("该筛查结果已处理，请刷新页面。")
    before = finding.get_status_display()
    finding.status, finding.resolved_by, finding.resolved_at = status, actor, timezone.now()
    finding.justification = note
    finding.save(update_fields=["status", "resolved_by", "resolved_at", "justification"])
    # The audit trail gets the masked form: a raw 身份证号 must not be copied into a second table.
    label = f"{finding.source_label}·{KIND_LABELS[detectors.FindingKind(finding.kind)]}·{masked_preview(finding)}"
    audit.record(
        action,
        actor=actor,
        agency=finding.agency,
        target=finding.screened_object,
        changes={"finding": [None, label], "status": [before, finding.get_status_display()]},
        note=note,
    )


def mark_masked(actor, finding: ScreeningFinding) -> None:
    """Called by the owner of the text once it has saved the masked text (same transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("mark_masked must run in the transaction that saved the masked text")
    _resolve(actor, finding, FindingStatus.MASKED, ScreeningAction.MASKED)


def justify(actor, finding: ScreeningFinding, reason: str) -> ScreeningFinding:
    """说明理由保留: a reviewer decides the text may be published as is (e.g. the agency's own office address)."""
    if not permissions.can_justify(actor, finding.agency):
        raise PermissionDenied("只有审核岗位（科室审核、保密审查、领导签发）可以说明理由保留筛查结果。")
    if not reason.strip():
        raise ValidationError({"justification": "请填写保留理由。"})
    with transaction.atomic():
        _resolve(actor, finding, FindingStatus.JUSTIFIED, ScreeningAction.JUSTIFIED, reason.strip())
    return finding
