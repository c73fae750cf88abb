"""The annual report's arithmetic checks (rules.md §4.4) — a pure module, no Django, no database.

Everything a check needs is declared in ``formats``: computed cells (:class:`~.formats.Sum`), the
勾稽关系 of table 三 (:class:`~.formats.Balance`), year-to-year ties (:class:`~.formats.CarryOver`,
:class:`~.formats.Continuity`) and which cells a narrative figure must agree with. A check never
names a row itself, so a new format is a new declaration, not new code.

Blocking errors: unknown cells, negative or non-integer counts, a computed cell that disagrees with
its parts, the printed 勾稽关系. Warnings: year-to-year ties, 规章 reported by a body that cannot issue
them, and narrative figures that contradict the tables or each other.

The narrative is read pragmatically: :func:`find_figures` knows a short list of phrasings
(``收到政府信息公开申请X件``, ``主动公开政府信息X条``, ``行政复议X件``, ``未收到政府信息公开申请`` …) and
nothing else. A figure it does not understand is simply not checked — a warning must never be a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from xxgk.reports.formats import Cell, Continuity, Number, ReportFormat, Sum, ValueKind


class Level(StrEnum):
    ERROR = "error"  # blocks publication
    WARNING = "warning"  # shown to the author, who decides


class Code(StrEnum):
    UNKNOWN_CELL = "unknown_cell"
    NEGATIVE = "negative"
    NOT_INTEGER = "not_integer"
    TOTAL_COLUMN = "total_column"  # 总计 column = the six applicant columns
    TOTAL_ROW = "total_row"  # 三（七）总计 = its parts
    REMEDY_TOTAL = "remedy_total"  # table 四: each group's 总计 = its four results
    BALANCE = "balance"  # 一 + 二 = 三（七）总计 + 四
    INCOMPLETE = "incomplete"
    CARRY_OVER = "carry_over"  # this year's 二 = last year's 四
    CONTINUITY = "continuity"  # 现行有效件数 = last year's + 制发 − 废止
    RULES_BY_NON_ISSUER = "rules_by_non_issuer"
    NARRATIVE_MISMATCH = "narrative_mismatch"
    NARRATIVE_INCONSISTENT = "narrative_inconsistent"
    STATISTICS_SUM = "statistics_sum"  # imported 国办发〔2014〕32号 统计表
    TABLE_MISSING = "table_missing"  # imported report without a table its format requires


@dataclass(frozen=True)
class CheckResult:
    level: Level
    code: Code
    message: str  # Chinese; names the cell by its statutory labels and gives the numbers
    cell: Cell | None = None


def run_checks(
    fmt: ReportFormat,
    cells: Mapping[tuple[str, str, str], object],
    previous_year_cells: Mapping[tuple[str, str, str], object] | None = None,
    agency_can_issue_rules: bool = True,
    narrative: str | None = None,
) -> list[CheckResult]:
    """All checks of rules.md §4.4 on entered cells (not yet passed through ``formats.complete``).

    Missing cells are not guessed as 0: a check whose terms are not all present is skipped and
    the table gets one ``incomplete`` warning, so a partly imported table can still be audited.
    """
    results, numbers = _check_values(fmt, cells)
    results += _check_incomplete(fmt, numbers, cells)
    results += _check_sums(fmt, numbers)
    results += _check_balances(fmt, numbers)
    if previous_year_cells is not None:
        previous = {Cell(*key): value for key, value in previous_year_cells.items() if _is_number(value)}
        results += _check_previous_year(fmt, numbers, previous)
    if not agency_can_issue_rules:
        results += _check_rules(fmt, numbers)
    if narrative:
        results += check_narrative(fmt, numbers, narrative)
    return results


# --- values -------------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _check_values(
    fmt: ReportFormat, cells: Mapping[tuple[str, str, str], object]
) -> tuple[list[CheckResult], dict[Cell, Number]]:
    """Report unknown cells and invalid values; return the valid figures as ``int``/``Decimal``."""
    known = set(fmt.cells())
    results: list[CheckResult] = []
    numbers: dict[Cell, Number] = {}
    for key, value in cells.items():
        cell = Cell(*key)
        if cell not in known:
            results.append(_error(Code.UNKNOWN_CELL, f"{fmt.name}中没有单元格 {tuple(cell)}（值为 {value}）", None))
            continue
        kind = fmt.column(cell).kind
        where = fmt.describe(cell)
        if not _is_number(value):
            results.append(_error(Code.NOT_INTEGER, f"{where}应填数字，现为「{value}」", cell))
            continue
        number = Decimal(str(value)) if isinstance(value, float) else value
        assert isinstance(number, int | Decimal)
        if kind != ValueKind.AMOUNT and number != int(number):
            results.append(_error(Code.NOT_INTEGER, f"{where}应为整数，现为 {value}", cell))
            continue
        if kind != ValueKind.DELTA and number < 0:
            results.append(_error(Code.NEGATIVE, f"{where}不能为负数，现为 {value}", cell))
            continue
        numbers[cell] = int(number) if kind != ValueKind.AMOUNT else number
    return results, numbers


def _check_incomplete(
    fmt: ReportFormat, numbers: Mapping[Cell, Number], cells: Mapping[tuple[str, str, str], object]
) -> list[CheckResult]:
    results = []
    entered = {Cell(*key) for key in cells}
    for table in fmt.tables:
        expected = list(table.cells())
        missing = [cell for cell in expected if cell not in entered]
        if missing and len(missing) < len(expected):
            results.append(
                _warning(
                    Code.INCOMPLETE,
                    f"表「{table.title}」缺少 {len(missing)} 个单元格（如{fmt.describe(missing[0])}），"
                    "涉及这些单元格的校验未执行",
                    missing[0],
                )
            )
    return results


# --- arithmetic inside the year -----------------------------------------------------------------


def _check_sums(fmt: ReportFormat, numbers: Mapping[Cell, Number]) -> list[CheckResult]:
    """Every computed cell that was entered must equal the sum its declaration names."""
    results: list[CheckResult] = []
    for table in fmt.tables:
        for group in table.groups:
            for row in group.rows:
                if row.heading:
                    continue
                for column in group.columns:
                    cell = Cell(table.key, row.key, column.key)
                    if column.computed:
                        parts = [Cell(table.key, row.key, c) for c in column.computed.of]
                        results += _check_sum(fmt, cell, column.computed, parts, numbers)
                    if row.computed:
                        parts = [Cell(table.key, r, column.key) for r in row.computed.of]
                        results += _check_sum(fmt, cell, row.computed, parts, numbers)
    return results


def _check_sum(
    fmt: ReportFormat, cell: Cell, formula: Sum, parts: Sequence[Cell], numbers: Mapping[Cell, Number]
) -> list[CheckResult]:
    if cell not in numbers or any(part not in numbers for part in parts):
        return []
    total = sum((numbers[part] for part in parts), start=0)
    if numbers[cell] == total:
        return []
    message = f"{fmt.describe(cell)}填报 {numbers[cell]}，但各分项合计为 {total}（{_terms_text(fmt, parts, numbers)}）"
    return [_error(Code(formula.code), message, cell)]


def _check_balances(fmt: ReportFormat, numbers: Mapping[Cell, Number]) -> list[CheckResult]:
    """The 勾稽关系 printed in table 三: 第一项加第二项之和，等于第三项加第四项之和, per column."""
    results = []
    for table in fmt.tables:
        for balance in table.balances:
            for column in balance.columns:
                left = [Cell(table.key, row, column) for row in balance.left]
                right = [Cell(table.key, row, column) for row in balance.right]
                if any(cell not in numbers for cell in left + right):
                    continue
                left_sum = sum((numbers[c] for c in left), start=0)
                right_sum = sum((numbers[c] for c in right), start=0)
                if left_sum != right_sum:
                    column_label = table.column(balance.left[0], column).path
                    results.append(
                        _error(
                            Code.BALANCE,
                            f"表「{table.title}」「{column_label}」列勾稽关系不成立："
                            f"{_rows_text(fmt, left, numbers)} = {left_sum}，"
                            f"不等于 {_rows_text(fmt, right, numbers)} = {right_sum}",
                            right[0],
                        )
                    )
    return results


# --- the previous year --------------------------------------------------------------------------


def _check_previous_year(
    fmt: ReportFormat, numbers: Mapping[Cell, Number], previous: Mapping[Cell, Number]
) -> list[CheckResult]:
    """Ties to last year's report. Cells last year's format lacks (2020 → 2021) are skipped."""
    results = []
    for table in fmt.tables:
        for carry in table.carry_over:
            for column in table.group_of(carry.row).columns:
                cell = Cell(table.key, carry.row, column.key)
                before = Cell(table.key, carry.previous_row, column.key)
                if cell in numbers and before in previous and numbers[cell] != previous[before]:
                    results.append(
                        _warning(
                            Code.CARRY_OVER,
                            f"{fmt.describe(cell)}为 {numbers[cell]}，但上一年度报告"
                            f"「{table.row_path(carry.previous_row)}」行「{column.path}」列为 {previous[before]}",
                            cell,
                        )
                    )
        for group in table.groups:
            for rule in group.continuity:
                for row in group.rows:
                    results += _check_continuity(fmt, table.key, row.key, rule, numbers, previous)
    return results


def _check_continuity(
    fmt: ReportFormat,
    table: str,
    row: str,
    rule: Continuity,
    numbers: Mapping[Cell, Number],
    previous: Mapping[Cell, Number],
) -> list[CheckResult]:
    cell = Cell(table, row, rule.column)
    before = [(Cell(table, row, column), sign) for column, sign in rule.from_previous]
    now = [(Cell(table, row, column), sign) for column, sign in rule.from_current]
    if cell not in numbers or any(c not in previous for c, _ in before) or any(c not in numbers for c, _ in now):
        return []
    expected = sum((sign * previous[c] for c, sign in before), start=0) + sum(
        (sign * numbers[c] for c, sign in now), start=0
    )
    if numbers[cell] == expected:
        return []
    tbl = fmt.table(table)
    parts = [f"上年「{tbl.column(row, c.column).label}」{previous[c]}" for c, _ in before]
    parts += [f"{'加' if sign > 0 else '减'}本年「{tbl.column(row, c.column).label}」{numbers[c]}" for c, sign in now]
    return [
        _warning(
            Code.CONTINUITY,
            f"{fmt.describe(cell)}为 {numbers[cell]}，按{'，'.join(parts)}推算应为 {expected}",
            cell,
        )
    ]


def _check_rules(fmt: ReportFormat, numbers: Mapping[Cell, Number]) -> list[CheckResult]:
    """Only governments of 设区的市 and above and State Council departments issue 规章 (立法法)."""
    table_key, row_key = fmt.rules_row
    table = fmt.table(table_key)
    filled = [
        Cell(table_key, row_key, column.key)
        for column in table.group_of(row_key).columns
        if numbers.get(Cell(table_key, row_key, column.key))
    ]
    if not filled:
        return []
    figures = "、".join(f"「{table.column(row_key, cell.column).label}」{numbers[cell]}" for cell in filled)
    return [
        _warning(
            Code.RULES_BY_NON_ISSUER,
            f"本机关无权制定规章，但表「{table.title}」「{table.row_path(row_key)}」行填报了{figures}",
            filled[0],
        )
    ]


# --- narrative figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A figure stated in prose, e.g. 主动公开政府信息165条."""

    key: str
    label: str
    value: Number
    unit: str
    excerpt: str  # the words it was read from, as normalised


