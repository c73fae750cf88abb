"""Use cases of the reports app: yearly statistics, compiling, the narrative, warnings, importing."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from xxgk.core import audit, permissions
from xxgk.core.models import Agency
from xxgk.reports import export, narrative, rollup, sources
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
from xxgk.reports.formats import FORMATS, Cell, Number, ReportFormat, ValueKind, format_for_year
from xxgk.reports.models import AnnualReport, ImportedReport, ReportStatus, YearStatistics
from xxgk.reports.textimport import parse_report_text


@audit.register_actions
class ReportAction(models.TextChoices):
    IMPORTED = "reports.imported", "导入已发布年报"
    STATISTICS_SAVED = "reports.statistics_saved", "填报年度统计数据"
    COMPILED = "reports.compiled", "编制年度报告"
    NARRATIVE_SAVED = "reports.narrative_saved", "修改年度报告正文"
    WARNING_ACKNOWLEDGED = "reports.warning_acknowledged", "确认年度报告校验提示"
    PUBLISHED = "reports.published", "发布年度报告"


def import_published_report(
    actor,
    agency: Agency,
    *,
    year: int,
    title: str,
    text: str,
    published_on: date | None = None,
    source_name: str = "",
) -> ImportedReport:
    """Store a report the agency published before using the platform (its text, as published)."""
    if not permissions.can_manage_agency(actor, agency):
        raise PermissionDenied("您不是该机关的公开管理员，不能导入年报。")
    report = ImportedReport(
        agency=agency,
        year=year,
        title=title.strip(),
        text=text.strip(),
        published_on=published_on,
        source_name=source_name,
        imported_by=actor,
        figures=parse_report_text(text).as_json(),  # the tables and prose figures as published
    )
    report.full_clean(exclude=["imported_by"])
    if year >= date.today().year:
        raise ValidationError({"year": "只能导入已经结束的年度的报告。"})
    with transaction.atomic():
        report.save()
        audit.record(
            ReportAction.IMPORTED,
            actor=actor,
            agency=agency,
            target=report,
            changes={"year": [None, year], "title": [None, report.title]},
        )
    return report


def published_reports(agency: Agency):
    return ImportedReport.objects.filter(agency=agency).order_by("-year")


def published_compiled_reports(agency: Agency):
    """Reports compiled and published on the platform, each with its public catalogue entry."""
    return (
        AnnualReport.objects.filter(
            agency=agency, status=ReportStatus.PUBLISHED, entry__live=True, entry__withdrawn_at__isnull=True
        )
        .select_related("entry")
        .order_by("-year")
    )


def imported_tables(report: ImportedReport) -> dict:
    """The figures read from an imported report, labelled for display.

    ``statistics``: the pre-2019 统计表 rows as written (指标, 单位, 数值; a row without a value is a heading).
    ``cells``: for a 2019/2021-format report, each cell with its statutory row and column labels.
    """
    figures = report.figures or {}
    fmt = FORMATS.get(figures.get("format") or "")
    cells = [(fmt.describe(Cell(*cell[:3])), cell[3]) for cell in figures.get("cells", [])] if fmt else []
    return {"statistics": figures.get("statistics", []), "cells": cells}


# --- yearly statistics entered by staff ------------------------------------------------------------


def enterable_cells(fmt: ReportFormat) -> list[Cell]:
    """Cells staff may enter: not a declared sum, and not counted from the catalogue (表二 第（一）项)."""
    counted = {row.key for row in fmt.table("二").group_of("normative").rows}
    return [
        cell for cell in fmt.cells() if not fmt.is_computed(cell) and not (cell.table == "二" and cell.row in counted)
    ]


def _parse_value(fmt: ReportFormat, cell: Cell, raw: object) -> Number | None:
    """A typed figure, ``None`` for a blank; a clear Chinese error naming the cell otherwise."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = fmt.column(cell).kind
    where = fmt.describe(cell)
    try:
        number = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError({cell_key(cell): f"{where}应填数字，现为「{raw}」。"}) from None
    if kind != ValueKind.AMOUNT and number != number.to_integral_value():
        raise ValidationError({cell_key(cell): f"{where}应为整数，现为「{raw}」。"})
    if kind != ValueKind.DELTA and number < 0:
        raise ValidationError({cell_key(cell): f"{where}不能为负数。"})
    return number if kind == ValueKind.AMOUNT else int(number)


def save_statistics(actor, agency: Agency, year: int, values: Mapping[Cell, object]) -> YearStatistics:
    """Enter or correct the year's figures the platform holds no records for; blanks remove a figure."""
    if not report_permissions.can_prepare_report(actor, agency):
        raise PermissionDenied("您不能填报该机关的年度统计数据。")
    fmt = format_for_year(year)
    allowed = set(enterable_cells(fmt))
    errors: dict[str, list[str]] = {}
    parsed: dict[Cell, Number | None] = {}
    for key, raw in values.items():
        cell = Cell(*key)
        if cell not in allowed:
            errors.setdefault(cell_key(cell), []).append(f"{fmt.name}中该单元格不能填报（{'|'.join(cell)}）。")
            continue
        try:
            parsed[cell] = _parse_value(fmt, cell, raw)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        statistics, _ = YearStatistics.objects.select_for_update().get_or_create(agency=agency, year=year)
        cells = dict(statistics.cells)
        changes = {}
        for cell, value in parsed.items():
            key = cell_key(cell)
            stored = None if value is None else (str(value) if isinstance(value, Decimal) else value)
            if cells.get(key) != stored:
                changes[fmt.describe(cell)] = [cells.get(key), stored]
            if stored is None:
                cells.pop(key, None)
            else:
                cells[key] = stored
        statistics.cells, statistics.updated_by = cells, actor
        statistics.save()
        audit.record(ReportAction.STATISTICS_SAVED, actor=actor, agency=agency, target=statistics, changes=changes)
    return statistics


