"""Personal data and secrecy marks in text about to be published — a pure module, no database.

rules.md §1.5: personal information is de-identified before publication, and inspections flag full
身份证号码, 手机号码, 银行卡号 and detailed home addresses; birth dates next to names and email addresses
are scanned too; 统一社会信用代码 is NOT personal data; secrecy marks (绝密, 机密, 秘密, ★, 内部, 内部资料,
注意保存) block publication until a reviewer clears them (条例第十四条, 第十七条 保密审查).

:func:`scan` returns :class:`Finding` objects; the catalog workflow shows them to the reviewer, who
masks them (``xxgk.screening.masking``), edits the text, or justifies publishing as is (an agency's
own office address in its 指南 is the usual case). Detectors lean towards precision: a false alarm
costs a click, but a detector that cries wolf on every document trains reviewers to click blindly.

Government text often uses full-width digits and letters. :func:`normalize_for_scan` maps them to
ASCII one character for one character, so every offset found in the normalised text is also an
offset into the original text. Patterns below therefore use ASCII punctuation (``:`` ``,`` ``(``)
where the original may have ``：`` ``，`` ``（``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from xxgk.core.identifiers import (
    is_plausible_old_resident_id,
    is_valid_bank_card,
    is_valid_resident_id,
    is_valid_uscc,
)


class FindingKind(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证号码
    MOBILE = "mobile"  # 手机号码
    BANK_CARD = "bank_card"  # 银行卡号
    EMAIL = "email"  # 电子邮箱
    ADDRESS = "address"  # 详细住址
    BIRTH_DATE = "birth_date"  # 出生日期
    SECRECY_MARK = "secrecy_mark"  # 密级标志 / 内部资料标志


@dataclass(frozen=True)
class Finding:
    """One hit: ``text == scanned_text[start:end]`` (offsets into the original, un-normalised text)."""

    kind: FindingKind
    start: int
    end: int
    text: str
    message: str


class _Span(NamedTuple):
    kind: FindingKind
    start: int
    end: int
    message: str  # may contain "{text}", filled with the original text of the span


# When two candidate spans overlap, the kind earlier in this tuple wins (then the longer span):
# a secrecy mark must never be hidden by anything; an 18-digit ID is not also a bank card; an
# email whose local part is a phone number is reported once, as the email.
_PRECEDENCE = (
    FindingKind.SECRECY_MARK,
    FindingKind.RESIDENT_ID,
    FindingKind.BANK_CARD,
    FindingKind.EMAIL,
    FindingKind.MOBILE,
    FindingKind.BIRTH_DATE,
    FindingKind.ADDRESS,
)

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

# Dashes people type between digit groups (138‐1234‐5678); the em dash "—" is Chinese punctuation
# and deliberately left alone.
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63", "-")


def _normalize_char(c: str) -> str:
    """NFKC for full-width forms and ideographic space only, and only when it yields one character.

    Limited to U+3000, U+FE30–FE6F and U+FF00–FFEF on purpose: NFKC also turns ① into 1 and
    ² into 2, which would glue list markers to neighbouring numbers and fake long digit runs.
    """
    if c in _DASHES:
        return _DASHES[c]
    code = ord(c)
    if code == 0x3000 or code == 0xA0 or 0xFE30 <= code <= 0xFE6F or 0xFF00 <= code <= 0xFFEF:
        folded = unicodedata.normalize("NFKC", c)
        if len(folded) == 1:
            return folded
    return c


def normalize_for_scan(text: str) -> str:
    """The text with full-width digits, letters and punctuation in ASCII; same length, same offsets."""
    return "".join(_normalize_char(c) for c in text)


# ---------------------------------------------------------------------------------------------
# Identity numbers and bank cards
# ---------------------------------------------------------------------------------------------

# 18 characters = 17 digits + digit/X (GB 11643), optionally written 6-8-4 with single spaces
# (110105 19491231 002X), or 15 digits (the pre-1999 format). The look-arounds forbid a letter or
# digit on either side, so a slice of a longer number, of a URL or of a code is never taken.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{6} ?[0-9]{8} ?[0-9]{3}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")

# 16–19 digits written solid; the look-arounds forbid adjacent letters and digits.
_CARD_SOLID_RE = re.compile(r"(?<![0-9A-Za-z])[0-9]{16,19}(?![0-9A-Za-z])")
# The same in groups of four separated by one space or hyphen, the same separator throughout
# (6222 0212 3456 7890 123). The outer look-arounds also reject a further group, so a 20-digit
# grouped number does not yield a 16-digit card.
_CARD_GROUPED_RE = re.compile(
    r"(?<![0-9A-Za-z])(?<![0-9][ -])[0-9]{4}([ -])[0-9]{4}(?:\1[0-9]{4}){2}(?:\1[0-9]{1,3})?"
    r"(?![0-9A-Za-z])(?![ -][0-9])"
)

# A label right before an all-digit number saying it is an organisation's code, not a person's:
# 统一社会信用代码 (GB 32100), the old 组织机构代码 and 15-digit 工商注册号, 纳税人识别号.
_ORG_CODE_LABEL_RE = re.compile(
    r"(?:统一社会信用代码|信用代码|组织机构代码|纳税人识别号|税号|注册号|营业执照号码?)[^。;\n]{0,6}$"
)


def _labelled_as_org_code(norm: str, start: int) -> bool:
    return _ORG_CODE_LABEL_RE.search(norm, max(0, start - 24), start) is not None


def _resident_ids(norm: str, today: date | None) -> Iterator[_Span]:
    """Full ID numbers with a valid check digit and birth date (15-digit: valid birth date).

    Does not flag: a number inside a longer digit run; an 18-digit number with a wrong check digit
    or an impossible birth date; a number that is a valid 统一社会信用代码 *and* is labelled as an
    organisation code just before it. An unlabelled number valid as both is flagged: the ID check
    (checksum, birth date, region) is the stronger evidence, and missing an ID is the worse error.
    """
    for m in _ID_RE.finditer(norm):
        compact = m.group().replace(" ", "")
        if len(compact) == 18:
            if not is_valid_resident_id(compact, today=today):
                continue
            if is_valid_uscc(compact) and _labelled_as_org_code(norm, m.start()):
                continue
            yield _Span(FindingKind.RESIDENT_ID, m.start(), m.end(), "发现完整的身份证号码")
        elif is_plausible_old_resident_id(compact) and not _labelled_as_org_code(norm, m.start()):
            yield _Span(FindingKind.RESIDENT_ID, m.start(), m.end(), "发现完整的身份证号码（15位旧号码）")


def _bank_cards(norm: str) -> Iterator[_Span]:
    """16–19 digits passing Luhn.

    Does not flag: a failing Luhn check; an 18-digit number that is a valid 统一社会信用代码 (those
    are far more common in government text than 18-digit cards; most Chinese cards have 16 or 19).
    IDs win any overlap (see ``_PRECEDENCE``).
    """
    for regex in (_CARD_SOLID_RE, _CARD_GROUPED_RE):
        for m in regex.finditer(norm):
            digits = re.sub(r"[ -]", "", m.group())
            if is_valid_bank_card(digits) and not is_valid_uscc(digits):
                yield _Span(FindingKind.BANK_CARD, m.start(), m.end(), "发现完整的银行卡号")


# ---------------------------------------------------------------------------------------------
# Mobile phones and email
# ---------------------------------------------------------------------------------------------

# Mainland mobile: 1, then 3–9, then 9 digits (1[3-9]\d{9}); optionally +86 / 0086 / 86 in front
# and one space or hyphen after the 3rd and the 7th digit (138-1234-5678, +86 138 1234 5678).
# No digit may touch either end, so a mobile-looking slice of a longer number is not matched, and
# landlines (0421-2812345: area code starting with 0, 7–8 digit number) never fit the pattern.
_MOBILE_RE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")

# local@domain.tld: an ASCII local part (letters, digits, . _ % + -), dot-separated domain labels
# (letters, digits, inner hyphens) and a final label of 2+ letters. The look-behind keeps the
# whole local part in the span; the look-ahead stops a longer domain from being cut short.
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])"
)


def _mobiles(norm: str) -> Iterator[_Span]:
    """Mobile numbers. Does not flag landlines, 400/800 numbers, or digits inside longer numbers."""
    for m in _MOBILE_RE.finditer(norm):
        yield _Span(FindingKind.MOBILE, m.start(), m.end(), "发现完整的手机号码")


def _emails(norm: str) -> Iterator[_Span]:
    """Email addresses — an agency's public mailbox too: the reviewer justifies it once."""
    for m in _EMAIL_RE.finditer(norm):
        yield _Span(FindingKind.EMAIL, m.start(), m.end(), "发现电子邮箱地址")


