"""Latency and recall of the public catalogue on whatever database XXGK_DATABASE_URL names (issue 4).

    XXGK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/xxgk_bench .venv/bin/python bench/catalog_bench.py

Fill the database first with ``manage.py synth_city --agencies 100 --entries N``. Prints one table:

* **list pages** — each agency's keyset-paginated lists ``/agencies/<code>/entries/`` and
  ``/agencies/<code>/statutory/<n>/`` (``list_page_urls``), every synthetic agency, ``--repeat`` times;
* **document page** — ``/gk/<索引号>/`` for ``--documents`` random published entries;
* **search page** — ``/search/?q=`` for every query of ``bench/queries.txt``, ``--repeat`` times, and the same
  through ``search.backends.search`` directly (page = backend + template);
* **filtered search** — the same queries through the backend with one filter of the search form each: the
  agency with the most documents, the one with the fewest, the city's last full year (``search_filters``);
* **whoosh search** — the baseline a Django developer would pick: Whoosh 2.7 with jieba's ChineseAnalyzer over
  the same text (title + body), top 20, AND of the analysed words (QueryParser's default grouping). Built
  over the first ``--sample`` documents of the city (pure Python: about 4 ms per document), once, in
  ``--whoosh-dir``; rebuilt only when missing or of another size.

Pages are requested in-process through Django's test ``Client`` (full middleware, URL routing, template
rendering; no HTTP server, no network), with ``DEBUG`` off. Times are wall-clock per request after one
warm-up pass; p99 is nearest-rank, so with ~120 samples it is the second-slowest request.

Recall and precision, per query, against the ground truth "every word of the query occurs in the
normalised raw text (title + body)" over the Whoosh sample: ours is the complete matching set of
``backends`` (both stages, no candidate cap), Whoosh's its complete result set (``limit=None``).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "queries.txt"
HOST = "127.0.0.1"
SEARCH_LIMIT = 20

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:
    django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from xxgk.catalog.models import Entry  # noqa: E402
from xxgk.catalog.synth import synthetic_agencies  # noqa: E402
from xxgk.search import backends  # noqa: E402
from xxgk.search.indexing import body_of  # noqa: E402
from xxgk.search.models import SearchDocument  # noqa: E402
from xxgk.search.query import parse_query  # noqa: E402
from xxgk.search.segment import normalize  # noqa: E402

# --- what is measured ----------------------------------------------------------------------------


# 第二十条 items whose keyset list is measured: （一） is well filled, （四） is never used by synth_city (the
# empty list, where a keyset walk could read the whole agency before giving up).
LIST_ITEMS = (1, 4)


def list_page_urls(agencies: Iterable) -> list[str]:
    """The keyset-paginated column lists under test, per agency: all its entries, and each of
    ``LIST_ITEMS``' 第二十条 lists (first page, newest first). Change only this when the lists move."""
    urls = []
    for agency in agencies:
        urls.append(reverse("portal:agency_entries", kwargs={"code": agency.code}))
        urls += [reverse("portal:item_entries", kwargs={"code": agency.code, "number": n}) for n in LIST_ITEMS]
    return urls


def document_urls(count: int, seed: int = 1) -> list[str]:
    """``/gk/<索引号>/`` of ``count`` published synthetic entries picked at random (by id, deterministic)."""
    public = Entry.objects.public().filter(agency__in=synthetic_agencies())
    bounds = public.order_by("id").values_list("id", flat=True)
    low, high = bounds.first(), bounds.last()
    if low is None:
        return []
    rng = random.Random(seed)
    wanted = {rng.randint(low, high) for _ in range(count * 2)}
    numbers = list(public.filter(id__in=wanted).values_list("index_number", flat=True)[:count])
    return [reverse("portal:document", kwargs={"index_number": n}) for n in numbers]


def search_urls(queries: list[str]) -> list[str]:
    return [f"{reverse('portal:search')}?{_qs(q)}" for q in queries]


def _qs(query: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": query})


def load_queries(path: Path = QUERIES) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# --- timing --------------------------------------------------------------------------------------


@dataclass
class Figures:
    label: str
    samples: list[float]  # milliseconds, wall clock
    cpu: list[float] = field(default_factory=list)  # milliseconds of this process's CPU (not the database's)

    def p(self, q: float) -> float:
        return percentile(self.samples, q)


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0–100) of ``samples``."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[max(math.ceil(q / 100 * len(ordered)) - 1, 0)]


def timed(label: str, calls: list[Callable[[], object]], repeat: int = 1) -> Figures:
    """Run every call once to warm up, then ``repeat`` times, timing each one."""
    for call in calls:
        call()
    samples, cpu = [], []
    for _ in range(repeat):
        for call in calls:
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return Figures(label, samples, cpu)


def page_calls(client: Client, urls: list[str]) -> list[Callable[[], object]]:
    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url, HTTP_HOST=HOST)
            if response.status_code != 200:
                raise RuntimeError(f"{url} → HTTP {response.status_code}")
            return response

        return call

    return [get(url) for url in urls]


