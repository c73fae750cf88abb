"""The annual report in the back office: statistics form, compile, acknowledge, publish, downloads, roll-up."""

import io

import pytest
from openpyxl import load_workbook

from xxgk.core.models import Role
from xxgk.reports.models import AnnualReport, ReportStatus, YearStatistics

pytestmark = pytest.mark.django_db

DETAIL = "/admin/reports/agency-a/2025/"


def refused(response) -> bool:
    """Wagtail turns PermissionDenied in admin views into a redirect to the dashboard with a message."""
    return (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}


def test_preparer_enters_compiles_acknowledges(client, catalogue, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    assert "测试市科学技术局" in client.get("/admin/reports/?year=2025").content.decode()
    form = client.get(DETAIL + "statistics/").content.decode()
    assert "「第二十条第（五）项 / 行政许可」行「本年处理决定数量」列" in form
    assert 'name="二|normative|issued"' not in form  # counted from the catalogue, not entered
    response = client.post(DETAIL + "statistics/", {"二|licensing|decisions": "九十五", "二|penalty|decisions": "3"})
    page = response.content.decode()
    assert response.status_code == 200 and "应填数字" in page and 'value="九十五"' in page and 'value="3"' in page
    assert not YearStatistics.objects.exists()
    assert client.post(DETAIL + "statistics/", {"二|licensing|decisions": "95"}).status_code == 302
    assert client.post(DETAIL, {"action": "compile"}).status_code == 302
    report = AnnualReport.objects.get(agency=agency_a, year=2025)
    page = client.get(DETAIL).content.decode()
    assert "本机关无权制定规章" in page and "确认无误" in page and report.overview[:20] in page
    assert f'href="/gk/{catalogue["N3"].index_number}/"' in page  # the drill-down links what a cell counted
    client.post(DETAIL, {"action": "acknowledge", "key": report.checks[0]["key"]})
    report.refresh_from_db()
    assert report.status == ReportStatus.CHECKED
    assert refused(client.post(DETAIL, {"action": "publish"}))  # only the leader publishes
    report.refresh_from_db()
    assert report.status == ReportStatus.CHECKED


def test_leader_publishes_and_downloads(client, catalogue, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    client.post(DETAIL, {"action": "compile"})
    report = AnnualReport.objects.get(agency=agency_a, year=2025)
    client.post(DETAIL, {"action": "acknowledge", "key": report.checks[0]["key"]})
    assert refused(client.post(DETAIL, {"action": "publish"}))
    client.force_login(make_staff(agency_a, Role.LEADER))
    client.post(DETAIL, {"action": "publish"})
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.entry.live
    pdf = client.get(DETAIL + "download.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(DETAIL + "download.exe").status_code == 404


def test_other_agencies_see_nothing(client, catalogue, agency_a, agency_b, make_staff):
    client.force_login(make_staff(agency_b, Role.AGENCY_ADMIN))
    assert refused(client.get(DETAIL))
    assert refused(client.get(DETAIL + "download.docx"))
    assert refused(client.get("/admin/reports/rollup/city/2025/"))


def test_city_office_sees_every_agency_and_the_sums(client, catalogue, operator, city, agency_a, agency_b, make_staff):
    from xxgk.reports.services import compile_report, save_statistics

    save_statistics(
        operator, agency_a, 2025, {("三", "new", "natural_person"): 2, ("三", "granted", "natural_person"): 2}
    )
    save_statistics(
        operator, agency_b, 2025, {("三", "new", "natural_person"): 1, ("三", "carried_out", "natural_person"): 1}
    )
    compile_report(operator, agency_a, 2025)
    compile_report(operator, agency_b, 2025)
    client.force_login(make_staff(city, Role.CITY_OFFICE))
    page = client.get("/admin/reports/rollup/city/2025/").content.decode()
    assert "测试市科学技术局" in page and "测试市财政局" in page and "未开始" in page  # the office itself
    assert "（逾期）" in page  # 2025's reports were due on 2026-01-31
    workbook = load_workbook(io.BytesIO(client.get("/admin/reports/rollup/city/2025/?format=xlsx").content))
    sheet = workbook["三、收到和处理政府信息公开申请情况"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["一、本年新收政府信息公开申请数量"][2:] == (3, 0, 0, 0, 0, 0, 3)  # label merged over 3 columns
    agencies = {row[0]: row for row in workbook["各机关情况"].iter_rows(values_only=True)}
    assert agencies["测试市财政局"][1] == "已校验" and agencies["测试市人民政府办公室"][1] == "未开始"
