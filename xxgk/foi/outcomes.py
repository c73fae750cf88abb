"""The one table of outcomes of an application (条例第三十六条—第三十九条), as data.

rules.md §2.4 copied row for row: each outcome names its legal basis, the row of the annual report it counts
in (30号 format, table 三), the 答复告知书 template and whether the letter must carry remedy text. The letter
service, the report compiler and the system check all read this table, so an outcome cannot reach a letter
without a report row or the other way round.

Pure module: no Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class OutcomeCode(StrEnum):
    ALREADY_PUBLIC = "already_public"
    GRANTED = "granted"
    PARTIAL = "partial"
    DENY_STATE_SECRET = "deny_state_secret"  # noqa: S105 (国家秘密, not a password)
    DENY_LAW_FORBIDS = "deny_law_forbids"
    DENY_THREE_SAFETY = "deny_three_safety"
    DENY_THIRD_PARTY = "deny_third_party"
    DENY_INTERNAL = "deny_internal"
    DENY_PROCESS = "deny_process"
    DENY_ENFORCEMENT_FILE = "deny_enforcement_file"
    DENY_QUERY_MATTER = "deny_query_matter"
    UNABLE_NOT_HELD = "unable_not_held"
    UNABLE_NEEDS_CREATION = "unable_needs_creation"
    UNABLE_STILL_UNCLEAR = "unable_still_unclear"
    REJECT_PETITION = "reject_petition"
    REJECT_DUPLICATE = "reject_duplicate"
    REJECT_PUBLICATION = "reject_publication"
    REJECT_UNREASONABLE = "reject_unreasonable"
    REJECT_CONFIRM_REISSUE = "reject_confirm_reissue"
    OTHER_NO_CORRECTION = "other_no_correction"
    OTHER_FEE_UNPAID = "other_fee_unpaid"
    OTHER = "other"


# The report-row ids shared with the report formats, and the row of table 三 (30号 format) each one is.
REPORT_ROWS: dict[str, str] = {
    "granted": "三（一）",
    "partial": "三（二）",
    **{f"deny_{n}": f"三（三）{n}" for n in range(1, 9)},
    **{f"unable_{n}": f"三（四）{n}" for n in range(1, 4)},
    **{f"reject_{n}": f"三（五）{n}" for n in range(1, 6)},
    **{f"other_{n}": f"三（六）{n}" for n in range(1, 4)},
}


@dataclass(frozen=True)
class Outcome:
    code: OutcomeCode
    label: str  # rules.md §2.4 "meaning", verbatim
    legal_basis: str  # rules.md §2.4 "legal basis", verbatim: 条例 article（item）, "—" when none
    report_row: str  # a key of REPORT_ROWS
    letter_template: str  # slug of the 答复告知书 template
    adverse: bool  # the letter carries remedy text (行政复议 / 行政诉讼)

    @property
    def display_label(self) -> str:
        """The label for staff screens: the Chinese of §2.4's meaning column without the English notes
        ("所申请信息已主动公开, tell where" → 所申请信息已主动公开), with its report row: 三（一）."""
        text = re.sub(r"\s*\([^)]*[A-Za-z][^)]*\)|,\s*[A-Za-z].*$", "", self.label)
        text = re.sub(r"\s*\(([^)]*)\)", r"（\1）", text)
        return f"{text}〔{REPORT_ROWS[self.report_row]}〕"

    @property
    def legal_basis_text(self) -> str:
        """The basis as a letter cites it: "36（四）（五）" → 《条例》第三十六条第（四）项、第（五）项."""
        if self.legal_basis == "—":
            return ""
        parts = []
        for ref in self.legal_basis.split(", "):
            number, _, items = ref.partition("（")
            article = f"第{_chinese_number(int(number))}条"
            if items:
                article += "、".join(f"第（{item}）项" for item in items.rstrip("）").split("）（"))
            parts.append(article)
        return "《中华人民共和国政府信息公开条例》" + "、".join(parts)


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, units = divmod(n, 10)
    if not 0 < n < 100:
        raise ValueError(n)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{digits[tens]}十")
    return head + (digits[units] if units else "")


C = OutcomeCode
# rules.md §2.4, row for row. adverse: everything except already_public and granted (the letter then
# states 行政复议 within 60 days / 行政诉讼 within 6 months — rules.md §2.5).
OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        C.ALREADY_PUBLIC,
        "所申请信息已主动公开, tell where",
        "36（一）",
        "granted",
        "reply_already_public",
        False,
    ),
    Outcome(C.GRANTED, "予以公开", "36（二）", "granted", "reply_granted", False),
    Outcome(C.PARTIAL, "部分公开 (区分处理)", "37", "partial", "reply_partial", True),
    Outcome(C.DENY_STATE_SECRET, "属于国家秘密", "14", "deny_1", "reply_deny", True),
    Outcome(C.DENY_LAW_FORBIDS, "其他法律行政法规禁止公开", "14", "deny_2", "reply_deny", True),
    Outcome(C.DENY_THREE_SAFETY, '危及"三安全一稳定"', "14", "deny_3", "reply_deny", True),
    Outcome(C.DENY_THIRD_PARTY, "保护第三方合法权益", "15, 32", "deny_4", "reply_deny", True),
    Outcome(C.DENY_INTERNAL, "属于三类内部事务信息", "16", "deny_5", "reply_deny", True),
    Outcome(C.DENY_PROCESS, "属于四类过程性信息", "16", "deny_6", "reply_deny", True),
    Outcome(C.DENY_ENFORCEMENT_FILE, "属于行政执法案卷", "16", "deny_7", "reply_deny", True),
    Outcome(
        C.DENY_QUERY_MATTER,
        "属于行政查询事项 (工商、不动产登记等 special laws)",
        "36（七）",
        "deny_8",
        "reply_query_matter",  # must point to the special-law query channel
        True,
    ),
    Outcome(
        C.UNABLE_NOT_HELD,
        "本机关不掌握相关政府信息 (incl. 不属于本机关, name the right agency)",
        "36（四）（五）",
        "unable_1",
        "reply_not_held",  # must name the agency that holds it, where known (第三十六条第（五）项)
        True,
    ),
    Outcome(C.UNABLE_NEEDS_CREATION, "没有现成信息需要另行制作", "38", "unable_2", "reply_unable", True),
    Outcome(C.UNABLE_STILL_UNCLEAR, "补正后申请内容仍不明确", "30", "unable_3", "reply_unable", True),
    Outcome(C.REJECT_PETITION, "信访举报投诉类申请", "39", "reject_1", "reply_reject_petition", True),
    Outcome(C.REJECT_DUPLICATE, "重复申请", "36（六）", "reject_2", "reply_reject", True),
    Outcome(C.REJECT_PUBLICATION, "要求提供公开出版物", "39", "reject_3", "reply_reject", True),
    Outcome(C.REJECT_UNREASONABLE, "无正当理由大量反复申请", "35", "reject_4", "reply_reject", True),
    Outcome(
        C.REJECT_CONFIRM_REISSUE,
        "要求行政机关确认或重新出具已获取信息",
        "—",
        "reject_5",
        "reply_reject",
        True,
    ),
    Outcome(
        C.OTHER_NO_CORRECTION,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "30",
        "other_1",
        "reply_no_correction",
        True,
    ),
    Outcome(
        C.OTHER_FEE_UNPAID,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "42",
        "other_2",
        "reply_fee_unpaid",
        True,
    ),
    Outcome(C.OTHER, "其他 (e.g. withdrawn by the applicant)", "—", "other_3", "reply_other", True),
)

_BY_CODE = {o.code: o for o in OUTCOMES}

# Remedy periods printed on adverse letters (rules.md §2.5); the bodies come from agency settings.
REVIEW_PERIOD_DAYS = 60  # 《中华人民共和国行政复议法》第二十条: 六十日内提出行政复议申请
LITIGATION_PERIOD_MONTHS = 6  # 《中华人民共和国行政诉讼法》第四十六条: 六个月内提出


def outcome(code: OutcomeCode | str) -> Outcome:
    """The table row for ``code``; ValueError for a code not in the table."""
    try:
        return _BY_CODE[OutcomeCode(code)]
    except ValueError:
        raise ValueError(f"未知的办理结果代码“{code}”") from None


def remedy_notice(review_body: str, court: str) -> str:
    """The remedy sentence of an adverse 答复告知书; never hard-code the bodies (agency settings)."""
    return (
        f"如对本答复不服，可以自收到本告知书之日起{REVIEW_PERIOD_DAYS}日内向{review_body}申请行政复议，"
        f"或者自收到本告知书之日起{LITIGATION_PERIOD_MONTHS}个月内向{court}提起行政诉讼。"
    )


_DISCLOSED = frozenset({OutcomeCode.ALREADY_PUBLIC, OutcomeCode.GRANTED, OutcomeCode.PARTIAL})


def final_outcome(item_outcomes: Iterable[OutcomeCode | str]) -> OutcomeCode:
    """The one outcome an application counts under, from the outcomes of its items.

    30号 format 三（二）: 区分处理的，只计这一情形 — anything disclosed next to anything withheld is
    partial and nothing else. Two different non-disclosing grounds have no rule: staff must choose one.
    """
    codes = {outcome(code).code for code in item_outcomes}
    if not codes:
        raise ValueError("没有任何办理结果")
    if len(codes) == 1:
        return codes.pop()
    if codes & _DISCLOSED:
        return OutcomeCode.PARTIAL if codes - {OutcomeCode.ALREADY_PUBLIC, OutcomeCode.GRANTED} else C.GRANTED
    raise ValueError("各项结果均未公开且理由不同，请选定一个办理结果：" + "、".join(sorted(codes)))
