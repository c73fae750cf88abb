"""Search the index: ``run`` (hits and the order used) and ``search`` (hits only), per database vendor.

Two stages (see ``query``): the database returns candidate ids, in result order, whose tokens contain every
query term — FTS5 ``MATCH`` on SQLite, ``vec @@ tsquery`` on PostgreSQL (``vec``: the stored tsvector of
migration 0004, GIN-indexed) — then ``query.matches_exactly`` keeps only those whose raw text holds every
word. Only ids are sorted; ``raw`` is read by primary key for one batch of candidates at a time (first
``CANDIDATE_FACTOR × (offset + limit)``, doubling while exact matches are missing, at most
``MAX_CANDIDATES`` in all), and titles and snippets only for the page's hits. A query whose first
``MAX_CANDIDATES`` candidates hold fewer exact matches than requested returns fewer hits (or a short last
page), even if later exact matches exist; with search-mode tokens plus Han pairs the first stage's
precision is ~0.8, so this only bites on pathological queries and on pages beyond the 2,000th candidate.

Order: documents in force first (``CURRENT_FIRST``), then

* SQLite (small installations): ``bm25`` relevance, then newest first;
* PostgreSQL, at most ``RANK_LIMIT`` matches: ``ts_rank`` relevance, then newest first;
* PostgreSQL, more matches (``_more_than``: ANALYZE's lexeme frequencies, or a capped count): newest
  first, read in order from the btree ``searchdoc_current_newest`` — ``Results.by_date``, which the
  results page says. Ranking costs ~10 µs per matching row, so relevance over the ~400,000 matches of
  「通知」 in a million entries would take seconds; a frequent word says little about relevance anyway.
  Recall and precision are unchanged (the same matching set, the same post-filter); only the order of a
  large set differs. A multi-word query whose words are each frequent but rare together is still
  treated as large (the estimate is an upper bound): it is shown newest first, and the walk reads
  further down the btree to fill the page.

A query of single Han characters (``needs_scan``) has no index terms: it is a substring scan of the
``SearchDocument`` table (newest first), then the same exact post-filter, bounded the same way.

Whatever the index holds, only entries that are public now are returned (the join re-checks it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import Disclosure, Validity
from xxgk.search.highlight import highlight, snippet
from xxgk.search.indexing import FTS_TABLE, body_of
from xxgk.search.models import SearchDocument
from xxgk.search.query import ParsedQuery, matches_exactly, to_fts5, to_tsquery

MAX_CANDIDATES = 2000
CANDIDATE_FACTOR = 2
# PostgreSQL ranks by relevance only queries matching at most this many documents (see the module).
RANK_LIMIT = 2000


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
# The value is our own constant, inlined (not a parameter) so that PostgreSQL can match the expression to
# the btree ``searchdoc_current_newest`` of migration 0004, which spells it the same way.
CURRENT_FIRST = f"CASE WHEN d.validity = '{Validity.VALID.value}' THEN 0 ELSE 1 END"
NEWEST = "d.published_on DESC NULLS LAST, d.id DESC"


def _from_sql(where: str, join: str = "") -> str:
    docs, entries = SearchDocument._meta.db_table, Entry._meta.db_table
    return f"FROM {docs} d JOIN {entries} e ON e.id = d.entry_id {join} WHERE {where}"


def _ordered_sql(parsed: ParsedQuery, where: str, params: list[Any], by_date: bool) -> tuple[str, list[Any]] | None:
    """Ids of the candidates in result order; None when the index cannot answer."""
    if connection.vendor == "sqlite":
        expression = to_fts5(parsed)
        if not expression:
            return None
        matching = _from_sql(f"{FTS_TABLE} MATCH %s AND {where}", join=f"JOIN {FTS_TABLE} f ON f.rowid = d.id")
        return f"SELECT d.id {matching} ORDER BY {CURRENT_FIRST}, bm25({FTS_TABLE}), {NEWEST}", [expression, *params]
    if connection.vendor == "postgresql":
        expression = to_tsquery(parsed)
        if not expression:
            return None
        matching = f"d.vec @@ to_tsquery('simple', %s) AND {where}"
        if by_date:
            return f"SELECT d.id {_from_sql(matching)} ORDER BY {CURRENT_FIRST}, {NEWEST}", [expression, *params]
        sql = (
            f"SELECT d.id {_from_sql(matching)} "
            f"ORDER BY {CURRENT_FIRST}, ts_rank(d.vec, to_tsquery('simple', %s)) DESC, {NEWEST}"
        )
        return sql, [expression, *params, expression]
    raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")


def _scan_sql(parsed: ParsedQuery, where: str, params: list[Any]) -> tuple[str, list[Any]]:
    """Substring scan for queries the index cannot answer; ``matches_exactly`` still decides."""
    # Django's own lookup renders the portable, escaped LIKE / instr for each phrase.
    condition = Q()
    for phrase in parsed.phrases:
        condition &= Q(raw__contains=phrase)
    inner = SearchDocument.objects.filter(condition).values("id")
    inner_sql, inner_params = inner.query.sql_with_params()
    # Only table names and Django-compiled SQL are interpolated; every value is a bound parameter.
    sql = f"SELECT d.id {_from_sql(f'd.id IN ({inner_sql}) AND {where}')} ORDER BY {NEWEST}"
    return sql, [*inner_params, *params]


def _lexeme_frequencies(terms: list[str]) -> tuple[list[float | None], float] | None:
    """Share of documents holding each term, from ANALYZE's most-common-lexeme statistics of ``vec``
    (None for a term too rare to be listed), and the table's row estimate; None without statistics."""
    sql = (
        "SELECT (SELECT array_agg(s.freqs[array_position(s.elems, t.term)] ORDER BY t.n) "
        "FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, n)), "
        "(SELECT reltuples FROM pg_class WHERE oid = %s::regclass) "
        "FROM (SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = %s AND attname = 'vec') s"
    )
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(sql, [terms, table, table])
        row = cursor.fetchone()
    return None if row is None or row[0] is None else (list(row[0]), row[1])


