"""A person on a 360 px phone applies online, then looks the application up with the query code."""

import pytest
from django.core.cache import cache

from xxgk.core.tests.browser import page_width
from xxgk.foi.models import Case
from xxgk.foi.tests.conftest import VALID_ID
from xxgk.foi.tests.test_public import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:
    return page_width(page) <= 360


def test_apply_on_a_phone_and_look_up_the_status(live_server, page, agency_a):
    cache.clear()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/agencies/agency-a/")
    page.get_by_role("link", name="网上申请政府信息公开").click()
    assert no_sideways_scroll(page)
    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill("李四")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(VALID_ID[:17] + "1")  # wrong check digit first
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("所需信息的名称").fill("2024年科技项目验收名单")
    page.get_by_label("电子邮件", exact=True).first.check()
    page.locator("input[name=delivery_method][value=email]").check()
    page.get_by_label("我已阅读并同意以上说明").check()
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.locator("#id_captcha_answer").fill(answer(question.removeprefix("验证题：")))
    page.get_by_role("button", name="提交申请").click()
    summary = page.locator("#error-summary")
    assert "身份证号码校验位不正确" in summary.inner_text()
    assert page.get_by_label("姓名或名称").input_value() == "李四"  # kept
    assert no_sideways_scroll(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_id_number"
    page.get_by_label("证件号码").fill(VALID_ID)
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.locator("#id_captcha_answer").fill(answer(question.removeprefix("验证题：")))
    page.get_by_role("button", name="提交申请").click()
    assert page.locator("h1").inner_text() == "申请已提交"
    assert no_sideways_scroll(page)
    number = page.locator(".case-number").inner_text()
    code = page.locator(".query-code").inner_text()
    assert number == Case.objects.get().number
    page.get_by_role("link", name="查询办理进度").click()
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    main = page.locator("main").inner_text()
    assert "待确认收到" in main and "李四" in main and VALID_ID not in main
    assert no_sideways_scroll(page)