def backend_calls(queries: list[str], **filters: object) -> list[Callable[[], object]]:
    return [lambda q=q: backends.search(parse_query(q), limit=SEARCH_LIMIT + 1, **filters) for q in queries]


def search_filters(agencies: list) -> list[tuple[str, dict[str, object]]]:
    """The filters of the search form measured in the ``filtered`` section: the agency with the most indexed
    documents, the one with the fewest (a township: a frequent word's newest matches are far apart there),
    and the last full year of the city."""
    counts = (
        SearchDocument.objects.filter(agency__in=agencies)
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n", "agency_id")
    )
    ranked = list(counts)
    if not ranked:
        return []
    names = {agency.pk: agency.name for agency in agencies}
    newest = SearchDocument.objects.filter(agency__in=agencies).aggregate(newest=Max("published_on"))["newest"]
    most, fewest = ranked[0], ranked[-1]
    filters = [
        (f"agency {names[most['agency_id']]} ({most['n']} docs)", {"agency": most["agency_id"]}),
        (f"agency {names[fewest['agency_id']]} ({fewest['n']} docs)", {"agency": fewest["agency_id"]}),
    ]
    if newest is not None:
        filters.append((f"year {newest.year - 1}", {"year": newest.year - 1}))
    return filters


# --- recall --------------------------------------------------------------------------------------


def sample_documents(size: int) -> list[tuple[int, str, str]]:
    """(entry id, title, body text) of the first ``size`` indexed documents of the synthetic city."""
    docs = SearchDocument.objects.filter(agency__in=synthetic_agencies()).order_by("id")[:size]
    return [
        (entry_id, title, body_of(raw, title)) for entry_id, title, raw in docs.values_list("entry_id", "title", "raw")
    ]


def ground_truth(queries: list[str], corpus: list[tuple[int, str, str]]) -> dict[str, set[int]]:
    """Entry ids whose normalised title + body contain every word of the query."""
    texts = [(entry_id, normalize(f"{title}\n{body}")) for entry_id, title, body in corpus]
    truth = {}
    for query in queries:
        words = [normalize(w) for w in query.split()]
        truth[query] = {entry_id for entry_id, text in texts if all(w in text for w in words)}
    return truth


def our_matches(query: str) -> set[int]:
    """Every entry id our search returns for ``query`` — both stages, without the candidate cap."""
    parsed = parse_query(query)
    where, params = backends.Filters().sql()
    # Order does not matter for a complete set: the unranked (date) order is the cheaper one.
    statement = (
        backends._scan_sql(parsed, where, params)
        if parsed.needs_scan
        else backends._ordered_sql(parsed, where, params, by_date=connection.vendor == "postgresql")
    )
    if statement is None:
        return set()
    cap, backends.MAX_CANDIDATES = backends.MAX_CANDIDATES, 10**9
    try:
        doc_ids = backends._matching_ids(parsed, *statement, wanted=10**9)
    finally:
        backends.MAX_CANDIDATES = cap
    return set(SearchDocument.objects.filter(id__in=doc_ids).values_list("entry_id", flat=True))


def score(found: set[int], truth: set[int]) -> tuple[float, float]:
    """(recall, precision); 1.0 when there is nothing to find / nothing found."""
    hit = len(found & truth)
    return (hit / len(truth) if truth else 1.0), (hit / len(found) if found else 1.0)


# --- the Whoosh baseline -------------------------------------------------------------------------


def _whoosh():
    warnings.filterwarnings("ignore", category=SyntaxWarning)  # Whoosh 2.7's regexes on Python 3.12
    import whoosh.index
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    return whoosh.index, Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=ChineseAnalyzer()))


def build_whoosh(corpus: list[tuple[int, str, str]], directory: Path) -> tuple[object, float | None]:
    """Open the Whoosh index in ``directory`` if it holds exactly this corpus's size, else build it;
    returns (index, seconds spent building or None when reused)."""
    index_module, schema = _whoosh()
    if directory.exists() and index_module.exists_in(str(directory)):
        ix = index_module.open_dir(str(directory))
        if ix.doc_count() == len(corpus):
            return ix, None
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    start = time.perf_counter()
    ix = index_module.create_in(str(directory), schema)
    writer = ix.writer(limitmb=256)
    for entry_id, title, body in corpus:
        writer.add_document(id=str(entry_id), content=f"{title}\n{body}")
    writer.commit()
    return ix, time.perf_counter() - start


def whoosh_search(ix, query: str, limit: int | None = SEARCH_LIMIT) -> list[int]:
    from whoosh.qparser import QueryParser

    with ix.searcher() as searcher:
        parsed = QueryParser("content", ix.schema).parse(query)
        return [int(hit["id"]) for hit in searcher.search(parsed, limit=limit)]


# --- report --------------------------------------------------------------------------------------