# ---------------------------------------------------------------------------------------------
# Detailed addresses
# ---------------------------------------------------------------------------------------------

_CJK = r"\u4e00-\u9fff"
# A way or a residential block that a house number hangs on: 路, 街, 村, 小区… (longest first).
_WAY = r"(?:大街|大道|胡同|小区|社区|花园|公寓|大厦|广场|新村|家园|路|街|道|巷|弄|里|村|屯|苑|园|院|组)"
# Sections between the way and the house number: 四段, 5组, 3巷, 2期 (Arabic or Chinese numerals).
_SEG = r"(?:[0-9]+|[零〇一二三四五六七八九十百两]+)(?:段|巷|弄|组|队|社|排|期|区|街)"
# The house number proper. 号 is not a house number when a 文号 follows (1号文件, 3号令) or a
# 号线/号码. Chinese numerals only with 号/号楼/号院/栋/幢/单元, so that 全村五十户, 村里两户
# and the like stay ordinary text; 户 is not a unit at all (全村128户 is a statistic).
_HOUSE_NO = "号(?![文令线码件])"
_UNIT_AR = rf"(?:号楼|号院|{_HOUSE_NO}|栋|幢|座|单元|层|楼|室)"
_UNIT_CN = rf"(?:号楼|号院|{_HOUSE_NO}|栋|幢|单元)"
_HOUSE = (
    rf"(?:{_SEG})*"
    rf"(?:[0-9]+(?:-[0-9]+)?{_UNIT_AR}|[零〇一二三四五六七八九十百两]+{_UNIT_CN})"  # 12号, 1-3号, 三号楼
    rf"(?:-?(?:[0-9]+|[A-Za-z]){_UNIT_AR})*"  # then 3单元, 502室, A座, -2层
)
# Up to 20 Chinese characters of place name (no punctuation: it starts at the previous comma or
# colon), a way, then the house number. Plain place names without a number never match.
_ADDRESS_RE = re.compile(rf"[{_CJK}]{{0,20}}{_WAY}(?P<house>{_HOUSE})")
# Words that introduce an address; the finding starts after the last of them.
_ADDRESS_LEAD_RE = re.compile(
    r".*(?:住址|地址|家住|住在|现住|居住在|居住于|居住|住所|户籍地|位于|坐落于|坐落在|地处|设在|搬至|迁至)"
)
# The 乡（镇）/街道 level and above, which may stay visible (rules.md §1.5). 区 of 小区/社区/园区…
# and 市 of 城市/超市/市场… are not administrative levels, nor is a level word with no name before
# it (镇江路12号: the 镇 starts the road's name).
_ADMIN_LEVEL_RE = re.compile(rf"(?<=[{_CJK}])(?:街道|镇|乡|(?<![小社园校厂矿景城])区|县|(?<![城超门])市(?![场民])|旗)")


