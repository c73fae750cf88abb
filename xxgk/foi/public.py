"""The public's side of 依申请公开: applying online and looking up an application's status
(条例第二十九条, 第三十一条; rules.md §2.1–2.2).

There is no staff actor: the case is written by the same ``registration.create_case`` as a staff
registration, with actor None (the event and the audit row carry no user, the audit row the IP).
A 网络 application waits for confirmation (条例第三十一条: the day both sides confirm is the receipt day).

The applicant gets a private **query code** once, on the confirmation page; only its keyed hash is
stored. :func:`lookup` answers the same ``None`` for an unknown number and a wrong code, and compares
hashes in constant time. Both submitting and looking up are rate-limited per IP through the cache.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError

from xxgk.core.models import Agency
from xxgk.foi.display import mask_id_number
from xxgk.foi.fields import keyed_hash
from xxgk.foi.models import Case
from xxgk.foi.services.events import case_clock, today
from xxgk.foi.services.registration import ApplicantData, RequestedInfo, clean_applicant, create_case
from xxgk.foi.vocabulary import CaseState, Channel, IdentityDocument

# No 0/O, 1/I/L: a code read out over the phone or copied from paper stays unambiguous.
QUERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 12  # 31^12 ≈ 2^59
SUBMISSIONS_PER_HOUR = 5
LOOKUPS_PER_HOUR = 20
_HOUR = 3600
_NAME_FROM_DESCRIPTION = 60

APPLICANT_FIELDS = ("kind", "name", "id_kind", "id_number", "phone", "email", "address", "postcode")
REQUEST_FIELDS = ("information_name", "document_number", "description")

# What the applicant reads on the status page, by state (plain Chinese, no internal vocabulary).
STATE_EXPLANATIONS = {
    CaseState.WAITING_CONFIRMATION: (
        "申请已提交，等待工作人员与您联系确认收到申请。双方确认之日为收到申请之日，答复期限自次日起算。"
    ),
    CaseState.OPEN: "申请已受理，正在办理。",
    CaseState.WAITING_CORRECTION: "申请内容需要补正，请按补正告知书的要求在期限内补正。",
    CaseState.IN_CONSULTATION: "正在征求第三方或其他机关的意见，征求意见所需时间不计入答复期限。",
    CaseState.WAITING_FEE: "请按收费通知书的要求缴纳信息处理费。",
    CaseState.DECIDED: "已作出答复，请查收答复告知书。",
    CaseState.CLOSED: "已办结。",
}


class RateLimited(ValidationError):
    """Too many submissions or lookups from one IP address in the last hour."""


def _allow(bucket: str, ip: str, limit: int) -> bool:
    """Count one attempt of ``bucket`` from ``ip``; False once ``limit`` attempts fell in this hour."""
    key = f"foi-rate:{bucket}:{ip or '-'}"
    cache.add(key, 0, _HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, _HOUR)
        count = 1
    return count <= limit


def new_query_code() -> str:
    raw = "".join(secrets.choice(QUERY_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, QUERY_CODE_LENGTH, 4))


def query_code_hash(code: str) -> str:
    """Keyed hash of a query code, normalised (case, spaces and dashes do not matter)."""
    return keyed_hash(b"foi-query-code", "".join(c for c in code.upper() if c.isalnum()))


def other_channels(agency: Agency) -> list[str]:
    """The ways to apply that the agency's 公开指南 announces besides the internet (当面 and 邮寄 always)."""
    address = agency.office_address or "本机关政府信息公开工作机构"
    channels = [f"当面提交：到{address}填写申请表。", f"邮寄：写明“政府信息公开申请”寄至{address}。"]
    if agency.accepts_fax and agency.office_fax:
        channels.append(f"传真：{agency.office_fax}，并电话确认。")
    if agency.office_phone:
        channels.append(f"咨询电话：{agency.office_phone}。")
    return channels


def _requested(data: Mapping[str, str]) -> RequestedInfo:
    name = (data.get("information_name") or "").strip()
    description = (data.get("description") or "").strip()
    if not name and not description:
        raise ValidationError({"information_name": "请至少填写所需信息的名称或内容描述中的一项。"})
    if not name:  # the case list needs a title; the description is the applicant's own words
        name = description[:_NAME_FROM_DESCRIPTION] + ("……" if len(description) > _NAME_FROM_DESCRIPTION else "")
    return RequestedInfo(name, (data.get("document_number") or "").strip(), description)


