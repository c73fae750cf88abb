"""Formal documents (annual reports, 告知书 letters): DOCX via python-docx, PDF via WeasyPrint.

Generic and small on purpose: a page set-up, East Asian fonts, headings, paragraphs and a table
described once as a :class:`Grid` (cells with spans) that renders both to a real Word table and to
HTML. Nothing is downloaded: the PDF names fonts installed on the machine (Debian
``fonts-noto-cjk``), which WeasyPrint embeds as subsets.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable

# GB/T 9704 公文 conventions: 仿宋 三号 body, 黑体 / 楷体 headings, 宋体 in tables.
BODY_FONT = "仿宋"
HEADING_FONTS = ("黑体", "楷体")
TITLE_FONT = "宋体"
TABLE_FONT = "宋体"
BODY_SIZE = Pt(16)
TABLE_SIZE = Pt(10.5)
TITLE_SIZE = Pt(22)
# GB/T 9704 page margins (mm): top, bottom, left, right.
MARGINS_MM = (37, 35, 28, 26)

# The same fonts for the PDF, as installed locally (fonts-noto-cjk); first match wins.
PDF_SERIF = '"Noto Serif CJK SC", "Noto Serif CJK", serif'
PDF_SANS = '"Noto Sans CJK SC", "Noto Sans CJK", sans-serif'


# --- a table described once --------------------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False  # a label (th), not a figure
    align: str = "center"  # "left" for row labels, "center" otherwise
    indent: int = 0  # nesting level of a row label
    value: object = None  # the number behind ``text``, written as a number to spreadsheets
    href: str = ""  # HTML only: the figure links there (e.g. the records counted in it)


@dataclass
class Grid:
    """A table as rows of cells with spans, in reading order (covered positions are omitted).

    ``header_rows`` leading rows repeat on every page; no row is split across pages.
    """

    columns: int
    rows: list[list[GridCell]] = field(default_factory=list)
    header_rows: int = 1
    caption: str = ""
    note: str = ""  # printed under the table
    keep_together: bool = False  # a short table moves to the next page whole rather than split

    def layout(self) -> list[tuple[int, int, GridCell]]:
        """Each cell with its top-left (row, column) position, resolving spans."""
        taken: set[tuple[int, int]] = set()
        placed = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c + cell.colspan > self.columns:
                    raise ValueError(f"第{r + 1}行单元格超出{self.columns}列")
                placed.append((r, c, cell))
                taken |= {(r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
                c += cell.colspan
        return placed


# --- DOCX ----------------------------------------------------------------------------------------


def set_font(target, name: str, size: Pt | None = None, bold: bool | None = None) -> None:
    """Set a run's or style's font, including the East Asian slot Word uses for Chinese (w:eastAsia)."""
    font = target.font
    font.name = name
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def new_document() -> Document:
    """An empty A4 document with 公文 margins, 仿宋 body, 黑体/楷体 headings and a 宋体 title style."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    styles = document.styles
    set_font(styles["Normal"], BODY_FONT, BODY_SIZE)
    styles["Normal"].paragraph_format.line_spacing = Pt(28)
    for level, name in enumerate(HEADING_FONTS, start=1):
        style = styles[f"Heading {level}"]
        set_font(style, name, BODY_SIZE, bold=False)
        style.font.color.rgb = None
        style.paragraph_format.keep_with_next = True
    set_font(styles["Title"], TITLE_FONT, TITLE_SIZE, bold=True)
    styles["Title"].font.color.rgb = None
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_number_footer(section)
    return document


def add_title(document: Document, text: str) -> None:
    document.add_paragraph(text, style="Title")


def add_heading(document: Document, text: str, level: int = 1) -> None:
    document.add_paragraph(text, style=f"Heading {level}")


def add_paragraph(document: Document, text: str, *, indent: bool = True, align: str = "justify") -> None:
    """A body paragraph; Chinese prose indents its first line by two characters."""
    paragraph = document.add_paragraph(text)
    if indent:
        paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
    paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(
        align, WD_ALIGN_PARAGRAPH.LEFT
    )


def add_grid(document: Document, grid: Grid) -> DocxTable:
    """A real Word table: merged spans, header rows repeated on each page, rows never split."""
    if grid.caption:
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        set_font(caption.add_run(grid.caption), HEADING_FONTS[0], Pt(12))
    table = document.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in grid.layout():
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.paragraph_format.first_line_indent = None
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
        if cell.indent:
            paragraph.paragraph_format.left_indent = TABLE_SIZE * cell.indent
        set_font(paragraph.add_run(cell.text), TABLE_FONT, TABLE_SIZE, bold=cell.header and cell.align != "left")
        # Word keeps a table on one page when every row but the last is "keep with next".
        paragraph.paragraph_format.keep_with_next = grid.keep_together and r + cell.rowspan < len(grid.rows)
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < grid.header_rows:
            properties.append(OxmlElement("w:tblHeader"))
    if grid.note:
        add_paragraph(document, grid.note, indent=False)
    return table


