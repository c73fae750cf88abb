"""De-identification of findings before publication — a pure module, no database.

Formats follow rules.md §1.5 (the ones inspections expect to see): phone ``138****1234``,
ID ``35*************123`` (first 2 and last 3 kept, length kept), address truncated to 乡（镇）/街道.
For the kinds §1.5 gives no format for: bank card keeps its first and last 4 digits (the
convention of bank statements); email keeps the first character of the local part and the domain,
with a fixed ``***`` so the length is not revealed; a birth date keeps its shape with every digit
starred (``****年**月**日``). Separators (spaces, hyphens, +86) stay, so the text still reads.

Secrecy marks are never masked: starring 秘密★1年 would hide the problem, not solve it. A reviewer
must clear the mark or reject the document, so masking one raises :class:`UnmaskableFinding`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise

from xxgk.screening.detectors import Finding, FindingKind, address_visible_length, normalize_for_scan

STAR = "*"
ADDRESS_TAIL = "****"  # replaces everything below 乡（镇）/街道, whatever its length
EMAIL_STARS = "***"


class UnmaskableFinding(ValueError):
    """The finding cannot be masked (a secrecy mark): a reviewer must clear or reject it."""


def _star_digits(text: str, keep_first: int, keep_last: int, *, tail: int | None = None) -> str:
    """Star the digits (and X) of ``text`` except the first and last few; separators stay.

    ``tail`` limits the count to the last ``tail`` digits (a mobile number after +86).
    """
    norm = normalize_for_scan(text)
    positions = [i for i, c in enumerate(norm) if c.isascii() and (c.isdigit() or c in "Xx")]
    if tail is not None:
        positions = positions[-tail:]
    hidden = set(positions[keep_first : len(positions) - keep_last])
    return "".join(STAR if i in hidden else c for i, c in enumerate(text))


def _mask_resident_id(text: str) -> str:
    return _star_digits(text, 2, 3)  # §1.5: 35*************123


def _mask_mobile(text: str) -> str:
    return _star_digits(text, 3, 4, tail=11)  # §1.5: 138****1234; a +86 prefix stays as is


def _mask_bank_card(text: str) -> str:
    return _star_digits(text, 4, 4)


def _mask_email(text: str) -> str:
    at = normalize_for_scan(text).index("@")  # the original may have a full-width ＠
    return f"{text[:1]}{EMAIL_STARS}{text[at:]}"


def _mask_birth_date(text: str) -> str:
    return _star_digits(text, 0, 0)  # 1990年1月2日 → ****年*月*日, 1990-01-02 → ****-**-**


def _mask_address(text: str) -> str:
    """Keep up to the last 街道/镇/乡/区/县/市/旗 before the house number; the rest → ``****``."""
    return text[: address_visible_length(text)] + ADDRESS_TAIL


def _refuse(text: str) -> str:
    raise UnmaskableFinding(f"密级或内部标志“{text}”不能遮盖，须由审核人员处理或退回")


_MASKERS: dict[FindingKind, Callable[[str], str]] = {
    FindingKind.RESIDENT_ID: _mask_resident_id,
    FindingKind.MOBILE: _mask_mobile,
    FindingKind.BANK_CARD: _mask_bank_card,
    FindingKind.EMAIL: _mask_email,
    FindingKind.ADDRESS: _mask_address,
    FindingKind.BIRTH_DATE: _mask_birth_date,
    FindingKind.SECRECY_MARK: _refuse,
}


def is_maskable(finding: Finding) -> bool:
    """False for the kinds only a reviewer can resolve (secrecy marks)."""
    return finding.kind != FindingKind.SECRECY_MARK


def masked_text(finding: Finding) -> str:
    """What the finding's span becomes (for a preview next to the original)."""
    return _MASKERS[finding.kind](finding.text)


def _check_current(text: str, finding: Finding) -> None:
    if text[finding.start : finding.end] != finding.text:
        raise ValueError(f"文本已改变，请重新检查（位置 {finding.start}–{finding.end}）")


def mask(text: str, finding: Finding) -> str:
    """``text`` with one finding masked. Refuses a stale finding (the text changed since the scan)."""
    _check_current(text, finding)
    return text[: finding.start] + masked_text(finding) + text[finding.end :]


def mask_all(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with every finding masked, or an exception and nothing masked.

    Works from the end of the text backwards, so that a replacement of another length (address,
    email) never shifts the offsets of the findings still to do.
    """
    ordered = sorted(findings, key=lambda f: f.start, reverse=True)
    for finding in ordered:
        if not is_maskable(finding):
            _refuse(finding.text)
        _check_current(text, finding)
    for later, earlier in pairwise(ordered):
        if earlier.end > later.start:
            raise ValueError(f"检查结果重叠（位置 {earlier.start} 与 {later.start}），无法遮盖")
    for finding in ordered:
        text = mask(text, finding)
    return text
