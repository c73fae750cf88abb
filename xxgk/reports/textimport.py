"""Read a published annual report's figures from its plain text — a pure module, no Django, no database.

Agencies published their reports as web pages; copied as text, the tables are flattened: each cell
becomes a word, a line or a ``|``-terminated piece, and row labels may break across lines. What
survives is the order of the cells, so the parser walks the text as a stream of *label chunks* (the
non-numeric words between two numbers, joined) and *numbers*, and matches the format's row labels
in their statutory order. Labels are compared after normalising punctuation, brackets, quotes and
the OCR slips seen in real reports (増, 碱, 費, 釆), so 「第二十条第[五)项」 still finds its group.

What it reads:
- 2019/2021-format tables 二, 三, 四 → ``cells`` addressed like ``formats`` (table, row, column);
- a 国办发〔2014〕32号 统计表 → ``statistics``, rows (指标 as written, 单位, value) in order, because its
  rows varied by province and are kept as imported data;
- figures stated in prose (``checks.find_figures``) → ``figures``;
- anything it could not place → ``notes``, in Chinese, for the person importing.

:func:`audit_parsed` then runs ``checks`` on whatever was found, so reports of other agencies can
be audited the same way as our own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from xxgk.reports.checks import (
    CheckResult,
    Code,
    Figure,
    Level,
    check_narrative,
    check_statistics,
    find_figures,
    normalize,
    run_checks,
)
from xxgk.reports.formats import FORMATS, STATISTICS_2014, Cell, Number, ReportFormat, Row, Table


class DocumentKind(StrEnum):
    ANNUAL_REPORT = "annual_report"
    OTHER = "other"  # e.g. a 工作总结 filed among the reports: nothing is read from it


class StatisticsRow(NamedTuple):
    """One row of a 2014 统计表: a section row has no unit and no value."""

    label: str  # as written in the report
    unit: str
    value: Number | None


@dataclass(frozen=True)
class ParsedReport:
    kind: DocumentKind
    agency: str | None
    year: int | None
    format_key: str | None  # "2021", "2019", "2014-statistics", or None (no table format found)
    title: str | None = None
    published_on: date | None = None
    cells: dict[Cell, Number] = field(default_factory=dict)
    statistics: tuple[StatisticsRow, ...] = ()
    figures: tuple[Figure, ...] = ()
    notes: tuple[str, ...] = ()
    text: str = ""

    def figure(self, key: str) -> Number | None:
        """The first value the prose states for ``key`` (see ``checks.FIGURE_LABELS``)."""
        return next((figure.value for figure in self.figures if figure.key == key), None)

    def as_json(self) -> dict[str, object]:
        """What ``ImportedReport.figures`` stores: plain JSON, amounts as strings."""

        def plain(value: Number | None) -> int | str | None:
            return str(value) if isinstance(value, Decimal) else value

        return {
            "format": self.format_key,
            "cells": [[*cell, plain(value)] for cell, value in self.cells.items()],
            "statistics": [[row.label, row.unit, plain(row.value)] for row in self.statistics],
            "figures": [[f.key, plain(f.value), f.unit, f.excerpt] for f in self.figures],
            "notes": list(self.notes),
        }


def parse_report_text(text: str) -> ParsedReport:
    """Year, agency, format and figures of one published report (or say why it is not one)."""
    notes: list[str] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, agency, year = _find_title(lines)
    statistics, stats_agency, stats_year = _find_statistics(text, notes)
    year_sources = ["标题"] if year is not None else []
    if year is None:
        year, sentence_agency = _year_from_sentence(text)
        agency = agency or sentence_agency
        year_sources += ["正文"] if year is not None else []
    if stats_year is not None:
        if year is not None and stats_year != year:
            notes.append(f"统计表标注为{stats_year}年度，与报告年度{year}年不一致，以报告为准")
        year = year if year is not None else stats_year
        year_sources += ["统计表"] if stats_year == year else []
    agency = agency or stats_agency
    if title is None and year is None:
        first = lines[0] if lines else ""
        return ParsedReport(
            kind=DocumentKind.OTHER,
            agency=None,
            year=None,
            format_key=None,
            notes=(
                f"没有找到「××机关××年度政府信息公开工作报告」式标题，也没有写明报告年度，"
                f"不是政府信息公开年度报告（首行：「{first}」），未提取数字",
            ),
            text=text,
        )
    format_key = _detect_format(text, year, bool(statistics), notes)
    cells: dict[Cell, Number] = {}
    if format_key in FORMATS:
        cells = _read_tables(FORMATS[format_key], text, notes)
    if title is None:
        notes.append(f"没有找到报告标题，报告年度取自{'和'.join(year_sources)}")
    if agency is None:
        notes.append("未能读出机关名称")
    return ParsedReport(
        kind=DocumentKind.ANNUAL_REPORT,
        agency=agency,
        year=year,
        format_key=format_key,
        title=title,
        published_on=_published_on(text),
        cells=cells,
        statistics=tuple(statistics),
        figures=tuple(find_figures(text)),
        notes=tuple(notes),
        text=text,
    )


def audit_parsed(parsed: ParsedReport) -> list[CheckResult]:
    """Run ``checks`` on an imported report: its tables, its 统计表, its prose."""
    if parsed.format_key in FORMATS:
        fmt = FORMATS[parsed.format_key]
        results = run_checks(fmt, parsed.cells, narrative=parsed.text)
        for table in fmt.tables:
            if not any(cell.table == table.key for cell in parsed.cells):
                results.append(
                    CheckResult(
                        Level.WARNING,
                        Code.TABLE_MISSING,
                        f"文本中没有找到表「{table.title}」（{fmt.document}格式要求列出此表）",
                    )
                )
        return results
    if parsed.format_key == STATISTICS_2014:
        return check_statistics(parsed.statistics, parsed.text)
    if parsed.kind == DocumentKind.ANNUAL_REPORT:
        return check_narrative(None, {}, parsed.text)
    return []


# --- title, year, agency ------------------------------------------------------------------------

_REPORT = r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
_TITLE = re.compile(rf"^(?P<agency>[^,，。:：;；]{{2,40}}?)(?P<year>(?:19|20)\d{{2}})年度?{_REPORT}$")
_YEAR_TITLE = re.compile(rf"^(?P<year>(?:19|20)\d{{2}})年度?{_REPORT}$")
_AGENCY = re.compile(r"(?:局|委员会|委|办公室|办|政府|厅|院|中心|所|站|处|街道办事处|镇|乡)$")
_SENTENCE = re.compile(
    rf"现将(?P<agency>[^,，。;；]{{0,30}}?)(?P<year>(?:19|20)\d{{2}})年度?[^,，。;；]{{0,8}}?{_REPORT}"
)
_SELF = ("我局", "本局", "我委", "本委", "我办", "本办", "我单位", "本单位", "我机关", "本机关", "")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _find_title(lines: list[str]) -> tuple[str | None, str | None, int | None]:
    """The title line, e.g. 朝阳市科技局2012年度政府信息公开工作报告, or a year line under the agency."""
    for index, line in enumerate(lines[:60]):
        compact = _compact(line)
        match = _TITLE.match(compact)
        if match:
            return line, match.group("agency"), int(match.group("year"))
        match = _YEAR_TITLE.match(compact)
        if match:
            above = _compact(lines[index - 1]) if index else ""
            agency = above if _AGENCY.search(above) and len(above) <= 40 else None
            return (f"{lines[index - 1]}{line}" if agency else line), agency, int(match.group("year"))
    return None, None, None


def _year_from_sentence(text: str) -> tuple[int | None, str | None]:
    """现将我局2016年开展政府信息公开工作年度报告如下 → 2016 (an agency only if it is named)."""
    match = _SENTENCE.search(_compact(text))
    if match is None:
        return None, None
    agency = match.group("agency")
    return int(match.group("year")), (None if agency in _SELF else agency)


def _published_on(text: str) -> date | None:
    match = re.search(r"发布(?:日期|时间)\s*[:：]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})", normalize(text))
    return date(*(int(part) for part in match.groups())) if match else None


def _detect_format(text: str, year: int | None, has_statistics: bool, notes: list[str]) -> str | None:
    """2019+ by the table headers if any (some agencies kept the old format), else by the year."""
    compact = _compact(text)
    by_headers = None
    if "本年制发件数" in compact or "现行有效件数" in compact:
        by_headers = "2021"
    elif "本年新制作数量" in compact or "对外公开总数量" in compact:
        by_headers = "2019"
    by_year = None
    if year is not None and year >= 2019:
        by_year = "2021" if year >= 2021 else "2019"
    if by_headers and by_year and by_headers != by_year:
        notes.append(
            f"{year}年度应使用{FORMATS[by_year].document}格式，但表头属于{FORMATS[by_headers].document}格式，按表头读取"
        )
    if by_headers or by_year:
        return by_headers or by_year
    if has_statistics:
        return STATISTICS_2014
    notes.append("报告未附统计表，只读取正文中的数字")
    return None


# --- 2019/2021 tables ---------------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def _key(text: str) -> str:
    """A label reduced to letters, digits and Chinese characters: punctuation never decides a match."""
    return re.sub(r"[\W_]", "", normalize(text))


def _stream(text: str) -> list[str | Number]:
    """The text as label chunks (consecutive non-numeric words joined) and numbers, in order."""
    words = re.split(r"[\s|]+", unicodedata.normalize("NFKC", text).replace("−", "-"))
    items: list[str | Number] = []
    for word in words:
        if not word:
            continue
        if _NUMBER.fullmatch(word):
            items.append(Decimal(word) if "." in word else int(word))
        elif items and isinstance(items[-1], str):
            items[-1] += word
        else:
            items.append(word)
    return items


def _label_keys(row: Row) -> tuple[str, ...]:
    """The full label, and a short one without its ordinal and note when that is still distinctive."""
    short = re.sub(r"（[^（）]*）$", "", _ORDINAL.sub("", row.label))
    keys = [_key(row.label)]
    if len(_key(short)) >= 4 and _key(short) != keys[0]:
        keys.append(_key(short))
    return tuple(keys)


def _read_tables(fmt: ReportFormat, text: str, notes: list[str]) -> dict[Cell, Number]:
    items = _stream(text)
    cells: dict[Cell, Number] = {}
    for table in fmt.tables:
        if table.key == "四":
            _read_remedies(table, items, cells, notes)
        else:
            _read_rows(table, items, cells, notes)
    return cells


_LOOKAHEAD = 4  # label chunks a row may be away from where it is expected (an extra 小计 row, a footnote)


def _read_rows(table: Table, items: list[str | Number], cells: dict[Cell, Number], notes: list[str]) -> None:
    """Match the table's rows in statutory order, each label chunk followed by one number per column.

    A row that is not where it should be is looked for a few chunks further on (what is skipped is
    noted); a row that cannot be found is noted and left out, never guessed.
    """
    data_rows = [(group, row) for group in table.groups for row in group.rows if not row.heading]
    pos = _table_start(table, items)
    if pos is None:
        return
    found = 0
    for group, row in data_rows:
        at = _find_row(items, pos, row)
        if at is None:
            notes.append(f"表{table.key}：没有找到「{table.row_path(row.key)}」行")
            continue
        if at > pos:
            skipped = "」「".join(item for item in items[pos:at] if isinstance(item, str))
            notes.append(f"表{table.key}：「{table.row_path(row.key)}」行前有无法识别的内容「{skipped}」，已跳过")
        numbers = _numbers_after(items, at)
        width = len(group.columns)
        where = f"表{table.key}：「{table.row_path(row.key)}」行"
        if len(numbers) < width:
            notes.append(f"{where}只读到 {len(numbers)} 个数字，应有 {width} 个，未采用")
        else:
            if len(numbers) > width:
                notes.append(f"{where}后有 {len(numbers)} 个数字，只取前 {width} 个")
            for column, value in zip(group.columns, numbers, strict=False):
                cells[Cell(table.key, row.key, column.key)] = value
            found += 1
        pos = at + 1 + len(numbers)
    if found == 0:
        notes.append(f"表{table.key}：找到表头但没有读出任何一行")


def _table_start(table: Table, items: list[str | Number]) -> int | None:
    """The chunk holding the first row's label — under its group header (第二十条第（一）项) if there is one."""
    group = table.groups[0]
    first_row = next(row for row in group.rows if not row.heading)
    anchor = _key(group.label) if group.label else ""
    candidates = [
        (i, _key(item))
        for i, item in enumerate(items)
        if isinstance(item, str)
        and _key(item).endswith(_label_keys(first_row))
        and len(_numbers_after(items, i)) >= len(group.columns)
    ]
    headed = [(i, key) for i, key in candidates if anchor in key]
    return (headed or candidates or [(None, "")])[0][0]