def _applicant(data: Mapping[str, str]) -> ApplicantData:
    return ApplicantData(**{f: data.get(f) or "" for f in APPLICANT_FIELDS})


def input_errors(data: Mapping[str, str]) -> dict[str, list[str]]:
    """Every problem with the applicant and the request at once (nothing saved), so the form can show
    them together with its own errors instead of one round at a time."""
    errors: dict[str, list[str]] = {}
    for check in (lambda: clean_applicant(_applicant(data)), lambda: _requested(data)):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    return errors


def submit_online(agency: Agency, data: Mapping[str, str], *, ip: str) -> tuple[Case, str]:
    """File a 网络 application; returns the case and its query code (shown once, never stored in clear).

    ``data`` holds the form's fields (:data:`APPLICANT_FIELDS`, :data:`REQUEST_FIELDS`, ``form_wanted``,
    ``delivery_method``). Refused with a Chinese ValidationError when the agency takes no online
    applications, when the input is wrong, or (:class:`RateLimited`) after too many submissions.
    """
    if not agency.accepts_online:
        raise ValidationError(
            f"{agency.name}未在政府信息公开指南中公布网络申请渠道，请通过以下方式提出申请："
            + "".join(other_channels(agency))
        )
    if not _allow("submit", ip, SUBMISSIONS_PER_HOUR):
        raise RateLimited(f"同一网络地址一小时内最多提交{SUBMISSIONS_PER_HOUR}件申请，请稍后再试或通过其他渠道提交。")
    code = new_query_code()
    case = create_case(
        None,
        agency,
        channel=Channel.ONLINE,
        arrived_on=today(),
        applicant=_applicant(data),
        request=_requested(data),
        form_wanted=data.get("form_wanted") or "",
        delivery_method=data.get("delivery_method") or "",
        note="申请人通过本平台在线提交",
        query_code_hash=query_code_hash(code),
    )
    return case, code


_DUMMY_HASH = "0" * 64


def lookup(case_number: str, query_code: str, *, ip: str) -> Case | None:
    """The case with this number if ``query_code`` is its code; None otherwise (no hint which was wrong).

    Raises :class:`RateLimited` after :data:`LOOKUPS_PER_HOUR` attempts from one IP in an hour.
    """
    if not _allow("lookup", ip, LOOKUPS_PER_HOUR):
        raise RateLimited(f"同一网络地址一小时内最多查询{LOOKUPS_PER_HOUR}次，请一小时后再试。")
    case = (
        Case.objects.filter(number=case_number.strip(), channel=Channel.ONLINE)
        .exclude(query_code_hash="")
        .select_related("agency", "applicant")
        .first()
    )
    given = query_code_hash(query_code)  # hashed whether or not the case exists: the same work either way
    stored = case.query_code_hash if case is not None else _DUMMY_HASH
    return case if hmac.compare_digest(given, stored) and case is not None else None


@dataclass(frozen=True)
class PublicStatus:
    """What the applicant may see of their own case: no contact data, the ID number masked."""

    number: str
    agency_name: str
    applicant_name: str
    id_kind: str
    id_number_masked: str
    information_name: str
    arrived_on: date
    received_on: date | None
    state: str
    explanation: str
    reply_due: date | None
    due_provisional: bool


def public_status(case: Case) -> PublicStatus:
    clock = case_clock(case)
    applicant = case.applicant
    return PublicStatus(
        number=case.number,
        agency_name=case.agency.name,
        applicant_name=applicant.name,
        id_kind=applicant.get_id_kind_display(),
        # masked even for a 统一社会信用代码 (mask_id_number shows those to staff): whoever holds the
        # query code sees as little as possible
        id_number_masked=mask_id_number(
            IdentityDocument.OTHER if applicant.id_kind == IdentityDocument.USCC else applicant.id_kind,
            applicant.id_number,
        ),
        information_name=case.information_name,
        arrived_on=case.arrived_on,
        received_on=case.received_on,
        state=CaseState(case.state).label,
        explanation=STATE_EXPLANATIONS[CaseState(case.state)],
        reply_due=clock.reply_due if clock else None,
        due_provisional=bool(clock and clock.provisional),
    )
