"""The back office's case actions: which form, which service, in which states — one table, so the
case page and the action view cannot disagree. The services still guard every transition; the
``states`` here only decide which forms the page offers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms
from django.utils import timezone

from xxgk.foi import forms, permissions, services
from xxgk.foi.services.proposals import RELEASING_OUTCOMES
from xxgk.foi.vocabulary import ACTIVE_STATES
from xxgk.foi.vocabulary import CaseState as S

HANDLING = {S.OPEN, S.IN_CONSULTATION}
ANSWERED = frozenset({S.DECIDED, S.CLOSED})


@dataclass(frozen=True)
class Action:
    slug: str
    label: str
    form: type[django_forms.Form]
    run: Callable  # (user, case, cleaned_data) -> anything
    states: frozenset[str]
    needs_case: bool = False  # the form takes the case (choices depend on it)
    may: Callable = permissions.can_handle_case  # (user, case) -> bool
    when: Callable = lambda case: True  # (case) -> bool: offered only when it can succeed


def _extension_pending(case) -> bool:
    return services.case_facts(case).extension_requested


def _correction_lapsed(case) -> bool:
    reply_by = services.correction_reply_by(case)
    return reply_by is not None and reply_by < timezone.localdate()


def _fee_delivered(case) -> bool:
    notice = getattr(case, "fee_notice", None)
    return notice is not None and notice.delivered_on is not None


def _call(service: Callable) -> Callable:
    return lambda user, case, data: service(user, case, **data)


def _may_propose(case) -> bool:
    decision = case.decisions.order_by("-decided_on", "-id").first()
    return case.proposed_entry_id is None and decision is not None and decision.outcome in RELEASING_OUTCOMES


def _split(user, case, data):
    items = []
    for line in data["items"].splitlines():
        if line.strip():
            name, _, number = line.partition("|")
            items.append(services.RequestedInfo(name.strip(), number.strip()))
    return services.split_case(user, case, items, on=data["on"])


ACTIONS: tuple[Action, ...] = (
    Action("attempt", "登记确认联系", forms.AttemptForm, _call(services.log_confirmation_attempt),
           frozenset({S.WAITING_CONFIRMATION})),
    Action("confirm", "确认收到申请", forms.NoteForm, _call(services.confirm_receipt),
           frozenset({S.WAITING_CONFIRMATION})),
    Action("assign", "指定承办人", forms.AssignForm, lambda u, c, d: services.assign(u, c, d["handler"]),
           frozenset(ACTIVE_STATES), needs_case=True),
    Action("split", "拆分申请（一事一申请）", forms.SplitForm, _split, frozenset({S.OPEN})),
    Action("correction", "告知补正", forms.CorrectionForm, _call(services.request_correction), frozenset({S.OPEN})),
    Action("correction-received", "登记收到补正", forms.NoteForm, _call(services.receive_correction),
           frozenset({S.WAITING_CORRECTION})),
    Action("consult", "征求意见", forms.ConsultationForm, _call(services.send_consultation), frozenset(HANDLING)),
    Action("consult-answer", "登记征求意见答复", forms.AnswerForm, _call(services.answer_consultation),
           frozenset({S.IN_CONSULTATION}), needs_case=True),
    Action("consult-lapse", "登记逾期未提出意见", forms.PartyForm, _call(services.lapse_consultation),
           frozenset({S.IN_CONSULTATION}), needs_case=True),
    Action("extension", "申请延期", forms.ExtensionForm, _call(services.request_extension),
           frozenset(HANDLING | {S.WAITING_FEE})),
    Action("extension-approve", "批准延期（负责人）", forms.NoteForm, _call(services.approve_extension),
           frozenset(HANDLING | {S.WAITING_FEE}), may=permissions.can_approve_extension, when=_extension_pending),
    Action("extension-refuse", "不同意延期（负责人）", forms.RefusalForm, _call(services.refuse_extension),
           frozenset(HANDLING | {S.WAITING_FEE}), may=permissions.can_approve_extension, when=_extension_pending),
    Action("later-date", "确定延迟答复期限（第三十五条）", forms.LaterDateForm, _call(services.announce_later_date),
           frozenset(HANDLING)),
    Action("fee-notice", "发出收费通知", forms.FeeNoticeForm, _call(services.send_fee_notice), frozenset({S.OPEN})),
    Action("fee-delivered", "登记收费通知送达", forms.NoteForm, _call(services.deliver_fee_notice),
           frozenset({S.WAITING_FEE}), when=lambda case: not _fee_delivered(case)),
    Action("fee-paid", "登记缴费", forms.PaymentForm, _call(services.record_fee_payment), frozenset({S.WAITING_FEE}),
           when=_fee_delivered),
    Action("decide", "作出答复", forms.DecideForm, _call(services.decide),
           frozenset(HANDLING | {S.WAITING_CORRECTION, S.WAITING_FEE})),
    Action("no-correction", "确认逾期不补正并办结", forms.OnForm, _call(services.close_lapsed_correction),
           frozenset({S.WAITING_CORRECTION}), when=_correction_lapsed),
    Action("close", "办结", forms.NoteForm, _call(services.close), frozenset({S.DECIDED})),
    Action("reopen", "重新办理", forms.ReasonForm, _call(services.reopen), ANSWERED),
    Action("transfer", "移交其他机关", forms.TransferForm,
           lambda u, c, d: services.transfer(u, c, d["to_agency"], reason=d["reason"], on=d["on"]),
           frozenset({S.WAITING_CONFIRMATION, S.OPEN})),
    Action("propose", "建议转为主动公开（第四十四条，生成政府信息草稿）", django_forms.Form,
           lambda u, c, d: services.propose_publication(u, c), ANSWERED, when=_may_propose),
    Action("remedy", "登记复议或诉讼", forms.RemedyForm, _call(services.record_remedy), ANSWERED),
    Action("remedy-result", "登记复议或诉讼结果", forms.ConcludeRemedyForm,
           lambda u, c, d: services.conclude_remedy(u, d["remedy"], result=d["result"], concluded_on=d["concluded_on"]),
           ANSWERED | {S.OPEN}, needs_case=True, when=lambda case: case.remedies.exists()),
)  # fmt: skip
ACTIONS_BY_SLUG = {a.slug: a for a in ACTIONS}


def make_form(action: Action, case, data=None) -> django_forms.Form:
    kwargs = {"case": case} if action.needs_case else {}
    return action.form(data, prefix=action.slug, **kwargs)


def available(user, case) -> list[Action]:
    """The actions the case page offers this user now."""
    return [a for a in ACTIONS if case.state in a.states and a.may(user, case) and a.when(case)]