FIGURE_LABELS = {
    "proactive_items": "主动公开政府信息",
    "policy_interpretations": "政策解读",
    "applications_received": "收到政府信息公开申请",
    "administrative_reviews": "行政复议",
    "lawsuits": "行政诉讼",
    "fees_charged": "收取信息处理费",
    "rules": "规章",
    "normative": "规范性文件",
    "licensing_items": "行政许可事项",
    "other_services_items": "其他对外管理服务事项",
    "procurement_items": "政府集中采购项目",
    "procurement_amount": "政府集中采购金额",
}

_C = r"[^。；;！!？?\n，,]"  # inside one clause
_NUM = r"(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
_INT = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)"
_ISSUE = r"(?:公开|制发|出台|制定|发布|印发)"

# Stated figures: (key, pattern). Each pattern has the groups n (the number) and unit.
_STATED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        (
            "proactive_items",
            rf"主动(?:公开|发布)(?:各类)?(?:政府|政务)信息(?:共计|共|合计|总计|累计)?{_INT}(?P<unit>条|篇|件)",
        ),
        ("policy_interpretations", rf"政策解读(?:信息|稿件|材料|文章)?(?:共计|共)?{_INT}(?P<unit>条|篇|件)"),
        (
            "applications_received",
            rf"(?:收到|受理|新收|接收|接到){_C}{{0,10}}?(?:政府信息公开|依申请公开|信息公开)申请"
            rf"(?:事项|数量|数)?(?:共计|共|合计)?{_INT}(?P<unit>件|个|份)",
        ),
        ("administrative_reviews", rf"行政复议(?:案件|申请)?{_C}{{0,6}}?{_INT}(?P<unit>件|起|宗)"),
        ("lawsuits", rf"行政诉讼(?:案件)?{_C}{{0,6}}?{_INT}(?P<unit>件|起|宗)"),
        ("fees_charged", rf"收取{_C}{{0,10}}?费(?:用)?(?:共计|共|合计)?(?P<n>\d+(?:\.\d+)?)(?P<unit>万元|元)"),
        ("rules", rf"{_ISSUE}规章{_INT}(?P<unit>件|部)"),
        ("normative", rf"{_ISSUE}(?:规章\d+件[,、])?(?:行政)?规范性文件{_INT}(?P<unit>件)"),
        ("licensing_items", rf"行政许可(?:事项)?{_INT}(?P<unit>项)"),
        ("other_services_items", rf"其他对外管理服务事项{_INT}(?P<unit>项)"),
        ("procurement_items", rf"政府集中采购(?:项目)?{_INT}(?P<unit>项)"),
        ("procurement_amount", rf"采购总?金额{_NUM}(?P<unit>万元)"),
    )
)

