"""Due dates and the city's summed tables — a pure module, no database.

条例第四十九条: each agency publishes its report for year N by 31 January of N+1 (a 县级以上 government's
own report by 31 March; the city office supervises its departments' January deadline).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from xxgk.reports.formats import Cell, Number, ReportFormat


def due_date(year: int) -> date:
    """条例第四十九条: 每年1月31日前 publish the previous year's report."""
    return date(year + 1, 1, 31)


def is_late(year: int, published_on: date | None, today: date) -> bool:
    """Published after the due date, or still unpublished once it has passed."""
    return (published_on or today) > due_date(year)


def due_banner(today: date) -> str:
    """From December on, remind staff which report is due when (empty the rest of the year)."""
    year = today.year if today.month == 12 else today.year - 1
    if today.month == 12 or today <= due_date(year):
        return f"{year}年度政府信息公开工作年度报告应于{due_date(year):%Y年%m月%d日}前发布。"
    return ""


def sum_cells(fmt: ReportFormat, tables: Iterable[Mapping[Cell, Number]]) -> dict[Cell, Number]:
    """Cell-by-cell sums across agencies (every cell of the format, 0 where an agency has none)."""
    totals: dict[Cell, Number] = dict.fromkeys(fmt.cells(), 0)
    for cells in tables:
        for cell in totals:
            totals[cell] += cells.get(cell, 0)
    return totals
