"""The synthetic city (catalog/synth.py, manage.py synth_city) and the benchmark script's functions, at a
tiny size: what they build must be public, numbered like real publication and searchable. Nothing timed."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from bench import catalog_bench
from xxgk.catalog import synth
from xxgk.catalog.models import Entry
from xxgk.core.models import Agency, SerialCounter
from xxgk.core.serials import format_index_number
from xxgk.search.backends import search
from xxgk.search.indexing import document_fields
from xxgk.search.models import SearchDocument
from xxgk.search.query import parse_query

pytestmark = pytest.mark.django_db


def build(entries: int, *args: str) -> str:
    out = StringIO()
    call_command("synth_city", "--agencies", "3", "--entries", str(entries), "--workers", "1", *args, stdout=out)
    return out.getvalue()


def city_entries():
    return Entry.objects.filter(agency__in=synth.synthetic_agencies())


@pytest.fixture
def tiny_city(monkeypatch):
    # Also takes the PostgreSQL path that drops and rebuilds the GIN index around a large load.
    monkeypatch.setattr(synth, "REBUILD_GIN_FROM", 1)
    build(50)


def test_entries_are_public_complete_and_indexed_with_the_real_tokenizer(tiny_city):
    assert synth.synthetic_agencies().count() == 3
    assert city_entries().count() == 50
    assert Entry.objects.public().filter(agency__in=synth.synthetic_agencies()).count() == 50
    for entry in city_entries().prefetch_related("statutory_items"):
        assert entry.title and "<p>" in entry.body and entry.topic_id and entry.published_on
        assert entry.statutory_items.exists()
        doc = SearchDocument.objects.get(entry=entry)
        assert doc.tokens == document_fields(entry.title, entry.body)["tokens"]
        assert (doc.agency_id, doc.published_on, doc.kind, doc.validity) == (
            entry.agency_id, entry.published_on, entry.kind, entry.validity,
        )  # fmt: skip


def test_index_numbers_are_gap_free_per_agency_and_year_like_publication(tiny_city):
    scopes = defaultdict(set)
    for entry in city_entries().select_related("agency"):
        scopes[(entry.agency, entry.published_on.year)].add(entry.index_number)
    for (agency, year), numbers in scopes.items():
        assert numbers == {format_index_number(agency, year, k) for k in range(1, len(numbers) + 1)}
        counter = SerialCounter.objects.get(agency=agency, kind="index_number", year=year)
        assert counter.last_value == len(numbers)


def test_every_entry_is_found_by_its_title(tiny_city):
    for entry in city_entries()[:10]:
        hits = search(parse_query(entry.title), limit=50)
        assert entry.pk in {hit.entry_id for hit in hits}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'searchdoc_vec_date_agency_gin'")
            assert cursor.fetchone() is not None


def test_rerun_tops_up_deterministically_and_reset_removes_everything(tiny_city):
    bystander = Agency.objects.create(code="synthesis", name="合成材料研究院", short_name="研究院")
    first = list(city_entries().order_by("id").values_list("title", "index_number"))
    assert "不需要新增" in build(50)
    assert city_entries().count() == 50
    build(60)
    assert city_entries().count() == 60
    assert list(city_entries().order_by("id").values_list("title", "index_number"))[:50] == first
    build(50, "--reset")
    assert list(city_entries().order_by("id").values_list("title", flat=True)) == [t for t, _n in first]
    synth.reset_city(progress=lambda _line: None)
    assert not synth.synthetic_agencies().exists()
    assert not SearchDocument.objects.exists()
    assert not SerialCounter.objects.exists()
    assert Agency.objects.filter(pk=bystander.pk).exists()


def test_bench_pages_and_recall_functions(tiny_city, tmp_path):
    client = Client()
    agencies = list(synth.synthetic_agencies())
    urls = catalog_bench.list_page_urls(agencies) + catalog_bench.document_urls(10)
    urls += catalog_bench.search_urls(["通知"])
    assert len(urls) == 3 * (1 + len(catalog_bench.LIST_ITEMS)) + 10 + 1
    for call in catalog_bench.page_calls(client, urls):
        assert call().status_code == 200
    queries = catalog_bench.load_queries()
    assert len(queries) >= 30 and any(len(q) == 2 for q in queries)
    corpus = catalog_bench.sample_documents(50)
    truth = catalog_bench.ground_truth(queries, corpus)
    assert any(truth.values())
    for query in queries:
        assert catalog_bench.score(catalog_bench.our_matches(query), truth[query]) == (1.0, 1.0)
    assert catalog_bench.percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert catalog_bench.percentile(list(map(float, range(1, 101))), 99) == 99.0


def test_bench_run_prints_every_figure_and_the_whoosh_baseline(tiny_city, tmp_path):
    pytest.importorskip("whoosh")
    lines: list[str] = []
    figures = catalog_bench.run(
        repeat=1, documents=5, sample=50, whoosh_dir=tmp_path / "whoosh", queries=["通知", "政务公开"], out=lines.append
    )
    assert {"list", "document", "search_page", "search", "whoosh"} < set(figures)
    assert len([key for key in figures if key.startswith("filtered ")]) == 3  # most, fewest documents; a year
    assert all(f.samples for f in figures.values())
    report = "\n".join(lines)
    assert "whoosh: 50 documents, built in" in report and "speed-up" in report


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("关于科技", "<p>项目申报的通知。请于2025年10月8日前提交！</p><p>联系电话：0421-1234567；邮箱 a@b.cn</p>"),
        ("PM2.5监测", "<p>ＣＯＶＩＤ－１９疫情期间，科技局……暂停受理？恢复后另行通知</p>"),
        ("第一季度工作动态", "<p>高新技术企业认定100%完成。</p><p>一是加强领导；二是健全机制。</p>"),
    ],
)
def test_sentence_by_sentence_tokens_equal_the_publishing_tokenizer(title, body):
    assert synth.search_fields(title, body) == document_fields(title, body)
