"""The first draft of sections 一、五、六 with the year's figures filled in — a pure module.

The draft reads like the reports agencies write by hand (the seeds): section 一 in the five parts
（一）主动公开 …（五）监督保障, section 五 naming this year's shortcomings with their figures and next
year's measures, section 六 the 信息处理费 actually charged. Staff edit it; ``checks.check_narrative``
then compares the figures they leave in it with the tables. The draft states its figures in the
phrasings ``checks.find_figures`` reads (收到政府信息公开申请N件, 行政复议N件 …), so an untouched draft
always agrees with the tables it was made from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from xxgk.reports.formats import Cell, Number, ReportFormat

ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Narrative:
    overview: str  # 一、总体情况
    problems: str  # 五、存在的主要问题及改进情况
    other_matters: str  # 六、其他需要报告的事项

    def text(self) -> str:
        return "\n".join((self.overview, self.problems, self.other_matters))


def self_reference(agency_name: str) -> str:
    """How a report names its own agency: 本局 for a 局, 本委 for a 委员会, else 本机关 (seeds: 我局)."""
    for ending, word in (("局", "本局"), ("委员会", "本委"), ("委", "本委"), ("办公室", "本办")):
        if agency_name.endswith(ending):
            return word
    return "本机关"


def amount_text(yuan: Decimal) -> str:
    """150.00 → 150, 12.50 → 12.50: whole yuan without decimals, otherwise to the fen."""
    yuan = Decimal(yuan)
    return str(int(yuan)) if yuan == yuan.to_integral_value() else f"{yuan:.2f}"


def _target(fmt: ReportFormat, cells: Mapping[Cell, Number], figure: str) -> Number:
    """A narrative figure as the format's tables define it (e.g. 2019: 规范性文件 = 本年新公开数量)."""
    target = next(t for t in fmt.narrative_targets if t.figure == figure)
    return sum((sign * cells[cell] for cell, sign in target.terms), start=0)


def draft(
    *,
    agency_name: str,
    year: int,
    fmt: ReportFormat,
    cells: Mapping[Cell, Number],
    published: Mapping[str, int],
    can_issue_rules: bool,
    fees_charged: Decimal | None,
    published_late: int = 0,
    interpreted: int = 0,
    uninterpreted: int = 0,
) -> Narrative:
    """``published``: entries first published in the year by kind label, largest first; ``fees_charged``
    in 元, None if unknown; ``published_late``: of those, how many after the 20-working-day deadline;
    ``interpreted`` / ``uninterpreted``: 规章 and 规范性文件 published in the year with / without a 政策解读."""
    we = self_reference(agency_name)
    overview = "\n".join(
        (
            f"{year}年，{agency_name}认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），坚持“公开为常态、不公开为例外”，"
            "依法做好主动公开、依申请公开、政府信息管理和平台建设等工作。",
            "（一）主动公开。" + _proactive(fmt, cells, published, can_issue_rules, interpreted, uninterpreted),
            "（二）依申请公开。" + _applications(fmt, cells, year, we) + _remedies(fmt, cells),
            "（三）政府信息管理。严格落实信息发布审核和保密审查制度，拟公开的政府信息经科室审核、保密审查、"
            "领导签发后发布，发布前对身份证号码、手机号码等个人信息进行筛查，坚持先审后发；"
            "规范性文件逐件标注有效性，已废止的文件注明废止情况并链接替代文件。",
            f"（四）政府信息公开平台建设。依托政府信息公开平台集中发布{we}政府信息，按照《条例》第二十条设置"
            "法定主动公开内容栏目，及时更新政府信息公开指南和目录，统一编制索引号，方便公众查阅和检索。",
            "（五）监督保障。将政务公开工作纳入年度工作考核，明确政府信息公开工作机构和专人，"
            "定期检查各科室信息公开情况，主动接受社会监督。",
        )
    )
    return Narrative(
        overview,
        _problems(year, we, published_late=published_late, uninterpreted=uninterpreted),
        _other_matters(cells, fees_charged),
    )


