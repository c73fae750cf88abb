"""Office Open XML (DOCX, XLSX) as a zip of XML parts: open safely, walk the text, rewrite parts."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping

from lxml import etree

from xxgk.screening.documents.kinds import DocumentError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOCX_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# Link targets live beside the text, in relationship parts: a mailto: link carries an address the reader
# may never see in the text ("联系我们" → mailto:zhangsan@…), so screening reads it and masking reaches it.
DOCX_LINK_PARTS = re.compile(r"word/_rels/(document|header\d*|footer\d*|footnotes|endnotes)\.xml\.rels")
MAILTO = "mailto:"
# A zip that inflates beyond this is refused before anything reads it (zip bombs).
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise DocumentError("文件已损坏，无法打开。") from error
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        raise DocumentError("文件解压后过大，拒绝处理。")
    return archive


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def xml_parts(archive: zipfile.ZipFile, pattern: re.Pattern) -> list[str]:
    return sorted(name for name in archive.namelist() if pattern.fullmatch(name))


def paragraphs(root: etree._Element) -> Iterable[list[etree._Element]]:
    """Each ``w:p`` with its own ``w:t`` nodes (not those of a paragraph nested in a text box)."""
    for paragraph in root.iter(f"{W}p"):
        yield [t for t in paragraph.iter(f"{W}t") if next(t.iterancestors(f"{W}p")) is paragraph]


def string_items(root: etree._Element) -> Iterable[list[etree._Element]]:
    """Each shared or inline string (``si``/``is``) with its text nodes (rich-text runs included)."""
    for item in root.iter(f"{S}si", f"{S}is"):
        yield list(item.iter(f"{S}t"))


def mailto_links(root: etree._Element) -> list[etree._Element]:
    return [
        link
        for link in root.iter(f"{RELS}Relationship")
        if link.get("TargetMode") == "External" and link.get("Target", "").lower().startswith(MAILTO)
    ]


def rewrite_zip(data: bytes, rewrites: Mapping[re.Pattern, Callable[[bytes], bytes]]) -> bytes:
    source = open_zip(data)
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
