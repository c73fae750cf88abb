"""Handling a received application: 补正, 延期, 征求意见, 第三十五条, fees, the answer, closing,
reopening and the 复议/诉讼 register. Each function checks permission and state, then appends its
event through ``events.append`` (which lets the clock refuse what the 条例 forbids).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from xxgk.core import audit
from xxgk.foi import permissions
from xxgk.foi.fees import FeeMethod, processing_fee
from xxgk.foi.models import Case, Decision, FeeNotice, Remedy
from xxgk.foi.outcomes import OutcomeCode, outcome
from xxgk.foi.services.events import (
    FoiAction,
    append,
    case_clock,
    case_facts,
    require,
    require_handler,
    require_state,
)
from xxgk.foi.vocabulary import CaseEventType, CaseState, ConsultedParty, RemedyKind, RemedyResult

S = CaseState
HANDLING = (S.OPEN, S.IN_CONSULTATION)


# — 补正 (条例第三十条) —


def request_correction(actor, case: Case, *, on: date, items: str, reply_by: date) -> None:
    """One notice listing everything to fix (一次性告知) and the applicant's reasonable period."""
    require_handler(actor, case)
    require_state(case, S.OPEN, doing="告知补正")
    if not items.strip():
        raise ValidationError({"items": "请逐项写明需要补正的内容（条例第三十条：一次性告知）。"})
    if reply_by <= on:
        raise ValidationError({"reply_by": "补正期限应晚于告知日期。"})
    with transaction.atomic():
        payload = {"items": items.strip(), "reply_by": reply_by.isoformat()}
        append(actor, case, CaseEventType.CORRECTION_REQUESTED, on, note=items.strip(), payload=payload)


def receive_correction(actor, case: Case, *, on: date, note: str = "") -> None:
    """The corrected request arrived: the reply period restarts from this day (条例第三十条)."""
    require_handler(actor, case)
    require_state(case, S.WAITING_CORRECTION, doing="登记收到补正")
    with transaction.atomic():
        append(actor, case, CaseEventType.CORRECTION_RECEIVED, on, note=note)


def correction_reply_by(case: Case) -> date | None:
    event = case.events.filter(type=CaseEventType.CORRECTION_REQUESTED).order_by("-date", "-id").first()
    return date.fromisoformat(event.payload["reply_by"]) if event else None


# — 延期 (条例第三十三条第二款) —


def request_extension(actor, case: Case, *, on: date, days: int, reason: str) -> None:
    require_handler(actor, case)
    f = require_state(case, *HANDLING, S.WAITING_FEE, doing="申请延期")
    if f.extension_requested:
        raise ValidationError("已有待批准的延期申请。")
    if not 1 <= days <= 20:
        raise ValidationError({"days": "延长的期限为1至20个工作日（条例第三十三条第二款）。"})
    if not reason.strip():
        raise ValidationError({"reason": "请写明延期理由。"})
    with transaction.atomic():
        append(actor, case, CaseEventType.EXTENSION_REQUESTED, on, note=reason.strip(), payload={"days": days})


def approve_extension(actor, case: Case, *, on: date, note: str = "") -> None:
    """Only the 政府信息公开工作机构负责人 (the agency's 领导签发 role) approves; the clock checks the
    20-day ceiling and that the reply period has not run out."""
    require(permissions.can_approve_extension(actor, case), "延期须经政府信息公开工作机构负责人（领导签发岗位）批准。")
    f = require_state(case, *HANDLING, S.WAITING_FEE, doing="批准延期")
    if not f.extension_requested:
        raise ValidationError("没有待批准的延期申请。")
    days = case.events.filter(type=CaseEventType.EXTENSION_REQUESTED).order_by("-date", "-id").first().payload["days"]
    with transaction.atomic():
        append(actor, case, CaseEventType.EXTENSION_APPROVED, on, note=note, payload={"days": days})


def refuse_extension(actor, case: Case, *, on: date, note: str) -> None:
    """The 负责人 does not agree: the request is closed and the reply period stands."""
    require(permissions.can_approve_extension(actor, case), "延期须经政府信息公开工作机构负责人（领导签发岗位）批准。")
    if not case_facts(case).extension_requested:
        raise ValidationError("没有待批准的延期申请。")
    if not note.strip():
        raise ValidationError({"note": "请写明不同意延期的理由。"})
    with transaction.atomic():
        append(actor, case, CaseEventType.EXTENSION_REFUSED, on, note=note.strip())


