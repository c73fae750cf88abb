"""A drafter uploads attachments in the back office with a real browser: a lying file is refused in Chinese
next to the file, and what was typed stays."""

import pytest

from xxgk.catalog.models import EntryAttachment
from xxgk.core.models import Role
from xxgk.screening.tests import sample_files as files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_refused_then_accepted(live_server, page, agency_a, make_staff, settings, tmp_path):
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"
    make_staff(agency_a, Role.DRAFTER, "drafter")
    lying = tmp_path / "名单.docx"
    lying.write_bytes(files.pdf())
    honest = tmp_path / "名单.xlsx"
    honest.write_bytes(files.xlsx())

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "drafter")
    page.fill("input[name=password]", "staff-pass-123")
    page.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/snippets/catalog/entry/add/")
    # The agency is a chooser widget (a modal); its hidden input is what the form posts.
    page.evaluate("pk => { document.querySelector('input[name=agency]').value = pk }", str(agency_a.pk))
    page.fill("input[name=title]", "关于科技创新券兑付情况的公示")
    page.locator("#id_attachments-ADD").click()
    page.fill("input[name='attachments-0-title']", "兑付名单")
    page.set_input_files("input[name='attachments-0-file']", str(lying))
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("实际格式是 PDF").wait_for()
    assert "实际格式是 PDF，与扩展名“.docx”不符" in page.locator("main").inner_text()
    assert page.input_value("input[name=title]") == "关于科技创新券兑付情况的公示"
    assert page.input_value("input[name='attachments-0-title']") == "兑付名单"

    page.set_input_files("input[name='attachments-0-file']", str(honest))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/edit/**")
    stored = EntryAttachment.objects.get()
    assert (stored.title, stored.kind, stored.metadata_stripped) == ("兑付名单", "xlsx", True)
