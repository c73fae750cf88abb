"""The city office's roll-up: every agency's report status and the tables summed across them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from xxgk.core import permissions
from xxgk.core.models import Agency
from xxgk.reports import rollup
from xxgk.reports.formats import Cell, Number, ReportFormat, format_for_year
from xxgk.reports.models import AnnualReport, ReportStatus
from xxgk.reports.services.compiling import report_cells


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
