"""A person with a browser: the home page on a phone, the 长者模式 switch, and the back-office login."""

import pytest
from django.core.management import call_command

from xxgk.core.demo.city import DEMO_PASSWORD
from xxgk.core.tests.browser import page_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet-logins")


def test_home_on_a_phone_and_elder_mode(live_server, page, demo):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "政务公开平台"
    assert page.get_by_role("link", name="朝阳市科学技术局").is_visible()
    # Nothing overflows sideways at 360 px.
    assert page_width(page) <= 360
    # Keyboard users reach the skip link first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.get_by_role("button", name="长者模式").click()
    assert page.evaluate("document.documentElement.className") == "mode-elder"
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 22
    page.get_by_role("link", name="朝阳市科学技术局").click()
    page.get_by_role("link", name="政府信息公开指南").click()
    assert "0421-2812345" in page.locator("main").inner_text()


def test_staff_log_into_the_chinese_back_office(live_server, page, demo):
    page.goto(live_server.url + "/admin/")
    page.fill("input[name=username]", "kjj_admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    body = page.locator("body").inner_text()
    assert "机关" in body and "岗位授权" in body
    page.goto(live_server.url + "/admin/snippets/core/agency/")
    listing = page.locator("main").inner_text()
    assert "朝阳市科学技术局" in listing and "朝阳市财政局" not in listing


def test_login_page_is_chinese_even_for_an_english_browser(live_server, browser):
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    text = page.locator("body").inner_text()
    assert "密码" in text and "登录政务公开平台后台" in text
    assert "Password" not in text and "Wagtail" not in page.locator("h1").inner_text()
    context.close()
