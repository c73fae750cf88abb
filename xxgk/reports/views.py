"""Back-office views of the annual report: thin — authorise, call a service, render or redirect."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from xxgk.core import permissions as core_permissions
from xxgk.core.documents import grid_html
from xxgk.core.models import Agency, Role
from xxgk.foi import permissions as foi_permissions
from xxgk.foi.models import Case
from xxgk.reports import export, rollup, services
from xxgk.reports import permissions as report_permissions
from xxgk.reports.compiler import cell_key, parse_cell_key
from xxgk.reports.formats import Cell, NoGeneratedFormat, format_for_year
from xxgk.reports.models import AnnualReport, ReportStatus, YearStatistics

DOWNLOADS = {
    "html": ("text/html; charset=utf-8", lambda d: export.html_page(d).encode()),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", export.docx_bytes),
    "pdf": ("application/pdf", export.pdf_bytes),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.xlsx_bytes),
}


def _agency_year(request: HttpRequest, code: str, year: int) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if not report_permissions.can_view_report(request.user, agency):
        raise PermissionDenied("您无权查看该机关的年度报告。")
    try:
        format_for_year(year)
    except NoGeneratedFormat as error:
        raise Http404(str(error)) from None
    return agency


def _last_full_year() -> int:
    return timezone.localdate().year - 1


def report_list(request: HttpRequest) -> HttpResponse:
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else _last_full_year()
    agencies = core_permissions.agencies_visible_to(request.user).filter(is_active=True)
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    today = timezone.localdate()
    rows = [
        (agency, reports.get(agency.pk), rollup.is_late(year, _published_on(reports.get(agency.pk)), today))
        for agency in agencies
    ]
    cities = Agency.objects.filter(id__in=core_permissions.member_agency_ids(request.user, [Role.CITY_OFFICE]))
    context = {
        "rows": rows,
        "year": year,
        "years": range(_last_full_year(), 2018, -1),
        "cities": cities,
        "banner": rollup.due_banner(today),
        "page_title": "年度报告",
        "header_icon": "doc-full",
    }
    return render(request, "reports/report_list.html", context)


def _published_on(report: AnnualReport | None):
    return timezone.localtime(report.published_at).date() if report and report.published_at else None


def report_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency_year(request, code, year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if request.method == "POST":
        return _act(request, agency, year, report)
    document = services.report_document(agency, year)
    if report is not None and not report.snapshot:
        document = replace(document, cells=services.report_cells(report))  # what the checks were run on
    links: dict[Cell, str] = {}
    records = []
    if report is not None:
        found, origins = services.cell_records(agency, year)
        drill_down = report_permissions.can_list_counted_cases(request.user, agency)
        for key, items in found.items():
            # catalogue records are 索引号 of public pages; case numbers open the cell's list of cases
            public = origins.get(key) == "catalogue"
            href = "" if public or not drill_down else _cases_url(agency, year, key)
            if href:
                links[parse_cell_key(key)] = href
            records.append((document.fmt.describe(parse_cell_key(key)), items, public, href))
    tables = [
        (table.title, grid_html(export.table_grid(document.fmt, table, document.cells, links)))
        for table in document.fmt.tables
    ]
    acknowledged = {ack["key"] for ack in report.acknowledged} if report else set()
    context = {
        "agency": agency,
        "year": year,
        "report": report,
        "document": document,
        "tables": tables,
        "records": records,
        "acknowledged": acknowledged,
        "can_prepare": report_permissions.can_prepare_report(request.user, agency),
        "can_publish": report_permissions.can_publish_report(request.user, agency),
        "published": bool(report and report.status == ReportStatus.PUBLISHED),
        "due": rollup.due_date(year),
        "page_title": f"{agency.short_name}{year}年度报告",
        "header_icon": "doc-full",
    }
    return render(request, "reports/report_detail.html", context)


def _act(request: HttpRequest, agency: Agency, year: int, report: AnnualReport | None) -> HttpResponse:
    action = request.POST.get("action")
    try:
        if action == "compile":
            services.compile_report(request.user, agency, year)
            messages.success(request, "已按当前记录重新编制，校验结果已更新。")
        elif report is None:
            raise ValidationError("请先编制年度报告。")
        elif action == "narrative":
            services.save_narrative(
                request.user,
                report,
                overview=request.POST.get("overview", ""),
                problems=request.POST.get("problems", ""),
                other_matters=request.POST.get("other_matters", ""),
            )
            messages.success(request, "正文已保存，校验已重新运行。")
        elif action == "acknowledge":
            services.acknowledge_warning(request.user, report, request.POST.get("key", ""))
            messages.success(request, "已确认该校验提示。")
        elif action == "publish":
            services.publish_report(request.user, report)
            messages.success(request, "年度报告已发布到政府信息公开年报栏目。")
        else:
            raise ValidationError("未知操作。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("reports_detail", code=agency.code, year=year)


def _cases_url(agency: Agency, year: int, key: str) -> str:
    return f"{reverse('reports_cell_cases', args=[agency.code, year])}?{urlencode({'cell': key})}"


def cell_cases(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The drill-down of a table 三/四 figure: the cases counted in it, each linking to its case page."""
    agency = _agency_year(request, code, year)
    if not report_permissions.can_list_counted_cases(request.user, agency):
        raise PermissionDenied("只有本机关工作人员可以查看单元格计入的案件。")
    fmt = format_for_year(year)
    try:
        cell = parse_cell_key(request.GET.get("cell", ""))
        label = fmt.describe(cell)
    except (KeyError, ValueError):
        raise Http404("没有这个单元格。") from None
    numbers = services.cell_records(agency, year)[0].get(cell_key(cell), [])
    visible = foi_permissions.cases_visible_to(request.user, Case.objects.filter(number__in=numbers))
    by_number = {case.number: case for case in visible.select_related("applicant")}
    context = {
        "agency": agency,
        "year": year,
        "label": label,
        "rows": [(number, by_number.get(number)) for number in numbers],
        "page_title": f"{agency.short_name}{year}年度报告 · 单元格计入的案件",
        "header_icon": "list-ul",
    }
    return render(request, "reports/cell_cases.html", context)


