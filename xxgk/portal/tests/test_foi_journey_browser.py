"""Issue 5's journey in a real browser: a citizen applies online; the handler confirms, asks for a 补正,
registers the correction, decides 部分公开 and issues the 答复告知书; the citizen downloads it with the
query code — and another browser without the code cannot."""

import subprocess

import pytest
from django.core.cache import cache

from xxgk.core.models import Agency, Role
from xxgk.core.tests.browser import page_width
from xxgk.foi.models import Case
from xxgk.foi.tests.conftest import VALID_ID
from xxgk.foi.tests.test_public import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _apply(page, url: str) -> tuple[str, str]:
    page.goto(url + "/agencies/agency-a/apply/")
    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill("李四")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(VALID_ID)
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("所需信息的名称").fill("2024年科技项目验收名单及专家意见")
    page.get_by_label("电子邮件", exact=True).first.check()
    page.locator("input[name=delivery_method][value=email]").check()
    page.get_by_label("我已阅读并同意以上说明").check()
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.locator("#id_captcha_answer").fill(answer(question.removeprefix("验证题：")))
    page.get_by_role("button", name="提交申请").click()
    return page.locator(".case-number").inner_text(), page.locator(".query-code").inner_text()


def _act(page, slug: str, button: str, **fields: str) -> None:
    page.locator(f"#action-{slug} summary").click()
    for name, value in fields.items():
        field = page.locator(f"#id_{slug}-{name}")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    page.locator(f"#action-{slug}").get_by_role("button", name=button).click()


def test_apply_correct_decide_partial_and_download_the_letter(live_server, browser, agency_a, make_staff, tmp_path):
    cache.clear()
    Agency.objects.filter(pk=agency_a.pk).update(review_body="测试市人民政府", court="测试市双塔区人民法院")
    handler = make_staff(agency_a, Role.FOI_HANDLER)
    citizen = browser.new_page(viewport={"width": 360, "height": 740})
    number, code = _apply(citizen, live_server.url)
    case = Case.objects.get(number=number)

    staff = browser.new_page()
    staff.goto(live_server.url + "/admin/login/")
    staff.fill("input[name=username]", handler.username)
    staff.fill("input[name=password]", "staff-pass-123")
    staff.locator("button[type=submit]").click()
    staff.wait_for_url(live_server.url + "/admin/")
    staff.goto(f"{live_server.url}/admin/foi/{case.pk}/")
    main = staff.locator("main")
    _act(staff, "confirm", "确认收到申请", note="电话确认")
    _act(staff, "correction", "告知补正", items="请写明验收批次和项目类别", reply_by="2099-12-31")
    assert "待补正" in main.inner_text()
    _act(staff, "correction-received", "登记收到补正")
    assert "办理中" in main.inner_text()
    _act(
        staff, "decide", "作出答复", outcome_code="partial", withheld="专家个人信息", withheld_ground="deny_third_party"
    )
    staff.locator("form[aria-label*='答复告知书']").get_by_role("button", name="生成告知书").click()
    letters = staff.locator("#letters").inner_text()
    assert "答复告知书" in letters

    citizen.goto(live_server.url + "/apply/status/")
    citizen.get_by_label("申请编号").fill(number)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    link = citizen.get_by_role("link", name="下载 PDF").last
    with citizen.expect_download() as download:
        link.click()
    pdf = tmp_path / "letter.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert number in flat and "专家个人信息" in flat and "测试市双塔区人民法院" in flat
    assert page_width(citizen) <= 360

    # The same download URL in a browser that never gave the query code: nothing.
    stranger = browser.new_context().new_page()
    assert stranger.goto(live_server.url + link.get_attribute("href")).status == 404
