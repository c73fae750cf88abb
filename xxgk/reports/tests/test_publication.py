"""Publishing: only a checked report, only by the leader; figures frozen; the entry in the 年报 column;
carry-over from one published year to the next."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.catalog.vocabulary import EntryKind
from xxgk.core.models import AuditEvent, Role
from xxgk.reports import services
from xxgk.reports.checks import Code
from xxgk.reports.formats import Cell
from xxgk.reports.models import ReportStatus

pytestmark = pytest.mark.django_db

YEAR_2024 = {
    ("三", "new", "natural_person"): 2,
    ("三", "granted", "natural_person"): 1,
    ("三", "carried_out", "natural_person"): 1,
}


@pytest.fixture
def preparer(agency_a, make_staff):
    return make_staff(agency_a, Role.AGENCY_ADMIN)


@pytest.fixture
def leader(agency_a, make_staff):
    return make_staff(agency_a, Role.LEADER)


@pytest.fixture
def published_2024(catalogue, preparer, leader, agency_a):
    services.save_statistics(preparer, agency_a, 2024, YEAR_2024)
    report = services.compile_report(preparer, agency_a, 2024)
    assert report.status == ReportStatus.CHECKED, report.checks
    return services.publish_report(leader, report)


def test_the_leader_publishes_into_the_annual_report_column(published_2024, agency_a, client):
    report = published_2024
    assert report.status == ReportStatus.PUBLISHED and report.published_by.username == "agency-a-leader"
    entry = report.entry
    assert entry.live and entry.kind == EntryKind.ANNUAL_REPORT and entry.index_number
    assert entry.title == "测试市科学技术局2024年政府信息公开工作年度报告"
    assert AuditEvent.objects.filter(action="reports.published", agency=agency_a).count() == 1
    listing = client.get("/agencies/agency-a/annual-reports/").content.decode()
    assert f"/gk/{entry.index_number}/" in listing
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "收到和处理政府信息公开申请情况" in page and "现行有效件数" in page


def test_published_figures_are_frozen(published_2024, preparer, agency_a):
    services.save_statistics(preparer, agency_a, 2024, {("三", "new", "natural_person"): 9})
    document = services.report_document(agency_a, 2024)
    assert document.cells[Cell("三", "new", "natural_person")] == 2  # the snapshot, not the new 9
    with pytest.raises(ValidationError, match="已发布"):
        services.compile_report(preparer, agency_a, 2024)
    with pytest.raises(ValidationError, match="已发布"):
        services.save_narrative(preparer, published_2024, overview="改", problems="", other_matters="")


def test_next_year_chains_to_the_published_year(published_2024, preparer, leader, agency_a):
    # 2025 forgets last year's carried-over case: a warning at 二、上年结转 for 自然人
    report = services.compile_report(preparer, agency_a, 2025)
    carry = [c for c in report.checks if c["code"] == Code.CARRY_OVER]
    assert [(c["cell"]["row"], c["cell"]["column"]) for c in carry] == [
        ("二、上年结转政府信息公开申请数量", "自然人"),
        ("二、上年结转政府信息公开申请数量", "总计"),
    ]
    assert not [c for c in report.checks if c["code"] == Code.CONTINUITY]  # 现行有效 2 + 2 − 1 = 3 chains
    with pytest.raises(ValidationError, match="未确认"):
        services.publish_report(leader, report)
    services.save_statistics(
        preparer,
        agency_a,
        2025,
        {("三", "carried_in", "natural_person"): 1, ("三", "granted", "natural_person"): 1},
    )
    report = services.compile_report(preparer, agency_a, 2025)
    assert [c["code"] for c in report.checks] == [Code.RULES_BY_NON_ISSUER]


def test_only_the_leader_publishes_and_never_with_errors(catalogue, preparer, leader, agency_a):
    services.save_statistics(preparer, agency_a, 2024, {("三", "new", "natural_person"): 1})
    report = services.compile_report(preparer, agency_a, 2024)
    with pytest.raises(PermissionDenied):
        services.publish_report(preparer, report)
    with pytest.raises(ValidationError, match="阻断性错误"):
        services.publish_report(leader, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.entry is None and report.snapshot is None
