"""Full-text search over the published catalogue, on whichever database the run uses (SQLite or PostgreSQL)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xxgk.catalog import services
from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import Disclosure, EntryKind, Validity
from xxgk.core.models import Role
from xxgk.search import backends
from xxgk.search.models import SearchDocument
from xxgk.search.query import parse_query

pytestmark = pytest.mark.django_db

SCIENCE = "关于组织申报2027年度科技计划项目的通知"
SECRECY = "关于开展保密检查的通知"


@pytest.fixture
def drafter(agency_a, make_staff):
    return make_staff(agency_a, Role.DRAFTER)


@pytest.fixture
def leader(agency_a, make_staff):
    return make_staff(agency_a, Role.LEADER)


def draft(drafter, agency, title, body="", **fields) -> Entry:
    return services.save_draft(drafter, Entry(agency=agency, title=title, body=body, **fields))


def publish(drafter, leader, agency, title, body="", **fields) -> Entry:
    entry = draft(drafter, agency, title, body, **fields)
    services.publish(leader, entry)
    entry.refresh_from_db()
    return entry


def find(q, **filters) -> list[str]:
    return [hit.index_number for hit in backends.search(parse_query(q), **filters)]


@pytest.fixture
def published(drafter, leader, agency_a):
    science = publish(
        drafter, leader, agency_a, SCIENCE, "<p>各有关单位：现组织申报高新科技项目，请于5月前提交材料。</p>"
    )
    secrecy = publish(drafter, leader, agency_a, SECRECY, "<p>按照年度工作安排，开展全面检查。</p>")
    budget = publish(
        drafter,
        leader,
        agency_a,
        "测试市科学技术局2026年部门预算",
        "<p>本部门预算包括科技项目、人员经费等内容。</p>",
        kind=EntryKind.BUDGET,
        validity=Validity.EXPIRED,
    )
    return {"science": science, "secrecy": secrecy, "budget": budget}


def test_two_chinese_words_find_title_and_body(published):
    science, budget = published["science"].index_number, published["budget"].index_number
    assert set(find("科技 项目")) == {science, budget}
    # 高新科技 and 申报 only in the body
    assert find("高新科技") == [science]
    assert find("提交材料") == [science]


def test_a_word_inside_a_longer_run_is_found(published):
    assert find("保密") == [published["secrecy"].index_number]
    assert find("保密检查") == [published["secrecy"].index_number]
    assert find("保密 -检查") == []


def test_nothing_found_for_words_not_together(published):
    # 技项 is an index token of 科技项目 (budget has 科技项目 too) but 计划项 only in the science title.
    assert find("计划项目") == [published["science"].index_number]
    assert find("公路建设") == []


def test_the_index_holds_only_public_text(drafter, leader, agency_a, published):
    draft(drafter, agency_a, "关于开展消防演练的通知")
    assert find("消防") == []
    live = published["secrecy"]
    live.title = "关于开展消防安全检查的通知"
    services.save_draft(drafter, live)  # an unreviewed edit of a live entry: a revision only
    assert find("消防") == []
    assert find("保密") == [live.index_number]
    # not proactively disclosed: never indexed
    withheld = draft(
        drafter, agency_a, "关于保密事项的请示", disclosure=Disclosure.WITHHELD, withheld_ground="条例第十四条"
    )
    services.publish(leader, withheld)
    assert find("保密") == [live.index_number]
    assert SearchDocument.objects.count() == 3


def test_publishing_an_edit_replaces_the_indexed_text(drafter, leader, published):
    entry = published["secrecy"]
    entry.title = "关于开展消防安全检查的通知"
    services.save_draft(drafter, entry)
    services.publish(leader, entry)
    assert find("消防") == [entry.index_number]
    assert find("保密") == []


def test_a_withdrawn_entry_disappears(leader, published):
    entry = published["secrecy"]
    services.withdraw(leader, entry, "内容有误")
    assert find("保密") == []
    assert not SearchDocument.objects.filter(entry=entry).exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts")
            assert cursor.fetchone()[0] == 2


def test_filters(published, agency_a, agency_b, make_staff):
    budget, science = published["budget"].index_number, published["science"].index_number
    assert find("科技 项目", kind=EntryKind.BUDGET) == [budget]
    assert find("科技 项目", validity=Validity.VALID) == [science]
    assert set(find("科技 项目", agency=agency_a)) == {budget, science}
    assert find("科技 项目", agency=agency_b) == []
    year = published["science"].published_on.year
    assert len(find("科技 项目", year=year)) == 2
    assert find("科技 项目", year=year - 1) == []
    other = publish(
        make_staff(agency_b, Role.DRAFTER), make_staff(agency_b, Role.LEADER), agency_b, "财政局科技项目资金公示"
    )
    assert find("科技 项目", agency=agency_b.pk) == [other.index_number]


def test_limit_and_offset(drafter, leader, agency_a):
    numbers = [publish(drafter, leader, agency_a, f"第{n}批保密检查结果公示").index_number for n in range(5)]
    first = find("保密", limit=2)
    rest = [hit.index_number for hit in backends.search(parse_query("保密"), limit=10, offset=2)]
    assert len(first) == 2 and len(rest) == 3
    assert set(first + rest) == set(numbers)


def test_one_character_query_scans(published):
    assert find("密") == [published["secrecy"].index_number]
    assert find("检") == [published["secrecy"].index_number]
    assert find("预", kind=EntryKind.NOTICE) == []


def test_empty_query_finds_nothing(published):
    assert find("") == [] and find("  ，。 ") == []


def test_hits_are_highlighted_and_escaped(drafter, leader, agency_a):
    entry = publish(
        drafter, leader, agency_a, "关于<script>保密</script>检查的通知", "<p>开展&lt;script&gt;alert(1)保密检查</p>"
    )
    (hit,) = backends.search(parse_query("保密 script"))
    assert hit.index_number == entry.index_number
    assert "<script>" not in hit.title_html and "<script>" not in hit.snippet_html
    assert "&lt;<mark>script</mark>&gt;<mark>保密</mark>" in hit.title_html
    assert "<mark>保密</mark>" in hit.snippet_html
    assert hit.agency_name == agency_a.name
    assert isinstance(hit.published_on, datetime.date)


def test_search_page(client, published):
    response = client.get("/search/", {"q": "科技 项目"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/gk/{published["science"].index_number}/"' in html
    assert "<mark>科技</mark>" in html and 'value="科技 项目"' in html
    response = client.get("/search/", {"q": "公路建设"})
    assert "没有找到与“公路建设”相关的政府信息" in response.content.decode()
    response = client.get("/search/")
    assert response.status_code == 200 and "没有找到" not in response.content.decode()
    response = client.get("/search/", {"q": "科技 项目", "kind": "budget", "year": "abc", "agency": "nope"})
    html = response.content.decode()
    assert published["budget"].index_number in html and published["science"].index_number not in html


def test_search_page_never_shows_drafts(client, drafter, agency_a):
    draft(drafter, agency_a, "关于开展消防演练的通知")
    assert "没有找到" in client.get("/search/", {"q": "消防"}).content.decode()
    assert "没有找到" in client.get("/search/", {"q": "消"}).content.decode()


def test_documents_in_force_come_first(drafter, leader, agency_a):
    # The repealed text repeats the words and is short, so relevance alone (bm25 / ts_rank) ranks it first.
    long_body = "第一条 为规范管理，提高财政资金使用效益，根据有关法律法规，结合本市实际，制定本办法。" * 20
    current = publish(drafter, leader, agency_a, "测试市科技计划项目管理办法", long_body)
    repealed = publish(
        drafter,
        leader,
        agency_a,
        "科技计划项目暂行办法",
        "科技计划项目 科技计划项目 科技计划项目",
        validity=Validity.REPEALED,
        replaced_by=current,
    )
    assert find("科技计划项目") == [current.index_number, repealed.index_number]


# --- PostgreSQL: the stored vector and the order of large result sets (issue 4) --------------------


def stored_vector(entry) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT vec::text FROM search_searchdocument WHERE entry_id = %s", [entry.pk])
        return cursor.fetchone()[0]


@pytest.mark.postgres_only
def test_the_stored_vector_is_written_on_publish_and_follows_edits(drafter, leader, published):
    entry = published["secrecy"]
    assert "'保密'" in stored_vector(entry) and "'消防'" not in stored_vector(entry)
    entry.title = "关于开展消防安全检查的通知"
    services.save_draft(drafter, entry)
    assert "'消防'" not in stored_vector(entry)  # a draft revision is not indexed
    services.publish(leader, entry)
    assert "'消防'" in stored_vector(entry) and "'保密'" not in stored_vector(entry)


@pytest.fixture
def many_secrecy(drafter, leader, agency_a):
    """Four current entries on 保密, oldest first; the oldest is the most 'relevant' (repeats the word), and
    a repealed one; plus a text holding every index pair of 计划项目 but not the word."""
    loud = publish(drafter, leader, agency_a, "保密工作要点", "保密保密保密 保密 保密")
    current = [loud] + [
        publish(drafter, leader, agency_a, f"关于第{n}批保密检查的通知", "按照年度安排开展检查。" * 20)
        for n in range(3)
    ]
    repealed = publish(drafter, leader, agency_a, "保密管理暂行办法", "保密", validity=Validity.REPEALED)
    decoy = publish(drafter, leader, agency_a, "保密 年度计划", "本年度规划项目清单")
    return {"current": current, "repealed": repealed, "decoy": decoy}


@pytest.mark.postgres_only
def test_a_large_result_set_is_current_first_then_newest_first(monkeypatch, client, many_secrecy):
    ranked = backends.run(parse_query("保密"))
    assert not ranked.by_date and ranked.hits[0].entry_id == many_secrecy["current"][0].pk  # relevance
    monkeypatch.setattr(backends, "RANK_LIMIT", 3)
    by_date = backends.run(parse_query("保密"))
    assert by_date.by_date
    current = [e.pk for e in many_secrecy["current"]] + [many_secrecy["decoy"].pk]
    # Same publication day: the id decides among equals, newest (highest) first.
    assert [hit.entry_id for hit in by_date.hits] == [*sorted(current, reverse=True), many_secrecy["repealed"].pk]
    assert [hit.entry_id for hit in backends.search(parse_query("保密"), limit=2, offset=1)] == sorted(
        current, reverse=True
    )[1:3]
    assert "结果较多，按发布日期排序" in client.get("/search/", {"q": "保密"}).content.decode()
    monkeypatch.setattr(backends, "RANK_LIMIT", 2000)
    assert "结果较多" not in client.get("/search/", {"q": "保密"}).content.decode()


@pytest.mark.postgres_only
def test_the_exact_post_filter_and_withdrawal_hold_on_the_date_path(monkeypatch, leader, many_secrecy):
    monkeypatch.setattr(backends, "RANK_LIMIT", 0)
    # 计划, 划项 (规划项目) and 项目 are all in the decoy, 计划项目 is not.
    assert backends.run(parse_query("计划项目")).by_date
    assert find("计划项目") == []
    withdrawn = many_secrecy["current"][1]
    services.withdraw(leader, withdrawn, "内容有误")
    assert withdrawn.index_number not in find("保密") and len(find("保密")) == 5


@pytest.fixture
def dated_secrecy(drafter, leader, agency_a):
    """Ten current entries on 保密 published a month apart, oldest first, and a repealed one newer than all."""
    current = [publish(drafter, leader, agency_a, f"第{n}号保密检查通知", "保密检查安排") for n in range(10)]
    repealed = publish(drafter, leader, agency_a, "保密管理暂行办法", "保密", validity=Validity.REPEALED)
    first = datetime.date(2020, 1, 1)
    for n, entry in enumerate([*current, repealed]):
        day = first + datetime.timedelta(days=30 * n)
        Entry.objects.filter(pk=entry.pk).update(published_on=day)
        SearchDocument.objects.filter(entry=entry).update(published_on=day)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")  # rolled back with the test
    return {"current": current, "repealed": repealed}


@pytest.mark.postgres_only
def test_the_date_order_reads_recent_slices_widening_them_until_the_page_is_full(monkeypatch, dated_secrecy):
    newest_first = [entry.pk for entry in reversed(dated_secrecy["current"])]
    monkeypatch.setattr(backends, "RANK_LIMIT", 0)
    # Whole catalogue in one go: the reference order.
    assert [hit.entry_id for hit in backends.search(parse_query("保密"), limit=20)] == [
        *newest_first,
        dated_secrecy["repealed"].pk,
    ]
    # Slices from the newest 1 % on: the newest slice holds only the repealed entry, the next ones two and
    # then all current entries; the page comes from the first slice with three current matches.
    monkeypatch.setattr(backends, "SLICE_MARGIN", 0.05)
    cutoffs = backends._date_cutoffs(backends.SLICE_MARGIN * 3 / 11)
    assert len(cutoffs) >= 3 and cutoffs == sorted(cutoffs, reverse=True)
    with CaptureQueriesContext(connection) as queries:
        result = backends.run(parse_query("保密"), limit=3)
    assert result.by_date and [hit.entry_id for hit in result.hits] == newest_first[:3]
    sliced = [q["sql"] for q in queries if "published_on >=" in q["sql"] and "vec @@" in q["sql"]]
    assert len(sliced) >= 2  # the first slice did not fill the page
    # Deeper than any slice: the whole set, the repealed entry last; offsets page through it.
    assert [hit.entry_id for hit in backends.search(parse_query("保密"), limit=20)][-1] == dated_secrecy["repealed"].pk
    assert [hit.entry_id for hit in backends.search(parse_query("保密"), limit=2, offset=2)] == newest_first[2:4]


def test_the_filters_date_conditions_are_one_range():
    """One lower bound, the later of the year's first day and the slice's cutoff: a second, wider bound
    would make the GIN index read every date from the year's first day on."""
    where, params = backends.Filters(year=2021).sql(since=datetime.date(2021, 6, 1))
    assert where.count("published_on >=") == 1 and where.count("published_on <") == 1
    assert params[-2:] == [datetime.date(2021, 6, 1), datetime.date(2022, 1, 1)]
    _where, params = backends.Filters(year=2021).sql(since=datetime.date(2020, 6, 1))
    assert params[-2:] == [datetime.date(2021, 1, 1), datetime.date(2022, 1, 1)]
    where, params = backends.Filters(agency=7, kind="notice").sql(since=datetime.date(2020, 6, 1))
    assert "published_on <" not in where and params[-3:] == [7, "notice", datetime.date(2020, 6, 1)]


