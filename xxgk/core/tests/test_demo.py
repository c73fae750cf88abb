from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from xxgk.core import permissions
from xxgk.core.demo.city import DEMO_PASSWORD, STAFF
from xxgk.core.models import Agency, AuditEvent, Membership, Role
from xxgk.reports.models import ImportedReport

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_city_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "kjj_drafter" in out.getvalue() and DEMO_PASSWORD in out.getvalue()
    counts = (
        Agency.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
        get_user_model().objects.count(),
    )
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    assert counts == (
        Agency.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
        get_user_model().objects.count(),
    )

    city = Agency.objects.get(code="chaoyang")
    assert {a.short_name for a in city.children.all()} == {"市科技局", "市财政局", "市教育局"}
    kjj = Agency.objects.get(code="chaoyang-kjj")
    roles = set(Membership.objects.filter(agency=kjj).values_list("role", flat=True))
    assert roles == set(Role) - {Role.CITY_OFFICE}
    office_user = get_user_model().objects.get(username="city_office")
    assert kjj in permissions.agencies_visible_to(office_user)
    assert len(STAFF) == get_user_model().objects.filter(is_superuser=False).count()
    assert get_user_model().objects.get(username="kjj_drafter").check_password(DEMO_PASSWORD)


def test_the_kjj_report_for_the_last_full_year_compiles_without_errors():
    from django.utils import timezone

    from xxgk.reports.models import AnnualReport

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    report = AnnualReport.objects.get(agency__code="chaoyang-kjj", year=timezone.localdate().year - 1)
    assert not [check for check in report.checks if check["level"] == "error"]
    cells = report.figures["cells"]
    # counted from the demo's cases of that year (core/demo/foi.py), not entered
    assert report.figures["origins"]["三|new|natural_person"] == "cases"
    assert (cells["三|new|total"], cells["三|total|total"], cells["三|carried_out|total"]) == (6, 5, 1)
    assert cells["四|cases|review_upheld"] == 1 and "收到政府信息公开申请6件" in report.overview
    assert "收取信息处理费150元" in report.other_matters


def test_seed_reports_are_past_reports_of_their_agencies(client):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    reports = {(r.agency.code, r.year) for r in ImportedReport.objects.select_related("agency")}
    assert reports == {("chaoyang-kjj", 2012), ("gaoqing-kjj", 2012), ("yueyang-kjj", 2019), ("xingyi-gmkjj", 2016)}
    page = client.get("/agencies/chaoyang-kjj/annual-reports/2012/").content.decode()
    assert "朝阳市科技局2012年度政府信息公开工作报告" in page
    assert "确定局办公室作为市科技局信息公开工作的主管部门" in page  # the seed's own words
    assert "2013-03-18" in page


def test_demo_catalogue_is_published_with_links(client):
    from xxgk.catalog.models import Column, Entry

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    rules = Entry.objects.public().get(title="朝阳市科技计划项目管理办法")
    assert rules.index_number.startswith("chaoyang-kjj/")
    page = client.get(f"/gk/{rules.index_number}/").content.decode()
    assert "朝科发〔2026〕5号" in page and "政策解读" in page
    old = Entry.objects.get(title="朝阳市科技计划项目管理暂行办法")
    assert "本文件已废止" in client.get(f"/gk/{old.index_number}/").content.decode()
    listing = client.get("/agencies/chaoyang-kjj/statutory/").content.decode()
    assert "朝阳市科学技术局2026年部门预算" in listing
    # The 科技局's own columns: linked from 法定主动公开内容, each listing the kinds filed in it.
    projects = Column.objects.get(agency__code="chaoyang-kjj", name="科技项目公示")
    assert f"/agencies/chaoyang-kjj/columns/{projects.pk}/" in listing
    filed = Entry.objects.public().filter(columns=projects)
    assert filed.count() >= 4 and set(filed.values_list("kind", flat=True)) == {"project"}
    column_page = client.get(f"/agencies/chaoyang-kjj/columns/{projects.pk}/").content.decode()
    assert filed.latest("published_on").title in column_page


def test_seed_tables_are_shown_with_their_reports(client):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    statistics = client.get("/agencies/xingyi-gmkjj/annual-reports/2016/").content.decode()
    assert "政府信息公开情况统计表" in statistics
    assert '<th scope="row">(一)主动公开政府信息数</th><td>条</td><td>215</td>' in statistics
    cells = client.get("/agencies/yueyang-kjj/annual-reports/2019/").content.decode()
    assert "行政许可" in cells and "<td>95</td>" in cells  # 2019 table 二: 行政许可 处理决定数量 95 (read off seed 002)


def test_demo_has_the_review_workflow_and_an_entry_in_review():
    from xxgk.catalog import review
    from xxgk.catalog.models import Entry
    from xxgk.core.demo.catalog import IN_REVIEW
    from xxgk.screening.models import FindingStatus, ScreeningFinding

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    waiting = Entry.objects.get(title=IN_REVIEW[0])
    assert not waiting.live and review.current_task_state(waiting).task.name == "科室审核"
    assert ScreeningFinding.objects.for_object(waiting).open().get().text == "13904211234"
    duties = Entry.objects.public().get(title="朝阳市科学技术局主要职责和内设机构")
    kept = ScreeningFinding.objects.for_object(duties).get()
    assert kept.status == FindingStatus.JUSTIFIED and kept.resolved_by.username == "kjj_section"
    assert Entry.get_default_workflow().name == review.DEFAULT_WORKFLOW_NAME
