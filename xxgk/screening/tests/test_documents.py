"""Attachments as bytes: type by content, text of every kind, hidden metadata, masking (rules.md §1.5)."""

import io
import zipfile

import pytest

from xxgk.screening import documents
from xxgk.screening.detectors import FindingKind, scan
from xxgk.screening.documents import DocumentError, DocumentKind
from xxgk.screening.masking import UnmaskableFinding
from xxgk.screening.tests import sample_files as files
from xxgk.screening.tests.sample_files import AUTHOR, COMPANY, MOBILE, RESIDENT_ID

LIMIT = 20 * 1024 * 1024


@pytest.fixture(scope="module")
def samples() -> dict[DocumentKind, bytes]:
    return {
        DocumentKind.DOCX: files.docx(),
        DocumentKind.XLSX: files.xlsx(),
        DocumentKind.PDF: files.pdf(),
        DocumentKind.JPEG: files.jpeg_with_gps(),
        DocumentKind.PNG: files.png(),
    }


def test_each_type_is_recognised_by_its_content(samples):
    for kind, data in samples.items():
        assert documents.sniff_type(data) == kind


@pytest.mark.parametrize(
    ("real", "name", "says"),
    [
        (DocumentKind.PDF, "通知.docx", "实际格式是 PDF，与扩展名“.docx”不符"),
        (DocumentKind.DOCX, "名单.pdf", "实际格式是 Word 文档（DOCX），与扩展名“.pdf”不符"),
        (DocumentKind.XLSX, "名单.docx", "实际格式是 Excel 表格（XLSX）"),
        (DocumentKind.JPEG, "照片.png", "实际格式是 JPEG 图片"),
        (DocumentKind.PDF, "没有扩展名", "与扩展名“.”不符"),
    ],
)
def test_an_extension_that_lies_is_refused_naming_the_real_type(samples, real, name, says):
    with pytest.raises(DocumentError, match=says):
        documents.inspect(name, samples[real], LIMIT)


def test_a_truthful_extension_passes_in_any_case(samples):
    assert documents.inspect("公示.PDF", samples[DocumentKind.PDF], LIMIT) == DocumentKind.PDF
    assert documents.inspect("照片.jpg", samples[DocumentKind.JPEG], LIMIT) == DocumentKind.JPEG


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "请另存为 DOCX、XLSX 或 PDF"),
        (b"<html><body>hello</body></html>", "无法识别的文件格式"),
        (b"MZ\x90\x00" + b"\0" * 100, "无法识别的文件格式"),
    ],
)
def test_old_office_files_and_unknown_content_are_refused(data, says):
    with pytest.raises(DocumentError, match=says):
        documents.sniff_type(data)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_plain_zip_an_ofd_and_a_macro_workbook_are_refused(samples):
    with pytest.raises(DocumentError, match="压缩包"):
        documents.sniff_type(_zip({"a.txt": b"x"}))
    with pytest.raises(DocumentError, match="OFD"):
        documents.sniff_type(_zip({"OFD.xml": b"<ofd/>"}))
    macro = samples[DocumentKind.XLSX].replace(b"x", b"x")  # a copy, then its main part declared macro-enabled
    source = zipfile.ZipFile(io.BytesIO(macro))
    parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    with pytest.raises(DocumentError, match="含宏的 Excel"):
        documents.sniff_type(_zip(parts))


def test_the_size_limit_is_checked_first_with_both_sizes_in_the_message(samples):
    data = samples[DocumentKind.PDF]
    padded = data + b"\0" * (1536 * 1024 - len(data))  # trailing bytes after %%EOF: still a readable PDF
    with pytest.raises(DocumentError, match=r"大小为 1\.5 MB，超过了 1\.0 MB 的上限"):
        documents.inspect("公示.pdf", padded, 1024 * 1024)
    assert documents.inspect("公示.pdf", padded, len(padded)) == DocumentKind.PDF
    with pytest.raises(DocumentError, match="空文件"):
        documents.inspect("空.pdf", b"", LIMIT)


def test_a_damaged_file_of_a_known_type_is_refused_at_inspection():
    with pytest.raises(DocumentError, match="无法读取这个 PDF 文件"):
        documents.inspect("坏.pdf", b"%PDF-1.7\n garbage", LIMIT)


def test_text_of_a_docx_includes_tables_headers_footers_and_runs_joined(samples):
    text = documents.extract_text(DocumentKind.DOCX, samples[DocumentKind.DOCX])
    assert "联系人电话：13812345678。" in text  # three runs, one line
    assert RESIDENT_ID in text and "张三" in text  # the table
    assert "测试市科学技术局" in text and "页脚文字" in text
    assert "新增的表述" in text and "删掉的旧表述" not in text  # a tracked deletion is not content


