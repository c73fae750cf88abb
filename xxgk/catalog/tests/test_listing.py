"""Public lists: filters, keyset pagination (every entry exactly once, in order), and what never shows."""

from datetime import date, timedelta

import pytest
from django.db import transaction

from xxgk.catalog import listing
from xxgk.catalog.listing import Cursor, Filters, ListingError
from xxgk.catalog.models import Column, Entry, StatutoryItem, Topic
from xxgk.catalog.vocabulary import Disclosure, EntryKind, Validity

pytestmark = pytest.mark.django_db


def make_entry(agency, day: date, **fields) -> Entry:
    """A published entry as the publish service leaves it (live, 索引号 and 发布日期 fixed at save)."""
    items, columns = fields.pop("items", []), fields.pop("columns", [])
    fields.setdefault("title", f"信息 {day}")
    with transaction.atomic():  # the 索引号 serial is allocated inside the saving transaction
        entry = Entry.objects.create(agency=agency, published_on=day, live=fields.pop("live", True), **fields)
        entry.statutory_items.set(StatutoryItem.objects.filter(number__in=items))
        entry.columns.set(columns)
        entry.save()  # parental many-to-many relations are written on save
    return entry


@pytest.fixture
def many(agency_a):
    """23 entries over 6 dates, several sharing a date (the id breaks the tie)."""
    start = date(2025, 3, 1)
    return [make_entry(agency_a, start + timedelta(days=n % 6), title=f"第{n}条") for n in range(23)]


def expected_order(entries):
    return [e.id for e in sorted(entries, key=lambda e: (e.published_on, e.id), reverse=True)]


def walk(qs, size, direction="next", start=None):
    pages, cursor = [], start
    while True:
        page = listing.keyset_page(qs, cursor, size)
        pages.append([e.id for e in page.entries])
        token = page.next_cursor if direction == "next" else page.prev_cursor
        if token is None:
            return pages, page
        cursor = listing.decode_cursor(token)