def _find_row(items: list[str | Number], pos: int, row: Row) -> int | None:
    keys = _label_keys(row)
    chunks = 0
    for at in range(pos, len(items)):
        item = items[at]
        if not isinstance(item, str):
            continue
        if _key(item).endswith(keys):
            return at
        chunks += 1
        if chunks > _LOOKAHEAD:
            return None
    return None


def _read_remedies(table: Table, items: list[str | Number], cells: dict[Cell, Number], notes: list[str]) -> None:
    """Table 四 has one unlabeled row: the numbers right after its header (结果维持 … 尚未审结 … 总计)."""
    group = table.groups[0]
    for index, item in enumerate(items):
        if isinstance(item, str) and "结果维持" in _key(item) and "尚未审结" in _key(item):
            numbers = _numbers_after(items, index)
            if len(numbers) < len(group.columns):
                notes.append(f"表四：表头后只读到 {len(numbers)} 个数字，应有 {len(group.columns)} 个，未采用")
                return
            for column, value in zip(group.columns, numbers, strict=False):
                cells[Cell(table.key, group.rows[0].key, column.key)] = value
            return


def _numbers_after(items: list[str | Number], index: int) -> list[Number]:
    numbers: list[Number] = []
    for item in items[index + 1 :]:
        if isinstance(item, str):
            break
        numbers.append(item)
    return numbers


