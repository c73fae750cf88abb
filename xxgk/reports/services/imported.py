"""Reports published before the platform: imported as text, shown in the 年报 column."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xxgk.core import audit, permissions
from xxgk.core.models import Agency
from xxgk.reports.formats import FORMATS, Cell
from xxgk.reports.models import AnnualReport, ImportedReport, ReportStatus
from xxgk.reports.services.actions import ReportAction
from xxgk.reports.textimport import parse_report_text


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
