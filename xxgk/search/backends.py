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
* PostgreSQL, at most ``RANK_LIMIT`` matches (within the agency, kind and validity filters): ``ts_rank``
  relevance, then newest first;
* PostgreSQL, more matches (``_size_estimate``: ANALYZE's lexeme frequencies, or a capped count): newest
  first — ``Results.by_date``, which the results page says. Ranking costs ~10–20 µs per matching row (it
  reads the row's vector), so relevance over the ~400,000 matches of 「通知」 in a million entries would take
  seconds; a frequent word says little about relevance anyway. The newest matches are found in slices:
  ``vec @@ q AND published_on >= cutoff`` is answered inside the GIN index on ``(vec, published_on,
  agency_id)`` (migrations 0005, 0006; an agency filter is answered there too), for a cutoff holding a
  few times the page's worth of expected matches (within the filters), widened
  eightfold until the page is full (``_date_cutoffs``). Recall and precision are unchanged (the same
  matching set, the same post-filter); only the order of a large set differs. A multi-word query whose
  words are each frequent but rare together is still treated as large (the estimate is an upper bound):
  it is shown newest first and simply needs wider slices.

A query of single Han characters (``needs_scan``) has no index terms: it is a substring scan of the
``SearchDocument`` table (newest first), then the same exact post-filter, bounded the same way.

Whatever the index holds, only entries that are public now are returned (the join re-checks it).
"""

from __future__ import annotations

import datetime
import math
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


@dataclass(frozen=True)
class Filters:
    """The search form's filters (empty values: no filter)."""

    agency: int | None = None
    kind: str | None = None
    year: int | None = None
    validity: str | None = None

    @property
    def dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        """The publication dates kept: [first, end), None for an open end."""
        if not self.year:
            return None, None
        return datetime.date(int(self.year), 1, 1), datetime.date(int(self.year) + 1, 1, 1)

    def sql(self, since: datetime.date | None = None) -> tuple[str, list[Any]]:
        """WHERE conditions (on d = SearchDocument, e = Entry) shared by both engines; ``since`` keeps only
        documents published on or after it. The dates make one range: the GIN index on (vec, published_on, …)
        reads every key a date condition admits, so a second, wider lower bound (the year's first day under
        a recent slice's cutoff) would cost as much as reading the whole year."""
        clauses = ["e.live = %s", "e.disclosure = %s", "e.withdrawn_at IS NULL"]
        params: list[Any] = [True, Disclosure.PROACTIVE.value]
        if self.agency is not None:
            # A bigint, as the column: the GIN index (btree_gin) has no integer-to-bigint operator.
            clauses.append("d.agency_id = CAST(%s AS BIGINT)")
            params.append(self.agency)
        for column, value in (("kind", self.kind), ("validity", self.validity)):
            if value is not None:
                clauses.append(f"d.{column} = %s")
                params.append(value)
        first, end = self.dates
        if since is not None and (first is None or since > first):
            first = since
        if first is not None:
            clauses.append("d.published_on >= %s")
            params.append(first)
        if end is not None:
            clauses.append("d.published_on < %s")
            params.append(end)
        return " AND ".join(clauses), params


# Documents in force come before amended, repealed or expired ones: the reader wants the current rule.
# The value is our own constant, inlined (not a parameter).
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


@dataclass(frozen=True)
class SizeEstimate:
    matches: float  # an upper bound: an AND matches at most what its rarest term matches
    within_filters: float  # matches × the share of the catalogue the filters keep (_filtered_share)


def _size_estimate(parsed: ParsedQuery, filters: Filters | None = None) -> SizeEstimate | None:
    """How many documents the query matches at most, from ANALYZE's statistics, in all and within
    ``filters``; a term too rare to be listed counts as matching none. None without statistics (a new or
    small database)."""
    statistics = _lexeme_frequencies(parsed.terms)
    if statistics is None:
        return None
    frequencies, documents = statistics
    if any(f is None for f in frequencies):
        return SizeEstimate(0.0, 0.0)
    matches = round(min(frequencies) * documents)  # round: float4 freqs (1/6 × 6 > 1)
    return SizeEstimate(matches, matches * _filtered_share(filters) if filters and matches else matches)


_UNREAD = object()


def _more_than(limit: int, parsed: ParsedQuery, estimate: Any = _UNREAD, filters: Filters | None = None) -> bool:
    """Does the query match more than ``limit`` documents (within ``filters``, if given)? Cheap either way:
    the statistics' upper bound when there are statistics (words can be frequent apart and rare together),
    within the filters; else, or when only the filters bring it under the limit (an agency's own words are
    commoner in its documents than elsewhere), a count of at most ``limit + 1`` ids through the GIN index.
    ``estimate``: ``_size_estimate(parsed, filters)``'s answer when read already."""
    if estimate is _UNREAD:
        estimate = _size_estimate(parsed, filters)
    if estimate is not None:
        if estimate.matches <= limit:
            return False
        if estimate.within_filters > limit:
            return True
    where, params = (filters or Filters()).sql()
    matching = _from_sql(f"d.vec @@ to_tsquery('simple', %s) AND {where}")
    with connection.cursor() as cursor:
        # Only table names and our own clauses are interpolated; every value is a bound parameter.
        count_sql = f"SELECT count(*) FROM (SELECT 1 {matching} LIMIT %s) s"  # noqa: S608
        cursor.execute(count_sql, [to_tsquery(parsed), *params, limit + 1])
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


# The first slice of the date order should hold about this many times the matches wanted; each next
# slice holds SLICE_GROWTH times more of the catalogue.
SLICE_MARGIN = 4
SLICE_GROWTH = 8


def _date_cutoffs(
    share: float, first: datetime.date | None = None, end: datetime.date | None = None
) -> list[datetime.date]:
    """Publication dates from which to ``end`` (or today) about ``share``, 8 × ``share``, 64 × ``share`` … of
    all documents lie, newest first, each after ``first`` (from ``first`` on, a slice is the whole range);
    from ANALYZE's histogram of ``published_on`` (statistics target 1000 in migration 0005: steps of 0.1 %).
    Empty without statistics."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT histogram_bounds::text::date[] FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = 'published_on'",
            [SearchDocument._meta.db_table],
        )
        row = cursor.fetchone()
    bounds: list[datetime.date] = row[0] if row and row[0] else []
    steps = len(bounds) - 1  # bounds are ascending and split the rows into steps of equal size
    inside = [b for b in bounds if (first is None or b > first) and (end is None or b < end)]
    cutoffs: list[datetime.date] = []
    while share < 1:
        # About share of all rows lie between this bound and the newest bound inside the range.
        index = len(inside) - 1 - math.ceil(share * steps)
        if index < 0:
            break
        if not cutoffs or inside[index] < cutoffs[-1]:
            cutoffs.append(inside[index])
        share *= SLICE_GROWTH
    return cutoffs


def _filtered_share(filters: Filters) -> float:
    """Share of the documents the agency, kind and validity filters keep (taken as independent), from
    ANALYZE's most common values of each column; for a value not listed, an upper bound (an overestimate
    only makes the first slice narrower). 1 without statistics."""
    wanted = {"agency_id": filters.agency, "kind": filters.kind, "validity": filters.validity}
    wanted = {column: str(value) for column, value in wanted.items() if value is not None}
    if not wanted:
        return 1.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, most_common_vals::text::text[], most_common_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = ANY(%s)",
            [SearchDocument._meta.db_table, list(wanted)],
        )
        rows = cursor.fetchall()
    share = 1.0
    for column, values, frequencies in rows:
        if values and frequencies:
            listed = dict(zip(values, frequencies, strict=True))
            # Not listed: rarer than every listed value, and within what the listed ones leave.
            unlisted = min(min(frequencies), max(1.0 - sum(frequencies), 0.0))
            share *= listed.get(wanted[column], unlisted)
    return share


# Planner settings for the date order, transaction-local. PostgreSQL multiplies the frequencies of ANDed
# lexemes, so for words that nearly always occur together (垃圾 圾分 分类: 1.9 % of documents) it expects a
# few dozen rows and may pick any plan; without a sequential scan the GIN index on (vec, published_on, …) is
# the one left that answers both conditions. JIT and parallel workers would only add start-up time to a
# query that reads a few hundred rows.
_DATE_ORDER_SETTINGS = {"enable_seqscan": "off", "jit": "off", "max_parallel_workers_per_gather": "0"}


@contextmanager
def _date_order_settings() -> Iterator[None]:
    """``_DATE_ORDER_SETTINGS`` for the block: one round trip to set them (on a busy machine every round
    trip costs milliseconds); a second to restore them only when an outer transaction would keep them."""
    names = list(_DATE_ORDER_SETTINGS)
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        previous = ", ".join(f"current_setting('{name}')" for name in names)
        assignments = ", ".join("set_config(%s, %s, true)" for _name in names)
        values = [v for item in _DATE_ORDER_SETTINGS.items() for v in item]
        cursor.execute(f"SELECT {previous}, {assignments}", values)
        old_values = cursor.fetchone()[: len(names)]
        try:
            yield
        finally:
            if nested:
                restore = [v for item in zip(names, old_values, strict=True) for v in item]
                cursor.execute(f"SELECT {assignments}", restore)


def _newest_matching_ids(
    parsed: ParsedQuery, filters: Filters, wanted: int, estimate: SizeEstimate | None
) -> list[int]:
    """A large result set in date order: current documents of ever wider recent slices while the slice
    does not fill the page, then (rarely needed) the whole set with the documents no longer in force.
    The slices start as wide as the filters need to hold about ``SLICE_MARGIN`` pages of matches: a
    township's documents or one year's are a small part of the catalogue."""
    expected = estimate.within_filters if estimate else 0
    share = SLICE_MARGIN * wanted / expected if expected else 1.0
    # With a validity filter every match has the same rank in CURRENT_FIRST: no need to leave any out.
    current_only = "" if filters.validity else f" AND {CURRENT_FIRST} = 0"
    with _date_order_settings():
        for cutoff in _date_cutoffs(share, *filters.dates):
            # The newest `wanted` current matches on or after the cutoff are the newest current matches
            # of all, and current documents come first: if the slice has that many, they are the page.
            where, params = filters.sql(since=cutoff)
            slice_sql, slice_params = _ordered_sql(parsed, where + current_only, params, by_date=True)
            found = _matching_ids(parsed, slice_sql, slice_params, wanted)
            if len(found) >= wanted:
                return found
        return _matching_ids(parsed, *_ordered_sql(parsed, *filters.sql(), by_date=True), wanted)


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
    filters = Filters(_agency_id(agency), kind or None, year or None, validity or None)
    where, params = filters.sql()
    by_date = False
    if parsed.needs_scan:
        statement = _scan_sql(parsed, where, params)
    else:
        estimate = _size_estimate(parsed, filters) if connection.vendor == "postgresql" else None
        by_date = connection.vendor == "postgresql" and _more_than(RANK_LIMIT, parsed, estimate, filters)
        statement = _ordered_sql(parsed, where, params, by_date)
    if statement is None:
        return Results([], by_date=False)
    if by_date:
        ids = _newest_matching_ids(parsed, filters, offset + limit, estimate)[offset:]
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