def _proactive(
    fmt: ReportFormat,
    cells: Mapping[Cell, Number],
    published: Mapping[str, int],
    can_issue_rules: bool,
    interpreted: int,
    uninterpreted: int,
) -> str:
    total = sum(published.values())
    if total:
        parts = "、".join(f"{label}{count}条" for label, count in published.items())
        text = f"全年通过政府信息公开平台主动公开政府信息{total}条，其中{parts}。"
    else:
        text = "本年度未通过政府信息公开平台主动公开政府信息。"
    text += _documents_sentence(fmt, cells, can_issue_rules)
    if interpreted and not uninterpreted:
        text += "本年度公开的规范性文件均同步发布政策解读，解读材料与文件相互链接。"
    return text


def _documents_sentence(fmt: ReportFormat, cells: Mapping[Cell, Number], can_issue_rules: bool) -> str:
    verb = "制发" if fmt.key == "2021" else "公开"
    normative_label = fmt.table("二").row("normative").label
    parts = []
    rules = _target(fmt, cells, "rules")
    if can_issue_rules or rules:
        parts.append(f"{verb}规章{rules}件")
    parts.append(f"{verb}{normative_label}{_target(fmt, cells, 'normative')}件")
    if fmt.key == "2021":
        repealed = cells[Cell("二", "normative", "repealed")]
        in_force = cells[Cell("二", "normative", "in_force")]
        parts.append(f"废止{normative_label}{repealed}件，截至年底现行有效{normative_label}{in_force}件")
    return "本年度" + "，".join(parts) + "。"


def _short_label(label: str) -> str:
    """A table 三 row label as prose: （二）部分公开（区分处理的…） → 部分公开; 1.申请人…、行政机关… → 申请人…"""
    label = re.sub(r"^(?:（[一二三四五六七八九十]+）|\d+\.)", "", label)
    label = re.sub(r"（[^）]*）$", "", label)
    return label.split("、行政机关")[0]


def outcome_summary(fmt: ReportFormat, cells: Mapping[Cell, Number]) -> str:
    """The year's 办理结果 in words, from table 三's 总计 column: 予以公开2件、不予公开1件（保护第三方合法权益1件）…"""
    table = fmt.table("三")
    parts = []
    for row in table.rows:
        if row.parent != "results" or row.key == "total":
            continue
        if not row.heading:
            count = cells[Cell("三", row.key, "total")]
            if count:
                parts.append(f"{_short_label(row.label)}{count}件")
            continue
        children = [(child, cells[Cell("三", child.key, "total")]) for child in table.rows if child.parent == row.key]
        count = sum(n for _, n in children)
        if count:
            reasons = "、".join(f"{_short_label(child.label)}{n}件" for child, n in children if n)
            parts.append(f"{_short_label(row.label)}{count}件（{reasons}）")
    return "、".join(parts)


def _applications(fmt: ReportFormat, cells: Mapping[Cell, Number], year: int, we: str) -> str:
    received = _target(fmt, cells, "applications_received")
    carried_in = cells[Cell("三", "carried_in", "total")]
    closed = cells[Cell("三", "total", "total")]
    carried_out = cells[Cell("三", "carried_out", "total")]
    if not received and not carried_in:
        return f"{year}年，{we}未收到政府信息公开申请。"
    text = f"{year}年，{we}收到政府信息公开申请{received}件"
    if received:
        text += _applicants(fmt, cells, received)
    if carried_in:
        text += f"；上年结转{carried_in}件"
    text += f"。本年度办结{closed}件"
    if closed:
        text += f"，其中{outcome_summary(fmt, cells)}"
    if carried_out:
        text += f"；结转下年度继续办理{carried_out}件"
    return text + "。"


