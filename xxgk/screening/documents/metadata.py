"""Hidden metadata out: document properties, comments, tracked changes, EXIF/GPS — the content stays."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from lxml import etree

from xxgk.screening.documents import ooxml
from xxgk.screening.documents.kinds import DocumentError, DocumentKind
from xxgk.screening.documents.sniffing import sniff_type
from xxgk.screening.documents.text import open_image, pdf_reader

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
        rewrites[ooxml.DOCX_TEXT_PARTS] = _accept_revisions
        rewrites[re.compile(r"word/settings\.xml")] = _accept_revisions  # stops tracking further changes
        rewrites[re.compile(r"word/(comments|commentsExtended|commentsIds|commentsExtensible|people)\.xml")] = (
            _empty_root
        )
    else:
        rewrites[re.compile(r"xl/comments\d*\.xml")] = _blank_xlsx_comments
        rewrites[re.compile(r"xl/(threadedComments/threadedComment\d*|persons/person)\.xml")] = _empty_root
    return ooxml.rewrite_zip(data, rewrites)


def _strip_app_properties(xml: bytes) -> bytes:
    root = ooxml.parse(xml)
    for child in list(root):
        if etree.QName(child).localname in _APP_PERSONAL:
            root.remove(child)
    return ooxml.serialise(root)


def _empty_root(xml: bytes) -> bytes:
    root = ooxml.parse(xml)
    for child in list(root):
        root.remove(child)
    return ooxml.serialise(root)


def _accept_revisions(xml: bytes) -> bytes:
    root = ooxml.parse(xml)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or not element.tag.startswith(ooxml.W):
            continue
        name = element.tag[len(ooxml.W) :]
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
    return ooxml.serialise(root)


def _blank_xlsx_comments(xml: bytes) -> bytes:
    root = ooxml.parse(xml)
    for element in root.iter(f"{ooxml.S}author", f"{ooxml.S}t"):
        element.text = ""
    return ooxml.serialise(root)


def _strip_pdf(data: bytes) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=pdf_reader(data))
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

    image = open_image(data)
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
