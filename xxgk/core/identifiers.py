"""Check digits of Chinese identifiers — a pure module, no database.

Two users: application forms (rules.md §2.1: 条例第二十九条 asks for the applicant's identity
document, and we validate 居民身份证号码 and 统一社会信用代码 by their check character) and the
screening before publication (rules.md §1.5), which must tell a real ID or bank card number from
any other long number. Validators are strict: ASCII only, no spaces. Callers holding user input
pass it through :func:`normalize_identifier` first (full-width digits are common in Chinese text).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# GB 11643-1999 §6: 居民身份证号码 = 6-digit region code + 8-digit birth date + 3-digit sequence
# + check character. Weight of position i (1-based, from the left) is 2^(18-i) mod 11.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)

# GB 32100-2015: 统一社会信用代码 = 登记管理部门代码 (1) + 机构类别代码 (1) + 登记管理机关行政区划码 (6)
# + 主体标识码 (9, the old 组织机构代码) + check character, over 31 characters (no I, O, S, V, Z).
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# First two digits of a 15-digit (pre-1999) ID: the province codes of GB/T 2260 in use then.
OLD_ID_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
)

_RESIDENT_ID_SHAPE = re.compile(r"[0-9]{17}[0-9Xx]")
_OLD_ID_SHAPE = re.compile(r"[0-9]{15}")
_DIGITS = re.compile(r"[0-9]+")
_USCC_SHAPE = re.compile(rf"[{USCC_CHARSET}]{{18}}")


def normalize_identifier(value: str) -> str:
    """Form input → the canonical shape: NFKC (full-width → ASCII), no whitespace, upper case."""
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def resident_id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def _birth_date(yyyymmdd: str, today: date) -> date | None:
    """A plausible birth date: a real calendar date from 1900 up to today, else None."""
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    if born.year < 1900 or born > today:
        return None
    return born


def resident_id_error(value: str, *, today: date | None = None) -> str | None:
    """Why ``value`` is not a valid 18-digit 居民身份证号码, in Chinese; None when it is valid.

    Checks, in the order a person fixes them: length, characters, region code (first digit 1–9;
    9 is used by the 2023 外国人永久居留身份证, which shares the format), birth date, check digit.
    A lower-case ``x`` is accepted: people type it and it is unambiguous.
    """
    if len(value) != 18:
        return "身份证号码应为18位"
    if not _RESIDENT_ID_SHAPE.fullmatch(value):
        return "身份证号码前17位应为数字，最后一位应为数字或X"
    if value[0] == "0":
        return "身份证号码的地址码不正确"
    if _birth_date(value[6:14], today or date.today()) is None:
        return "身份证号码中的出生日期不正确"
    if resident_id_check_char(value[:17]) != value[17].upper():
        return "身份证号码校验位不正确"
    return None


def is_valid_resident_id(value: str, *, today: date | None = None) -> bool:
    """True for an 18-digit 居民身份证号码 with a plausible birth date and a correct check digit."""
    return resident_id_error(value, today=today) is None


def is_plausible_old_resident_id(value: str) -> bool:
    """True for a 15-digit pre-1999 ID: a known province code and a real 19YYMMDD birth date.

    The old format has no check digit, so this is only plausibility; it is meant for screening
    (a false alarm costs a reviewer a click), never to accept an applicant's document.
    """
    if not _OLD_ID_SHAPE.fullmatch(value) or int(value[:2]) not in OLD_ID_PROVINCES:
        return False
    return _birth_date("19" + value[6:12], date.today()) is not None


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters (upper case)."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_error(value: str) -> str | None:
    """Why ``value`` is not a valid 统一社会信用代码, in Chinese; None when it is valid.

    Lower case is accepted (upper-cased before checking). Characters 3–8 must be digits: they are
    the registering authority's 行政区划码, which keeps random 18-character strings out.
    """
    code = value.upper()
    if len(code) != 18:
        return "统一社会信用代码应为18位"
    if not _USCC_SHAPE.fullmatch(code):
        return "统一社会信用代码含有无效字符（不使用I、O、S、V、Z）"
    if not _DIGITS.fullmatch(code[2:8]):
        return "统一社会信用代码第3至8位应为行政区划码"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验码不正确"
    return None


def is_valid_uscc(value: str) -> bool:
    """True for a 统一社会信用代码 with a correct GB 32100-2015 check character."""
    return uscc_error(value) is None


def luhn_ok(digits: str) -> bool:
    """The Luhn (ISO/IEC 7812-1) check over a string of ASCII digits."""
    if not _DIGITS.fullmatch(digits):
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_valid_bank_card(value: str) -> bool:
    """True for 16–19 ASCII digits passing Luhn — the shape of Chinese debit and credit cards."""
    return 16 <= len(value) <= 19 and luhn_ok(value)
