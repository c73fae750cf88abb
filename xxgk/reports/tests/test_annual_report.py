"""Yearly statistics, compiling a report with its narrative draft, and acknowledging warnings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.core.models import AuditEvent, Role
from xxgk.reports import services
from xxgk.reports.checks import Code, find_figures
from xxgk.reports.formats import Cell
from xxgk.reports.models import ReportStatus, YearStatistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def preparer(agency_a, make_staff):
    return make_staff(agency_a, Role.AGENCY_ADMIN)


def test_statistics_are_validated_cell_by_cell(preparer, agency_a):
    with pytest.raises(ValidationError) as error:
        services.save_statistics(
            preparer,
            agency_a,
            2025,
            {
                ("二", "licensing", "decisions"): "-3",
                ("二", "penalty", "decisions"): "2.5",
                ("二", "normative", "issued"): 4,  # counted from the catalogue
                ("三", "new", "total"): 4,  # a sum
            },
        )
    messages = error.value.message_dict
    assert "行政许可" in messages["二|licensing|decisions"][0] and "负数" in messages["二|licensing|decisions"][0]
    assert "整数" in messages["二|penalty|decisions"][0]
    assert set(messages) == {"二|licensing|decisions", "二|penalty|decisions", "二|normative|issued", "三|new|total"}
    assert not YearStatistics.objects.exists()  # nothing half-saved


def test_statistics_are_audited_by_label(preparer, agency_a, agency_b, make_staff):
    services.save_statistics(
        preparer, agency_a, 2025, {("二", "licensing", "decisions"): "95", ("二", "fees", "fee_amount"): "1.50"}
    )
    services.save_statistics(
        preparer, agency_a, 2025, {("二", "licensing", "decisions"): "", ("二", "penalty", "decisions"): 2}
    )
    statistics = YearStatistics.objects.get(agency=agency_a, year=2025)
    assert statistics.cells == {"二|fees|fee_amount": "1.50", "二|penalty|decisions": 2}
    events = AuditEvent.objects.filter(action="reports.statistics_saved").order_by("id")
    assert events[0].changes[
        "表「二、主动公开政府信息情况」「第二十条第（五）项 / 行政许可」行「本年处理决定数量」列"
    ] == [None, 95]
    assert events[1].actor == preparer and len(events[1].changes) == 2
    with pytest.raises(PermissionDenied):
        services.save_statistics(make_staff(agency_b, Role.AGENCY_ADMIN), agency_a, 2025, {})


def test_compiling_drafts_a_narrative_that_agrees_with_the_tables(catalogue, preparer, agency_a):
    services.save_statistics(
        preparer,
        agency_a,
        2025,
        {
            ("三", "new", "natural_person"): 3,
            ("三", "granted", "natural_person"): 2,
            ("三", "carried_out", "natural_person"): 1,
        },
    )
    report = services.compile_report(preparer, agency_a, 2025)
    assert report.format_key == "2021"
    assert "收到政府信息公开申请3件" in report.overview
    assert "制发行政规范性文件2件" in report.overview and "现行有效行政规范性文件3件" in report.overview
    assert "未发生因政府信息公开引起的行政复议、行政诉讼" in report.overview
    figures = {f.key: f.value for f in find_figures(report.overview)}
    assert figures["applications_received"] == 3 and figures["administrative_reviews"] == 0
    assert [c["code"] for c in report.checks] == [Code.RULES_BY_NON_ISSUER]
    assert report.status == ReportStatus.DRAFT  # a warning waits for its acknowledgement
    assert report.figures["cells"]["三|total|total"] == 2
    assert AuditEvent.objects.filter(action="reports.compiled", actor=preparer, agency=agency_a).count() == 1


def test_warnings_need_an_acknowledgement_and_narrative_edits_are_checked(catalogue, preparer, agency_a):
    report = services.compile_report(preparer, agency_a, 2025)
    services.acknowledge_warning(preparer, report, report.checks[0]["key"])
    assert report.status == ReportStatus.CHECKED
    services.save_narrative(
        preparer, report, overview="本年度收到政府信息公开申请5件。", problems=report.problems, other_matters="无。"
    )
    assert report.status == ReportStatus.DRAFT
    mismatch = [c for c in report.checks if c["code"] == Code.NARRATIVE_MISMATCH]
    assert mismatch and mismatch[0]["cell"]["row"] == "一、本年新收政府信息公开申请数量"
    assert mismatch[0]["cell"]["column"] == "总计"
    with pytest.raises(ValidationError):
        services.acknowledge_warning(preparer, report, "narrative_mismatch||nonsense")
    assert AuditEvent.objects.filter(action="reports.narrative_saved", actor=preparer).exists()


def test_only_preparers_compile_and_only_finished_years(agency_a, agency_b, make_staff, preparer):
    with pytest.raises(PermissionDenied):
        services.compile_report(make_staff(agency_b, Role.AGENCY_ADMIN), agency_a, 2025)
    with pytest.raises(ValidationError, match="已经结束"):
        services.compile_report(preparer, agency_a, 2999)
    assert services.compile_for(agency_a, 2025).cells[Cell("二", "rules", "issued")] == 0


def test_years_before_2019_are_imported_not_compiled(preparer, agency_a):
    with pytest.raises(ValidationError, match="国办发〔2014〕32号"):
        services.compile_report(preparer, agency_a, 2016)
    with pytest.raises(ValidationError, match="国办发〔2014〕32号"):
        services.save_statistics(preparer, agency_a, 2016, {})


def test_the_narrative_draft_counts_the_years_publications(operator, preparer, agency_a, agency_b):
    """Section 一 and 五 from the catalogue: by kind (ties in the kinds' order), 政策解读 coverage, late items."""
    from datetime import date

    from xxgk.catalog import services as catalog
    from xxgk.catalog.vocabulary import EntryKind
    from xxgk.reports import sources
    from xxgk.reports.tests.conftest import publish

    normative, day = EntryKind.NORMATIVE, date(2025, 3, 5)
    read = publish(operator, agency_a, "甲办法", kind=normative, written_on=date(2025, 3, 1), published_on=day)
    publish(operator, agency_a, "乙细则", kind=normative, written_on=date(2025, 4, 1), published_on=date(2025, 4, 8))
    publish(operator, agency_a, "甲办法解读", kind=EntryKind.INTERPRETATION, interprets=read, published_on=day)
    publish(
        operator,
        agency_a,
        "2024年决算",
        kind=EntryKind.BUDGET,
        formed_on=date(2025, 1, 2),
        published_on=date(2025, 6, 3),
    )
    publish(operator, agency_a, "上年动态", kind=EntryKind.NEWS, published_on=date(2024, 12, 30))
    publish(operator, agency_a, "本年动态", kind=EntryKind.NEWS, published_on=date(2025, 7, 1))
    withdrawn = publish(operator, agency_a, "撤稿的通知", kind=EntryKind.NOTICE, published_on=date(2025, 5, 5))
    catalog.withdraw(operator, withdrawn, "误发")
    publish(operator, agency_b, "他局文件", kind=normative, written_on=date(2025, 4, 1), published_on=day)

    assert list(sources.published_in_year(agency_a, 2025).items()) == [
        ("规范性文件", 2),
        ("政策解读", 1),
        ("财政预决算", 1),
        ("工作动态", 1),
    ]
    assert sources.document_readings(agency_a, 2025) == (1, 1)
    assert sources.published_late_in_year(agency_a, 2025) == 1

    agency_a.office_name, agency_a.office_phone = "测试市科学技术局办公室", "0421-1234567"
    agency_a.save()
    report = services.compile_report(preparer, agency_a, 2025)
    assert "主动公开政府信息5条，其中规范性文件2条、政策解读1条、财政预决算1条、工作动态1条。" in report.overview
    assert "一是有1条政府信息未在形成之日起20个工作日内公开" in report.problems
    assert "二是有1件规范性文件未同步发布政策解读" in report.problems
    assert "均同步发布政策解读" not in report.overview
    preamble = services.report_document(agency_a, 2025).preamble
    assert preamble.endswith("请与测试市科学技术局办公室联系（电话：0421-1234567）。")
