"""Compiling a report from the records, its narrative, its warnings, and what the exports render."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xxgk.core import audit
from xxgk.core.models import Agency
from xxgk.reports import export, narrative, sources
from xxgk.reports import permissions as report_permissions
from xxgk.reports.checks import CheckResult, Level
from xxgk.reports.compiler import (
    Compiled,
    Inputs,
    cell_key,
    cells_from_json,
    check_json,
    compile_tables,
    figures_json,
)
from xxgk.reports.formats import FORMATS, Cell, Number, format_for_year
from xxgk.reports.models import AnnualReport, ImportedReport, ReportStatus
from xxgk.reports.services.actions import ReportAction
from xxgk.reports.services.statistics import entered_cells, generated_format


def previous_year_cells(agency: Agency, year: int) -> dict[Cell, Number] | None:
    """Last year's figures as published: our own frozen report, else an imported one with a table."""
    report = AnnualReport.objects.filter(agency=agency, year=year - 1, status=ReportStatus.PUBLISHED).first()
    if report is not None and report.snapshot:
        return cells_from_json(report.snapshot["figures"])
    imported = ImportedReport.objects.filter(agency=agency, year=year - 1).first()
    if imported is not None and imported.figures.get("cells"):
        return {
            Cell(*cell[:3]): Decimal(cell[3]) if isinstance(cell[3], str) else cell[3]
            for cell in imported.figures["cells"]
        }
    return None


def compile_for(agency: Agency, year: int, narrative_text: str | None = None) -> Compiled:
    """The year's tables and checks from the records as they are now (reads only)."""
    fmt = format_for_year(year)
    if narrative_text is None:
        report = AnnualReport.objects.filter(agency=agency, year=year).first()
        narrative_text = report_narrative(report) if report else ""
    inputs = Inputs(
        catalogue=sources.catalogue_counts(agency, year, fmt),
        applications=sources.application_counts(agency, year, fmt),
        remedies=sources.remedy_counts(agency, year, fmt),
        entered=entered_cells(agency, year),
        previous_year=previous_year_cells(agency, year),
        can_issue_rules=sources.can_issue_rules(agency),
        narrative=narrative_text,
    )
    return compile_tables(fmt, inputs)


def draft_narrative(agency: Agency, year: int, compiled: Compiled) -> narrative.Narrative:
    interpreted, uninterpreted = sources.document_readings(agency, year)
    return narrative.draft(
        agency_name=agency.name,
        year=year,
        fmt=compiled.fmt,
        cells=compiled.cells,
        published=sources.published_in_year(agency, year),
        can_issue_rules=sources.can_issue_rules(agency),
        fees_charged=sources.processing_fees(agency, year),
        published_late=sources.published_late_in_year(agency, year),
        interpreted=interpreted,
        uninterpreted=uninterpreted,
    )


def report_narrative(report: AnnualReport) -> str:
    return "\n".join((report.overview, report.problems, report.other_matters))


def warning_key(result: CheckResult) -> str:
    """Identifies one warning with its figures: a changed figure needs a new acknowledgement."""
    cell = cell_key(result.cell) if result.cell else ""
    digest = hashlib.sha256(result.message.encode()).hexdigest()[:12]
    return f"{result.code}|{cell}|{digest}"


def pending_warnings(report: AnnualReport) -> list[dict]:
    """The last compile's warnings nobody has acknowledged yet."""
    acknowledged = {ack["key"] for ack in report.acknowledged}
    return [c for c in report.checks if c["level"] == Level.WARNING and c["key"] not in acknowledged]


def store_compiled(report: AnnualReport, compiled: Compiled) -> None:
    report.format_key = compiled.fmt.key
    report.figures = figures_json(compiled)
    report.checks = [{**check_json(compiled.fmt, result), "key": warning_key(result)} for result in compiled.checks]
    report.status = ReportStatus.DRAFT if compiled.blocking or pending_warnings(report) else ReportStatus.CHECKED


def _editable(actor, report_or_agency) -> None:
    agency = getattr(report_or_agency, "agency", report_or_agency)
    if not report_permissions.can_prepare_report(actor, agency):
        raise PermissionDenied("您不能编制该机关的年度报告。")
    if isinstance(report_or_agency, AnnualReport) and report_or_agency.status == ReportStatus.PUBLISHED:
        raise ValidationError("年度报告已发布，表格和正文已冻结，不能再修改。")


