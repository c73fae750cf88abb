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

from xxgk.screening.documents.kinds import ACCEPTED, DocumentError, DocumentKind, MaskingIncomplete
from xxgk.screening.documents.metadata import strip_metadata
from xxgk.screening.documents.redaction import PDF_NOTE, mask_document, replace_in_nodes, replacements_for
from xxgk.screening.documents.sniffing import inspect, sniff_type
from xxgk.screening.documents.text import PAGE_BREAK, extract_text

__all__ = [
    "ACCEPTED",
    "PAGE_BREAK",
    "PDF_NOTE",
    "DocumentError",
    "DocumentKind",
    "MaskingIncomplete",
    "extract_text",
    "inspect",
    "mask_document",
    "replace_in_nodes",
    "replacements_for",
    "sniff_type",
    "strip_metadata",
]
