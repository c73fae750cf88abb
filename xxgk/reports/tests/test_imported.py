"""Past annual reports imported as published, and shown in the agency's 政府信息公开年报 column."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.core.models import AuditEvent, Role
from xxgk.reports.models import ImportedReport
from xxgk.reports.services import import_published_report

pytestmark = pytest.mark.django_db

TEXT = "测试市科学技术局2012年度政府信息公开工作报告\n\n一、概述\n本年度主动公开政府信息120条。"


def test_admin_imports_and_the_public_reads_it(client, agency_a, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    import_published_report(admin, agency_a, year=2012, title="测试市科学技术局2012年度政府信息公开工作报告", text=TEXT)
    assert AuditEvent.objects.filter(action="reports.imported", actor=admin, agency=agency_a).exists()
    listing = client.get("/agencies/agency-a/annual-reports/").content.decode()
    assert "/agencies/agency-a/annual-reports/2012/" in listing and "发布日期不详" in listing
    page = client.get("/agencies/agency-a/annual-reports/2012/").content.decode()
    assert "<p>本年度主动公开政府信息120条。</p>" in page
    assert client.get("/agencies/agency-b/annual-reports/2012/").status_code == 404


def test_only_the_agency_admin_imports(agency_a, agency_b, make_staff):
    with pytest.raises(PermissionDenied):
        import_published_report(make_staff(agency_b, Role.AGENCY_ADMIN), agency_a, year=2012, title="t", text=TEXT)
    with pytest.raises(PermissionDenied):
        import_published_report(make_staff(agency_a, Role.DRAFTER), agency_a, year=2012, title="t", text=TEXT)


def test_one_report_per_year_and_only_past_years(operator, agency_a):
    import_published_report(operator, agency_a, year=2012, title="报告", text=TEXT)
    with pytest.raises(ValidationError):
        import_published_report(operator, agency_a, year=2012, title="报告", text=TEXT)
    with pytest.raises(ValidationError, match="已经结束"):
        import_published_report(operator, agency_a, year=2999, title="报告", text=TEXT)
    assert ImportedReport.objects.count() == 1
