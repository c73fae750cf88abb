"""Receiving applications: registration with the receipt-date rules of 条例第三十一条 (rules.md §2.2),
confirmation with the applicant, 一事一申请 splitting, assignment and transfer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xxgk.core import audit, serials
from xxgk.core.identifiers import normalize_identifier, resident_id_error, uscc_error
from xxgk.core.models import Agency
from xxgk.foi import permissions
from xxgk.foi.fields import identity_hash
from xxgk.foi.models import Applicant, Case, ConfirmationAttempt
from xxgk.foi.services.events import CLOCK_TYPES, append, require, require_handler, require_state, today
from xxgk.foi.vocabulary import (
    ACTIVE_STATES,
    CONFIRMATION_CHANNELS,
    ApplicantType,
    CaseEventType,
    CaseState,
    Channel,
    DeliveryMethod,
    IdentityDocument,
    InformationForm,
)

CASE_SERIAL_KIND = "foi_case"


@dataclass
class ApplicantData:
    """条例第二十九条（一）: name, identity document, contact."""

    kind: str
    name: str
    id_kind: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    contact_person: str = ""


@dataclass
class RequestedInfo:
    """条例第二十九条（二）: the information sought."""

    information_name: str
    document_number: str = ""
    description: str = ""


def case_number(agency: Agency, year: int) -> str:
    """申请编号 ``<机构代码>-<年份>-<5位流水号>``, gap-free per agency and year (core.serials)."""
    return f"{agency.code}-{year}-{serials.allocate(agency, CASE_SERIAL_KIND, year):05d}"


def clean_applicant(data: ApplicantData) -> Applicant:
    """Normalise and check 条例第二十九条（一）; an unsaved Applicant, or a ValidationError by field."""
    errors: dict[str, str] = {}
    for f in fields(data):
        setattr(data, f.name, (getattr(data, f.name) or "").strip())
    if data.kind not in ApplicantType.values:
        errors["kind"] = "请选择申请人类型。"
    if not data.name:
        errors["name"] = "请填写申请人姓名或名称。"
    if data.id_kind not in IdentityDocument.values:
        errors["id_kind"] = "请选择证件类型。"
    number = data.id_number
    if data.id_kind in (IdentityDocument.RESIDENT_ID, IdentityDocument.USCC):
        number = normalize_identifier(number)
        check = resident_id_error if data.id_kind == IdentityDocument.RESIDENT_ID else uscc_error
        if problem := check(number):
            errors["id_number"] = problem + "。"
    if not number:
        errors["id_number"] = "请填写证件号码。"
    if data.kind == ApplicantType.NATURAL_PERSON and data.id_kind == IdentityDocument.USCC:
        errors["id_kind"] = "自然人应提供个人身份证件，不是统一社会信用代码。"
    if not (data.phone or data.email or data.address):
        errors["phone"] = "请至少填写一种联系方式（电话、电子邮箱或通信地址）。"
    if errors:
        raise ValidationError(errors)
    return Applicant(**{**asdict(data), "id_number": number}, id_hash=identity_hash(number))


def _clean_request(info: RequestedInfo) -> None:
    if not info.information_name.strip():
        raise ValidationError({"information_name": "请填写所需政府信息的名称。"})


def _receipt_date(agency: Agency, channel: str, arrived_on: date, received_on: date | None) -> date | None:
    """收到申请之日 by channel (条例第三十一条); None while confirmation with the applicant is pending."""
    if channel not in Channel.values:
        raise ValidationError({"channel": "请选择申请渠道。"})
    if channel == Channel.ONLINE and not agency.accepts_online:
        raise ValidationError({"channel": f"{agency.name}未在公开指南中公布网络申请渠道。"})
    if channel == Channel.FAX and not agency.accepts_fax:
        raise ValidationError({"channel": f"{agency.name}未在公开指南中公布传真申请渠道。"})
    if channel in (Channel.IN_PERSON, Channel.POST):
        # 当面: the day it is handed in; 邮寄: the day the agency signs for it (到达日期 is the 签收日).
        if received_on not in (None, arrived_on):
            raise ValidationError({"received_on": "当面提交和邮寄（签收）的申请，收到申请之日就是到达（签收）日期。"})
        return arrived_on
    if channel in CONFIRMATION_CHANNELS:
        return None  # 平常信函、网络、传真: the day both sides confirm (``confirm_receipt``)
    if received_on is None:  # 其他 (e.g. an oral request written down by staff)
        raise ValidationError({"received_on": "其他渠道的申请请填写收到申请之日，并在说明中写明依据。"})
    return received_on


def register_application(
    actor,
    agency: Agency,
    *,
    channel: str,
    arrived_on: date,
    applicant: ApplicantData,
    request: RequestedInfo,
    form_wanted: str,
    delivery_method: str,
    received_on: date | None = None,
    handler=None,
    note: str = "",
) -> Case:
    """Register an application received by staff (当面, 邮寄, 平常信函, 网络, 传真, 其他).

    当面 and 邮寄 start the clock on the arrival (signature) day; 平常信函, 网络 and 传真 wait in
    ``waiting_confirmation`` until :func:`confirm_receipt`; 其他 needs the receipt date stated.
    """
    require(permissions.can_handle(actor, agency), "您不是该机关的依申请公开承办人员，不能登记申请。")
    if handler is not None and not permissions.can_handle(handler, agency):
        raise ValidationError({"handler": f"{handler} 不是该机关的依申请公开承办人员。"})
    return create_case(
        actor,
        agency,
        channel=channel,
        arrived_on=arrived_on,
        applicant=applicant,
        request=request,
        form_wanted=form_wanted,
        delivery_method=delivery_method,
        received_on=received_on,
        handler=handler,
        note=note,
    )


def create_case(
    actor,
    agency: Agency,
    *,
    channel: str,
    arrived_on: date,
    applicant: ApplicantData,
    request: RequestedInfo,
    form_wanted: str,
    delivery_method: str,
    received_on: date | None = None,
    handler=None,
    note: str = "",
    query_code_hash: str = "",
) -> Case:
    """Validate and write a new case and its ``received`` event — no permission check: the callers
    (:func:`register_application` for staff, ``foi.public.submit_online`` for the public) make theirs."""
    if arrived_on > today():
        raise ValidationError({"arrived_on": "到达日期不能晚于今天。"})
    person = clean_applicant(applicant)
    _clean_request(request)
    if form_wanted not in InformationForm.values:
        raise ValidationError({"form_wanted": "请选择所需信息的提供形式。"})
    if delivery_method not in DeliveryMethod.values:
        raise ValidationError({"delivery_method": "请选择获取信息的方式。"})
    receipt = _receipt_date(agency, channel, arrived_on, received_on)
    if receipt is not None and receipt < arrived_on:
        raise ValidationError({"received_on": "收到申请之日不能早于到达日期。"})
    with transaction.atomic():
        person.agency = agency
        person.save()
        case = Case.objects.create(
            agency=agency,
            number=case_number(agency, arrived_on.year),
            applicant=person,
            channel=channel,
            arrived_on=arrived_on,
            received_on=receipt,
            form_wanted=form_wanted,
            delivery_method=delivery_method,
            handler=handler,
            state=CaseState.WAITING_CONFIRMATION if receipt is None else CaseState.OPEN,
            query_code_hash=query_code_hash,
            **asdict(request),
        )
        payload = {
            "channel": channel,
            "received_on": receipt.isoformat() if receipt else None,
            "awaiting_confirmation": receipt is None,
        }
        append(actor, case, CaseEventType.RECEIVED, arrived_on, note=note, payload=payload)
    return case


def log_confirmation_attempt(
    actor, case: Case, *, attempted_at: datetime, method: str, reached: bool = False, note: str = ""
) -> ConfirmationAttempt:
    """Log one try to reach the applicant; until someone is reached the clock does not start."""
    require_handler(actor, case)
    require_state(case, CaseState.WAITING_CONFIRMATION, doing="登记确认联系")
    if not method.strip():
        raise ValidationError({"method": "请填写联系方式，例如电话、短信、电子邮件。"})
    with transaction.atomic():
        attempt = ConfirmationAttempt.objects.create(
            case=case, attempted_at=attempted_at, method=method.strip(), reached=reached, note=note, actor=actor
        )
        payload = {"method": attempt.method, "reached": reached}
        on = timezone.localdate(attempted_at) if timezone.is_aware(attempted_at) else attempted_at.date()
        append(actor, case, CaseEventType.CONFIRMATION_ATTEMPTED, on, note=note, payload=payload)
    return attempt


def confirm_receipt(actor, case: Case, *, on: date, note: str = "") -> Case:
    """Both sides confirmed (条例第三十一条第二、三项): that day is the 收到申请之日."""
    require_handler(actor, case)
    require_state(case, CaseState.WAITING_CONFIRMATION, doing="确认收到")
    if on < case.arrived_on:
        raise ValidationError({"on": f"确认日期不能早于到达日期 {case.arrived_on}。"})
    with transaction.atomic():
        case.received_on = on
        append(actor, case, CaseEventType.CONFIRMED, on, note=note, changes={"received_on": [None, on.isoformat()]})
    return case


def split_case(actor, case: Case, items: list[RequestedInfo], *, on: date | None = None, note: str = "") -> list[Case]:
    """一事一申请: split other items off into cases of their own, each linked to ``case`` and counting
    as one 件 (receipt date, channel and applicant are the original's)."""
    require_handler(actor, case)
    require_state(case, CaseState.OPEN, doing="拆分")
    if case.events.filter(type__in=CLOCK_TYPES).exists():
        # each new case starts from the original receipt date; a 补正 or pause on the original would not carry over
        raise ValidationError("拆分应在受理后、补正征求意见等办理步骤之前进行。")
    if not items:
        raise ValidationError("请至少填写一项拆分出的信息。")
    for item in items:
        _clean_request(item)
    on = on or today()
    with transaction.atomic():
        children = []
        for item in items:
            child = Case.objects.create(
                agency=case.agency,
                number=case_number(case.agency, on.year),
                applicant=case.applicant,
                channel=case.channel,
                arrived_on=case.arrived_on,
                received_on=case.received_on,
                form_wanted=case.form_wanted,
                delivery_method=case.delivery_method,
                parent=case,
                handler=case.handler,
                state=CaseState.OPEN,
                **asdict(item),
            )
            payload = {"channel": case.channel, "received_on": case.received_on.isoformat(), "split_from": case.number}
            append(actor, child, CaseEventType.RECEIVED, on, note=f"由 {case.number} 拆分", payload=payload)
            children.append(child)
        append(actor, case, CaseEventType.SPLIT, on, note=note, payload={"cases": [c.number for c in children]})
    return children


def assign(actor, case: Case, handler, *, note: str = "") -> Case:
    require_handler(actor, case)
    require_state(case, *ACTIVE_STATES, doing="指定承办人")
    require(permissions.can_handle_case(handler, case), f"{handler} 不是该机关的依申请公开承办人员。")
    with transaction.atomic():
        before = case.handler.get_username() if case.handler else None
        case.handler = handler
        payload = {"handler": handler.get_username()}
        changes = {"handler": [before, handler.get_username()]}
        append(actor, case, CaseEventType.ASSIGNED, today(), note=note, payload=payload, changes=changes)
    return case


def transfer(actor, case: Case, to_agency: Agency, *, reason: str, on: date | None = None) -> Case:
    """Move a case registered at the wrong agency of the same platform (e.g. by the city's 统一受理)
    before any step of handling; its number and receipt date stay. Outcome 三（四）1 with the right
    agency named is the way to answer an applicant who asked the wrong agency. Never after an answer
    (even a reopened case): the answering agency is the one its report and 复议/诉讼 register count for."""
    require_handler(actor, case)
    require_state(case, CaseState.WAITING_CONFIRMATION, CaseState.OPEN, doing="移交")
    if case.decisions.exists():
        raise ValidationError(
            "本申请已由本机关作出过答复，不能移交；如信息由其他机关掌握，请按三（四）1答复并告知该机关。"
        )
    if to_agency.pk == case.agency_id:
        raise ValidationError({"to_agency": "请选择其他机关。"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写移交原因。"})
    with transaction.atomic():
        source = case.agency
        case.agency, case.handler = to_agency, None
        payload = {"from": source.code, "to": to_agency.code}
        changes = {"agency": [source.name, to_agency.name]}
        event = append(
            actor, case, CaseEventType.TRANSFERRED, on or today(), note=reason, payload=payload, changes=changes
        )
        # ``append`` audits under the new agency; the source agency's trail must show the case leaving too.
        audit.record(f"foi.{event.type}", actor=actor, agency=source, target=case, changes=changes, note=reason)
    return case