def table(rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def latency_rows(figures: list[Figures]) -> list[list[str]]:
    rows = [["what", "n", "p50 ms", "p99 ms", "max ms", "mean ms", "cpu p50", "cpu p99"]]
    for f in figures:
        rows.append([f.label, str(len(f.samples)), f"{f.p(50):.1f}", f"{f.p(99):.1f}", f"{max(f.samples):.1f}",
                     f"{statistics.mean(f.samples):.1f}", f"{percentile(f.cpu, 50):.1f}",
                     f"{percentile(f.cpu, 99):.1f}"])  # fmt: skip
    return rows


SECTIONS = ("list", "document", "search", "filtered", "whoosh")


def slowest(queries: list[str], figures: Figures, count: int = 8) -> str:
    """The queries with the longest single time (samples are in pass order, queries within a pass)."""
    worst: dict[str, float] = {}
    for i, ms in enumerate(figures.samples):
        query = queries[i % len(queries)]
        worst[query] = max(worst.get(query, 0.0), ms)
    ranked = sorted(worst.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{q} {ms:.0f}" for q, ms in ranked)


def run(
    *,
    repeat: int,
    documents: int,
    sample: int,
    whoosh_dir: Path | None,
    queries: list[str],
    sections: Iterable[str] = SECTIONS,
    out=print,
) -> dict[str, Figures]:
    settings.DEBUG = False  # no query log, no debug pages: what production serves
    client = Client()
    agencies = list(synthetic_agencies())
    total = Entry.objects.public().filter(agency__in=agencies).count()
    version = connection.cursor().connection.info.server_version if connection.vendor == "postgresql" else ""
    out(f"database: {connection.vendor} {version}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    out(f"synthetic city: {len(agencies)} agencies, {total} public entries; {len(queries)} queries")
    figures = {}
    if "list" in sections:
        figures["list"] = timed(
            "list pages (keyset: entries, 第二十条 items)", page_calls(client, list_page_urls(agencies)), repeat
        )
    if "document" in sections:
        figures["document"] = timed("document page /gk/<索引号>/", page_calls(client, document_urls(documents)))
    if "search" in sections:
        figures["search_page"] = timed("search page /search/?q=", page_calls(client, search_urls(queries)), repeat)
        figures["search"] = timed("search backend (top 20)", backend_calls(queries), repeat)
        out("slowest queries (search backend, ms): " + slowest(queries, figures["search"]))
    if "filtered" in sections:
        for label, filters in search_filters(agencies):
            key = f"filtered {label}"
            figures[key] = timed(f"search backend, {label}", backend_calls(queries, **filters), repeat)
            out(f"slowest queries ({label}, ms): " + slowest(queries, figures[key]))
    ix = None
    if whoosh_dir is not None and "whoosh" in sections:
        corpus = sample_documents(sample)
        ix, built = build_whoosh(corpus, whoosh_dir)
        out(f"whoosh: {len(corpus)} documents, " + (f"built in {built:.0f} s" if built else "index reused"))
        calls = [lambda q=q: whoosh_search(ix, q) for q in queries]
        figures["whoosh"] = timed(f"whoosh + jieba (top 20, {len(corpus)} docs)", calls, repeat)
    out(table(latency_rows(list(figures.values()))))
    if ix is not None:
        truth = ground_truth(queries, corpus)
        in_sample = {entry_id for entry_id, _t, _b in corpus}
        rows = [["query", "truth", "ours R", "ours P", "whoosh R", "whoosh P"]]
        sums = [0.0, 0.0, 0.0, 0.0]
        for query in queries:
            ours = score(our_matches(query) & in_sample, truth[query])
            theirs = score(set(whoosh_search(ix, query, limit=None)), truth[query])
            values = [*ours, *theirs]
            sums = [s + v for s, v in zip(sums, values, strict=True)]
            rows.append([query, str(len(truth[query])), *(f"{v:.3f}" for v in values)])
        rows.append(["mean", "", *(f"{s / len(queries):.3f}" for s in sums)])
        out(f"recall / precision over the {len(corpus)}-document sample:")
        out(table(rows))
        if "search" in figures:
            speed = figures["whoosh"].p(99) / figures["search"].p(99)
            out(f"search p99 speed-up over whoosh: {speed:.1f}×")
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over list pages and queries (default 3)")
    parser.add_argument("--documents", type=int, default=300, help="document pages to request (default 300)")
    parser.add_argument("--sample", type=int, default=100_000, help="documents in the Whoosh baseline")
    parser.add_argument("--whoosh-dir", type=Path, default=ROOT / "var" / "bench" / "whoosh")
    parser.add_argument("--no-whoosh", action="store_true", help="skip the baseline and the recall table")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--whoosh-build-only", action="store_true", help="build (or check) the baseline index, exit")
    parser.add_argument(
        "--sections", default=",".join(SECTIONS), help="comma-separated subset of: " + ", ".join(SECTIONS)
    )
    args = parser.parse_args(argv)
    if args.whoosh_build_only:
        corpus = sample_documents(args.sample)
        _ix, built = build_whoosh(corpus, args.whoosh_dir)
        print(f"whoosh: {len(corpus)} documents, " + (f"built in {built:.0f} s" if built else "index reused"))
        return
    run(
        repeat=args.repeat,
        documents=args.documents,
        sample=args.sample,
        whoosh_dir=None if args.no_whoosh else args.whoosh_dir,
        queries=load_queries(args.queries),
        sections=args.sections.split(","),
    )


if __name__ == "__main__":
    main()
