"""Tables 三 and 四 counted from case histories — a pure module, no database (``sources`` reads them).

Counting rules (rules.md §2.2, §2.4, §2.6, §4.2–4.4), decided once here:

- An application counts from its 收到申请之日 (条例第三十一条). One still awaiting confirmation with the
  applicant has not been received: it is in no figure until confirmed, then 本年新收 in the year of
  the confirmation day.
- It is 办结 for the report on the day of its decision (作出答复; 办结 only files the case), under the
  decision's outcome row, in its applicant's column. 上年结转 = received before 1 January and not yet
  decided on 31 December before; 结转下年度 = received and not decided on 31 December. So every column
  balances (一 + 二 = 三（七）+ 四) and next year's 二 is this year's 四, by construction.
- A reopened case (``reopened``) withdraws its decision only if reopened in the decision's own year:
  the new decision then counts instead. Reopened in a later year, the year's report already counted the
  application once with that decision; the re-answer is not a new application, so it counts nowhere —
  past years stay as they were published and no year counts a case it did not receive or carry in.
- Split cases (一事一申请) are one 件 each with the original's receipt date; a transferred case (moved
  before any answer from the agency it was wrongly registered at) counts wholly for the agency that
  holds it, as if received there.
- 2019 format: its （六）其他处理 is one row, so ``other_1``…``other_3`` all count there; every other
  outcome row exists in both formats.
- Table 四: a 复议 or 诉讼 counts in the year it was filed, under its result as at 31 December of that
  year (尚未审结 if not concluded by then), and only for the agency whose decision it challenges (the
  register hangs off that agency's case; a co-defendant 复议机关 never counts it, rules.md §2.6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from xxgk.reports.compiler import Counted
from xxgk.reports.formats import Cell, Number, ReportFormat

DECIDED, REOPENED = "decided", "reopened"  # the case event types (foi.vocabulary.CaseEventType) read here


@dataclass(frozen=True)
class Application:
    """One case as table 三 sees it."""

    number: str  # 申请编号, listed in the cell drill-down
    column: str  # the applicant type = the table 三 column
    received_on: date | None  # None: awaiting confirmation
    decided_on: date | None  # the decision the report counts (see :func:`report_decision`)
    outcome_row: str | None  # its report row (foi.outcomes REPORT_ROWS key, 2021 format)


@dataclass(frozen=True)
class RemedyRecord:
    """One register entry as table 四 sees it."""

    number: str  # the case's 申请编号
    kind: str  # review / suit_direct / suit_after_review (the table 四 groups)
    filed_on: date
    result: str  # upheld / corrected / other / pending
    concluded_on: date | None


def report_decision(events: Iterable[tuple[str, date, Mapping[str, Any]]]) -> tuple[date, str] | None:
    """The decision the annual report counts, as (date, outcome code), from a case's events in order.

    A reopening withdraws a decision of its own year; a decision of an earlier year stays counted and
    what follows it is ignored (see the module docstring)."""
    counted: tuple[date, str] | None = None
    for kind, on, payload in events:
        if counted is not None and on.year > counted[0].year:
            break
        if kind == DECIDED:
            counted = (on, payload["outcome"])
        elif kind == REOPENED and counted is not None:
            counted = None
    return counted


def _open_on(app: Application, day: date) -> bool:
    assert app.received_on is not None
    return app.received_on <= day and (app.decided_on is None or max(app.decided_on, app.received_on) > day)


def _row(fmt: ReportFormat, report_row: str) -> str:
    """The format's row for an outcome row id: the 2019 format has only the parent （六）其他处理."""
    table = fmt.table("三")
    keys = {row.key for row in table.rows if not row.heading}
    return report_row if report_row in keys else report_row.split("_")[0]


def application_rows(year: int, app: Application) -> list[str]:
    """The table 三 row ids (2021 format) ``app`` counts in for ``year`` (empty: none)."""
    if app.received_on is None:
        return []
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = []
    if app.received_on.year == year:
        rows.append("new")
    if _open_on(app, start - timedelta(days=1)):
        rows.append("carried_in")
    decided = app.decided_on and max(app.decided_on, app.received_on)
    if decided and start <= decided <= end and app.outcome_row:
        rows.append(app.outcome_row)
    if _open_on(app, end):
        rows.append("carried_out")
    return rows


def count_applications(fmt: ReportFormat, year: int, apps: Iterable[Application]) -> Counted | None:
    """Table 三 of ``fmt`` for ``year``; None when no application has anything to do with the year."""
    table = fmt.table("三")
    found: dict[Cell, list[str]] = {}
    for app in apps:
        for row in application_rows(year, app):
            found.setdefault(Cell("三", _row(fmt, row), app.column), []).append(app.number)
    if not found:
        return None
    values: dict[Cell, Number] = {}
    for cell in table.cells():
        if not fmt.is_computed(cell):
            values[cell] = len(found.get(cell, ()))
    return Counted(values, _with_totals(fmt, found))


def _with_totals(fmt: ReportFormat, found: Mapping[Cell, list[str]]) -> dict[Cell, tuple[str, ...]]:
    """Records per cell, the 总计 column and （七）总计 row included, so every non-zero cell drills down."""
    table = fmt.table("三")
    total_row = table.row("total").computed
    assert total_row is not None
    records: dict[Cell, list[str]] = {cell: list(numbers) for cell, numbers in found.items()}
    for cell, numbers in found.items():
        records.setdefault(Cell("三", cell.row, "total"), []).extend(numbers)
        if cell.row in total_row.of:
            records.setdefault(Cell("三", "total", cell.column), []).extend(numbers)
            records.setdefault(Cell("三", "total", "total"), []).extend(numbers)
    return {cell: tuple(numbers) for cell, numbers in records.items()}


def count_remedies(fmt: ReportFormat, year: int, remedies: Iterable[RemedyRecord]) -> Counted | None:
    """Table 四 for ``year``; None when no remedy was filed in the year."""
    end = date(year, 12, 31)
    found: dict[Cell, list[str]] = {}
    for remedy in remedies:
        if remedy.filed_on.year != year:
            continue
        concluded = remedy.concluded_on is not None and remedy.concluded_on <= end
        result = remedy.result if concluded and remedy.result != "pending" else "pending"
        for column in (f"{remedy.kind}_{result}", f"{remedy.kind}_total"):
            found.setdefault(Cell("四", "cases", column), []).append(remedy.number)
    if not found:
        return None
    values: dict[Cell, Number] = {
        cell: len(found.get(cell, ())) for cell in fmt.table("四").cells() if not fmt.is_computed(cell)
    }
    return Counted(values, {cell: tuple(numbers) for cell, numbers in found.items()})
