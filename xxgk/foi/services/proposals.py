"""条例第四十四条: information released on application that many applicants ask for should be proactively
published. A handler proposes it; the proposal is a catalogue draft (then the normal review) linked to the
cases that asked for it, so the link between the requests and the new entry is kept.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from xxgk.catalog import permissions as catalog_permissions
from xxgk.catalog import services as catalog
from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import EntryKind
from xxgk.core import audit
from xxgk.foi.models import Case
from xxgk.foi.services.events import require_handler

RELEASING_OUTCOMES = frozenset({"granted", "partial"})  # information actually released to the applicant


@audit.register_actions
class ProposalAction(models.TextChoices):
    PROPOSED = "foi.proposed_for_publication", "建议转为主动公开（第四十四条）"
    LINKED = "foi.linked_to_entry", "关联已有的主动公开信息"


def _released(case: Case) -> None:
    decision = case.decisions.order_by("-decided_on", "-id").first()
    if decision is None or decision.outcome not in RELEASING_OUTCOMES:
        raise ValidationError("只有予以公开或部分公开的申请，才能建议转为主动公开。")
    if case.proposed_entry_id:
        raise ValidationError("本申请已关联主动公开信息，无需重复建议。")


def propose_publication(actor, case: Case) -> Entry:
    """Create the catalogue draft for what this case released and link the case to it."""
    require_handler(actor, case)
    if not catalog_permissions.can_draft(actor, case.agency):
        raise PermissionDenied("建议转为主动公开需要本机关信息员或公开管理员岗位（将生成政府信息草稿）。")
    _released(case)
    decision = case.decisions.order_by("-decided_on", "-id").first()
    summary = f"依申请公开后转为主动公开（条例第四十四条），来源申请 {case.number}。"
    if decision.outcome == "partial":
        summary += "原申请为部分公开：请按答复时的区分处理，只发布已公开的部分。"
    with transaction.atomic():
        entry = catalog.save_draft(
            actor,
            Entry(
                agency=case.agency,
                title=case.information_name[:300],
                document_number=case.document_number,
                summary=summary,
                kind=EntryKind.POLICY if case.document_number else EntryKind.NOTICE,
            ),
        )
        Case.objects.filter(pk=case.pk).update(proposed_entry=entry)
        case.proposed_entry = entry
        audit.record(ProposalAction.PROPOSED, actor=actor, agency=case.agency, target=case, note=entry.title)
    return entry


def link_to_entry(actor, case: Case, entry: Entry) -> None:
    """A later applicant asked for information already proposed or published: keep the link (counts requests)."""
    require_handler(actor, case)
    if entry.agency_id != case.agency_id:
        raise ValidationError("只能关联本机关的政府信息。")
    _released(case)
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(proposed_entry=entry)
        case.proposed_entry = entry
        audit.record(ProposalAction.LINKED, actor=actor, agency=case.agency, target=case, note=entry.title)


def requests_for(entry: Entry) -> models.QuerySet[Case]:
    """The applications that led to (or asked again for) ``entry``."""
    return Case.objects.filter(proposed_entry=entry).order_by("received_on", "id")
