"""Compile a year's report tables from counted records and entered figures — a pure module, no database.

``sources`` gathers the inputs from the database; this module only decides, for every cell of the
year's format, where its figure comes from (the catalogue, the case records, the figures staff
entered, or the sum a format declares), and runs every check of ``checks`` on the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from xxgk.reports.checks import CheckResult, Level, run_checks
from xxgk.reports.formats import Cell, Number, ReportFormat, complete


class Origin(StrEnum):
    CATALOGUE = "catalogue"  # counted from published catalogue entries
    CASES = "cases"  # counted from 依申请公开 cases / the 复议诉讼 register
    ENTERED = "entered"  # entered by staff (YearStatistics)
    COMPUTED = "computed"  # a 合计/总计 the format declares
    NONE = "none"  # nothing known: printed as 0


@dataclass(frozen=True)
class Counted:
    """Figures counted from records, with what was counted in each cell (for the drill-down)."""

    values: Mapping[Cell, Number]
    records: Mapping[Cell, tuple[str, ...]] = field(default_factory=dict)  # e.g. entry 索引号 or case numbers


@dataclass(frozen=True)
class Inputs:
    catalogue: Counted | None = None  # table 二 第二十条第（一）项
    applications: Counted | None = None  # table 三; None: no case records, use ``entered``
    remedies: Counted | None = None  # table 四; None: no register, use ``entered``
    entered: Mapping[Cell, Number] = field(default_factory=dict)
    previous_year: Mapping[Cell, Number] | None = None  # last year's published figures
    can_issue_rules: bool = True
    narrative: str = ""


@dataclass(frozen=True)
class Compiled:
    fmt: ReportFormat
    cells: dict[Cell, Number]
    origins: dict[Cell, Origin]
    records: dict[Cell, tuple[str, ...]]
    checks: list[CheckResult]

    @property
    def blocking(self) -> list[CheckResult]:
        return [result for result in self.checks if result.level == Level.ERROR]

    @property
    def warnings(self) -> list[CheckResult]:
        return [result for result in self.checks if result.level == Level.WARNING]

    def value(self, table: str, row: str, column: str) -> Number:
        return self.cells[Cell(table, row, column)]


def compile_tables(fmt: ReportFormat, inputs: Inputs) -> Compiled:
    """Every cell of ``fmt``: counted figures win over entered ones for the tables they cover."""
    given: dict[Cell, Number] = {}
    origins: dict[Cell, Origin] = {}
    records: dict[Cell, tuple[str, ...]] = {}
    counted_tables = {
        "三": inputs.applications,
        "四": inputs.remedies,
    }
    for cell, value in inputs.entered.items():
        cell = Cell(*cell)
        if counted_tables.get(cell.table) is None and not (inputs.catalogue and cell in inputs.catalogue.values):
            given[cell], origins[cell] = value, Origin.ENTERED
    for counted, origin in (
        (inputs.catalogue, Origin.CATALOGUE),
        (inputs.applications, Origin.CASES),
        (inputs.remedies, Origin.CASES),
    ):
        if counted is None:
            continue
        for cell, value in counted.values.items():
            cell = Cell(*cell)
            given[cell], origins[cell] = value, origin
        # records may name computed cells too (a 总计 lists everything it adds up)
        records.update({Cell(*cell): tuple(items) for cell, items in counted.records.items()})
    cells = complete(fmt, given)
    for cell in cells:
        if cell not in origins:
            origins[cell] = Origin.COMPUTED if fmt.is_computed(cell) else Origin.NONE
    checks = run_checks(
        fmt,
        cells,
        previous_year_cells=inputs.previous_year,
        agency_can_issue_rules=inputs.can_issue_rules,
        narrative=inputs.narrative or None,
    )
    return Compiled(fmt, cells, origins, records, checks)


# --- table 二 第二十条第（一）项 from catalogue documents ----------------------------------------------


@dataclass(frozen=True)
class Document:
    """What table 二 needs to know about one published 规章 or 规范性文件."""

    row: str  # "rules" (规章) or "normative" (行政规范性文件 / 2019: 规范性文件)
    reference: str  # 索引号 or title, listed in the drill-down
    issued_on: date  # 成文日期 (else 发布日期)
    published_on: date | None  # 发布日期 on the platform
    ended_on: date | None  # the day it was repealed or expired; None while in force


def count_documents(fmt: ReportFormat, year: int, documents: Iterable[Document]) -> Counted:
    """Table 二 第二十条第（一）项 of ``fmt`` for ``year``.

    2021 format: 本年制发件数 = issued in the year; 本年废止件数 = repealed or expired in the year;
    现行有效件数 = issued by 31 December and not ended by then — so 现行有效 = last year's + 制发 − 废止,
    the continuity ``checks`` verifies. 2019 format: 本年新制作数量 = issued in the year, 本年新公开数量 =
    published in the year, 对外公开总数量 = published by 31 December.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)

    def within(day: date | None) -> bool:
        return day is not None and start <= day <= end

    tests = {
        "issued": lambda d: within(d.issued_on),
        "repealed": lambda d: within(d.ended_on),
        "in_force": lambda d: d.issued_on <= end and (d.ended_on is None or d.ended_on > end),
        "made": lambda d: within(d.issued_on),
        "published": lambda d: within(d.published_on),
        "public_total": lambda d: d.published_on is not None and d.published_on <= end,
    }
    group = fmt.table("二").group_of("normative")
    documents = list(documents)
    values: dict[Cell, Number] = {}
    records: dict[Cell, tuple[str, ...]] = {}
    for row in group.rows:
        for column in group.columns:
            cell = Cell("二", row.key, column.key)
            counted = [d.reference for d in documents if d.row == row.key and tests[column.key](d)]
            values[cell], records[cell] = len(counted), tuple(counted)
    return Counted(values, records)