_W = r"[^。；;！!？?\n，,\d]"  # inside one clause, no digits: never spans the cells of a flattened table
_NOTHING = r"(?:(?:未|没有)(?:发生|产生|出现|收到|受理|接到|接收|提起|有)|无)"

# "Nothing happened" clauses: (key, pattern, words that must not be in the clause).
_NONE: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        "applications_received",
        re.compile(
            rf"(?:(?:未|没有)(?:收到|受理|接到|接收|有){_W}{{0,24}}?|无(?:政府信息公开|依申请公开|信息公开))申请"
        ),
        ("复议", "诉讼"),
    ),
    ("administrative_reviews", re.compile(rf"{_NOTHING}{_W}{{0,20}}?行政复议"), ()),
    ("lawsuits", re.compile(rf"{_NOTHING}{_W}{{0,30}}?行政诉讼"), ()),
    ("fees_charged", re.compile(rf"{_NOTHING}{_W}{{0,12}}?(?:收费|收取)"), ("通知",)),
)
# a clause with these words is a table's header, not a sentence (尚未审结 is not a negation)
_TABLE_WORDS = ("结果维持", "尚未审结", "勾稽", "第二十条第")

_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# OCR and typing variants seen in published reports (seed 002: 増, 碱, 費, 釆, ﹝﹞).
_VARIANTS = str.maketrans({"増": "增", "碱": "减", "費": "费", "釆": "采", "﹝": "〔", "﹞": "〕", "−": "-", "—": "-"})


