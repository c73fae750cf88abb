"""A phone (360 px) reading a column list, paging it, opening a document and its print view."""

from datetime import date, timedelta

import pytest

from xxgk.catalog.models import Topic
from xxgk.catalog.tests.test_listing import make_entry
from xxgk.catalog.vocabulary import EntryKind
from xxgk.core.tests.browser import page_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


WIDEST = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 360)
  .map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right))"""


def fits(page) -> bool:
    if page_width(page) > 360:
        print("wider than 360 px:", page.evaluate(WIDEST))  # names the culprits in the failure output
        return False
    return True


def test_lists_documents_and_print_view_fit_a_phone(live_server, page, agency_a):
    topic = Topic.objects.get(name="科技、教育")
    for n in range(25):
        make_entry(
            agency_a,
            date(2025, 1, 1) + timedelta(days=n % 5),
            title=f"关于印发《测试市科技计划项目管理办法（第{n}次修订）》的通知",
            kind=EntryKind.NORMATIVE,
            topic=topic,
            document_number=f"测科发〔2025〕{n}号",
            summary="规范科技计划项目的申报、立项、实施、验收和监督管理。",
            body="<p>第一条 为规范本市科技计划项目管理，提高财政科技资金使用效益，制定本办法。</p>",
            items=[1],
        )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/agencies/agency-a/statutory/1/")
    assert fits(page)
    assert page.locator(".doc-list li").count() == 20
    page.get_by_role("link", name="下一页").click()
    assert page.locator(".doc-list li").count() == 5 and fits(page)
    page.get_by_role("link", name="上一页").click()
    assert page.locator(".doc-list li").count() == 20
    page.goto(live_server.url + "/agencies/agency-a/entries/?year=abc")
    assert "发布年份应为" in page.locator("[role=alert]").inner_text() and fits(page)
    page.goto(live_server.url + "/agencies/agency-a/entries/")
    page.locator(".doc-list a").first.click()
    assert page.locator(".doc-meta").is_visible() and fits(page)
    page.get_by_role("link", name="打印").click()
    assert page.locator(".print-bar button").inner_text() == "打印" and fits(page)
    assert page.get_by_role("button", name="长者模式").count() == 0  # the print view has no site chrome
    page.emulate_media(media="print")
    assert not page.locator(".print-bar").is_visible()
    assert page.locator(".doc-meta").is_visible()