def compile_report(actor, agency: Agency, year: int) -> AnnualReport:
    """(Re)compile the year's report from the records; the first compile writes the narrative draft."""
    if year >= timezone.localdate().year:
        raise ValidationError({"year": "只能编制已经结束的年度的报告。"})
    generated_format(year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first() or AnnualReport(agency=agency, year=year)
    _editable(actor, report if report.pk else agency)
    with transaction.atomic():
        compiled = compile_for(agency, year, report_narrative(report) if report.pk else "")
        if not report.pk:
            text = draft_narrative(agency, year, compiled)
            report.overview, report.problems, report.other_matters = text.overview, text.problems, text.other_matters
            compiled = compile_for(agency, year, text.text())
        store_compiled(report, compiled)
        report.compiled_at, report.compiled_by = timezone.now(), actor
        report.save()
        audit.record(
            ReportAction.COMPILED,
            actor=actor,
            agency=agency,
            target=report,
            changes={"status": [None, report.status]},
            note=f"阻断性错误{len(compiled.blocking)}项，提示{len(compiled.warnings)}项",
        )
    return report


def save_narrative(actor, report: AnnualReport, *, overview: str, problems: str, other_matters: str) -> AnnualReport:
    """Edit sections 一、五、六; the checks run again (narrative figures against the tables)."""
    _editable(actor, report)
    with transaction.atomic():
        before = audit.snapshot(report)
        report.overview = overview.strip()
        report.problems = problems.strip()
        report.other_matters = other_matters.strip()
        store_compiled(report, compile_for(report.agency, report.year, report_narrative(report)))
        report.save()
        changes = audit.diff(before, audit.snapshot(report))
        for derived in ("checks", "figures", "status"):
            changes.pop(derived, None)
        audit.record(ReportAction.NARRATIVE_SAVED, actor=actor, agency=report.agency, target=report, changes=changes)
    return report


def acknowledge_warning(actor, report: AnnualReport, key: str) -> AnnualReport:
    """The author has read a warning (year-to-year chaining, 规章, narrative) and stands by the figures."""
    _editable(actor, report)
    check = next((c for c in report.checks if c["key"] == key), None)
    if check is None or check["level"] != Level.WARNING:
        raise ValidationError("没有这条校验提示（可能数据已变化，请重新编制后再确认）。")
    with transaction.atomic():
        report.acknowledged = [
            *report.acknowledged,
            {"key": key, "message": check["message"], "by": actor.get_username(), "at": timezone.now().isoformat()},
        ]
        store_compiled(report, compile_for(report.agency, report.year, report_narrative(report)))
        report.save()
        audit.record(
            ReportAction.WARNING_ACKNOWLEDGED, actor=actor, agency=report.agency, target=report, note=check["message"]
        )
    return report


def report_cells(report: AnnualReport) -> dict[Cell, Number]:
    """The report's figures: the frozen snapshot once published, else the last compile."""
    figures = report.snapshot["figures"] if report.snapshot else report.figures
    return cells_from_json(figures)


def counted_tables(agency: Agency, year: int) -> list[str]:
    """Tables 三/四 whose figures the year's cases count (their entered figures are not used)."""
    fmt = format_for_year(year)
    sources_of = {"三": sources.application_counts, "四": sources.remedy_counts}
    return [table for table, count in sources_of.items() if count(agency, year, fmt) is not None]


def cell_records(agency: Agency, year: int) -> tuple[dict[str, list[str]], dict[str, str]]:
    """What the report shows as counted in each cell (key → case numbers or 索引号) and where each cell's
    figure came from: the frozen snapshot once published, else the last compile, else the records now."""
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None:
        figures = report.snapshot["figures"] if report.snapshot else report.figures
    else:
        figures = figures_json(compile_for(agency, year))
    return figures.get("records") or {}, figures.get("origins") or {}


def report_document(agency: Agency, year: int) -> export.ReportDocument:
    """What the exports render: a published report's frozen snapshot, else the records as they are now
    with the saved narrative (or a fresh draft of it when the report was never compiled)."""
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None and report.snapshot:
        return frozen_document(report)
    compiled = compile_for(agency, year)
    text = report or draft_narrative(agency, year, compiled)
    return export.ReportDocument(
        agency_name=agency.name,
        year=year,
        fmt=compiled.fmt,
        cells=compiled.cells,
        overview=text.overview,
        problems=text.problems,
        other_matters=text.other_matters,
        contact=agency_contact(agency),
    )


def agency_contact(agency: Agency) -> str:
    return export.contact_sentence(agency.office_name, agency.office_phone, agency.office_fax)


def frozen_document(report: AnnualReport) -> export.ReportDocument:
    snap = report.snapshot
    return export.ReportDocument(
        agency_name=snap["agency_name"],
        year=report.year,
        fmt=FORMATS[snap["figures"]["format"]],
        cells=cells_from_json(snap["figures"]),
        overview=snap["overview"],
        problems=snap["problems"],
        other_matters=snap["other_matters"],
        dated=snap.get("dated", ""),
        contact=snap.get("contact", ""),
    )
