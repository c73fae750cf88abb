"""Catalogue use cases: draft, publish, withdraw, attachments. Each checks permission, validates, writes
atomically and records its audit event. The multi-stage review (``review.py``) ends in :func:`go_live`, the one
place where an entry goes public, whichever route led there.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from xxgk.catalog import attachments, permissions
from xxgk.catalog.models import Entry, EntryAttachment
from xxgk.catalog.sources import screening_sources
from xxgk.catalog.vocabulary import EntryKind
from xxgk.core import audit
from xxgk.screening import documents
from xxgk.screening import services as screening
from xxgk.screening.detectors import Finding
from xxgk.screening.models import ScreeningFinding
from xxgk.search import indexing


@audit.register_actions
class CatalogAction(models.TextChoices):
    DRAFTED = "catalog.drafted", "起草政府信息"
    EDITED = "catalog.edited", "修改政府信息草稿"
    PUBLISHED = "catalog.published", "发布政府信息"
    SCHEDULED = "catalog.scheduled", "定时发布政府信息"
    WITHDRAWN = "catalog.withdrawn", "撤稿"
    DELETED = "catalog.deleted", "删除草稿"
    ATTACHMENT_ADDED = "catalog.attachment_added", "上传附件"
    ATTACHMENT_REPLACED = "catalog.attachment_replaced", "替换附件"
    ATTACHMENT_REMOVED = "catalog.attachment_removed", "删除附件"
    ATTACHMENT_MASKED = "catalog.attachment_masked", "遮盖附件中的个人信息"


def save_draft(actor, entry: Entry) -> Entry:
    """Create or update a draft. A plain create() would publish (DraftStateMixin.live defaults to True)."""
    creating = entry.pk is None
    if creating and not permissions.can_draft(actor, entry.agency):
        raise PermissionDenied("您不是该机关的信息员，不能起草政府信息。")
    if not creating and not permissions.can_edit(actor, entry.agency):
        raise PermissionDenied("您不能修改该机关的政府信息。")
    if creating:
        entry.live = False
    _validate(entry)
    with transaction.atomic():
        row = None if creating else Entry.objects.get(pk=entry.pk)
        previous = None if row is None else _latest_draft(row)
        before = {} if row is None else {**audit.snapshot(row), "attachments": attachments.summary(previous)}
        attachments.carry_over(entry, previous)
        attachments.prepare_uploads(entry)
        _store_draft(actor, entry)
        after = {**audit.snapshot(entry), "attachments": attachments.summary(entry)}
        audit.record(
            CatalogAction.DRAFTED if creating else CatalogAction.EDITED,
            actor=actor,
            agency=entry.agency,
            target=entry,
            changes=audit.diff(before, after),
        )
    return entry


def _store_draft(actor, entry: Entry) -> None:
    if entry.pk is None or not Entry.objects.filter(pk=entry.pk, live=True).exists():
        entry.save()
    # A live entry's row is what the public sees: an edit goes into a revision only, and reaches
    # the row when that revision is published (after review).
    entry.save_revision(user=actor, log_action=True)  # Wagtail's history lists it, with 比较 (diff)
    # Screening runs on every save of a draft: body, metadata and attachment texts alike.
    screening.rescan(actor, entry, entry.agency, screening_sources(entry))


def _latest_draft(entry: Entry) -> Entry:
    """What the next publication would show: the latest revision (the row, if there is none)."""
    return entry.get_latest_revision_as_object() if entry.latest_revision_id else entry


def _validate(entry: Entry) -> None:
    entry.full_clean(exclude=["live_revision", "latest_revision", "locked_by"])
    errors = {}
    if entry.kind == EntryKind.INTERPRETATION and entry.interprets_id is None:
        errors["interprets"] = "政策解读必须指明所解读的文件。"
    if entry.interprets_id and entry.interprets.agency_id != entry.agency_id:
        errors["interprets"] = "只能解读本机关发布的文件。"
    if bool(entry.notice_from) != bool(entry.notice_until):
        errors["notice_until" if entry.notice_from else "notice_from"] = "公示期须同时填写开始和截止日期。"
    elif entry.notice_from and entry.notice_until < entry.notice_from:
        errors["notice_until"] = "公示截止日期不能早于开始日期。"
    if entry.formed_on and entry.formed_on > timezone.localdate():
        errors["formed_on"] = "形成日期不能晚于今天。"
    foreign = [column.name for column in entry.columns.all() if column.agency_id != entry.agency_id]
    if foreign:
        errors["columns"] = f"栏目「{'」「'.join(foreign)}」不属于发布机构，请只选择本机关的栏目。"
    if errors:
        raise ValidationError(errors)


def publish(actor, entry: Entry) -> Entry:
    """Publish the latest revision without the review workflow (领导签发 only; the back office offers the
    workflow instead, this stays for commands and the demo)."""
    if not permissions.can_sign_off(actor, entry.agency):
        raise PermissionDenied("只有领导签发岗位可以发布政府信息。")
    with transaction.atomic():
        go_live(actor, entry)
    entry.refresh_from_db()
    return entry


def screen(actor, entry: Entry) -> list[ScreeningFinding]:
    """Re-scan the entry's latest content (a live entry's edits sit in its latest revision); the open findings."""
    entry = Entry.objects.get(pk=entry.pk)  # the caller's copy may predate the latest revision (a mask, an edit)
    content = entry.get_latest_revision_as_object() if entry.latest_revision_id else entry
    return screening.rescan(actor, entry, entry.agency, screening_sources(content))


def require_screened(actor, entry: Entry) -> None:
    """The screening gate: nothing is approved or published while a finding is open (rules.md §1.5)."""
    open_findings = screen(actor, entry)
    if open_findings:
        n = len(open_findings)
        raise ValidationError(f"《{entry.title}》尚有 {n} 项筛查结果未处理：请先遮盖，或由审核人员说明理由保留。")


def go_live(actor, entry: Entry) -> None:
    """Make the latest revision public: the one path of the publish service and of the review's final approval.

    A 政策解读 and the document it explains go live together; each is screened first, gets its 索引号 in
    Entry.save, is audited and indexed for search. The caller has authorised the actor and holds a transaction.
    """
    entry = Entry.objects.get(pk=entry.pk)  # publish the revision that was screened, not a stale copy's
    if entry.withdrawn_at:
        raise ValidationError("已撤稿的信息不能再次发布。")
    together = [entry]
    if entry.interprets_id and not entry.interprets.live:
        together.insert(0, entry.interprets)
    for item in together:
        require_screened(actor, item)
    for item in together:
        revision = item.latest_revision or item.save_revision(user=actor, log_action=False)
        revision.publish(user=actor, log_action=False, skip_permission_checks=True)
        item.refresh_from_db()
        if not item.live:  # a future 定时发布 time: Wagtail's publish_scheduled command publishes it then
            go_live_at = revision.approved_go_live_at
            note = f"定时发布：{timezone.localtime(go_live_at):%Y-%m-%d %H:%M}" if go_live_at else ""
            audit.record(CatalogAction.SCHEDULED, actor=actor, agency=item.agency, target=item, note=note)
            continue
        audit.record(
            CatalogAction.PUBLISHED,
            actor=actor,
            agency=item.agency,
            target=item,
            changes={"index_number": [None, item.index_number]},
        )
    for item in together:
        indexing.index_entry(item)


def withdraw(actor, entry: Entry, reason: str) -> Entry:
    """撤稿: the public URL then says it was withdrawn and when; the 索引号 stays reserved."""
    if not permissions.can_sign_off(actor, entry.agency):
        raise PermissionDenied("只有领导签发岗位可以撤稿。")
    if not reason.strip():
        raise ValidationError({"withdrawn_reason": "请填写撤稿原因。"})
    if not entry.live or entry.withdrawn_at:
        raise ValidationError("只能撤回已发布的信息。")
    with transaction.atomic():
        entry.withdrawn_at = timezone.now()
        entry.withdrawn_reason = reason.strip()
        entry.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        audit.record(CatalogAction.WITHDRAWN, actor=actor, agency=entry.agency, target=entry, note=reason.strip())
        indexing.unindex_entry(entry)
    return entry


def delete_draft(actor, entry: Entry) -> None:
    """Only a never-published draft may be deleted; a published entry is withdrawn instead (its 索引号 stays)."""
    if not permissions.can_draft(actor, entry.agency):
        raise PermissionDenied("您不能删除该机关的政府信息。")
    if entry.index_number or entry.live:
        raise ValidationError("已发布的信息不能删除，请使用撤稿。")
    with transaction.atomic():
        audit.record(
            CatalogAction.DELETED,
            actor=actor,
            agency=entry.agency,
            target=entry,
            changes=audit.diff(audit.snapshot(entry), {}),
        )
        entry.delete()


# --- Attachments ------------------------------------------------------------------------------------
# Each works on the entry's latest draft and saves a new revision; the public sees the change only when
# that revision is published. The back-office form reaches the same preparation through ``save_draft``.


def _attachment_change(actor, entry: Entry, action: str, change, note: str = "") -> Entry:
    with transaction.atomic():
        row = Entry.objects.select_for_update().select_related("agency").get(pk=entry.pk)
        if not permissions.can_edit(actor, row.agency):
            raise PermissionDenied("您不能修改该机关的政府信息。")
        if row.withdrawn_at:
            raise ValidationError("已撤稿的信息不能再修改附件。")
        draft = _latest_draft(row)
        before = attachments.summary(draft)
        change(draft)
        _store_draft(actor, draft)
        changes = {"attachments": [before, attachments.summary(draft)]}
        audit.record(action, actor=actor, agency=draft.agency, target=draft, changes=changes, note=note)
    # The caller's instance must not keep pointing at the revision before this change (publish reads it).
    entry.latest_revision, entry.has_unpublished_changes = draft.latest_revision, draft.has_unpublished_changes
    return draft


def _find(draft: Entry, key: str) -> EntryAttachment:
    for attachment in draft.attachments.all():
        if attachment.key == key:
            return attachment
    raise ValidationError("草稿中没有这个附件，可能已被删除。")


def add_attachment(actor, entry: Entry, filename: str, data: bytes, title: str = "") -> EntryAttachment:
    """Upload a file to the entry's draft: checked by content, metadata stripped, text extracted."""
    attachment = EntryAttachment(title=title.strip()[:200])

    def change(draft: Entry) -> None:
        attachments.prepare(attachment, filename, data)
        draft.attachments.add(attachment)

    _attachment_change(actor, entry, CatalogAction.ATTACHMENT_ADDED, change)
    return attachment