def _addresses(norm: str) -> Iterator[_Span]:
    """Addresses detailed below 乡（镇）/街道: a way or block plus a house number.

    Does not flag: place names without a number (捧乍镇老厂村); 村5组 without a house number;
    文号 (国办发〔2019〕60号, 1号文件); household counts (全村128户). Does flag an agency's own
    office address in its 指南 or report — the reviewer justifies it.
    """
    for m in _ADDRESS_RE.finditer(norm):
        start = m.start()
        lead = _ADDRESS_LEAD_RE.match(norm, start, m.start("house"))
        if lead is not None:
            start = lead.end()
        yield _Span(FindingKind.ADDRESS, start, m.end(), "发现详细住址（具体到门牌号）")


def address_visible_length(address: str) -> int:
    """How many leading characters of a detected address may stay: up to 乡（镇）/街道 level.

    The cut is after the last 街道/镇/乡/区/县/市/旗 that precedes the house number part; 0 when
    there is none (e.g. a bare 文化路12号), so the whole address gets masked.
    """
    norm = normalize_for_scan(address)
    m = _ADDRESS_RE.search(norm)
    house_start = m.start("house") if m else len(norm)
    visible = 0
    # Levels may end right where the number starts (新华街道12号), never inside it.
    for level in _ADMIN_LEVEL_RE.finditer(norm, 0, house_start):
        visible = level.end()
    return visible