# --- JSON -----------------------------------------------------------------------------------------


def plain_number(value: Number) -> int | float:
    """A JSON number: integers stay integers, 万元 amounts become floats."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def cell_key(cell: Cell) -> str:
    return "|".join(cell)


def parse_cell_key(key: str) -> Cell:
    table, row, column = key.split("|")
    return Cell(table, row, column)


def check_json(fmt: ReportFormat, result: CheckResult) -> dict[str, object]:
    """A check result with its cell named by the format's statutory labels."""
    cell = None
    if result.cell is not None:
        table = fmt.table(result.cell.table)
        cell = {
            "table": table.title,
            "row": table.row_path(result.cell.row),
            "column": table.column(result.cell.row, result.cell.column).path,
            "key": cell_key(result.cell),
        }
    return {"level": str(result.level), "code": str(result.code), "message": result.message, "cell": cell}


def compiled_json(compiled: Compiled) -> dict[str, object]:
    """Tables → rows → cells, each cell under its exact statutory row and column labels."""
    fmt = compiled.fmt
    tables = []
    for table in fmt.tables:
        rows = []
        for group in table.groups:
            for row in group.rows:
                if row.heading:
                    continue
                cells = []
                for column in group.columns:
                    cell = Cell(table.key, row.key, column.key)
                    cells.append(
                        {
                            "column": column.path,
                            "value": plain_number(compiled.cells[cell]),
                            "source": str(compiled.origins[cell]),
                            "key": cell_key(cell),
                            "records": list(compiled.records.get(cell, ())),
                        }
                    )
                rows.append({"row": table.row_path(row.key), "cells": cells})
        tables.append({"table": table.title, "note": table.note, "rows": rows})
    return {
        "format": {"key": fmt.key, "name": fmt.name, "document": fmt.document},
        "tables": tables,
        "checks": [check_json(fmt, result) for result in compiled.checks],
        "blocking": bool(compiled.blocking),
    }


def figures_json(compiled: Compiled) -> dict[str, object]:
    """What ``AnnualReport.figures`` stores: cells by key, amounts as strings (nothing lost)."""
    return {
        "format": compiled.fmt.key,
        "cells": {cell_key(c): (str(v) if isinstance(v, Decimal) else v) for c, v in compiled.cells.items()},
        "origins": {cell_key(c): str(o) for c, o in compiled.origins.items()},
        "records": {cell_key(c): list(r) for c, r in compiled.records.items() if r},
    }


def cells_from_json(figures: Mapping[str, object]) -> dict[Cell, Number]:
    """The inverse of :func:`figures_json` for the cells (amounts back to ``Decimal``)."""
    cells = figures.get("cells") or {}
    assert isinstance(cells, Mapping)
    return {parse_cell_key(key): Decimal(value) if isinstance(value, str) else value for key, value in cells.items()}
