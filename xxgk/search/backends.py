"""Search the index: one function, ``search``, choosing the database's full-text engine by vendor.

Two stages (see ``query``): the database returns ranked candidates whose tokens contain every query
term — FTS5 ``MATCH`` ordered by ``bm25`` on SQLite, ``@@`` ordered by ``ts_rank`` on PostgreSQL (always
filtered with ``@@``, never with ``rank > 0``: ts_rank gives non-matching rows 1e-20) — then
``query.matches_exactly`` keeps only those whose raw text holds every word. Candidates are read in
batches of ``5 × (offset + limit)``, up to ``MAX_CANDIDATES`` rows: a query whose top ``MAX_CANDIDATES``
candidates hold fewer exact matches than requested returns fewer hits (or a short last page), even if
lower-ranked exact matches exist. With search-mode tokens plus Han pairs, precision of the first stage
is ~0.8, so this only bites on pathological queries.

A query of single Han characters (``needs_scan``) has no index terms: it is a substring scan of the
``SearchDocument`` table (newest first), then the same exact post-filter, bounded the same way.

Whatever the index holds, only entries that are public now are returned (the join re-checks it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q

from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import Disclosure, Validity
from xxgk.search.highlight import highlight, snippet
from xxgk.search.indexing import FTS_TABLE, body_of
from xxgk.search.models import SearchDocument
from xxgk.search.query import ParsedQuery, matches_exactly, to_fts5, to_tsquery

MAX_CANDIDATES = 2000
CANDIDATE_FACTOR = 5


@dataclass(frozen=True)
class Hit:
    entry_id: int
    index_number: str
    title_html: str  # safe HTML: escaped, words in <mark>
    snippet_html: str  # safe HTML: escaped, words in <mark>
    agency_name: str
    published_on: datetime.date | None


def _agency_id(agency: Any) -> int | None:
    if agency is None or agency == "":
        return None
    return getattr(agency, "pk", agency)


def _filter_sql(agency, kind, year, validity) -> tuple[str, list[Any]]:
    """WHERE conditions (on d = SearchDocument, e = Entry) shared by both engines."""
    clauses = ["e.live = %s", "e.disclosure = %s", "e.withdrawn_at IS NULL"]
    params: list[Any] = [True, Disclosure.PROACTIVE.value]
    agency_id = _agency_id(agency)
    if agency_id is not None:
        clauses.append("d.agency_id = %s")
        params.append(agency_id)
    if kind:
        clauses.append("d.kind = %s")
        params.append(kind)
    if validity:
        clauses.append("d.validity = %s")
        params.append(validity)
    if year:
        clauses.append("d.published_on >= %s AND d.published_on < %s")
        params += [datetime.date(int(year), 1, 1), datetime.date(int(year) + 1, 1, 1)]
    return " AND ".join(clauses), params


# Documents in force come before amended, repealed or expired ones: the reader wants the current rule.
CURRENT_FIRST = "CASE WHEN d.validity = %s THEN 0 ELSE 1 END"


def _ranked_sql(parsed: ParsedQuery, where: str, params: list[Any]) -> tuple[str, list[Any]] | None:
    docs, entries = SearchDocument._meta.db_table, Entry._meta.db_table
    base = f"FROM {docs} d JOIN {entries} e ON e.id = d.entry_id"
    if connection.vendor == "sqlite":
        expression = to_fts5(parsed)
        if not expression:
            return None
        sql = (
            f"SELECT d.id, d.raw {base} JOIN {FTS_TABLE} f ON f.rowid = d.id "
            f"WHERE {FTS_TABLE} MATCH %s AND {where} "
            f"ORDER BY {CURRENT_FIRST}, bm25({FTS_TABLE}), d.published_on DESC, d.id DESC"
        )
        return sql, [expression, *params, Validity.VALID.value]
    if connection.vendor == "postgresql":
        expression = to_tsquery(parsed)
        if not expression:
            return None
        vector = "to_tsvector('simple', d.tokens)"
        sql = (
            f"SELECT d.id, d.raw {base} "
            f"WHERE {vector} @@ to_tsquery('simple', %s) AND {where} "
            f"ORDER BY {CURRENT_FIRST}, ts_rank({vector}, to_tsquery('simple', %s)) DESC, "
            "d.published_on DESC NULLS LAST, d.id DESC"
        )
        return sql, [expression, *params, Validity.VALID.value, expression]
    raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")


def _scan_sql(parsed: ParsedQuery, where: str, params: list[Any]) -> tuple[str, list[Any]]:
    """Substring scan for queries the index cannot answer; ``matches_exactly`` still decides."""
    docs, entries = SearchDocument._meta.db_table, Entry._meta.db_table
    # Django's own lookup renders the portable, escaped LIKE / instr for each phrase.
    condition = Q()
    for phrase in parsed.phrases:
        condition &= Q(raw__contains=phrase)
    inner = SearchDocument.objects.filter(condition).values("id")
    inner_sql, inner_params = inner.query.sql_with_params()
    # Only table names and Django-compiled SQL are interpolated; every value is a bound parameter.
    sql = (
        f"SELECT d.id, d.raw FROM {docs} d JOIN {entries} e ON e.id = d.entry_id "  # noqa: S608
        f"WHERE d.id IN ({inner_sql}) AND {where} "
        "ORDER BY d.published_on DESC, d.id DESC"
    )
    return sql, [*inner_params, *params]


def _matching_ids(parsed: ParsedQuery, sql: str, params: list[Any], wanted: int) -> list[int]:
    batch = CANDIDATE_FACTOR * wanted
    found: list[int] = []
    seen = 0
    with connection.cursor() as cursor:
        while seen < MAX_CANDIDATES and len(found) < wanted:
            size = min(batch, MAX_CANDIDATES - seen)
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, size, seen])
            rows = cursor.fetchall()
            found += [doc_id for doc_id, raw in rows if matches_exactly(parsed, raw)]
            seen += len(rows)
            if len(rows) < size:
                break
    return found[:wanted]


def search(
    parsed: ParsedQuery,
    *,
    agency=None,
    kind: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """Public entries matching ``parsed``, best first; ``agency`` is an Agency or its pk."""
    if parsed.is_empty or limit <= 0:
        return []
    offset = max(offset, 0)
    where, params = _filter_sql(agency, kind, year, validity)
    statement = _scan_sql(parsed, where, params) if parsed.needs_scan else _ranked_sql(parsed, where, params)
    if statement is None:
        return []
    ids = _matching_ids(parsed, *statement, wanted=offset + limit)[offset:]
    docs = SearchDocument.objects.filter(pk__in=ids).select_related("entry", "agency").in_bulk()
    hits = []
    for doc_id in ids:
        doc = docs[doc_id]
        hits.append(
            Hit(
                entry_id=doc.entry_id,
                index_number=doc.entry.index_number,
                title_html=highlight(doc.title, parsed),
                snippet_html=snippet(body_of(doc.raw, doc.title), parsed),
                agency_name=doc.agency.name,
                published_on=doc.published_on,
            )
        )
    return hits