def test_pages_return_every_entry_exactly_once_in_order(many, agency_a):
    qs = listing.filtered(Filters(agency=agency_a))
    pages, last = walk(qs, 5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [i for p in pages for i in p] == expected_order(many)
    # And back again from the last page with 上一页.
    back, first = walk(qs, 5, "prev", listing.decode_cursor(last.prev_cursor))
    assert back == pages[-2::-1]
    assert first.prev_cursor is None and first.next_cursor is not None


def test_first_page_has_no_previous_and_a_short_list_no_next(agency_a):
    make_entry(agency_a, date(2025, 1, 1))
    page = listing.keyset_page(listing.filtered(Filters()), None, 5)
    assert len(page.entries) == 1 and page.next_cursor is None and page.prev_cursor is None


def test_a_page_past_the_end_leads_back(many, agency_a):
    oldest = min(many, key=lambda e: (e.published_on, e.id))
    page = listing.keyset_page(listing.filtered(Filters()), Cursor(oldest.published_on, oldest.id), 5)
    assert page.entries == [] and page.next_cursor is None
    back = listing.keyset_page(listing.filtered(Filters()), listing.decode_cursor(page.prev_cursor), 5)
    assert [e.id for e in back.entries] == expected_order(many)[-5:]


def test_drafts_withheld_on_request_and_withdrawn_entries_are_never_listed(agency_a, agency_b):
    day = date(2025, 5, 5)
    live = make_entry(agency_a, day, title="已发布")
    make_entry(agency_a, day, title="草稿", live=False)
    make_entry(agency_a, day, title="依申请", disclosure=Disclosure.ON_REQUEST)
    make_entry(agency_a, day, title="不予公开", disclosure=Disclosure.WITHHELD, withheld_ground="第十四条")
    withdrawn = make_entry(agency_a, day, title="已撤回")
    Entry.objects.filter(pk=withdrawn.pk).update(withdrawn_at="2025-05-06T00:00:00Z")
    for filters in (Filters(), Filters(agency=agency_a), Filters(year=2025)):
        assert [e.title for e in listing.filtered(filters)] == ["已发布"]
    assert list(listing.newest(Filters(), 10)) == [live]


def test_each_filter_narrows_the_list(agency_a, agency_b):
    topic = Topic.objects.get(name="科技、教育")
    column = Column.objects.create(agency=agency_a, name="科技项目公示")
    match = make_entry(
        agency_a,
        date(2024, 6, 1),
        topic=topic,
        validity=Validity.REPEALED,
        kind=EntryKind.NORMATIVE,
        items=[1],
        columns=[column],
    )
    make_entry(agency_a, date(2025, 6, 1))
    make_entry(agency_b, date(2024, 6, 1), topic=topic, validity=Validity.REPEALED, kind=EntryKind.NORMATIVE)
    for filters in (
        Filters(agency=agency_a, year=2024),
        Filters(agency=agency_a, topic=topic),
        Filters(agency=agency_a, validity=Validity.REPEALED),
        Filters(agency=agency_a, kind=EntryKind.NORMATIVE),
        Filters(column=column),
        Filters(agency=agency_a, item=1),
        Filters(agency=agency_a, year=2024, topic=topic, validity=Validity.REPEALED, kind=EntryKind.NORMATIVE, item=1),
    ):
        assert list(listing.filtered(filters)) == [match], filters
    assert listing.filtered(Filters(year=2024)).count() == 2
    assert listing.filtered(Filters(agency=agency_a, item=2)).count() == 0


def test_parse_filters_reads_query_parameters(agency_a):
    topic = Topic.objects.get(name="科技、教育")
    column = Column.objects.create(agency=agency_a, name="通知公告")
    params = {"year": "2025", "topic": str(topic.pk), "validity": "valid", "kind": "normative", "item": "3"}
    filters = listing.parse_filters({**params, "column": str(column.pk), "cursor": "ignored"}, agency=agency_a)
    assert filters == Filters(agency_a, 2025, topic, Validity.VALID, EntryKind.NORMATIVE, column, 3)
    assert listing.parse_filters({"agency": "agency-a", "year": ""}) == Filters(agency=agency_a)
    assert listing.parse_filters({}) == Filters()
    assert filters.as_params() == {**params, "agency": "agency-a", "column": str(column.pk)}


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"year": "二〇二五"}, "year", "发布年份"),
        ({"year": "20255"}, "year", "发布年份"),
        ({"year": "1900"}, "year", "发布年份"),
        ({"validity": "gone"}, "validity", "有效性“gone”无效，可选：有效、已修改、已废止、已失效"),
        ({"kind": "memo"}, "kind", "信息类别"),
        ({"topic": "99999"}, "topic", "主题分类无效"),
        ({"topic": "-1"}, "topic", "主题分类无效"),
        ({"item": "16"}, "item", "第二十条事项"),
        ({"item": "0"}, "item", "第二十条事项"),
        ({"column": "abc"}, "column", "栏目无效"),
        ({"agency": "nowhere"}, "agency", "没有机构代码为“nowhere”的机关"),
    ],
)
def test_bad_filters_raise_a_chinese_message(agency_a, params, field, words):
    with pytest.raises(ListingError) as caught:
        listing.parse_filters(params)
    assert caught.value.field == field and words in caught.value.message


def test_a_column_of_another_agency_is_refused(agency_a, agency_b):
    other = Column.objects.create(agency=agency_b, name="财政栏目")
    with pytest.raises(ListingError):
        listing.parse_filters({"column": str(other.pk)}, agency=agency_a)


def test_cursors_round_trip_and_bad_ones_are_refused():
    for cursor in (Cursor(date(2025, 1, 2), 17), Cursor(date(1999, 12, 31), 1, before=True)):
        token = listing.encode_cursor(cursor)
        assert token.isascii() and "=" not in token
        assert listing.decode_cursor(token) == cursor
    for token in ("", "!!!", "eA", listing.encode_cursor(Cursor(date(2025, 1, 2), 1))[:-3], "YTIwMjUtMTMtMDEuMQ"):
        with pytest.raises(ListingError) as caught:
            listing.decode_cursor(token)
        assert caught.value.code == "bad_cursor" and "第一页" in caught.value.message
