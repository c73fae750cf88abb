"""Issue 6's "done means" in a real browser, on the demo city: the 科技局's staff compile the report for the
last full year without blocking errors and download it in the four formats, the leader publishes it, the
public 政府信息公开年报 column shows it, and the city office sees it published in the roll-up."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from xxgk.core.demo.city import DEMO_PASSWORD
from xxgk.core.models import Agency
from xxgk.reports import sources
from xxgk.reports.services import compile_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_ROW = "一、本年新收政府信息公开申请数量"
TYPES = {
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAGIC = {"html": b"<!DOCTYPE html>", "docx": b"PK", "pdf": b"%PDF-", "xlsx": b"PK"}


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet-logins")


def _log_in(browser, url: str, username: str):
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(url + "/admin/")
    return page


def _docx_row(data: bytes, label: str) -> list[str]:
    for table in Document(io.BytesIO(data)).tables:
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            if texts[0] == label:
                return texts
    raise AssertionError(f"DOCX has no row {label}")


def _xlsx_row(data: bytes, label: str) -> list:
    sheet = load_workbook(io.BytesIO(data))["三、收到和处理政府信息公开申请情况"]
    return next(row for row in sheet.iter_rows(values_only=True) if row[0] == label)


def test_compile_download_publish_and_roll_up_the_demo_report(live_server, browser, demo):
    url, year = live_server.url, timezone.localdate().year - 1
    kjj = Agency.objects.get(code="chaoyang-kjj")
    compiled = compile_for(kjj, year)
    received = compiled.value("三", "new", "total")
    published = sum(sources.published_in_year(kjj, year).values())
    assert received and published  # the demo has the year's cases and catalogue entries

    staff = _log_in(browser, url, "kjj_admin")
    staff.goto(f"{url}/admin/reports/chaoyang-kjj/{year}/")
    staff.locator("button[name=action][value=compile]").click()
    main = staff.locator("main")
    expect(staff.locator("body")).to_contain_text("已按当前记录重新编制")  # the page after the POST
    staff.wait_for_load_state("load")  # a long page: read it whole, not while it is still arriving
    expect(main).to_contain_text("全部校验通过")
    assert "阻断性错误" not in main.inner_text()
    assert "状态：已校验" in main.inner_text()
    overview = staff.locator("#overview").input_value()
    assert f"主动公开政府信息{published}条" in overview and f"收到政府信息公开申请{received}件" in overview

    files = {}
    for ext, content_type in TYPES.items():
        href = staff.get_by_role("link", name=ext.upper(), exact=True).get_attribute("href")
        response = staff.request.get(url + href)
        assert response.ok and response.headers["content-type"].startswith(content_type)
        files[ext] = response.body()
        assert files[ext].startswith(MAGIC[ext]), ext
    assert _docx_row(files["docx"], NEW_ROW)[-1] == str(received)  # table 三's 总计 column
    assert _xlsx_row(files["xlsx"], NEW_ROW)[-1] == received
    assert "统计期限自" in files["html"].decode() and len(files["pdf"]) > 10_000

    # Only a 领导签发 may publish: the preparer has no publish button.
    assert staff.locator("button[value=publish]").count() == 0
    leader = _log_in(browser, url, "kjj_leader")
    leader.goto(f"{url}/admin/reports/chaoyang-kjj/{year}/")
    leader.get_by_role("button", name="领导签发：发布到政府信息公开年报栏目").click()
    expect(leader.locator("body")).to_contain_text("年度报告已发布到政府信息公开年报栏目")
    expect(leader.locator("main")).to_contain_text("状态：已发布")

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{url}/agencies/chaoyang-kjj/annual-reports/")
    title = f"朝阳市科学技术局{year}年政府信息公开工作年度报告"
    public.get_by_role("link", name=title).click()
    expect(public.locator("main")).to_contain_text("五、存在的主要问题及改进情况")
    public.wait_for_load_state("load")
    text = public.locator("main").inner_text()
    assert title in text and f"主动公开政府信息{published}条" in text
    assert "请与朝阳市科学技术局办公室联系" in text and "五、存在的主要问题及改进情况" in text

    office = _log_in(browser, url, "city_office")
    office.goto(f"{url}/admin/reports/rollup/chaoyang/{year}/")
    row = office.locator("tr", has_text="朝阳市科学技术局")
    assert "已发布" in row.inner_text() and str(received) in row.inner_text()
    for page in (staff, leader, public, office):
        page.context.close()