@pytest.mark.postgres_only
def test_a_year_filter_slices_inside_the_year(monkeypatch, dated_secrecy, agency_a):
    """Entries four months apart over three years: the newest three current ones of 2021, from slices that
    never leave the year; and the share of the catalogue the agency keeps, from the statistics."""
    in_2021 = []
    for n, entry in enumerate([*dated_secrecy["current"], dated_secrecy["repealed"]]):
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=120 * n)
        Entry.objects.filter(pk=entry.pk).update(published_on=day)
        SearchDocument.objects.filter(entry=entry).update(published_on=day)
        if day.year == 2021:
            in_2021.insert(0, entry.pk)  # newest first
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")  # rolled back with the test
    assert len(in_2021) == 3  # published 2021-04-25, 2021-08-23 and 2021-12-21
    monkeypatch.setattr(backends, "RANK_LIMIT", 0)
    monkeypatch.setattr(backends, "SLICE_MARGIN", 0.05)
    cutoffs = backends._date_cutoffs(0.01, datetime.date(2021, 1, 1), datetime.date(2022, 1, 1))
    assert cutoffs and all(datetime.date(2021, 1, 1) < c < datetime.date(2022, 1, 1) for c in cutoffs)
    with CaptureQueriesContext(connection) as queries:
        result = backends.run(parse_query("保密"), year=2021, limit=2)
    assert result.by_date and [hit.entry_id for hit in result.hits] == in_2021[:2]
    sliced = [q["sql"] for q in queries if "vec @@" in q["sql"]]
    assert sliced and all(sql.count("published_on >=") == 1 for sql in sliced)
    assert [hit.entry_id for hit in backends.search(parse_query("保密"), year=2021, limit=5)] == in_2021
    assert backends._filtered_share(backends.Filters(agency=agency_a.pk)) == 1.0  # the only agency
    assert backends._filtered_share(backends.Filters(validity=Validity.REPEALED.value)) < 0.2  # 1 of 11


@pytest.mark.postgres_only
def test_the_size_estimate_reads_the_statistics_when_there_are_some(many_secrecy):
    # No statistics yet (the test database was never analysed): a capped count.
    assert backends._more_than(5, parse_query("保密")) and not backends._more_than(6, parse_query("保密"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")  # rolled back with the test
    assert backends._lexeme_frequencies(["保密"])[0] == [1.0]
    assert backends._more_than(5, parse_query("保密")) and not backends._more_than(6, parse_query("保密"))
    # In one document of six: listed (a small sample keeps every lexeme) with frequency 1/6.
    assert backends._more_than(0, parse_query("规划")) and not backends._more_than(1, parse_query("规划"))
    assert not backends._more_than(0, parse_query("没有"))  # in no document: not listed, rare