def normalize(text: str) -> str:
    """Half-width digits and punctuation, known OCR variants fixed, no spaces between Chinese words."""
    text = unicodedata.normalize("NFKC", text).translate(_VARIANTS)
    text = re.sub(r"[ \t\u3000\xa0]+", " ", text)
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=\d)|(?<=\d) (?=[^\x00-\x7f])", "", text)


def chinese_number(text: str) -> int:
    """``"三"`` → 3, ``"十二"`` → 12, ``"一百零五"`` → 105; digits pass through."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
        else:
            raise ValueError(f"不是中文数字：{text}")
    return total + digit


def _parse_number(text: str) -> Number:
    if re.fullmatch(r"\d+\.\d+", text):
        return Decimal(text)
    return chinese_number(text)


def find_figures(text: str) -> list[Figure]:
    """Figures stated in prose, in text order; "未收到…申请" and the like count as 0."""
    text = normalize(text)
    found: list[tuple[int, Figure]] = []
    stated_spans: dict[str, list[tuple[int, int]]] = {}
    for key, pattern in _STATED:
        for match in pattern.finditer(text):
            excerpt = match.group(0)
            if key == "applications_received" and ("复议" in excerpt or "诉讼" in excerpt):
                continue
            try:
                value = _parse_number(match.group("n"))
            except ValueError:
                continue
            found.append((match.start(), Figure(key, FIGURE_LABELS[key], value, match.group("unit"), excerpt)))
            stated_spans.setdefault(key, []).append(match.span())
    for clause_match in re.finditer(r"[^。；;！!？?\n，,]+", text):
        clause = clause_match.group(0)
        for key, pattern, excluded in _NONE:
            match = pattern.search(clause)
            if match is None or any(word in clause for word in (*excluded, *_TABLE_WORDS)):
                continue
            start = clause_match.start()
            end = clause_match.end()
            if any(s < end and start < e for s, e in stated_spans.get(key, ())):
                continue  # the clause states a number for this figure: that wins
            unit = "万元" if key == "fees_charged" else "件"
            found.append((start + match.start(), Figure(key, FIGURE_LABELS[key], 0, unit, clause.strip())))
    return [figure for _, figure in sorted(found, key=lambda item: item[0])]


def check_narrative(fmt: ReportFormat | None, numbers: Mapping[Cell, Number], narrative: str) -> list[CheckResult]:
    """Figures the narrative states twice differently, or that contradict the tables."""
    figures = find_figures(narrative)
    results = check_narrative_consistency(figures)
    if fmt is None:
        return results
    for target in fmt.narrative_targets:
        stated = [figure for figure in figures if figure.key == target.figure]
        cells = [cell for cell, _ in target.terms]
        if not stated or any(cell not in numbers for cell in cells):
            continue
        table_value = sum((sign * numbers[cell] for cell, sign in target.terms), start=0)
        seen: set[Number] = set()
        for figure in stated:
            if figure.value == table_value or figure.value in seen:
                continue
            seen.add(figure.value)
            if len(cells) == 1:
                where = f"{fmt.describe(cells[0])}为 {table_value}"
            else:
                terms = " + ".join(f"{fmt.describe(cell)} {numbers[cell]}" for cell in cells)
                where = f"{terms} = {table_value}"
            results.append(
                _warning(
                    Code.NARRATIVE_MISMATCH,
                    f"正文写「{figure.excerpt}」（{figure.label} {figure.value}{figure.unit}），与表格不符：{where}",
                    cells[0],
                )
            )
    return results


def check_narrative_consistency(figures: Iterable[Figure]) -> list[CheckResult]:
    """One figure stated with two values in the same report is a contradiction."""
    by_key: dict[str, list[Figure]] = {}
    for figure in figures:
        by_key.setdefault(figure.key, []).append(figure)
    results = []
    for key, stated in by_key.items():
        values = sorted({figure.value for figure in stated})
        if len(values) > 1:
            excerpts = "」「".join(dict.fromkeys(figure.excerpt for figure in stated))
            results.append(
                _warning(
                    Code.NARRATIVE_INCONSISTENT,
                    f"正文中「{FIGURE_LABELS[key]}」前后不一致：{'、'.join(str(v) for v in values)}（「{excerpts}」）",
                    None,
                )
            )
    return results


# --- imported 国办发〔2014〕32号 统计表 -------------------------------------------------------------

_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d+[.．、]")),
)

# narrative figure → the 统计表 row whose label contains this text
_STATISTICS_TARGETS = (
    ("proactive_items", "主动公开政府信息数"),
    ("applications_received", "收到申请数"),
    ("administrative_reviews", "行政复议数量"),
    ("lawsuits", "行政诉讼数量"),
)


def _level(label: str) -> int | None:
    for level, pattern in _LEVELS:
        if pattern.match(label.strip()):
            return level
    return None


def check_statistics(rows: Sequence[tuple[str, str, Number | None]], narrative: str | None = None) -> list[CheckResult]:
    """Warnings for an imported 统计表: numbered sub-rows that do not add up to their parent row.

    Rows varied by province, so only the outline is used: a row numbered 一、/（一）/1. with a value
    and numbered children one level down (当面/传真/网络/信函 under 收到申请数, 专职/兼职 under
    人员数 …) must equal their sum. "其中" rows are not a partition and are left alone. Warnings
    only: an old table is evidence, not something to correct.
    """
    results = []
    for index, (label, unit, value) in enumerate(rows):
        level = _level(label)
        if level is None or value is None:
            continue
        children: list[tuple[str, Number | None]] = []
        for child_label, _, child_value in rows[index + 1 :]:
            child_level = _level(child_label)
            if child_level is not None and child_level <= level:
                break
            if child_level == level + 1:
                children.append((child_label, child_value))
        if not children or any(child_value is None for _, child_value in children):
            continue
        total = sum((v for _, v in children if v is not None), start=0)
        if total != value:
            parts = " + ".join(f"「{child_label}」{child_value}" for child_label, child_value in children)
            results.append(
                _warning(
                    Code.STATISTICS_SUM,
                    f"统计表「{label}」为 {value}{unit}，但{parts} = {total}",
                    None,
                )
            )
    if narrative:
        figures = find_figures(narrative)
        results += check_narrative_consistency(figures)
        for key, row_text in _STATISTICS_TARGETS:
            row = next((r for r in rows if row_text in normalize(r[0]) and r[2] is not None), None)
            if row is None:
                continue
            for value in sorted({f.value for f in figures if f.key == key}):
                if value != row[2]:
                    results.append(
                        _warning(
                            Code.NARRATIVE_MISMATCH,
                            f"正文写{FIGURE_LABELS[key]} {value}，统计表「{row[0]}」为 {row[2]}{row[1]}",
                            None,
                        )
                    )
    return results


# --- message helpers ----------------------------------------------------------------------------


def _terms_text(fmt: ReportFormat, parts: Sequence[Cell], numbers: Mapping[Cell, Number]) -> str:
    """Name the non-zero parts by label (a 总计 row has nineteen parts; zeros would drown the rest)."""
    table = fmt.table(parts[0].table)
    row_sum = len({part.row for part in parts}) == 1  # parts are columns of one row
    named = [
        f"「{table.column(p.row, p.column).path if row_sum else table.row(p.row).label}」{numbers[p]}"
        for p in parts
        if numbers[p]
    ]
    if not named:
        return "各分项均为 0"
    return "、".join(named) + ("，其余各项为 0" if len(named) < len(parts) else "")


def _rows_text(fmt: ReportFormat, cells: Sequence[Cell], numbers: Mapping[Cell, Number]) -> str:
    table = fmt.table(cells[0].table)
    return " + ".join(f"「{table.row(c.row).label}」{numbers[c]}" for c in cells)


def _error(code: Code, message: str, cell: Cell | None) -> CheckResult:
    return CheckResult(Level.ERROR, code, message, cell)


def _warning(code: Code, message: str, cell: Cell | None) -> CheckResult:
    return CheckResult(Level.WARNING, code, message, cell)