def _more_than(limit: int, parsed: ParsedQuery) -> bool:
    """Does the query match more than ``limit`` documents (filters ignored)? Cheap either way.

    Statistics first: an AND matches at most what its rarest term matches, so if every term is a listed
    common lexeme and the rarest one is in more than ``limit`` documents, the answer is probably yes (an
    upper bound: words can be frequent apart and rare together). Without statistics (a new or small
    database), a count of at most ``limit + 1`` ids through the GIN index.
    """
    docs = SearchDocument._meta.db_table
    statistics = _lexeme_frequencies(parsed.terms)
    if statistics is not None:
        frequencies, documents = statistics
        if any(f is None for f in frequencies):
            return False
        return round(min(frequencies) * documents) > limit  # round: freqs are float4 (1/6 × 6 > 1)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {docs} d WHERE d.vec @@ to_tsquery('simple', %s) LIMIT %s) s",  # noqa: S608
            [to_tsquery(parsed), limit + 1],
        )
        return cursor.fetchone()[0] > limit


def _exact(parsed: ParsedQuery, ids: list[int]) -> list[int]:
    """The post-filter on one batch of candidates, in their order; reads ``raw`` of these rows only."""
    raws = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "raw"))
    return [doc_id for doc_id in ids if doc_id in raws and matches_exactly(parsed, raws[doc_id])]


def _matching_ids(parsed: ParsedQuery, sql: str, params: list[Any], wanted: int) -> list[int]:
    """The first ``wanted`` candidates (in ``sql``'s order) that pass the exact post-filter."""
    batch = CANDIDATE_FACTOR * wanted
    found: list[int] = []
    seen = 0
    with connection.cursor() as cursor:
        while seen < MAX_CANDIDATES and len(found) < wanted:
            size = min(batch, MAX_CANDIDATES - seen)
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, size, seen])
            ids = [doc_id for (doc_id,) in cursor.fetchall()]
            found += _exact(parsed, ids)
            seen += len(ids)
            if len(ids) < size:
                break
            batch *= 2  # this query's first stage is less precise than usual: read further ahead
    return found[:wanted]


# Planner settings for the date order. PostgreSQL multiplies the frequencies of ANDed lexemes, so for
# pairs that nearly always occur together (垃圾 圾分 分类: 1.9 % of documents) it expects a few dozen rows,
# reads all 19,000 through the GIN bitmap and sorts them (2 s at 1,000,000 entries) instead of walking
# searchdoc_current_newest until the page is full (a few ms). ``_more_than`` has already said the set is
# large, so the walk is the plan; these settings only remove the alternatives. The walk's estimated cost
# (the whole index, from the same underestimate) would also start JIT compilation and parallel workers,
# tens of milliseconds for a query that reads a few thousand rows.
_WALK_SETTINGS = {
    "enable_bitmapscan": "off",
    "enable_seqscan": "off",
    "enable_sort": "off",
    "jit": "off",
    "max_parallel_workers_per_gather": "0",
}


@contextmanager
def _walk_in_order() -> Iterator[None]:
    """Run the date-ordered query with ``_WALK_SETTINGS``, transaction-local. One round trip to set them
    (on a busy machine every round trip costs milliseconds); a second to restore them only when an outer
    transaction would otherwise keep them."""
    names = list(_WALK_SETTINGS)
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        previous = ", ".join(f"current_setting('{name}')" for name in names)
        assignments = ", ".join("set_config(%s, %s, true)" for _name in names)
        cursor.execute(f"SELECT {previous}, {assignments}", [v for item in _WALK_SETTINGS.items() for v in item])
        old_values = cursor.fetchone()[: len(names)]
        try:
            yield
        finally:
            if nested:
                restore = [v for item in zip(names, old_values, strict=True) for v in item]
                cursor.execute(f"SELECT {assignments}", restore)


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    by_date: bool  # too many matches to rank: current documents first, then newest first


def run(
    parsed: ParsedQuery,
    *,
    agency=None,
    kind: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Public entries matching ``parsed``, in result order, and which order that is (see the module)."""
    if parsed.is_empty or limit <= 0:
        return Results([], by_date=False)
    offset = max(offset, 0)
    where, params = _filter_sql(agency, kind, year, validity)
    by_date = False
    if parsed.needs_scan:
        statement = _scan_sql(parsed, where, params)
    else:
        by_date = connection.vendor == "postgresql" and _more_than(RANK_LIMIT, parsed)
        statement = _ordered_sql(parsed, where, params, by_date)
    if statement is None:
        return Results([], by_date=False)
    if by_date:
        with _walk_in_order():
            ids = _matching_ids(parsed, *statement, wanted=offset + limit)[offset:]
    else:
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
    return Results(hits, by_date)


def search(parsed: ParsedQuery, **options: Any) -> list[Hit]:
    """``run``'s hits only (same keyword arguments)."""
    return run(parsed, **options).hits
