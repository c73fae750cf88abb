"""Attachments as bytes: what a file really is, its text, its hidden metadata, and masking — no database.

rules.md §1.5 asks for personal data to be found and de-identified "in pages **and attachments**", and hidden
document metadata (author, company, tracked changes, comments, EXIF/GPS) is the classic leak of published
Office files. Everything here takes and returns bytes, so it is unit-tested without Django models.

- :func:`sniff_type` decides by **content** (magic bytes; for OOXML the zip's ``[Content_Types].xml``), never
  by the file name; :func:`inspect` adds the size limit and the extension-must-match rule.
- :func:`extract_text` gives the text that screening scans and search indexes (for DOCX also mailto: link
  targets). Images give no text (no OCR here): a photo of an ID card is *not* caught by screening —
  reviewers must look at images (and at pictures inside documents).
- :func:`strip_metadata` removes document properties, comments, tracked changes (DOCX: insertions accepted,
  deletions dropped) and EXIF/GPS, keeping the visible content.
- :func:`mask_document` replaces found text. DOCX and XLSX are edited in place in their XML (a number split
  across runs is handled); a PDF **cannot** be edited in place with the libraries we have, so its extracted
  text is masked and re-typeset as a new text-only PDF (one page per original page; layout, images and
  tables are lost, and the new PDF says so in its footer). Images cannot be masked (no text).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from urllib.parse import unquote

from lxml import etree

from xxgk.screening.detectors import Finding
from xxgk.screening.masking import masked_text


class DocumentKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PNG = "png"
    JPEG = "jpeg"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def extensions(self) -> tuple[str, ...]:
        return _EXTENSIONS[self]

    @property
    def content_type(self) -> str:
        return _CONTENT_TYPES[self]


_LABELS = {
    DocumentKind.PDF: "PDF",
    DocumentKind.DOCX: "Word 文档（DOCX）",
    DocumentKind.XLSX: "Excel 表格（XLSX）",
    DocumentKind.PNG: "PNG 图片",
    DocumentKind.JPEG: "JPEG 图片",
}
_EXTENSIONS = {
    DocumentKind.PDF: ("pdf",),
    DocumentKind.DOCX: ("docx",),
    DocumentKind.XLSX: ("xlsx",),
    DocumentKind.PNG: ("png",),
    DocumentKind.JPEG: ("jpg", "jpeg"),
}
_CONTENT_TYPES = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DocumentKind.PNG: "image/png",
    DocumentKind.JPEG: "image/jpeg",
}
ACCEPTED = "PDF、DOCX、XLSX、PNG、JPEG"


class DocumentError(ValueError):
    """The file is refused; the message (Chinese) says why and what to do."""


class MaskingIncomplete(ValueError):
    """Some of the text to mask is still in the result (e.g. split across paragraphs): mask by hand."""


# ---------------------------------------------------------------------------------------------
# Type by content

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
# A zip that inflates beyond this is refused before anything reads it (zip bombs).
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
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


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise DocumentError("文件已损坏，无法打开。") from error
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        raise DocumentError("文件解压后过大，拒绝处理。")
    return archive


def _sniff_zip(data: bytes) -> DocumentKind:
    archive = _open_zip(data)
    names = set(archive.namelist())
    if "OFD.xml" in names:
        raise DocumentError("这是 OFD 版式文件，暂不支持。请转换为 PDF 后再上传。")
    if "[Content_Types].xml" not in names:
        raise DocumentError(f"这是压缩包，不是可公开的文档。附件只接受 {ACCEPTED}。")
    types = etree.fromstring(archive.read("[Content_Types].xml"))
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


# ---------------------------------------------------------------------------------------------
# Text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOCX_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# Link targets live beside the text, in relationship parts: a mailto: link carries an address the reader
# may never see in the text ("联系我们" → mailto:zhangsan@…), so screening reads it and masking reaches it.
_DOCX_LINK_PARTS = re.compile(r"word/_rels/(document|header\d*|footer\d*|footnotes|endnotes)\.xml\.rels")
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAILTO = "mailto:"
PAGE_BREAK = "\f"  # between PDF pages, as pdftotext does


def extract_text(kind: DocumentKind, data: bytes) -> str:
    """The text screening scans and search indexes; ``""`` for images (no OCR)."""
    try:
        if kind == DocumentKind.PDF:
            return PAGE_BREAK.join(_pdf_pages(data))
        if kind == DocumentKind.DOCX:
            return _docx_text(data)
        if kind == DocumentKind.XLSX:
            return _xlsx_text(data)
        _open_image(data)
        return ""
    except DocumentError:
        raise
    except Exception as error:  # every parser has its own exceptions; to the user they all mean one thing
        raise DocumentError(f"无法读取这个 {kind.label} 文件，文件可能已损坏。") from error


def _pdf_reader(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise DocumentError("PDF 文件已加密，请上传未加密的文件。")
    return reader


def _pdf_pages(data: bytes) -> list[str]:
    return [(page.extract_text() or "").strip() for page in _pdf_reader(data).pages]


def _paragraphs(root: etree._Element) -> Iterable[list[etree._Element]]:
    """Each ``w:p`` with its own ``w:t`` nodes (not those of a paragraph nested in a text box)."""
    for paragraph in root.iter(f"{W}p"):
        yield [t for t in paragraph.iter(f"{W}t") if next(t.iterancestors(f"{W}p")) is paragraph]


def _xml_parts(archive: zipfile.ZipFile, pattern: re.Pattern) -> list[str]:
    return sorted(name for name in archive.namelist() if pattern.fullmatch(name))


def _parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))


def _docx_text(data: bytes) -> str:
    archive = _open_zip(data)
    lines = []
    for name in _xml_parts(archive, _DOCX_TEXT_PARTS):
        for nodes in _paragraphs(_parse(archive.read(name))):
            line = "".join(t.text or "" for t in nodes)
            if line.strip():
                lines.append(line)
    for name in _xml_parts(archive, _DOCX_LINK_PARTS):
        lines.extend(unquote(link.get("Target")) for link in _mailto_links(_parse(archive.read(name))))
    return "\n".join(lines)


def _mailto_links(root: etree._Element) -> list[etree._Element]:
    return [
        link
        for link in root.iter(f"{_RELS}Relationship")
        if link.get("TargetMode") == "External" and link.get("Target", "").lower().startswith(MAILTO)
    ]


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()  # the stored <dimension> may be stale or false: never let it hide cells
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if value is None else str(value) for value in row]
            if any(cells):
                lines.append("\t".join(cells).rstrip("\t"))
    workbook.close()
    return "\n".join(lines)


def _open_image(data: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()  # decodes: a truncated file or a decompression bomb fails here
    return image


# ---------------------------------------------------------------------------------------------
# Hidden metadata

_CORE_EMPTY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP_PERSONAL = {"Company", "Manager", "Template", "HyperlinkBase", "TotalTime"}
# Tracked changes: deletions and property-change history go; insertions and moves stay as plain content.
_REVISION_DROP = {"del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                  "tcPrChange", "tblGridChange", "numberingChange", "commentRangeStart", "commentRangeEnd",
                  "commentReference", "trackRevisions", "moveFromRangeStart", "moveFromRangeEnd",
                  "moveToRangeStart", "moveToRangeEnd"}  # fmt: skip
_REVISION_UNWRAP = {"ins", "moveTo"}


def strip_metadata(kind: DocumentKind, data: bytes) -> bytes:
    """``data`` without author/company/revision properties, comments, tracked changes, EXIF/GPS."""
    if kind == DocumentKind.PDF:
        return _strip_pdf(data)
    if kind in (DocumentKind.PNG, DocumentKind.JPEG):
        return _strip_image(kind, data)
    rewrites: dict[re.Pattern, Callable[[bytes], bytes]] = {
        re.compile(r"docProps/core\.xml"): lambda _xml: _CORE_EMPTY,
        re.compile(r"docProps/app\.xml"): _strip_app_properties,
        re.compile(r"docProps/custom\.xml"): _empty_root,
        # Pictures pasted into a document keep the camera's EXIF, GPS position included.
        re.compile(r"(word|xl)/media/[^/]+"): _strip_embedded_image,
    }
    if kind == DocumentKind.DOCX:
        rewrites[_DOCX_TEXT_PARTS] = _accept_revisions
        rewrites[re.compile(r"word/settings\.xml")] = _accept_revisions  # stops tracking further changes
        rewrites[re.compile(r"word/(comments|commentsExtended|commentsIds|commentsExtensible|people)\.xml")] = (
            _empty_root
        )
    else:
        rewrites[re.compile(r"xl/comments\d*\.xml")] = _blank_xlsx_comments
        rewrites[re.compile(r"xl/(threadedComments/threadedComment\d*|persons/person)\.xml")] = _empty_root
    return _rewrite_zip(data, rewrites)


def _rewrite_zip(data: bytes, rewrites: Mapping[re.Pattern, Callable[[bytes], bytes]]) -> bytes:
    source = _open_zip(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            for pattern, rewrite in rewrites.items():
                if pattern.fullmatch(info.filename):
                    content = rewrite(content)
                    break
            target.writestr(info, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _strip_app_properties(xml: bytes) -> bytes:
    root = _parse(xml)
    for child in list(root):
        if etree.QName(child).localname in _APP_PERSONAL:
            root.remove(child)
    return _serialise(root)


def _empty_root(xml: bytes) -> bytes:
    root = _parse(xml)
    for child in list(root):
        root.remove(child)
    return _serialise(root)


def _accept_revisions(xml: bytes) -> bytes:
    root = _parse(xml)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or not element.tag.startswith(W):
            continue
        name = element.tag[len(W) :]
        parent = element.getparent()
        if parent is None:
            continue
        if name in _REVISION_DROP:
            parent.remove(element)
        elif name in _REVISION_UNWRAP:
            index = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)
            parent.remove(element)
    return _serialise(root)


def _blank_xlsx_comments(xml: bytes) -> bytes:
    root = _parse(xml)
    for element in root.iter(f"{S}author", f"{S}t"):
        element.text = ""
    return _serialise(root)


def _strip_pdf(data: bytes) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=_pdf_reader(data))
    writer.metadata = None  # the document information dictionary (Author, Creator, Producer …)
    root = writer._root_object  # the catalogue: its /Metadata stream is the XMP packet
    root.pop(NameObject("/Metadata"), None)
    root.pop(NameObject("/PieceInfo"), None)
    for page in writer.pages:
        page.pop(NameObject("/Metadata"), None)
        page.pop(NameObject("/PieceInfo"), None)
        _strip_pdf_comments(page)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the XMP stream itself
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _strip_embedded_image(data: bytes) -> bytes:
    try:
        kind = sniff_type(data)
    except DocumentError:
        return data  # EMF, GIF …: no EXIF to speak of
    return _strip_image(kind, data) if kind in (DocumentKind.PNG, DocumentKind.JPEG) else data


def _strip_pdf_comments(page) -> None:
    """Sticky notes and their pop-ups go (they are a reviewer's remarks, like DOCX comments); every other
    annotation (links, form fields) stays, without its author (/T)."""
    from pypdf.generic import ArrayObject, NameObject

    if "/Annots" not in page:
        return
    kept = ArrayObject()
    for reference in page["/Annots"]:
        annotation = reference.get_object()
        if annotation.get("/Subtype") in ("/Text", "/Popup"):
            continue
        annotation.pop(NameObject("/T"), None)
        kept.append(reference)
    page[NameObject("/Annots")] = kept


def _strip_image(kind: DocumentKind, data: bytes) -> bytes:
    from PIL import ImageOps

    image = _open_image(data)
    icc = image.info.get("icc_profile")  # colour, not personal: keep it so the picture looks the same
    # EXIF may say "rotate 90°": apply it to the pixels before the EXIF goes.
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if kind == DocumentKind.JPEG:
        upright.convert("RGB").save(out, format="JPEG", quality=95, **options)
    else:
        upright.save(out, format="PNG", **options)  # no pnginfo: tEXt/iTXt/eXIf chunks are not written
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Masking

PDF_FONTS = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif'
PDF_NOTE = "本件为遮盖个人信息后依原件文字重新排版的文本，版式、图片和表格未予保留。"


def replacements_for(findings: Iterable[Finding]) -> dict[str, str]:
    """Original text → masked text (rules.md §1.5 formats); a secrecy mark raises ``UnmaskableFinding``."""
    return {finding.text: masked_text(finding) for finding in findings}


def mask_document(kind: DocumentKind, data: bytes, findings: Iterable[Finding]) -> bytes:
    """``data`` with every occurrence of each finding's text masked; see the module docstring per type.

    Findings come from :func:`~xxgk.screening.detectors.scan` on :func:`extract_text`'s output; offsets
    do not map back into a document, so the *text* of each finding is replaced wherever it occurs.
    Raises :class:`MaskingIncomplete` when a text is still there afterwards.
    """
    replacements = replacements_for(findings)
    if not replacements:
        return data
    if kind == DocumentKind.DOCX:
        result = _rewrite_zip(
            data,
            {
                _DOCX_TEXT_PARTS: lambda xml: _mask_xml(xml, replacements, _paragraphs),
                _DOCX_LINK_PARTS: lambda xml: _mask_links(xml, replacements),
            },
        )
    elif kind == DocumentKind.XLSX:
        result = _rewrite_zip(
            data,
            {
                re.compile(r"xl/sharedStrings\.xml"): lambda xml: _mask_xml(xml, replacements, _string_items),
                re.compile(r"xl/worksheets/sheet\d+\.xml"): lambda xml: _mask_sheet(xml, replacements),
            },
        )
    elif kind == DocumentKind.PDF:
        result = _retypeset_pdf([_replace_all(page, replacements) for page in _pdf_pages(data)])
    else:
        raise DocumentError("图片中的文字无法自动遮盖，请处理后重新上传图片。")
    remaining = [text for text in replacements if text in extract_text(kind, result)]
    if remaining:
        raise MaskingIncomplete(
            f"以下内容未能自动遮盖（可能跨段落或在特殊位置），请修改原文件后重新上传：{'、'.join(remaining)}"
        )
    return result


def _pattern(replacements: Mapping[str, str]) -> re.Pattern:
    return re.compile("|".join(re.escape(text) for text in sorted(replacements, key=len, reverse=True)))


def _replace_all(text: str, replacements: Mapping[str, str]) -> str:
    return _pattern(replacements).sub(lambda m: replacements[m.group()], text)


def replace_in_nodes(nodes: list, replacements: Mapping[str, str]) -> bool:
    """Replace texts in the concatenation of ``nodes``' ``.text``, keeping each node's share.

    Word splits a paragraph into runs wherever formatting, spell-checking or an edit session changes, so
    ``13812345678`` may be ``138`` + ``1234`` + ``5678`` in three runs. The replacement goes into the run
    where the match starts; the matched characters leave every run they were in; the rest is untouched.
    """
    texts = [node.text or "" for node in nodes]
    joined = "".join(texts)
    matches = list(_pattern(replacements).finditer(joined))
    if not matches:
        return False
    owner = [i for i, text in enumerate(texts) for _ in text]
    pieces: list[list[str]] = [[] for _ in nodes]
    position = 0
    for match in matches:
        for i in range(position, match.start()):
            pieces[owner[i]].append(joined[i])
        pieces[owner[match.start()]].append(replacements[match.group()])
        position = match.end()
    for i in range(position, len(joined)):
        pieces[owner[i]].append(joined[i])
    for node, piece in zip(nodes, pieces, strict=True):
        node.text = "".join(piece)
        if node.tag == f"{W}t":
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return True


def _mask_xml(xml: bytes, replacements: Mapping[str, str], groups: Callable) -> bytes:
    root = _parse(xml)
    changed = [replace_in_nodes(nodes, replacements) for nodes in groups(root)]
    return _serialise(root) if any(changed) else xml


def _mask_links(xml: bytes, replacements: Mapping[str, str]) -> bytes:
    root = _parse(xml)
    for link in _mailto_links(root):
        link.set("Target", _replace_all(unquote(link.get("Target")), replacements))
    return _serialise(root)


def _string_items(root: etree._Element) -> Iterable[list[etree._Element]]:
    """Each shared or inline string (``si``/``is``) with its text nodes (rich-text runs included)."""
    for item in root.iter(f"{S}si", f"{S}is"):
        yield list(item.iter(f"{S}t"))


def _mask_sheet(xml: bytes, replacements: Mapping[str, str]) -> bytes:
    root = _parse(xml)
    changed = [replace_in_nodes(nodes, replacements) for nodes in _string_items(root)]
    pattern = _pattern(replacements)
    # A mobile number typed into a cell is stored as a number: it becomes an inline string once masked.
    for cell in root.iter(f"{S}c"):
        value = cell.find(f"{S}v")
        if cell.get("t", "n") != "n" or value is None or not pattern.search(value.text or ""):
            continue
        text = _replace_all(value.text, replacements)
        cell.remove(value)
        cell.set("t", "inlineStr")
        etree.SubElement(etree.SubElement(cell, f"{S}is"), f"{S}t").text = text
        changed.append(True)
    return _serialise(root) if any(changed) else xml


def _retypeset_pdf(pages: list[str]) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    sections = "".join(f"<section>{escape(page)}</section>" for page in pages)
    css = (
        f"@page {{ size: A4; margin: 25mm 20mm; @bottom-center {{ content: '{PDF_NOTE}'; font-size: 8pt; }} }}"
        f"body {{ font-family: {PDF_FONTS}; font-size: 12pt; line-height: 1.6; }}"
        "section { white-space: pre-wrap; break-after: page; } section:last-child { break-after: auto; }"
    )
    html = f'<html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head><body>{sections}</body></html>'
    return HTML(string=html).write_pdf()
