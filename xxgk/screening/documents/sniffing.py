"""The real type of an upload, by its content — never by its name."""

from __future__ import annotations

from xxgk.screening.documents import ooxml
from xxgk.screening.documents.kinds import ACCEPTED, DocumentError, DocumentKind
from xxgk.screening.documents.text import extract_text

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .xls / .wps (and .ppt, .et): the pre-2007 container
_MAIN_PART_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DocumentKind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": DocumentKind.XLSX,
}
_REFUSED_PART_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": "含宏的 Word 文档（DOCM）",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "含宏的 Excel 表格（XLSM）",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "演示文稿（PPTX）",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "Word 模板（DOTX）",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "Excel 模板（XLTX）",
}
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def sniff_type(data: bytes) -> DocumentKind:
    """The real type of ``data``, or :class:`DocumentError` naming what it is when we can tell."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return DocumentKind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return DocumentKind.JPEG
    if b"%PDF-" in data[:1024]:  # the PDF spec tolerates bytes before the header
        return DocumentKind.PDF
    if data.startswith(_OLE2):
        raise DocumentError(
            "这是旧版 Office 或 WPS 格式（.doc、.xls、.wps 等），无法可靠检查其中的个人信息和隐藏信息。"
            "请另存为 DOCX、XLSX 或 PDF 后再上传。"
        )
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    raise DocumentError(f"无法识别的文件格式。附件只接受 {ACCEPTED}。")


def _sniff_zip(data: bytes) -> DocumentKind:
    archive = ooxml.open_zip(data)
    names = set(archive.namelist())
    if "OFD.xml" in names:
        raise DocumentError("这是 OFD 版式文件，暂不支持。请转换为 PDF 后再上传。")
    if "[Content_Types].xml" not in names:
        raise DocumentError(f"这是压缩包，不是可公开的文档。附件只接受 {ACCEPTED}。")
    types = ooxml.parse(archive.read("[Content_Types].xml"))
    for override in types.iter(f"{_CT_NS}Override"):
        content_type = override.get("ContentType", "")
        if content_type in _MAIN_PART_TYPES:
            return _MAIN_PART_TYPES[content_type]
        if content_type in _REFUSED_PART_TYPES:
            raise DocumentError(f"这是{_REFUSED_PART_TYPES[content_type]}，不能作为附件。附件只接受 {ACCEPTED}。")
    raise DocumentError(f"无法识别的 Office 文件。附件只接受 {ACCEPTED}。")


def inspect(filename: str, data: bytes, max_bytes: int) -> DocumentKind:
    """Check an upload: size, type by content, and an extension that tells the truth about it."""
    if len(data) > max_bytes:
        raise DocumentError(
            f"文件“{filename}”大小为 {_megabytes(len(data))}，超过了 {_megabytes(max_bytes)} 的上限。"
            "请压缩或拆分后再上传。"
        )
    if not data:
        raise DocumentError(f"文件“{filename}”是空文件。")
    kind = sniff_type(data)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in kind.extensions:
        raise DocumentError(
            f"文件“{filename}”的实际格式是 {kind.label}，与扩展名“.{extension}”不符。"
            f"请改为 .{kind.extensions[0]} 后重新上传。"
        )
    extract_text(kind, data)  # refuses a file that claims a type but cannot be read (damaged, encrypted)
    return kind


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
