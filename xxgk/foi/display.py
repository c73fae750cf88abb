"""How applicant data is shown to staff: in clear to handlers, masked to everyone else (rules.md §1.5)."""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.foi import permissions
from xxgk.foi.vocabulary import IdentityDocument
from xxgk.screening.detectors import Finding, FindingKind
from xxgk.screening.masking import masked_text


def _mask(kind: FindingKind, text: str) -> str:
    return masked_text(Finding(kind, 0, len(text), text, "")) if text else ""


def mask_id_number(id_kind: str, number: str) -> str:
    """ID numbers keep the first 2 and last 3 characters (§1.5); a 统一社会信用代码 is not personal data."""
    if id_kind == IdentityDocument.USCC or not number:
        return number
    if id_kind == IdentityDocument.RESIDENT_ID:
        return _mask(FindingKind.RESIDENT_ID, number)
    return number[:2] + "*" * max(len(number) - 5, 1) + number[-3:] if len(number) > 5 else "*" * len(number)


def mask_phone(phone: str) -> str:
    digits = sum(c.isdigit() for c in phone)
    if digits >= 11:
        return _mask(FindingKind.MOBILE, phone)
    return phone[:3] + "*" * max(len(phone) - 5, 0) + phone[-2:] if len(phone) > 5 else "*" * len(phone)


def _mask_email(email: str) -> str:
    return _mask(FindingKind.EMAIL, email) if "@" in email else "*" * len(email)


@dataclass(frozen=True)
class ApplicantView:
    kind: str
    name: str
    id_kind: str
    id_number: str
    contact_person: str
    phone: str
    email: str
    address: str
    postcode: str
    masked: bool


def applicant_for(user, case) -> ApplicantView:
    """The case's applicant as ``user`` may see it."""
    a = case.applicant
    clear = permissions.can_see_identity(user, case)
    return ApplicantView(
        kind=a.get_kind_display(),
        name=a.name,
        id_kind=a.get_id_kind_display(),
        id_number=a.id_number if clear else mask_id_number(a.id_kind, a.id_number),
        contact_person=a.contact_person,
        phone=a.phone if clear else mask_phone(a.phone),
        email=a.email if clear else _mask_email(a.email),
        address=a.address if clear else _mask(FindingKind.ADDRESS, a.address),
        postcode=a.postcode,
        masked=not clear,
    )
