"""The four exports, read back: DOCX and XLSX tables, PDF fonts, text and a rendered page."""

import io
import subprocess
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from xxgk.reports import export
from xxgk.reports.services import compile_report, report_document, save_statistics

pytestmark = pytest.mark.django_db

FIGURES = {
    ("二", "licensing", "decisions"): 95,
    ("二", "penalty", "decisions"): 7,
    ("二", "fees", "fee_amount"): "1.25",
    ("三", "new", "natural_person"): 4,
    ("三", "new", "legal_service"): 2,
    ("三", "granted", "natural_person"): 3,
    ("三", "deny_4", "legal_service"): 2,
    ("三", "carried_out", "natural_person"): 1,
    ("四", "cases", "review_upheld"): 1,
}


@pytest.fixture
def document(catalogue, operator, agency_a):
    save_statistics(operator, agency_a, 2025, FIGURES)
    compile_report(operator, agency_a, 2025)
    return report_document(agency_a, 2025)


def docx_rows(data: bytes) -> list[list[str]]:
    rows = []
    for table in Document(io.BytesIO(data)).tables:
        for row in table.rows:
            seen, cells = set(), []
            for cell in row.cells:  # a merged cell repeats across its span: keep it once
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
            rows.append(cells)
    return rows


def test_docx_has_real_tables_with_exact_labels_and_numbers(document):
    data = export.docx_bytes(document)
    parsed = Document(io.BytesIO(data))
    assert len(parsed.tables) == 3
    rows = docx_rows(data)
    assert ["第二十条第（一）项", "本年制发件数", "本年废止件数", "现行有效件数"] in rows
    assert ["行政规范性文件", "2", "1", "3"] in rows
    assert ["行政许可", "95"] in rows and ["行政事业性收费", "1.25"] in rows
    assert ["一、本年新收政府信息公开申请数量", "4", "0", "0", "0", "2", "0", "6"] in rows
    assert any(row[-8:] == ["4.保护第三方合法权益", "0", "0", "0", "0", "2", "0", "2"] for row in rows)
    # header rows repeat on each page; no row splits across pages
    xml = parsed.tables[1]._tbl.xml
    assert xml.count("<w:tblHeader/>") == 2 and xml.count("<w:cantSplit/>") == len(parsed.tables[1].rows)
    section = parsed.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 'w:eastAsia="仿宋"' in parsed.styles["Normal"].element.xml
    assert parsed.paragraphs[0].text == "测试市科学技术局2025年政府信息公开工作年度报告"


def test_xlsx_has_one_sheet_per_table_and_numbers_as_numbers(document):
    workbook = load_workbook(io.BytesIO(export.xlsx_bytes(document)))
    assert workbook.sheetnames == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    values = {}
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            label = next((v for v in row if isinstance(v, str)), None)
            numbers = [v for v in row if isinstance(v, int | float) and not isinstance(v, bool)]
            if label and numbers:
                values[(sheet.title, label)] = numbers
    assert values[("二、主动公开政府信息情况", "行政规范性文件")] == [2, 1, 3]
    assert values[("二、主动公开政府信息情况", "行政事业性收费")] == [1.25]
    assert values[("三、收到和处理政府信息公开申请情况", "（七）总计")] == [3, 0, 0, 0, 2, 0, 5]
    assert values[("三、收到和处理政府信息公开申请情况", "四、结转下年度继续办理")] == [1, 0, 0, 0, 0, 0, 1]


def test_html_fragment_for_the_portal(document):
    fragment = export.html_fragment(document)
    assert fragment.startswith('<div class="annual-report">') and "<html" not in fragment
    assert '<th colspan="5" scope="col" class="align-center">法人或其他组织</th>' in fragment
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in fragment
    assert "<!DOCTYPE html>" in export.html_page(document)


def test_pdf_embeds_chinese_fonts_and_renders(document, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(export.pdf_bytes(document))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
    assert any("CJK" in line for line in fonts)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "二、主动公开政府信息情况" in text and "行政规范性文件" in text
    assert "收到政府信息公开申请6件" in text
    assert "1.25" in text and "95" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    [png] = tmp_path.glob("page*.png")
    page = Image.open(png).convert("L")
    dark = sum(page.histogram()[:128])
    assert dark > 0.01 * page.width * page.height  # text and table rules, not a blank page


def test_amounts_keep_their_decimals(document):
    assert document.cells[("二", "fees", "fee_amount")] == Decimal("1.25")
    assert export.display(Decimal("3.50")) == "3.5" and export.display(Decimal("0.00")) == "0"


def test_a_2020_report_exports_in_the_2019_format(operator, agency_a):
    save_statistics(operator, agency_a, 2020, {("二", "procurement", "purchase_amount"): "12.5"})
    document = report_document(agency_a, 2020)
    rows = docx_rows(export.docx_bytes(document))
    assert ["第二十条第（九）项"] in rows and ["信息内容", "采购项目数量", "采购总金额"] in rows
    assert ["政府集中采购", "0", "12.5"] in rows
    # （六）其他处理 is one row in the 2019 format (beside the merged 三、本年度办理结果 cell)
    assert ["三、本年度办理结果", "（六）其他处理", "0", "0", "0", "0", "0", "0", "0"] in rows
    assert "规范性文件" in export.html_fragment(document) and "行政规范性文件" not in export.html_fragment(document)
