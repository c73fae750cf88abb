"""Keep the search index equal to the public catalogue: ``index_entry`` and ``unindex_entry``.

Called by ``xxgk.catalog.services.publish`` / ``withdraw`` inside their transaction, so the index and the
catalogue commit (or roll back) together. Only what is public is ever indexed: ``index_entry`` on an entry
that is not public (draft, 依申请公开, 不予公开, withdrawn) removes it instead. The indexed text is the
entry's row — the published version — never an unreviewed revision; its attachments' rows are the
published ones too (a draft's new attachment exists only in its revision).

On SQLite the tokens are also copied into the FTS5 table ``search_fts`` (rowid = ``SearchDocument.id``);
on PostgreSQL a GIN expression index over ``tokens`` needs no extra writes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from django.db import connection
from django.utils.html import strip_tags

from xxgk.search.query import FIELD_SEPARATOR
from xxgk.search.segment import index_text

FTS_TABLE = "search_fts"  # created by migration 0002 (SQLite only); the SQL below spells it out

# Block-level closing tags (and <br>) become line breaks, so "…abc</p><p>def…" does not fuse two words.
_BLOCK_END = re.compile(r"<(?:br\b[^>]*|/(?:p|div|li|h[1-6]|tr|td|th|blockquote|pre|ul|ol|table)\s*)>", re.I)


def plain_text(rich_text: str) -> str:
    """Plain text of a RichTextField value: tags stripped, entities unescaped."""
    return html.unescape(strip_tags(_BLOCK_END.sub("\n", rich_text or ""))).strip()


def document_fields(title: str, body: str, extra_texts: Iterable[str] = ()) -> dict[str, str]:
    """``raw`` (title + FIELD_SEPARATOR + body text, for the exact post-filter and snippets) and ``tokens``.

    ``extra_texts`` (the attachments' text) count as body: a word only in an attached file is found too.
    """
    body_text = "\n".join(text for text in [plain_text(body), *extra_texts] if text)
    return {"title": title, "raw": f"{title}{FIELD_SEPARATOR}{body_text}", "tokens": index_text(f"{title} {body_text}")}


def body_of(raw: str, title: str) -> str:
    """The body part of a ``raw`` built by ``document_fields``."""
    prefix = f"{title}{FIELD_SEPARATOR}"
    return raw[len(prefix) :] if raw.startswith(prefix) else raw


def _fts_write(doc_id: int, tokens: str | None) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if tokens is None:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [doc_id])
        else:
            cursor.execute("INSERT OR REPLACE INTO search_fts(rowid, tokens) VALUES (%s, %s)", [doc_id, tokens])


def index_entry(entry) -> None:
    """Index the entry's published row, or remove it from the index if it is not public."""
    from xxgk.catalog.models import Entry
    from xxgk.search.models import SearchDocument

    current = Entry.objects.public().filter(pk=entry.pk).first()
    if current is None:
        unindex_entry(entry)
        return
    doc, _created = SearchDocument.objects.update_or_create(
        entry=current,
        defaults={
            **document_fields(current.title, current.body, current.attachments.values_list("text", flat=True)),
            "agency_id": current.agency_id,
            "published_on": current.published_on,
            "kind": current.kind,
            "validity": current.validity,
        },
    )
    _fts_write(doc.pk, doc.tokens)


def unindex_entry(entry) -> None:
    from xxgk.search.models import SearchDocument

    for doc_id in SearchDocument.objects.filter(entry_id=entry.pk).values_list("pk", flat=True):
        _fts_write(doc_id, None)
    SearchDocument.objects.filter(entry_id=entry.pk).delete()
