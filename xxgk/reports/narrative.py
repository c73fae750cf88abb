"""The first draft of sections 一、五、六 with the year's figures filled in — a pure module.

Staff edit the draft; ``checks.check_narrative`` then compares the figures they leave in it with the
tables. The draft states its figures in the phrasings ``checks.find_figures`` reads (收到政府信息公开
申请N件, 行政复议N件 …), so an untouched draft always agrees with the tables it was made from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from xxgk.reports.formats import Cell, Number, ReportFormat


@dataclass(frozen=True)
class Narrative:
    overview: str  # 一、总体情况
    problems: str  # 五、存在的主要问题及改进情况
    other_matters: str  # 六、其他需要报告的事项

    def text(self) -> str:
        return "\n".join((self.overview, self.problems, self.other_matters))


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
) -> Narrative:
    """``published``: entries published in the year by kind label; ``fees_charged`` in 元, None if unknown."""
    total = sum(published.values())
    paragraphs = [
        f"{year}年，{agency_name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持“公开为常态、不公开为例外”，"
        "依法做好主动公开、依申请公开和政府信息管理工作。"
    ]
    if total:
        parts = "、".join(f"{label}{count}条" for label, count in published.items())
        paragraphs.append(f"全年通过政府信息公开平台主动公开政府信息{total}条，其中{parts}。")
    else:
        paragraphs.append("本年度未通过政府信息公开平台主动公开政府信息。")
    documents = _documents_sentence(fmt, cells, can_issue_rules)
    if documents:
        paragraphs.append(documents)
    paragraphs.append(_applications_sentence(fmt, cells, year))
    paragraphs.append(_remedies_sentence(fmt, cells))
    overview = "\n".join(paragraphs)
    problems = (
        f"{year}年，本机关政府信息公开工作取得一定成效，但对照条例要求和公众需求仍有差距："
        "部分栏目更新不够及时，政策解读的形式还不够丰富。\n"
        f"{year + 1}年，本机关将严格落实信息发布审核和保密审查制度，及时更新法定主动公开内容，"
        "丰富政策解读形式，依法规范办理政府信息公开申请。"
    )
    return Narrative(overview, problems, _other_matters(fmt, cells, fees_charged))


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
        parts.append(f"废止{normative_label}{repealed}件，现行有效{normative_label}{in_force}件")
    return "本年度" + "，".join(parts) + "。"


def _applications_sentence(fmt: ReportFormat, cells: Mapping[Cell, Number], year: int) -> str:
    received = _target(fmt, cells, "applications_received")
    carried_in = cells[Cell("三", "carried_in", "total")]
    closed = cells[Cell("三", "total", "total")]
    carried_out = cells[Cell("三", "carried_out", "total")]
    if not received and not carried_in:
        return f"{year}年，本机关未收到政府信息公开申请。"
    sentence = f"{year}年，本机关收到政府信息公开申请{received}件"
    if carried_in:
        sentence += f"，上年结转{carried_in}件"
    sentence += f"，本年度办结{closed}件"
    if carried_out:
        sentence += f"，结转下年度继续办理{carried_out}件"
    return sentence + "。"


def _remedies_sentence(fmt: ReportFormat, cells: Mapping[Cell, Number]) -> str:
    reviews = _target(fmt, cells, "administrative_reviews")
    suits = _target(fmt, cells, "lawsuits")
    if not reviews and not suits:
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    parts = [f"行政复议{reviews}件" if reviews else "", f"行政诉讼{suits}件" if suits else ""]
    return "本年度发生政府信息公开" + "、".join(p for p in parts if p) + "。"


def _other_matters(fmt: ReportFormat, cells: Mapping[Cell, Number], fees_charged: Decimal | None) -> str:
    """Section 六 reports the 信息处理费 actually charged (国办函〔2020〕109号)."""
    received = cells[Cell("三", "new", "total")] + cells[Cell("三", "carried_in", "total")]
    if fees_charged:
        return f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{fees_charged}元。无其他需要报告的事项。"
    if fees_charged is not None or not received:
        return "本年度未收取政府信息公开信息处理费。无其他需要报告的事项。"
    return "（请填写本年度依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。）无其他需要报告的事项。"