# — 征求意见 (条例第三十二条、第三十四条) —


def send_consultation(actor, case: Case, *, on: date, party: str, party_kind: str, note: str = "") -> None:
    require_handler(actor, case)
    require_state(case, *HANDLING, doing="征求意见")
    if not party.strip():
        raise ValidationError({"party": "请填写被征求意见的第三方或机关名称。"})
    if party_kind not in ConsultedParty.values:
        raise ValidationError({"party_kind": "请选择第三方或其他行政机关。"})
    with transaction.atomic():
        payload = {"party": party.strip(), "party_kind": party_kind}
        append(actor, case, CaseEventType.CONSULTATION_SENT, on, note=note, payload=payload)


def answer_consultation(actor, case: Case, *, on: date, party: str, opinion: str, agrees: bool) -> None:
    require_handler(actor, case)
    require_state(case, S.IN_CONSULTATION, doing="登记征求意见答复")
    with transaction.atomic():
        payload = {"party": party.strip(), "agrees": agrees}
        append(actor, case, CaseEventType.CONSULTATION_ANSWERED, on, note=opinion, payload=payload)


def lapse_consultation(actor, case: Case, *, on: date, party: str) -> None:
    """No answer within 15 working days: 第三十二条 the agency decides; 第三十四条 deemed consent."""
    require_handler(actor, case)
    require_state(case, S.IN_CONSULTATION, doing="登记逾期未答复")
    with transaction.atomic():
        append(actor, case, CaseEventType.CONSULTATION_LAPSED, on, payload={"party": party.strip()})


def open_consultations(case: Case) -> list[str]:
    return [party for party, n in case_facts(case).open_consultations.items() if n]


# — 第三十五条 —


def announce_later_date(actor, case: Case, *, on: date, due: date, reason: str) -> None:
    require_handler(actor, case)
    require_state(case, *HANDLING, doing="确定延迟答复期限")
    if not reason.strip():
        raise ValidationError({"reason": "请写明申请数量、频次明显超过合理范围的情况。"})
    with transaction.atomic():
        payload = {"due": due.isoformat()}
        append(actor, case, CaseEventType.LATER_DATE_ANNOUNCED, on, note=reason.strip(), payload=payload)


# — 信息处理费 (国办函〔2020〕109号) —


def applicant_items_before(case: Case) -> int:
    """件 the same applicant filed with this agency earlier in the case's 自然月 (按件计收 counts per
    applicant per calendar month, after 一事一申请 splitting: each case is one 件)."""
    if case.received_on is None:
        raise ValidationError("申请尚未确认收到，不能计算本月件数。")
    month = case.received_on.replace(day=1)
    same = Case.objects.filter(
        agency=case.agency,
        applicant__id_hash=case.applicant.id_hash,
        received_on__gte=month,
        received_on__lte=case.received_on,
    ).exclude(pk=case.pk)
    rank = (case.received_on, case.pk)
    return sum(1 for other in same.only("id", "received_on") if (other.received_on, other.pk) < rank)


def send_fee_notice(actor, case: Case, *, on: date, method: str, pages: int = 0) -> FeeNotice:
    """收费通知: ONE method per application — 按件 (this case as the applicant's n-th 件 of the month)
    or 按量 (``pages``) — never both; it goes out inside the reply period."""
    require_handler(actor, case)
    require_state(case, S.OPEN, doing="发出收费通知")
    if FeeNotice.objects.filter(case=case).exists():
        raise ValidationError("本申请已发出过收费通知。")
    try:
        method = FeeMethod(method)
    except ValueError:
        raise ValidationError({"method": "请选择按件计收或按量计收。"}) from None
    before = applicant_items_before(case) if method is FeeMethod.PER_ITEM else 0
    quantity = 1 if method is FeeMethod.PER_ITEM else pages
    if method is FeeMethod.PER_PAGE and pages < 1:
        raise ValidationError({"pages": "按量计收请填写页数。"})
    amount = processing_fee(method, quantity, items_this_month_before=before)
    if amount <= 0:
        raise ValidationError(f"按{method.label}计算应收费用为0元（免收范围内），不发收费通知。")
    result = case_clock(case)
    if result is not None and on > result.reply_due:
        raise ValidationError({"on": f"收费通知应在答复期限 {result.reply_due} 内发出。"})
    with transaction.atomic():
        notice = FeeNotice.objects.create(
            case=case, method=method, quantity=quantity, month_items_before=before, amount=amount, sent_on=on
        )
        payload = {"method": method.value, "quantity": quantity, "amount": str(amount), "month_items_before": before}
        append(actor, case, CaseEventType.FEE_NOTICE_SENT, on, payload=payload)
    return notice


