"""Masking inside attachments: DOCX/XLSX edited in their XML, PDF re-typeset as text (see the package doc)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import unquote

from lxml import etree

from xxgk.screening.detectors import Finding
from xxgk.screening.documents import ooxml
from xxgk.screening.documents.kinds import DocumentError, DocumentKind, MaskingIncomplete
from xxgk.screening.documents.text import extract_text, pdf_pages
from xxgk.screening.masking import masked_text

PDF_FONTS = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif'
PDF_NOTE = "本件为遮盖个人信息后依原件文字重新排版的文本，版式、图片和表格未予保留。"


def replacements_for(findings: Iterable[Finding]) -> dict[str, str]:
    """Original text → masked text (rules.md §1.5 formats); a secrecy mark raises ``UnmaskableFinding``."""
    return {finding.text: masked_text(finding) for finding in findings}


def mask_document(kind: DocumentKind, data: bytes, findings: Iterable[Finding]) -> bytes:
    """``data`` with every occurrence of each finding's text masked; see the package docstring per type.

    Findings come from :func:`~xxgk.screening.detectors.scan` on :func:`extract_text`'s output; offsets
    do not map back into a document, so the *text* of each finding is replaced wherever it occurs.
    Raises :class:`MaskingIncomplete` when a text is still there afterwards.
    """
    replacements = replacements_for(findings)
    if not replacements:
        return data
    if kind == DocumentKind.DOCX:
        result = ooxml.rewrite_zip(
            data,
            {
                ooxml.DOCX_TEXT_PARTS: lambda xml: _mask_xml(xml, replacements, ooxml.paragraphs),
                ooxml.DOCX_LINK_PARTS: lambda xml: _mask_links(xml, replacements),
            },
        )
    elif kind == DocumentKind.XLSX:
        result = ooxml.rewrite_zip(
            data,
            {
                re.compile(r"xl/sharedStrings\.xml"): lambda xml: _mask_xml(xml, replacements, ooxml.string_items),
                re.compile(r"xl/worksheets/sheet\d+\.xml"): lambda xml: _mask_sheet(xml, replacements),
            },
        )
    elif kind == DocumentKind.PDF:
        result = _retypeset_pdf([_replace_all(page, replacements) for page in pdf_pages(data)])
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
        if node.tag == f"{ooxml.W}t":
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return True


def _mask_xml(xml: bytes, replacements: Mapping[str, str], groups: Callable) -> bytes:
    root = ooxml.parse(xml)
    changed = [replace_in_nodes(nodes, replacements) for nodes in groups(root)]
    return ooxml.serialise(root) if any(changed) else xml


def _mask_links(xml: bytes, replacements: Mapping[str, str]) -> bytes:
    root = ooxml.parse(xml)
    for link in ooxml.mailto_links(root):
        link.set("Target", _replace_all(unquote(link.get("Target")), replacements))
    return ooxml.serialise(root)


def _mask_sheet(xml: bytes, replacements: Mapping[str, str]) -> bytes:
    root = ooxml.parse(xml)
    changed = [replace_in_nodes(nodes, replacements) for nodes in ooxml.string_items(root)]
    pattern = _pattern(replacements)
    # A mobile number typed into a cell is stored as a number: it becomes an inline string once masked.
    for cell in root.iter(f"{ooxml.S}c"):
        value = cell.find(f"{ooxml.S}v")
        if cell.get("t", "n") != "n" or value is None or not pattern.search(value.text or ""):
            continue
        text = _replace_all(value.text, replacements)
        cell.remove(value)
        cell.set("t", "inlineStr")
        etree.SubElement(etree.SubElement(cell, f"{ooxml.S}is"), f"{ooxml.S}t").text = text
        changed.append(True)
    return ooxml.serialise(root) if any(changed) else xml


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
