"""The yearly figures staff enter where the platform holds no records (YearStatistics)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xxgk.core import audit
from xxgk.core.models import Agency
from xxgk.reports import permissions as report_permissions
from xxgk.reports.compiler import (
    cell_key,
    cells_from_json,
)
from xxgk.reports.formats import Cell, NoGeneratedFormat, Number, ReportFormat, ValueKind, format_for_year
from xxgk.reports.models import YearStatistics
from xxgk.reports.services.actions import ReportAction


def generated_format(year: int) -> ReportFormat:
    """The year's format, or a ValidationError for years whose reports are imported data only."""
    try:
        return format_for_year(year)
    except NoGeneratedFormat as error:
        raise ValidationError({"year": str(error)}) from None


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
    fmt = generated_format(year)
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
