"""Column lists, their feeds, the sitemap and the print view, through real HTTP requests."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from xxgk.catalog import services
from xxgk.catalog.models import Column, Entry, StatutoryItem
from xxgk.catalog.tests.test_listing import make_entry
from xxgk.catalog.vocabulary import Validity
from xxgk.core.models import Role
from xxgk.portal import sitemaps

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def mixed(agency_a, make_staff):
    """One published entry, one draft, one withdrawn entry and one live entry's unpublished edit."""
    drafter, leader = make_staff(agency_a, Role.DRAFTER), make_staff(agency_a, Role.LEADER)
    live = services.save_draft(drafter, Entry(agency=agency_a, title="公开的通知", summary="公开摘要"))
    live.statutory_items = list(StatutoryItem.objects.filter(number=1))
    services.save_draft(drafter, live)
    services.publish(leader, live)
    gone = services.save_draft(drafter, Entry(agency=agency_a, title="撤回的通知"))
    services.publish(leader, gone)
    services.withdraw(leader, gone, "内容有误")
    services.save_draft(drafter, Entry(agency=agency_a, title="未发布的草稿"))
    live.refresh_from_db()
    live.title = "未经审核的新标题"
    services.save_draft(drafter, live)
    return Entry.objects.get(pk=live.pk)


LIST_URLS = [
    "/entries/",
    "/agencies/agency-a/entries/",
    "/agencies/agency-a/statutory/1/",
]


@pytest.mark.parametrize("url", LIST_URLS)
def test_lists_and_feeds_show_only_what_is_public(client, mixed, url):
    page = client.get(url).content.decode()
    assert "公开的通知" in page and f'href="/gk/{mixed.index_number}/"' in page
    for suffix in ("", "rss/", "atom/"):
        text = client.get(url + suffix).content.decode()
        for hidden in ("撤回的通知", "未发布的草稿", "未经审核的新标题"):
            assert hidden not in text, (url + suffix, hidden)
    rss = ET.fromstring(client.get(url + "rss/").content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    items = rss.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["公开的通知"]
    assert items[0].findtext("link").endswith(f"/gk/{mixed.index_number}/")
    assert items[0].findtext("description") == "公开摘要"
    atom = ET.fromstring(client.get(url + "atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["公开的通知"]
    assert 'rel="alternate" type="application/rss+xml"' in page and f'href="{url}rss/"' in page


def test_paging_through_a_column_list_by_links(client, agency_a):
    start = date(2025, 1, 1)
    made = [make_entry(agency_a, start + timedelta(days=n % 4), title=f"条目{n:02d}") for n in range(45)]
    expected = [e.title for e in sorted(made, key=lambda e: (e.published_on, e.id), reverse=True)]
    seen, url = [], "/agencies/agency-a/entries/?year=2025"
    while url:
        page = client.get(url).content.decode()
        seen += re.findall(r">(条目\d\d)</a>", page)
        found = re.search(r'href="\?([^"]*)" rel="next">下一页', page)
        url = "/agencies/agency-a/entries/?" + found.group(1).replace("&amp;", "&") if found else None
        if url:
            assert "year=2025" in url and "cursor=" in url
    assert seen == expected
    assert 'rel="prev">上一页' in page


def test_column_page_lists_its_entries(client, agency_a, agency_b):
    column = Column.objects.create(agency=agency_a, name="科技项目公示")
    make_entry(agency_a, date(2025, 2, 2), title="栏目内信息", columns=[column])
    make_entry(agency_a, date(2025, 2, 2), title="栏目外信息")
    page = client.get(f"/agencies/agency-a/columns/{column.pk}/").content.decode()
    assert "栏目内信息" in page and "栏目外信息" not in page and "科技项目公示" in page
    assert f"/agencies/agency-a/columns/{column.pk}/" in client.get("/agencies/agency-a/statutory/").content.decode()
    assert client.get(f"/agencies/agency-b/columns/{column.pk}/").status_code == 404
    assert client.get("/agencies/agency-a/statutory/16/").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "发布年份应为"),
        ("validity=unknown", "有效性“unknown”无效"),
        ("kind=x", "信息类别“x”无效"),
        ("topic=0", "主题分类无效"),
        ("cursor=not-a-cursor", "翻页参数无效"),
        ("item=99", "第二十条事项应为"),
    ],
)
def test_bad_filters_give_a_chinese_message_not_a_500(client, agency_a, query, message):
    response = client.get(f"/agencies/agency-a/entries/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    if not query.startswith("cursor"):  # feeds have no pages, so no cursor
        feed = client.get(f"/agencies/agency-a/entries/rss/?{query}")
        assert feed.status_code == 400 and message in feed.content.decode()


def test_filters_keep_what_the_user_chose(client, agency_a):
    make_entry(agency_a, date(2024, 5, 5), title="已废止的旧文件", validity=Validity.REPEALED)
    make_entry(agency_a, date(2024, 5, 5), title="有效的文件")
    page = client.get("/agencies/agency-a/entries/?validity=repealed&year=2024").content.decode()
    assert "已废止的旧文件" in page and "有效的文件" not in page
    assert '<option value="repealed" selected>' in page and 'value="2024"' in page


def test_sitemap_index_and_sections_hold_only_public_pages(client, mixed, agency_a):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any(loc.endswith("/sitemap-entries.xml") for loc in locations)
    entries = client.get("/sitemap-entries.xml").content
    urls = [loc.text for loc in ET.fromstring(entries).iter(f"{SITEMAP}loc")]
    assert urls == [f"http://testserver/gk/{mixed.index_number}/"]
    columns = [loc.text for loc in ET.fromstring(client.get("/sitemap-columns.xml").content).iter(f"{SITEMAP}loc")]
    assert "http://testserver/agencies/agency-a/statutory/15/" in columns
    assert "http://testserver/agencies/agency-a/guide/" in columns
    assert client.get("/sitemap-entries.xml?p=2").status_code == 404


def test_sitemap_pages_by_id_range(agency_a, monkeypatch):
    made = [make_entry(agency_a, date(2025, 1, 1)) for _ in range(5)]
    paginator = sitemaps.IdRangePaginator(Entry.objects.public(), 2)
    top = max(e.id for e in made)
    assert paginator.num_pages == -(-top // 2)
    listed = [e.id for n in paginator.page_range for e in paginator.page(n).object_list]
    assert listed == [e.id for e in made]


def test_print_view_has_the_metadata_and_text_without_site_navigation(client, mixed):
    page = client.get(f"/gk/{mixed.index_number}/").content.decode()
    assert f'href="/gk/{mixed.index_number}/print/"' in page and ">打印<" in page
    printed = client.get(f"/gk/{mixed.index_number}/print/").content.decode()
    assert "索引号" in printed and mixed.index_number in printed and "公开的通知" in printed
    assert "site-search" not in printed and "window.print()" in printed and 'name="robots" content="noindex"' in printed