def _applicants(fmt: ReportFormat, cells: Mapping[Cell, Number], received: Number) -> str:
    """，其中自然人申请3件、法人或其他组织申请3件（商业企业2件、法律服务机构1件） — from table 三's 本年新收 row."""
    people = cells[Cell("三", "new", "natural_person")]
    columns = [c for c in fmt.table("三").columns if c.parents and not c.computed]
    kinds = "、".join(f"{c.label}{n}件" for c in columns if (n := cells[Cell("三", "new", c.key)]))
    organisations = columns[0].parents[0]  # 法人或其他组织
    if not kinds:
        return "，均为自然人申请"
    if not people:
        return f"，均为{organisations}申请（{kinds}）"
    return f"，其中自然人申请{people}件、{organisations}申请{received - people}件（{kinds}）"


def _results(fmt: ReportFormat, cells: Mapping[Cell, Number], group: str) -> str:
    """结果维持1件、尚未审结1件: the non-zero results of one group of table 四, labelled as the format says."""
    labels = {column.key: column.label for column in fmt.table("四").columns}
    keys = (f"{group}_{result}" for result in ("upheld", "corrected", "other", "pending"))
    return "、".join(f"{labels[key]}{count}件" for key in keys if (count := cells[Cell("四", "cases", key)]))


def _remedies(fmt: ReportFormat, cells: Mapping[Cell, Number]) -> str:
    """From table 四: the 行政复议 and 行政诉讼 about this agency's answers, with their results."""
    reviews = cells[Cell("四", "cases", "review_total")]
    suit_groups = ("suit_direct", "suit_after_review")
    suits = sum(cells[Cell("四", "cases", f"{group}_total")] for group in suit_groups)
    if not reviews and not suits:
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    parts = []
    if reviews:
        parts.append(f"因政府信息公开工作被申请行政复议{reviews}件（{_results(fmt, cells, 'review')}）")
    else:
        parts.append("未发生因政府信息公开引起的行政复议")
    if suits:
        results = "、".join(r for r in (_results(fmt, cells, group) for group in suit_groups) if r)
        parts.append(f"被提起行政诉讼{suits}件（{results}）")
    else:
        parts.append("未发生因政府信息公开引起的行政诉讼")
    return "本年度" + "，".join(parts) + "。"


def _problems(year: int, we: str, *, published_late: int, uninterpreted: int) -> str:
    """Shortcomings the records show come first, with their figures; the measures answer them."""
    shortcomings, measures = [], []
    if published_late:
        shortcomings.append(f"有{published_late}条政府信息未在形成之日起20个工作日内公开，发布时效有待提高")
        measures.append("建立信息发布时限提醒，确保政府信息自形成之日起20个工作日内公开")
    if uninterpreted:
        shortcomings.append(f"有{uninterpreted}件规范性文件未同步发布政策解读")
        measures.append("落实政策文件与解读材料同步起草、同步审签、同步发布")
    shortcomings.append("政策解读以文字为主，图解、问答等形式运用不多")
    measures.append("丰富图解、问答等解读形式，增强解读的针对性和可读性")
    measures.append("严格落实信息发布审核和保密审查制度，依法规范办理政府信息公开申请，提升答复质量")
    return "\n".join(
        (
            f"{year}年，{we}政府信息公开工作取得一定成效，但对照《条例》要求和公众需求仍存在一些不足："
            + _enumerate(shortcomings)
            + "。",
            f"{year + 1}年，{we}将重点做好以下工作：" + _enumerate(measures) + "。",
        )
    )


def _enumerate(items: list[str]) -> str:
    """一是…；二是… (a single item stands alone)."""
    if len(items) == 1:
        return items[0]
    return "；".join(f"{ORDINALS[i]}是{item}" for i, item in enumerate(items))


def _other_matters(cells: Mapping[Cell, Number], fees_charged: Decimal | None) -> str:
    """Section 六 reports the 信息处理费 actually charged (国办函〔2020〕109号)."""
    received = cells[Cell("三", "new", "total")] + cells[Cell("三", "carried_in", "total")]
    if fees_charged:
        fees = (
            "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
            f"收取信息处理费{amount_text(fees_charged)}元。"
        )
    elif fees_charged is not None or not received:
        fees = "本年度未收取政府信息公开信息处理费。"
    else:
        fees = "（请填写本年度依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。）"
    return fees + "\n无其他需要报告的事项。"