def entered_cells(agency: Agency, year: int) -> dict[Cell, Number]:
    statistics = YearStatistics.objects.filter(agency=agency, year=year).first()
    return cells_from_json({"cells": statistics.cells}) if statistics else {}


# --- compiling -------------------------------------------------------------------------------------


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
        narrative_text = _narrative_text(report) if report else ""
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
    return narrative.draft(
        agency_name=agency.name,
        year=year,
        fmt=compiled.fmt,
        cells=compiled.cells,
        published=sources.published_in_year(agency, year),
        can_issue_rules=sources.can_issue_rules(agency),
        fees_charged=sources.processing_fees(agency, year),
    )


def _narrative_text(report: AnnualReport) -> str:
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


def _store_compiled(report: AnnualReport, compiled: Compiled) -> None:
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
    format_for_year(year)  # raises NoGeneratedFormat for years before 2019
    report = AnnualReport.objects.filter(agency=agency, year=year).first() or AnnualReport(agency=agency, year=year)
    _editable(actor, report if report.pk else agency)
    with transaction.atomic():
        compiled = compile_for(agency, year, _narrative_text(report) if report.pk else "")
        if not report.pk:
            text = draft_narrative(agency, year, compiled)
            report.overview, report.problems, report.other_matters = text.overview, text.problems, text.other_matters
            compiled = compile_for(agency, year, text.text())
        _store_compiled(report, compiled)
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
        _store_compiled(report, compile_for(report.agency, report.year, _narrative_text(report)))
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
        _store_compiled(report, compile_for(report.agency, report.year, _narrative_text(report)))
        report.save()
        audit.record(
            ReportAction.WARNING_ACKNOWLEDGED, actor=actor, agency=report.agency, target=report, note=check["message"]
        )
    return report


def report_cells(report: AnnualReport) -> dict[Cell, Number]:
    """The report's figures: the frozen snapshot once published, else the last compile."""
    figures = report.snapshot["figures"] if report.snapshot else report.figures
    return cells_from_json(figures)


def report_document(agency: Agency, year: int) -> export.ReportDocument:
    """What the exports render: a published report's frozen snapshot, else the records as they are now
    with the saved narrative (or a fresh draft of it when the report was never compiled)."""
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None and report.snapshot:
        return _frozen_document(report)
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
    )


def _frozen_document(report: AnnualReport) -> export.ReportDocument:
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
    )


# --- publication ---------------------------------------------------------------------------------


def publish_report(actor, report: AnnualReport) -> AnnualReport:
    """领导签发: compile once more, freeze figures and text, and publish the report as a catalogue entry
    in the agency's 政府信息公开年报 column. Later changes to the records never touch a published report."""
    if not report_permissions.can_publish_report(actor, report.agency):
        raise PermissionDenied("只有领导签发岗位可以发布年度报告。")
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError("该年度报告已经发布。")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        compiled = compile_for(report.agency, report.year, _narrative_text(report))
        _store_compiled(report, compiled)
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

    document = _frozen_document(report)
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


# --- the city's roll-up ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyReportStatus:
    agency: Agency
    status: ReportStatus
    late: bool
    report: AnnualReport | None
    cells: dict[Cell, Number] | None  # the published snapshot, else the last compile; None: not started

    @property
    def new_applications(self) -> Number | None:
        return self.cells[Cell("三", "new", "total")] if self.cells else None

    @property
    def closed_applications(self) -> Number | None:
        return self.cells[Cell("三", "total", "total")] if self.cells else None


@dataclass(frozen=True)
class Rollup:
    year: int
    fmt: ReportFormat
    agencies: list[AgencyReportStatus]
    totals: dict[Cell, Number]


def city_rollup(user, city: Agency, year: int, today: date | None = None) -> Rollup:
    """Every agency under ``city``: its report's status (late or not) and the tables summed across them."""
    if not (user.is_superuser or city.pk in permissions.supervised_agency_ids(user)):
        raise PermissionDenied("只有市级公开办可以查看各机关年度报告汇总。")
    fmt = format_for_year(year)
    today = today or timezone.localdate()
    agencies = Agency.objects.filter(id__in=permissions.descendant_ids([city.pk]), is_active=True)
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    rows = []
    for agency in agencies.order_by("sort_order", "id"):
        report = reports.get(agency.pk)
        published_on = timezone.localtime(report.published_at).date() if report and report.published_at else None
        rows.append(
            AgencyReportStatus(
                agency=agency,
                status=ReportStatus(report.status) if report else ReportStatus.NOT_STARTED,
                late=rollup.is_late(year, published_on, today),
                report=report,
                cells=report_cells(report) if report and report.figures else None,
            )
        )
    totals = rollup.sum_cells(fmt, (row.cells for row in rows if row.cells is not None))
    return Rollup(year, fmt, rows, totals)