def statistics(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The small yearly form: the figures the platform holds no records for."""
    agency = _agency_year(request, code, year)
    if not report_permissions.can_prepare_report(request.user, agency):
        raise PermissionDenied("您不能填报该机关的年度统计数据。")
    fmt = format_for_year(year)
    counted = services.counted_tables(agency, year)
    cells = [cell for cell in services.enterable_cells(fmt) if cell.table not in counted]
    stored = getattr(YearStatistics.objects.filter(agency=agency, year=year).first(), "cells", {})
    values = {cell_key(cell): stored.get(cell_key(cell), "") for cell in cells}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {cell_key(cell): request.POST.get(cell_key(cell), "").strip() for cell in cells}
        try:
            services.save_statistics(request.user, agency, year, {cell: values[cell_key(cell)] for cell in cells})
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, "年度统计数据已保存。重新编制后进入报告。")
            return redirect("reports_detail", code=agency.code, year=year)
    fields = [
        (cell_key(cell), fmt.describe(cell), values[cell_key(cell)], errors.get(cell_key(cell), [])) for cell in cells
    ]
    context = {
        "agency": agency,
        "year": year,
        "fmt": fmt,
        "fields": fields,
        "counted": "、".join(f"表{table}" for table in counted),
        "page_title": f"{agency.short_name}{year}年度统计数据",
        "header_icon": "form",
    }
    return render(request, "reports/statistics.html", context)


def download(request: HttpRequest, code: str, year: int, ext: str) -> HttpResponse:
    agency = _agency_year(request, code, year)
    if ext not in DOWNLOADS:
        raise Http404
    content_type, render_bytes = DOWNLOADS[ext]
    response = HttpResponse(render_bytes(services.report_document(agency, year)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-{year}.{ext}"'
    return response


def city_rollup(request: HttpRequest, code: str, year: int) -> HttpResponse:
    city = get_object_or_404(Agency, code=code)
    try:
        result = services.city_rollup(request.user, city, year)
    except NoGeneratedFormat as error:
        raise Http404(str(error)) from None
    title = f"{city.name}{year}年度政府信息公开工作年度报告汇总"
    if request.GET.get("format") == "xlsx":
        agencies = [(row.agency.name, row.status.label, row.late, row.cells) for row in result.agencies]
        response = HttpResponse(
            export.rollup_xlsx_bytes(title, result.fmt, result.totals, agencies),
            content_type=DOWNLOADS["xlsx"][0],
        )
        response["Content-Disposition"] = f'attachment; filename="{city.code}-{year}-rollup.xlsx"'
        return response
    tables = [(t.title, grid_html(export.table_grid(result.fmt, t, result.totals))) for t in result.fmt.tables]
    context = {
        "city": city,
        "result": result,
        "tables": tables,
        "title": title,
        "due": rollup.due_date(year),
        "page_title": title,
        "header_icon": "table",
    }
    return render(request, "reports/rollup.html", context)