def docx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_page_number_footer(section) -> None:
    """「— N —」centred in the footer, as a PAGE field Word and WPS update themselves."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("— "), TITLE_FONT, Pt(14))
    run = paragraph.add_run()
    set_font(run, TITLE_FONT, Pt(14))
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    set_font(paragraph.add_run(" —"), TITLE_FONT, Pt(14))


# --- XLSX ----------------------------------------------------------------------------------------


def grid_to_sheet(sheet, grid: Grid, first_row: int = 1, label_width: float = 30, width: float = 14) -> None:
    """Write the grid to an openpyxl sheet: merged spans, borders, numbers as numbers."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r, c, cell in grid.layout():
        row, column = first_row + r, 1 + c
        target = sheet.cell(row=row, column=column)
        target.value = cell.value if cell.value is not None else cell.text
        target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
        target.font = Font(name=TABLE_FONT, bold=cell.header and cell.align != "left")
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row, start_column=column, end_row=row + cell.rowspan - 1, end_column=column + cell.colspan - 1
            )
        for i in range(cell.rowspan):
            for j in range(cell.colspan):
                sheet.cell(row=row + i, column=column + j).border = border
    for column in range(1, grid.columns + 1):
        sheet.column_dimensions[get_column_letter(column)].width = label_width if column == 1 else width


# --- HTML and PDF --------------------------------------------------------------------------------


def grid_html(grid: Grid, css_class: str = "report-table") -> str:
    """The grid as an accessible HTML table (thead for the header rows)."""
    by_row: dict[int, list[str]] = {}
    for r, _, cell in grid.layout():
        tag = "th" if cell.header else "td"
        attrs = ""
        if cell.colspan > 1:
            attrs += f' colspan="{cell.colspan}"'
        if cell.rowspan > 1:
            attrs += f' rowspan="{cell.rowspan}"'
        if cell.header:
            attrs += ' scope="col"' if r < grid.header_rows else ' scope="row"'
        classes = [f"align-{cell.align}"] + ([f"indent-{cell.indent}"] if cell.indent else [])
        attrs += f' class="{" ".join(classes)}"'
        text = f'<a href="{escape(cell.href)}">{escape(cell.text)}</a>' if cell.href else escape(cell.text)
        by_row.setdefault(r, []).append(f"<{tag}{attrs}>{text}</{tag}>")
    head = "".join(f"<tr>{''.join(by_row.get(r, []))}</tr>" for r in range(grid.header_rows))
    body = "".join(f"<tr>{''.join(by_row.get(r, []))}</tr>" for r in range(grid.header_rows, len(grid.rows)))
    caption = f"<caption>{escape(grid.caption)}</caption>" if grid.caption else ""
    note = f'<p class="table-note">{escape(grid.note)}</p>' if grid.note else ""
    if grid.keep_together:
        css_class += " keep"
    return f'<table class="{css_class}">{caption}<thead>{head}</thead><tbody>{body}</tbody></table>{note}'


# Print CSS: A4, 公文 margins, page numbers, CJK fonts that are installed locally, tables that keep
# their header on each page and never break inside a row.
PRINT_CSS = f"""
@page {{
  size: A4;
  margin: {MARGINS_MM[0]}mm {MARGINS_MM[3]}mm {MARGINS_MM[1]}mm {MARGINS_MM[2]}mm;
  @bottom-center {{ content: "— " counter(page) " / " counter(pages) " —"; font-family: {PDF_SERIF}; font-size: 10pt; }}
}}
html {{ font-family: {PDF_SERIF}; font-size: 12pt; line-height: 1.75; }}
h1 {{ font-size: 18pt; text-align: center; font-weight: bold; margin: 0 0 1em; }}
h2, h3 {{ font-family: {PDF_SANS}; font-size: 13pt; font-weight: normal; margin: 1em 0 .4em; break-after: avoid; }}
p {{ text-indent: 2em; margin: 0 0 .4em; text-align: justify; }}
p.signature {{ text-align: right; text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: .6em 0; font-size: 9.5pt; line-height: 1.35; }}
caption {{ font-family: {PDF_SANS}; font-size: 11pt; margin-bottom: .3em; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
table.keep {{ break-inside: avoid; }}
th, td {{ border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: middle; }}
th {{ font-weight: normal; }}
.align-left {{ text-align: left; }}
.align-center {{ text-align: center; }}
.indent-1 {{ padding-left: 1.2em; }}
.indent-2 {{ padding-left: 2.4em; }}
p.table-note {{ text-indent: 0; font-size: 9pt; }}
"""


def standalone_html(title: str, body: str, css: str = PRINT_CSS) -> str:
    """A complete HTML page (``lang="zh-CN"``) around an already-escaped body fragment."""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF with WeasyPrint; fonts come from the local fontconfig and are embedded."""
    from weasyprint import HTML  # imported late: it loads Pango, which pure-rule tests do not need

    return HTML(string=html, base_url=None).write_pdf()