def deliver_fee_notice(actor, case: Case, *, on: date, note: str = "") -> None:
    require_handler(actor, case)
    require_state(case, S.WAITING_FEE, doing="登记收费通知送达")
    notice = case.fee_notice
    if notice.delivered_on:
        raise ValidationError(f"收费通知已于 {notice.delivered_on} 送达。")
    with transaction.atomic():
        notice.delivered_on = on
        notice.save(update_fields=["delivered_on"])
        append(actor, case, CaseEventType.FEE_NOTICE_DELIVERED, on, note=note)


def record_fee_payment(actor, case: Case, *, on: date, receipt_number: str) -> None:
    require_handler(actor, case)
    require_state(case, S.WAITING_FEE, doing="登记缴费")
    notice = case.fee_notice
    if not notice.delivered_on:
        raise ValidationError("收费通知尚未送达，不能登记缴费。")
    if not receipt_number.strip():
        raise ValidationError({"receipt_number": "请填写财政票据号。"})
    with transaction.atomic():
        notice.paid_on, notice.receipt_number = on, receipt_number.strip()
        notice.save(update_fields=["paid_on", "receipt_number"])
        payload = {"receipt_number": notice.receipt_number}
        append(actor, case, CaseEventType.FEE_PAID, on, payload=payload)


# — the answer —

# Outcomes that end a case stuck waiting for the applicant, and the wait each needs.
_LAPSE_OUTCOMES = {OutcomeCode.OTHER_NO_CORRECTION: S.WAITING_CORRECTION, OutcomeCode.OTHER_FEE_UNPAID: S.WAITING_FEE}
_WITHHOLDING = {o for o in OutcomeCode if o.value.startswith(("deny_", "unable_"))}


def _check_lapse(case: Case, code: OutcomeCode, on: date) -> None:
    if code is OutcomeCode.OTHER_NO_CORRECTION:
        reply_by = correction_reply_by(case)
        if on <= reply_by:
            raise ValidationError({"outcome": f"补正期限 {reply_by} 尚未届满，不能按逾期不补正处理。"})
    if code is OutcomeCode.OTHER_FEE_UNPAID:
        if not case.fee_notice.delivered_on:
            raise ValidationError({"outcome": "收费通知尚未送达，缴费期限还未开始。"})
        due = case_clock(case).fee_payment_due
        if on <= due:
            raise ValidationError({"outcome": f"缴费期限 {due} 尚未届满，不能按逾期未缴费处理。"})


def decide(
    actor, case: Case, *, on: date, outcome_code: str, reasons: str = "", withheld: str = "", withheld_ground: str = ""
) -> Decision:
    """作出答复 with one outcome of the rules.md §2.4 table (its legal basis is copied from the table)."""
    require_handler(actor, case)
    try:
        row = outcome(outcome_code)
    except ValueError as error:
        raise ValidationError({"outcome": str(error)}) from None
    state = case_facts(case).state
    allowed = {_LAPSE_OUTCOMES[row.code]} if row.code in _LAPSE_OUTCOMES else set(HANDLING)
    if row.code is OutcomeCode.OTHER:  # e.g. withdrawn by the applicant: at any point of handling
        allowed = {S.OPEN, S.IN_CONSULTATION, S.WAITING_CORRECTION, S.WAITING_FEE}
    if state not in allowed:
        raise ValidationError(f"本申请当前状态为“{CaseState(state).label}”，不能答复为“{row.label}”。")
    if row.code in _LAPSE_OUTCOMES:
        _check_lapse(case, row.code, on)
    if row.code is OutcomeCode.PARTIAL:
        if not withheld.strip():
            raise ValidationError({"withheld": "部分公开须写明不予公开的内容。"})
        if withheld_ground not in {o.value for o in _WITHHOLDING}:
            raise ValidationError({"withheld_ground": "部分公开须选择不予公开部分的理由。"})
    elif withheld.strip() or withheld_ground:
        raise ValidationError({"withheld": "只有部分公开才填写不予公开的内容和理由。"})
    with transaction.atomic():
        decision = Decision.objects.create(
            case=case,
            outcome=row.code.value,
            legal_basis=row.legal_basis_text,
            decided_on=on,
            withheld=withheld.strip(),
            withheld_ground=withheld_ground,
            reasons=reasons.strip(),
            actor=actor,
        )
        payload = {"outcome": row.code.value, "decision": decision.pk}
        append(actor, case, CaseEventType.DECIDED, on, note=reasons.strip(), payload=payload)
    return decision


