"""The annual report as HTML (portal fragment and standalone page), DOCX, PDF and XLSX.

Every label comes from the format (``formats``): the tables are laid out from its rows, headings and
column paths, so a format change is a data change here too. Layouts follow the published format —
table 二 one header line per 第二十条 item, table 三 its stub of nested row labels beside the applicant
columns, table 四 the three groups of five columns.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from openpyxl import Workbook

from xxgk.core import documents
from xxgk.core.documents import Grid, GridCell
from xxgk.reports.formats import Cell, Number, ReportFormat, RowGroup, Table


@dataclass(frozen=True)
class ReportDocument:
    """Everything a rendering needs: no database access below this point."""

    agency_name: str
    year: int
    fmt: ReportFormat
    cells: Mapping[Cell, Number]
    overview: str
    problems: str
    other_matters: str
    dated: str = ""  # e.g. 2027年1月20日, printed under the agency name
    contact: str = ""  # who answers questions about the report (see :func:`contact_sentence`)

    @property
    def title(self) -> str:
        return f"{self.agency_name}{self.year}年政府信息公开工作年度报告"

    @property
    def preamble(self) -> str:
        """The opening paragraph every published report has: its basis, contents and period."""
        contents = "、".join(heading.split("、", 1)[1] for heading in self.fmt.sections)
        return (
            f"本报告根据《中华人民共和国政府信息公开条例》和《{self.fmt.name}》（{self.fmt.document}）要求编制，"
            f"全文包括{contents}。本报告所列数据的统计期限自{self.year}年1月1日起至{self.year}年12月31日止。"
            + self.contact
        )

    def sections(self) -> list[tuple[str, str | Table]]:
        """The six sections in order: prose for 一、五、六, a table for 二、三、四."""
        texts = {0: self.overview, 4: self.problems, 5: self.other_matters}
        tables = {1: "二", 2: "三", 3: "四"}
        return [
            (heading, texts[i] if i in texts else self.fmt.table(tables[i]))
            for i, heading in enumerate(self.fmt.sections)
        ]


def display(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return str(value)


def contact_sentence(office_name: str, phone: str, fax: str = "") -> str:
    """如对本报告有疑问，请与…联系（电话：…）. Office telephone numbers only: a street address or an
    e-mail address would be held up by the personal-data screening when the report is published."""
    if not office_name:
        return ""
    numbers = "；".join(f"{label}：{value}" for label, value in (("电话", phone), ("传真", fax)) if value)
    return f"如对本报告有疑问，请与{office_name}联系" + (f"（{numbers}）" if numbers else "") + "。"


def _value_cell(value: Number, colspan: int = 1, href: str = "") -> GridCell:
    return GridCell(display(value), colspan=colspan, value=value, href=href)


# --- table layouts -------------------------------------------------------------------------------


def table_grid(
    fmt: ReportFormat, table: Table, cells: Mapping[Cell, Number], links: Mapping[Cell, str] | None = None
) -> Grid:
    """``links``: cells whose figure links somewhere in HTML (the back office's drill-down)."""
    if len(table.groups) > 1:
        return _grouped_grid(table, cells, links or {})
    return _stub_grid(table, cells, links or {})


def _spread(width: int, parts: int) -> list[int]:
    """Split ``width`` grid columns over ``parts`` header columns (the last takes the remainder)."""
    base = width // parts
    return [base] * (parts - 1) + [width - base * (parts - 1)]


def _grouped_grid(table: Table, cells: Mapping[Cell, Number], links: Mapping[Cell, str]) -> Grid:
    """Table 二: each 第二十条 item prints its own header line above its rows."""
    width = max(len(group.columns) for group in table.groups)
    grid = Grid(columns=1 + width, header_rows=0, keep_together=True)
    for group in table.groups:
        spans = _spread(width, len(group.columns))
        labels = [GridCell(c.label, colspan=s, header=True) for c, s in zip(group.columns, spans, strict=True)]
        if group.stub_label:  # 2019: the item on its own line, then 信息内容 | columns
            grid.rows.append([GridCell(group.label, colspan=1 + width, header=True)])
            grid.rows.append([GridCell(group.stub_label, header=True), *labels])
        else:
            grid.rows.append([GridCell(group.label, header=True), *labels])
        grid.rows += _group_rows(table, group, spans, cells, links)
    return grid


def _group_rows(
    table: Table, group: RowGroup, spans: list[int], cells: Mapping[Cell, Number], links: Mapping[Cell, str]
) -> list[list[GridCell]]:
    return [
        [
            GridCell(row.label, header=True),
            *(
                _value_cell(cells[cell := Cell(table.key, row.key, column.key)], span, links.get(cell, ""))
                for column, span in zip(group.columns, spans, strict=True)
            ),
        ]
        for row in group.rows
    ]


def _stub_grid(table: Table, cells: Mapping[Cell, Number], links: Mapping[Cell, str]) -> Grid:
    """Tables 三 and 四: nested row labels on the left (headings span their rows), a column header
    as deep as the longest column path (法人或其他组织 / 商业企业; 行政诉讼 / 复议后起诉 / 结果维持)."""
    group = table.groups[0]
    labelled = [row for row in group.rows if row.label]
    stub = 1 + max((table.level(row.key) for row in labelled), default=-1)
    depth = max(len(column.parents) + 1 for column in group.columns)
    leaves = [row for row in group.rows if not row.heading]
    # table 四 (one row) moves whole; table 三 may break between rows, its header repeating
    grid = Grid(columns=stub + len(group.columns), header_rows=depth, keep_together=len(leaves) < 10)
    for level in range(depth):
        line: list[GridCell] = []
        if level == 0 and stub:
            line.append(GridCell(table.note, colspan=stub, rowspan=depth, header=True, align="left"))
        line += _header_line(group, level, depth)
        grid.rows.append(line)
    pending: list[GridCell] = []
    for row in group.rows:
        if row.heading:
            span = sum(1 for leaf in leaves if _under(table, leaf.key, row.key))
            pending.append(GridCell(row.label, rowspan=span, header=True))
            continue
        line = pending
        pending = []
        if stub:
            level = table.level(row.key)
            line.append(GridCell(row.label, colspan=stub - level, header=True, align="left"))
        for column in group.columns:
            cell = Cell(table.key, row.key, column.key)
            line.append(_value_cell(cells[cell], href=links.get(cell, "")))
        grid.rows.append(line)
    return grid


def _under(table: Table, row_key: str, heading_key: str) -> bool:
    row = table.row(row_key)
    while row.parent:
        if row.parent == heading_key:
            return True
        row = table.row(row.parent)
    return False


def _header_line(group: RowGroup, level: int, depth: int) -> list[GridCell]:
    """One line of a nested column header: consecutive columns sharing a label at this level merge."""
    line: list[GridCell] = []
    paths = [(*column.parents, column.label) for column in group.columns]
    index = 0
    while index < len(paths):
        path = paths[index]
        if len(path) <= level:
            index += 1
            continue
        end = index + 1
        while end < len(paths) and len(paths[end]) > level and paths[end][: level + 1] == path[: level + 1]:
            end += 1
        leaf = end - index == 1 and len(path) == level + 1
        line.append(GridCell(path[level], colspan=end - index, rowspan=depth - level if leaf else 1, header=True))
        index = end
    return line


# --- the four files ------------------------------------------------------------------------------


def html_fragment(report: ReportDocument, with_title: bool = True) -> str:
    """The report's body for the portal page (the site's template supplies the page around it)."""
    parts = [f'<h1 class="report-title">{escape(report.title)}</h1>'] if with_title else []
    parts.append(f'<p class="preamble">{escape(report.preamble)}</p>')
    for heading, content in report.sections():
        parts.append(f"<h2>{escape(heading)}</h2>")
        if isinstance(content, str):
            parts += [f"<p>{escape(line)}</p>" for line in _lines(content)]
        else:
            parts.append(documents.grid_html(table_grid(report.fmt, content, report.cells)))
    parts.append(f'<p class="signature">{escape(report.agency_name)}</p>')
    if report.dated:
        parts.append(f'<p class="signature">{escape(report.dated)}</p>')
    return f'<div class="annual-report">{"".join(parts)}</div>'


def html_page(report: ReportDocument) -> str:
    return documents.standalone_html(report.title, html_fragment(report))


def pdf_bytes(report: ReportDocument) -> bytes:
    return documents.html_to_pdf(html_page(report))


def docx_bytes(report: ReportDocument) -> bytes:
    document = documents.new_document()
    documents.add_title(document, report.title)
    documents.add_paragraph(document, report.preamble)
    for heading, content in report.sections():
        documents.add_heading(document, heading)
        if isinstance(content, str):
            for line in _lines(content):
                documents.add_paragraph(document, line)
        else:
            documents.add_grid(document, table_grid(report.fmt, content, report.cells))
    documents.add_paragraph(document, report.agency_name, indent=False, align="right")
    if report.dated:
        documents.add_paragraph(document, report.dated, indent=False, align="right")
    return documents.docx_bytes(document)


def xlsx_bytes(report: ReportDocument) -> bytes:
    """One sheet per table, labels exact, figures as numbers (amounts as decimals)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.fmt.tables:
        sheet = workbook.create_sheet(table.title[:31])  # Excel's limit on sheet names
        sheet.append([report.title])
        sheet.append([table.title])
        documents.grid_to_sheet(sheet, table_grid(report.fmt, table, report.cells), first_row=3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def rollup_xlsx_bytes(title: str, fmt: ReportFormat, totals: Mapping[Cell, Number], agencies: list[tuple]) -> bytes:
    """The city's summed tables (one sheet each) and a sheet with every agency's status and figures.

    ``agencies``: (name, status label, late, cells or None) per agency.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in fmt.tables:
        sheet = workbook.create_sheet(table.title[:31])
        sheet.append([title])
        sheet.append([table.title])
        documents.grid_to_sheet(sheet, table_grid(fmt, table, totals), first_row=3)
    sheet = workbook.create_sheet("各机关情况")
    cells = list(fmt.cells())
    sheet.append(["机关", "状态", "是否逾期", *(fmt.describe(cell) for cell in cells)])
    for name, status, late, figures in agencies:
        values = [figures.get(cell, 0) if figures is not None else None for cell in cells]
        sheet.append([name, status, "逾期" if late else "", *values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
