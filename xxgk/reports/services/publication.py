"""领导签发: freezing a report and publishing it into the 政府信息公开年报 column."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xxgk.core import audit
from xxgk.reports import export
from xxgk.reports import permissions as report_permissions
from xxgk.reports.models import AnnualReport, ReportStatus
from xxgk.reports.services.actions import ReportAction
from xxgk.reports.services.compiling import (
    agency_contact,
    compile_for,
    frozen_document,
    pending_warnings,
    report_narrative,
    store_compiled,
)


def publish_report(actor, report: AnnualReport) -> AnnualReport:
    """领导签发: compile once more, freeze figures and text, and publish the report as a catalogue entry
    in the agency's 政府信息公开年报 column. Later changes to the records never touch a published report."""
    if not report_permissions.can_publish_report(actor, report.agency):
        raise PermissionDenied("只有领导签发岗位可以发布年度报告。")
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError("该年度报告已经发布。")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        compiled = compile_for(report.agency, report.year, report_narrative(report))
        store_compiled(report, compiled)
        if compiled.blocking:
            raise ValidationError(
                f"年度报告有{len(compiled.blocking)}项阻断性错误，不能发布：{compiled.blocking[0].message}"
            )
        if report.status != ReportStatus.CHECKED:
            pending = len(pending_warnings(report))
            raise ValidationError(f"年度报告还有{pending}项校验提示未确认，请逐项确认后再发布。")
        today = timezone.localdate()
        report.snapshot = {
            "agency_name": report.agency.name,
            "figures": report.figures,
            "checks": report.checks,
            "acknowledged": report.acknowledged,
            "overview": report.overview,
            "problems": report.problems,
            "other_matters": report.other_matters,
            "dated": f"{today.year}年{today.month}月{today.day}日",
            "contact": agency_contact(report.agency),
        }
        report.entry = _publish_entry(actor, report)
        report.status, report.published_at, report.published_by = ReportStatus.PUBLISHED, timezone.now(), actor
        report.save()
        audit.record(
            ReportAction.PUBLISHED,
            actor=actor,
            agency=report.agency,
            target=report,
            changes={
                "status": [ReportStatus.CHECKED, ReportStatus.PUBLISHED],
                "entry": [None, report.entry.index_number],
            },
        )
    return report


def _publish_entry(actor, report: AnnualReport):
    """The report as 政府信息 of kind 政府信息公开年报, published through the catalogue's service."""
    from xxgk.catalog import services as catalog
    from xxgk.catalog.models import Entry
    from xxgk.catalog.vocabulary import EntryKind

    document = frozen_document(report)
    entry = Entry(
        agency=report.agency,
        title=document.title,
        kind=EntryKind.ANNUAL_REPORT,
        summary=f"{report.agency.name}{report.year}年度政府信息公开工作情况（{document.fmt.document}格式）。",
        body=export.html_fragment(document, with_title=False),
        written_on=timezone.localdate(),
        live=False,
    )
    entry.full_clean(exclude=["live_revision", "latest_revision", "locked_by"])
    entry.save()  # a draft (live=False): the catalogue's publish service makes it public, with its 索引号
    entry.save_revision(user=actor, log_action=False)
    catalog.publish(actor, entry)
    entry.refresh_from_db()
    return entry
