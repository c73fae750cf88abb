"""Real files for the attachment tests, built with the same libraries an agency's office software mimics.

Personal data here is synthetic: the ID number has a valid check digit but belongs to nobody we know.
"""

from __future__ import annotations

import io
import re
import zipfile

RESIDENT_ID = "110101199003074514"
MOBILE = "13812345678"
AUTHOR = "王小明"
COMPANY = "测试市某某信息科技有限公司"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rewrite(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def _with_company(data: bytes) -> bytes:
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</Properties>", f"<Company>{COMPANY}</Company></Properties>".encode())

    return _rewrite(data, "docProps/app.xml", change)


def docx(*, split_runs: bool = True, word: str = "科技创新券") -> bytes:
    """A DOCX with a body paragraph, a table, a header and a footer; the mobile and the ID are split across
    runs (bold in the middle, as an edit session leaves them); author, company, a comment, a tracked
    deletion and a photo's GPS position are hidden inside."""
    from docx import Document

    document = Document()
    document.core_properties.author = AUTHOR
    document.core_properties.last_modified_by = AUTHOR
    document.core_properties.comments = "内部意见：暂不公开"
    document.core_properties.revision = 7
    paragraph = document.add_paragraph(f"关于{word}兑付的公示。联系人电话：")
    if split_runs:
        paragraph.add_run(MOBILE[:3])
        paragraph.add_run(MOBILE[3:7]).bold = True
        paragraph.add_run(MOBILE[7:] + "。")
    else:
        paragraph.add_run(MOBILE + "。")
    commented = document.add_paragraph("请各单位按时申报。")
    document.add_comment(commented.runs, text="这段要不要删？", author=AUTHOR, initials="WXM")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "姓名"
    table.cell(0, 1).text = "身份证号"
    table.cell(1, 0).text = "张三"
    id_cell = table.cell(1, 1).paragraphs[0]
    id_cell.add_run(RESIDENT_ID[:6])
    id_cell.add_run(RESIDENT_ID[6:14]).italic = True
    id_cell.add_run(RESIDENT_ID[14:])
    document.sections[0].header.paragraphs[0].text = "测试市科学技术局"
    document.add_picture(io.BytesIO(jpeg_with_gps()))
    document.sections[0].footer.paragraphs[0].text = "页脚文字"
    out = io.BytesIO()
    document.save(out)
    return _with_company(_with_tracked_deletion(out.getvalue()))


def _with_tracked_deletion(data: bytes) -> bytes:
    deletion = (
        f'<w:p xmlns:w="{W_NS}"><w:r><w:t>保留的文字</w:t></w:r>'
        f'<w:del w:id="90" w:author="{AUTHOR}" w:date="2026-11-01T00:00:00Z">'
        "<w:r><w:delText>删掉的旧表述</w:delText></w:r></w:del>"
        f'<w:ins w:id="91" w:author="{AUTHOR}" w:date="2026-11-01T00:00:00Z"><w:r><w:t>新增的表述</w:t></w:r></w:ins>'
        "</w:p>"
    )

    def change(xml: bytes) -> bytes:
        text = xml.decode()
        body = re.search(r"<w:body>", text)
        return (text[: body.end()] + deletion.replace(f' xmlns:w="{W_NS}"', "") + text[body.end() :]).encode()

    return _rewrite(data, "word/document.xml", change)


def xlsx(*, word: str = "科技创新券") -> bytes:
    """Two sheets; the mobile number typed as a number, the ID as text; creator and company set."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号", "手机"])
    sheet.append(["张三", RESIDENT_ID, int(MOBILE)])
    other = workbook.create_sheet("说明")
    other.append([f"{word}申领说明"])
    workbook.properties.creator = AUTHOR
    workbook.properties.lastModifiedBy = AUTHOR
    out = io.BytesIO()
    workbook.save(out)
    return _with_company(out.getvalue())


def pdf(*, word: str = "科技创新券") -> bytes:
    """A two-page PDF with personal data on page 1, an author in its information dictionary, XMP and a note."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Text
    from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject
    from weasyprint import HTML

    html = (
        '<html lang="zh-CN"><body style="font-family: Noto Serif CJK SC">'
        f"<p>关于{word}的公示。申请人张三，身份证号{RESIDENT_ID}，联系电话{MOBILE}。</p>"
        '<p style="break-before: page">第二页：请于十个工作日内提出意见。</p></body></html>'
    )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(HTML(string=html).write_pdf())))
    writer.add_metadata({"/Author": AUTHOR, "/Creator": COMPANY})
    note = Text(text="内部意见：第二段再斟酌", rect=(50, 550, 200, 650))
    note[NameObject("/T")] = TextStringObject(AUTHOR)
    writer.add_annotation(page_number=0, annotation=note)
    xmp = DecodedStreamObject()
    xmp.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>'.encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = AUTHOR.encode("utf-8").decode("latin-1")  # Artist
    exif[0x0112] = 1  # Orientation
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 27.0)  # GPSLatitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Wang Xiaoming")
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 0, 255)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()