def close(actor, case: Case, *, on: date, note: str = "") -> None:
    """办结 once the answer is given (the letter's delivery is recorded by the letters service)."""
    require_handler(actor, case)
    require_state(case, S.DECIDED, doing="办结")
    with transaction.atomic():
        append(actor, case, CaseEventType.CLOSED, on, note=note)


def close_lapsed_correction(actor, case: Case, *, on: date) -> Decision:
    """The handler confirms the applicant let the 补正 period pass without good reason: the case is
    answered as 三（六）1 and closed in one step (nothing closes by itself)."""
    with transaction.atomic():
        reasons = "申请人无正当理由逾期不补正，视为放弃申请。"
        decision = decide(actor, case, on=on, outcome_code=OutcomeCode.OTHER_NO_CORRECTION, reasons=reasons)
        close(actor, case, on=on, note="逾期不补正，经承办人确认办结。")
    return decision


def lapsed_corrections(cases, on: date) -> list[Case]:
    """Cases waiting for a 补正 whose period ended before ``on`` — for the handler to confirm."""
    return [c for c in cases.filter(state=S.WAITING_CORRECTION) if (c_by := correction_reply_by(c)) and c_by < on]


def reopen(actor, case: Case, *, on: date, reason: str) -> None:
    """Handle again (e.g. after 复议 corrected the answer); earlier decisions stay on record."""
    require_handler(actor, case)
    require_state(case, S.DECIDED, S.CLOSED, doing="重新办理")
    if not reason.strip():
        raise ValidationError({"reason": "请写明重新办理的原因。"})
    with transaction.atomic():
        append(actor, case, CaseEventType.REOPENED, on, note=reason.strip())


# — 复议/诉讼 register (条例第五十一条) —


def record_remedy(actor, case: Case, *, kind: str, filed_on: date, body: str = "", note: str = "") -> Remedy:
    require_handler(actor, case)
    if kind not in RemedyKind.values:
        raise ValidationError({"kind": "请选择行政复议、未经复议直接起诉或复议后起诉。"})
    if not case.decisions.exists():
        raise ValidationError("本申请尚未答复，不能登记复议或诉讼。")
    with transaction.atomic():
        remedy = Remedy.objects.create(case=case, kind=kind, filed_on=filed_on, body=body.strip(), note=note)
        audit.record(FoiAction.REMEDY_RECORDED, actor=actor, agency=case.agency, target=remedy, note=note)
    return remedy


def conclude_remedy(actor, remedy: Remedy, *, result: str, concluded_on: date | None) -> Remedy:
    require_handler(actor, remedy.case)
    if result not in RemedyResult.values:
        raise ValidationError({"result": "请选择结果。"})
    if result != RemedyResult.PENDING and concluded_on is None:
        raise ValidationError({"concluded_on": "请填写审结日期。"})
    if concluded_on and concluded_on < remedy.filed_on:
        raise ValidationError({"concluded_on": "审结日期不能早于申请或起诉日期。"})
    with transaction.atomic():
        before = audit.snapshot(remedy)
        remedy.result, remedy.concluded_on = result, concluded_on if result != RemedyResult.PENDING else None
        remedy.save(update_fields=["result", "concluded_on"])
        changes = audit.diff(before, audit.snapshot(remedy))
        audit.record(FoiAction.REMEDY_UPDATED, actor=actor, agency=remedy.case.agency, target=remedy, changes=changes)
    return remedy