# ---------------------------------------------------------------------------------------------
# Birth dates
# ---------------------------------------------------------------------------------------------

# A date with an explicit year 1900–2099: 1990年1月2日 / 1990年1月 / 1990-01-02 / 1990.01.02 /
# 1990/1/2 / 1990.01 (the separator repeated). No digit may touch either end.
_DATE_RE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})"
    r"(?:年(?P<m1>[0-9]{1,2})月(?:(?P<d1>[0-9]{1,2})日)?"
    r"|(?P<sep>[-./])(?P<m2>[0-9]{1,2})(?:(?P=sep)(?P<d2>[0-9]{1,2}))?)"
    r"(?![0-9])"
)
_STOP = r"[^。;!?\n]"  # the context must be in the same sentence as the date
# Birth wording before the date (出生日期: 1990-01-02, 生于1990年). 发生于/产生于/学生于… are not.
_BIRTH_BEFORE_RE = re.compile(
    rf"(?:出生日期|出生年月日?|出生时间|出生于|出生在|生日|(?<![出发产衍派萌学诞])生于){_STOP}{{0,10}}$"
)
# Birth wording right after the date (1975年6月生, 1990年1月2日出生); 出生率/出生人口 are statistics.
_BIRTH_AFTER_RE = re.compile(r"\s?(?:出生(?![率人缺婴医证])|生(?![产效活态成长猪源物鲜命病]))")
# A person is being described: 姓名, 性别, 同志, or 男/女 standing alone (张三，男，) — not 妇女, 子女.
_PERSON = rf"(?:姓名|性别|同志|(?<![{_CJK}])[男女](?![{_CJK}]))"
_PERSON_BEFORE_RE = re.compile(rf"{_PERSON}{_STOP}{{0,10}}$")
# After the date only within the same clause: in 2019年3月1日，李四同志… the date is not his.
_PERSON_AFTER_RE = re.compile(rf"[^。;!?\n,、]{{0,10}}?{_PERSON}")
# 于2019年3月1日, 自2019年… : a preposition makes the date an event's (李四同志于…调任).
_EVENT_PREPOSITIONS = frozenset("于在自从至到止")


def _real_date(m: re.Match[str]) -> bool:
    month = int(m.group("m1") or m.group("m2"))
    day = m.group("d1") or m.group("d2")
    try:
        date(int(m.group("y")), month, int(day) if day else 1)
    except ValueError:
        return False
    return True


def _birth_dates(norm: str) -> Iterator[_Span]:
    """Birth dates of people, decided by the words around the date (within 10 characters).

    Flags a date (year and month at least) with birth wording next to it (出生日期, 出生于, 生于,
    …年…月生, …出生), and a full date (year, month, day) within 10 characters of a person context
    (姓名, 性别, 同志, a standalone 男/女) in the same sentence. Names themselves cannot be
    recognised reliably, so these cue words stand in for them. A person-context date right after
    a preposition (于/在/自/从/至/到/止) is an event's date (李四同志于2019年3月1日调任) and is
    skipped; other event dates beside 同志 remain possible false alarms the reviewer clears.

    Does not flag: a year alone (1968年生); dates written in Chinese numerals (一九九〇年);
    发生于/产生于 dates; 出生率 or 出生人口 statistics; 生产/生效/生猪… after a date; reporting
    periods (2012年1月1日至2012年12月31日).
    """
    for m in _DATE_RE.finditer(norm):
        if not _real_date(m):
            continue
        start, end = m.span()
        full = bool(m.group("d1") or m.group("d2"))
        window_start = max(0, start - 30)
        birth = (
            _BIRTH_BEFORE_RE.search(norm, window_start, start) is not None
            or _BIRTH_AFTER_RE.match(norm, end) is not None
        )
        person = (
            full
            and norm[start - 1 : start] not in _EVENT_PREPOSITIONS
            and (
                _PERSON_BEFORE_RE.search(norm, window_start, start) is not None
                or _PERSON_AFTER_RE.match(norm, end, min(len(norm), end + 30)) is not None
            )
        )
        if birth or person:
            yield _Span(FindingKind.BIRTH_DATE, start, end, "发现与个人相关的出生日期")


# ---------------------------------------------------------------------------------------------
# Secrecy marks
# ---------------------------------------------------------------------------------------------

