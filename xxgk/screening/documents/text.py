"""The text of an attachment, for screening and search. Images have none (no OCR)."""

from __future__ import annotations

import io
from urllib.parse import unquote

from xxgk.screening.documents import ooxml
from xxgk.screening.documents.kinds import DocumentError, DocumentKind

PAGE_BREAK = "\f"  # between PDF pages, as pdftotext does


def extract_text(kind: DocumentKind, data: bytes) -> str:
    """The text screening scans and search indexes; ``""`` for images (no OCR)."""
    try:
        if kind == DocumentKind.PDF:
            return PAGE_BREAK.join(pdf_pages(data))
        if kind == DocumentKind.DOCX:
            return _docx_text(data)
        if kind == DocumentKind.XLSX:
            return _xlsx_text(data)
        open_image(data)
        return ""
    except DocumentError:
        raise
    except Exception as error:  # every parser has its own exceptions; to the user they all mean one thing
        raise DocumentError(f"无法读取这个 {kind.label} 文件，文件可能已损坏。") from error


def pdf_reader(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise DocumentError("PDF 文件已加密，请上传未加密的文件。")
    return reader


def pdf_pages(data: bytes) -> list[str]:
    return [(page.extract_text() or "").strip() for page in pdf_reader(data).pages]


def _docx_text(data: bytes) -> str:
    archive = ooxml.open_zip(data)
    lines = []
    for name in ooxml.xml_parts(archive, ooxml.DOCX_TEXT_PARTS):
        for nodes in ooxml.paragraphs(ooxml.parse(archive.read(name))):
            line = "".join(t.text or "" for t in nodes)
            if line.strip():
                lines.append(line)
    for name in ooxml.xml_parts(archive, ooxml.DOCX_LINK_PARTS):
        lines.extend(unquote(link.get("Target")) for link in ooxml.mailto_links(ooxml.parse(archive.read(name))))
    return "\n".join(lines)


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


def open_image(data: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()  # decodes: a truncated file or a decompression bomb fails here
    return image