def replace_attachment(actor, entry: Entry, key: str, filename: str, data: bytes) -> EntryAttachment:
    """Put a new file under an existing attachment (same key and title); the old file stays for old revisions."""
    replaced: list[EntryAttachment] = []

    def change(draft: Entry) -> None:
        replaced.append(attachments.prepare(_find(draft, key), filename, data))

    _attachment_change(actor, entry, CatalogAction.ATTACHMENT_REPLACED, change)
    return replaced[0]


def remove_attachment(actor, entry: Entry, key: str) -> None:
    _attachment_change(
        actor, entry, CatalogAction.ATTACHMENT_REMOVED, lambda draft: draft.attachments.remove(_find(draft, key))
    )


def mask_attachment(actor, entry: Entry, key: str, findings: list[Finding]) -> EntryAttachment:
    """Replace the attachment's file by a copy with the findings' texts masked (rules.md §1.5 formats).

    For the review workflow: ``findings`` come from ``screening.detectors.scan`` of the attachment's text
    (see ``attachments.attachment_texts``). DOCX/XLSX are masked in place; a PDF is re-typeset as text
    (``screening.documents``). Refuses secrecy marks and anything it could not fully mask.
    """
    masked: list[EntryAttachment] = []

    def change(draft: Entry) -> None:
        attachment = _find(draft, key)
        try:
            data = documents.mask_document(attachment.document_kind, attachments.read(attachment), findings)
        except ValueError as error:  # UnmaskableFinding, MaskingIncomplete, DocumentError
            raise ValidationError(str(error)) from error
        masked.append(attachments.prepare(attachment, attachment.original_filename, data))

    note = "、".join(sorted({finding.kind.value for finding in findings}))
    _attachment_change(actor, entry, CatalogAction.ATTACHMENT_MASKED, change, note=note)
    return masked[0]
