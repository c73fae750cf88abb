"""What an attachment may be, and the two errors every part of this package raises."""

from __future__ import annotations

from enum import StrEnum


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
