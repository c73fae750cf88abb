"""The document primitives shared by reports and letters: grids with spans, DOCX page set-up, PDF fonts."""

import io
import subprocess

import pytest
from docx import Document

from xxgk.core import documents
from xxgk.core.documents import Grid, GridCell


def sample_grid() -> Grid:
    return Grid(
        columns=3,
        header_rows=2,
        rows=[
            [GridCell("项目", rowspan=2, header=True), GridCell("法人或其他组织", colspan=2, header=True)],
            [GridCell("商业企业", header=True), GridCell("其他", header=True)],
            [GridCell("<收到>", header=True, align="left"), GridCell("1", value=1), GridCell("2", value=2)],
        ],
    )


def test_layout_resolves_spans():
    placed = [(r, c, cell.text) for r, c, cell in sample_grid().layout()]
    assert placed == [
        (0, 0, "项目"),
        (0, 1, "法人或其他组织"),
        (1, 1, "商业企业"),
        (1, 2, "其他"),
        (2, 0, "<收到>"),
        (2, 1, "1"),
        (2, 2, "2"),
    ]
    with pytest.raises(ValueError, match="超出"):
        Grid(columns=1, rows=[[GridCell("a", colspan=2)]]).layout()


def test_grid_html_escapes_and_spans():
    html = documents.grid_html(sample_grid())
    assert '<th rowspan="2" scope="col" class="align-center">项目</th>' in html
    assert "&lt;收到&gt;" in html and "<thead><tr>" in html


def test_docx_is_a4_with_east_asian_fonts_and_a_real_table():
    document = documents.new_document()
    documents.add_title(document, "告知书")
    documents.add_paragraph(document, "正文。")
    documents.add_grid(document, sample_grid())
    parsed = Document(io.BytesIO(documents.docx_bytes(document)))
    section = parsed.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), round(section.top_margin.mm)) == (210, 297, 37)
    assert 'w:eastAsia="黑体"' in parsed.styles["Heading 1"].element.xml
    table = parsed.tables[0]
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc  # merged, not two cells
    assert table.cell(2, 2).text == "2"
    assert "PAGE" in section.footer._element.xml


def test_pdf_embeds_a_local_cjk_font(tmp_path):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(documents.html_to_pdf(documents.standalone_html("告知书", "<h1>政府信息公开申请答复告知书</h1>")))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Serif-CJK-SC" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "政府信息公开申请答复告知书" in text and "—1/1—" in text  # the page counter