def test_text_of_an_xlsx_covers_every_sheet_and_numbers(samples):
    text = documents.extract_text(DocumentKind.XLSX, samples[DocumentKind.XLSX])
    assert f"张三\t{RESIDENT_ID}\t{MOBILE}" in text
    assert "科技创新券申领说明" in text


def test_text_of_a_pdf_keeps_page_breaks(samples):
    text = documents.extract_text(DocumentKind.PDF, samples[DocumentKind.PDF])
    first, second = text.split(documents.PAGE_BREAK)
    assert RESIDENT_ID in first and MOBILE in first
    assert "第二页" in second


def test_images_have_no_text(samples):
    assert documents.extract_text(DocumentKind.JPEG, samples[DocumentKind.JPEG]) == ""


def _docx_properties(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data)).core_properties


def _zip_text(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def _exif(image: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(image)).getexif()


def test_docx_metadata_comments_tracked_changes_and_photo_gps_are_stripped(samples):
    data = samples[DocumentKind.DOCX]
    assert _docx_properties(data).author == AUTHOR and COMPANY in _zip_text(data, "docProps/app.xml")
    clean = documents.strip_metadata(DocumentKind.DOCX, data)
    properties = _docx_properties(clean)
    assert (properties.author, properties.last_modified_by, properties.comments) == ("", "", "")
    assert properties.revision in (0, 1)  # python-docx reads a missing revision as 0
    assert COMPANY not in _zip_text(clean, "docProps/app.xml")
    for part in zipfile.ZipFile(io.BytesIO(clean)).namelist():
        if part.endswith(".xml"):
            xml = _zip_text(clean, part)
            assert AUTHOR not in xml, part
            assert "这段要不要删" not in xml and "删掉的旧表述" not in xml, part
    (photo,) = [name for name in zipfile.ZipFile(io.BytesIO(clean)).namelist() if name.startswith("word/media/")]
    assert not _exif(zipfile.ZipFile(io.BytesIO(clean)).read(photo))
    assert _exif(zipfile.ZipFile(io.BytesIO(data)).read(photo)).get_ifd(0x8825)  # GPS before
    # The visible content is untouched (and the tracked insertion is now plain text).
    assert documents.extract_text(DocumentKind.DOCX, clean) == documents.extract_text(DocumentKind.DOCX, data)


def test_xlsx_metadata_is_stripped_and_the_cells_stay(samples):
    from openpyxl import load_workbook

    data = samples[DocumentKind.XLSX]
    clean = documents.strip_metadata(DocumentKind.XLSX, data)
    assert load_workbook(io.BytesIO(data)).properties.creator == AUTHOR
    assert load_workbook(io.BytesIO(clean)).properties.lastModifiedBy is None
    assert AUTHOR not in _zip_text(clean, "docProps/core.xml")
    assert COMPANY not in _zip_text(clean, "docProps/app.xml")
    assert documents.extract_text(DocumentKind.XLSX, clean) == documents.extract_text(DocumentKind.XLSX, data)


def test_pdf_information_dictionary_xmp_and_notes_are_stripped(samples):
    from pypdf import PdfReader

    data = samples[DocumentKind.PDF]
    assert PdfReader(io.BytesIO(data)).metadata.author == AUTHOR
    assert "/Annots" in PdfReader(io.BytesIO(data)).pages[0]
    clean = documents.strip_metadata(DocumentKind.PDF, data)
    reader = PdfReader(io.BytesIO(clean))
    assert not (reader.metadata or {}).get("/Author")
    assert "/Metadata" not in reader.trailer["/Root"]
    assert not reader.pages[0].get("/Annots")  # the sticky note is gone
    assert AUTHOR.encode("utf-8") not in clean and "王小明".encode("utf-16-be") not in clean
    assert documents.extract_text(DocumentKind.PDF, clean) == documents.extract_text(DocumentKind.PDF, data)


def test_image_exif_and_gps_are_stripped_and_the_picture_stays(samples):
    from PIL import Image

    data = samples[DocumentKind.JPEG]
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    clean = documents.strip_metadata(DocumentKind.JPEG, data)
    image = Image.open(io.BytesIO(clean))
    assert not image.getexif() and "exif" not in image.info
    assert image.size == (40, 20)
    png = documents.strip_metadata(DocumentKind.PNG, samples[DocumentKind.PNG])
    assert "Author" not in Image.open(io.BytesIO(png)).info


def _personal(text: str):
    return [f for f in scan(text) if f.kind in (FindingKind.RESIDENT_ID, FindingKind.MOBILE)]


def test_masking_a_docx_handles_numbers_split_across_runs(samples):
    data = documents.strip_metadata(DocumentKind.DOCX, samples[DocumentKind.DOCX])
    findings = _personal(documents.extract_text(DocumentKind.DOCX, data))
    assert {f.kind for f in findings} == {FindingKind.RESIDENT_ID, FindingKind.MOBILE}
    masked = documents.mask_document(DocumentKind.DOCX, data, findings)
    text = documents.extract_text(DocumentKind.DOCX, masked)
    assert MOBILE not in text and RESIDENT_ID not in text
    assert "联系人电话：138****5678。" in text and "11*************514" in text
    assert not _personal(text)
    # Formatting of the runs survives: the bold run is still there (now holding the rest of its share).
    from docx import Document

    runs = Document(io.BytesIO(masked)).paragraphs[1].runs
    assert [r.text for r in runs][1:] == ["138****5678", "", "。"]


def test_masking_an_xlsx_covers_text_cells_and_numbers(samples):
    data = samples[DocumentKind.XLSX]
    findings = _personal(documents.extract_text(DocumentKind.XLSX, data))
    masked = documents.mask_document(DocumentKind.XLSX, data, findings)
    text = documents.extract_text(DocumentKind.XLSX, masked)
    assert "张三\t11*************514\t138****5678" in text
    assert not _personal(text)


def test_masking_a_pdf_retypesets_its_text_page_by_page(samples):
    data = samples[DocumentKind.PDF]
    findings = _personal(documents.extract_text(DocumentKind.PDF, data))
    masked = documents.mask_document(DocumentKind.PDF, data, findings)
    pages = documents.extract_text(DocumentKind.PDF, masked).split(documents.PAGE_BREAK)
    assert len(pages) == 2
    assert "11*************514" in pages[0] and "138****5678" in pages[0]
    assert RESIDENT_ID not in pages[0] and MOBILE not in pages[0] and "第二页" in pages[1]
    assert documents.PDF_NOTE in pages[0]  # the reader is told this is a re-typeset copy


def test_secrecy_marks_and_images_are_never_masked(samples):
    (mark,) = scan("机密★1年")
    with pytest.raises(UnmaskableFinding):
        documents.mask_document(DocumentKind.DOCX, samples[DocumentKind.DOCX], [mark])
    (mobile,) = scan(f"电话{MOBILE}")
    with pytest.raises(DocumentError, match="图片中的文字无法自动遮盖"):
        documents.mask_document(DocumentKind.JPEG, samples[DocumentKind.JPEG], [mobile])


def test_text_masking_cannot_reach_is_reported_not_silently_left(samples):
    # A formula's cached value: masking it would not help (the formula computes it again on opening).
    source = zipfile.ZipFile(io.BytesIO(samples[DocumentKind.XLSX]))
    parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"</row></sheetData>", b'<c r="D2" t="str"><f>C2</f><v>13812345678</v></c></row></sheetData>'
    )
    data = _zip(parts)
    assert documents.extract_text(DocumentKind.XLSX, data).count(MOBILE) == 2
    findings = _personal(documents.extract_text(DocumentKind.XLSX, data))
    with pytest.raises(documents.MaskingIncomplete, match=MOBILE):
        documents.mask_document(DocumentKind.XLSX, data, findings)


def test_an_address_hidden_in_a_mailto_link_is_read_and_masked():
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = Document()
    paragraph = document.add_paragraph("如有疑问请")
    link_id = paragraph.part.relate_to("mailto:zhangsan@example.com", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        paragraph._p.makeelement(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink",
            {"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id": link_id},
        )
    )
    paragraph._p[-1].append(paragraph.add_run("联系我们")._r)
    out = io.BytesIO()
    document.save(out)
    text = documents.extract_text(DocumentKind.DOCX, out.getvalue())
    (email,) = [f for f in scan(text) if f.kind == FindingKind.EMAIL]
    masked = documents.mask_document(DocumentKind.DOCX, out.getvalue(), [email])
    assert "zhangsan" in _all_xml(out.getvalue()) and "zhangsan" not in _all_xml(masked)
    assert "mailto:z***@example.com" in documents.extract_text(DocumentKind.DOCX, masked)
    assert "联系我们" in documents.extract_text(DocumentKind.DOCX, masked)


def _all_xml(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith((".xml", ".rels")))
