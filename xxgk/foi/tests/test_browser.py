"""A handler in a browser: register a walk-in application, ask for a 补正, see the clock restart."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from xxgk.core.demo.city import DEMO_PASSWORD
from xxgk.foi.tests.conftest import VALID_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet-logins")


def test_handler_registers_and_requests_a_correction(live_server, page, demo):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "kjj_foi")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/foi/new/")
    page.select_option("#id_agency", label="朝阳市科学技术局")
    page.select_option("#id_channel", label="当面")
    page.fill("#id_arrived_on", "2025-09-26")
    page.fill("#id_name", "赵六")
    page.fill("#id_id_number", VALID_ID)
    page.fill("#id_phone", "13612345678")
    page.fill("#id_information_name", "2025年科技型中小企业评价名单")
    page.get_by_role("button", name="登记").click()
    main = page.locator("main")
    expect(main).to_contain_text("答复期限：2025-10-30")  # waits for the case page, not just its first bytes
    page.locator("#action-correction summary").click()
    page.fill("#id_correction-on", "2025-09-29")
    page.fill("#id_correction-items", "请写明评价批次")
    page.fill("#id_correction-reply_by", "2025-10-20")
    page.get_by_role("button", name="告知补正").click()
    expect(main).to_contain_text("待补正")
    page.locator("#action-correction-received summary").click()
    page.fill("#id_correction-received-on", "2025-10-13")
    page.get_by_role("button", name="登记收到补正").click()
    # restarted after 10-13: 10-14 … 20 working days → 2025-11-10 (expect waits for the whole page under load)
    for text in ("办理中", "答复期限：2025-11-10", "重新计算"):
        expect(main).to_contain_text(text)