# --- 国办发〔2014〕32号 统计表 ---------------------------------------------------------------------

_UNITS = ("人次", "万元", "条", "件", "个", "人", "次", "元", "项", "篇", "份", "场", "期")
_HEADER = ("统计指标", "单位", "统计数")
_FOOTER = ("单位负责人", "审核人", "填报人", "联系电话", "填报日期")
_STATS_TITLE = re.compile(r"^(?P<agency>.{2,40}?)政府信息公开(?:工作)?(?:情况)?统计表$")
_STATS_YEAR = re.compile(r"[(（](?P<year>(?:19|20)\d{2})年度?[)）]")


def _find_statistics(text: str, notes: list[str]) -> tuple[list[StatisticsRow], str | None, int | None]:
    """The 统计表 after its title: rows of (指标, 单位, 统计数), cells split by ``|`` or line breaks."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = _STATS_TITLE.match(_compact(line))
        if match is None:
            continue
        year = None
        for below in lines[index + 1 : index + 4]:
            year_match = _STATS_YEAR.search(_compact(below))
            if year_match:
                year = int(year_match.group("year"))
                break
        rows = _statistics_rows("\n".join(lines[index + 1 :]), notes)
        return rows, match.group("agency"), year
    return [], None, None


def _statistics_rows(region: str, notes: list[str]) -> list[StatisticsRow]:
    """Rows from the header (统计指标 | 单位 | 统计数) to the signature line (单位负责人 …)."""
    pieces = [piece.strip() for piece in re.split(r"[|\n]", region)]
    rows: list[StatisticsRow] = []
    started = False
    for piece in pieces:
        compact = _compact(piece)
        if not compact:
            continue
        if not started:  # the header: 统计指标 | 单位 | 统计数, as cells or on one line
            started = compact.startswith(_HEADER[0])
            continue
        if compact in _HEADER[1:]:
            continue
        if compact.startswith(_FOOTER):
            break
        label, unit, value = _split_piece(piece)
        if label:
            rows.append(StatisticsRow(label, unit or "", value))
        elif not rows:
            notes.append(f"统计表：「{piece}」前没有指标名称，已忽略")
        elif value is not None and rows[-1].value is not None:
            notes.append(f"统计表：「{rows[-1].label}」行有多余的数字 {value}，已忽略")
        else:  # the unit or the value cell of the row being read
            last = rows[-1]
            rows[-1] = last._replace(unit=last.unit or unit or "", value=value if value is not None else last.value)
    return rows


def _split_piece(piece: str) -> tuple[str, str | None, Number | None]:
    """A cell, or a whole row on one line: peel a trailing number, then a trailing unit, off the label."""
    words = piece.split()
    value: Number | None = None
    unit: str | None = None
    if words and _NUMBER.fullmatch(normalize(words[-1])):
        raw = normalize(words.pop())
        value = Decimal(raw) if "." in raw else int(raw)
    if words and words[-1] in _UNITS:
        unit = words.pop()
    return " ".join(words), unit, value