_MARK_WORD = r"(?:绝密|机密|秘密|内部文件|内部资料|内部|注意保存)"
_OPEN = r"[【\[(〔<]"
_CLOSE = r"[】\])〕>]"
_SECRECY_RES = (
    # 密级★保密期限 as GB/T 9704 prints it, wherever it stands: 秘密★1年, 机密★10年, 绝密★长期, 内部★.
    re.compile(r"(?:绝密|机密|秘密|内部)\s*★+\s*(?:(?:[0-9]+|[一二三四五六七八九十]+)\s*(?:个月|年)|长期)?"),
    # A labelled classification field: 密级: 秘密.
    re.compile(r"密级\s*:\s*(?:绝密|机密|秘密)"),
    # 内部资料 is only ever a mark; 内部资料 注意保存 / 内部文件，注意保存 form one mark.
    re.compile(r"内部资料(?:\s*[,、]?\s*注意保存)?|内部(?:文件)?\s*[,、]?\s*注意保存"),
    # A mark word alone on its line, brackets allowed: "秘密", "（内部）", "【机密】".
    re.compile(rf"(?m)^[^\S\n]*{_OPEN}?[^\S\n]*{_MARK_WORD}[^\S\n]*{_CLOSE}?[^\S\n]*$"),
    # A mark word in brackets anywhere: …（内部）…, 【秘密】.
    re.compile(rf"{_OPEN}{_MARK_WORD}{_CLOSE}"),
    # A mark word opening the document, not followed by more Chinese (秘密 关于… but not 内部控制…).
    re.compile(rf"\A\s*{_MARK_WORD}(?![{_CJK}])"),
    # Any other ★: the star is the mark's separator; a stray one is worth a look.
    re.compile(r"★+"),
)


def _secrecy_marks(norm: str) -> Iterator[_Span]:
    """Secrecy and 内部 marks in the forms they are printed, never the words in running text.

    Does not flag: 保密审查, 保守秘密, 秘密级, 涉及国家秘密, 商业秘密, 机密文件 in a sentence,
    内部事务信息, 内部控制, 局内部领导分工, 请注意保存发票 — the bare words 绝密/机密/秘密/内部/
    注意保存 count only alone on a line, in brackets, at the very start of the document, before ★,
    after 密级:, or (注意保存) right after 内部/内部文件/内部资料.
    """
    for regex in _SECRECY_RES:
        for m in regex.finditer(norm):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            end = m.end() - (len(m.group()) - len(m.group().rstrip()))
            yield _Span(FindingKind.SECRECY_MARK, start, end, "发现密级或内部标志“{text}”，须经审核人员处理后方可发布")


# ---------------------------------------------------------------------------------------------
# The scan
# ---------------------------------------------------------------------------------------------


def _resolve(text: str, spans: list[_Span]) -> list[Finding]:
    """Keep non-overlapping spans, preferring the more specific kind, then the longer span."""
    rank = {kind: i for i, kind in enumerate(_PRECEDENCE)}
    ranked = sorted(spans, key=lambda s: (rank[s.kind], s.start - s.end, s.start))
    # Kept spans never overlap, so sorted by start they are sorted by end too: checking the two
    # neighbours of the insertion point suffices (a 双公示 table may hold thousands of phones).
    kept: list[_Span] = []
    starts: list[int] = []
    for span in ranked:
        i = bisect.bisect_left(starts, span.start)
        if i > 0 and kept[i - 1].end > span.start:
            continue
        if i < len(kept) and kept[i].start < span.end:
            continue
        kept.insert(i, span)
        starts.insert(i, span.start)
    findings = []
    for s in kept:
        original = text[s.start : s.end]
        findings.append(Finding(s.kind, s.start, s.end, original, s.message.format(text=original)))
    return findings


def scan(text: str, *, today: date | None = None) -> list[Finding]:
    """All findings in ``text``, sorted by start, non-overlapping.

    ``today`` bounds plausible birth dates inside ID numbers (defaults to the real today).
    """
    norm = normalize_for_scan(text)
    detectors: tuple[Callable[[str], Iterator[_Span]], ...] = (
        _secrecy_marks,
        lambda n: _resident_ids(n, today),
        _bank_cards,
        _emails,
        _mobiles,
        _birth_dates,
        _addresses,
    )
    spans = [span for detector in detectors for span in detector(norm)]
    return _resolve(text, spans)
