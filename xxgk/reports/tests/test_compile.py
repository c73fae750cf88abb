"""Table 二 from the catalogue, counted by hand; the compiler's choice of source per cell."""

from datetime import date
from decimal import Decimal

import pytest

from xxgk.reports.checks import Code, Level
from xxgk.reports.compiler import Counted, Document, Inputs, Origin, compile_tables, count_documents
from xxgk.reports.formats import FORMAT_2019, FORMAT_2021, Cell
from xxgk.reports.services import compile_for, save_statistics


def item_1(compiled) -> dict[tuple[str, str], int]:
    return {
        (c.row, c.column): v for c, v in compiled.cells.items() if c.table == "二" and c.row in ("rules", "normative")
    }


# --- pure ---------------------------------------------------------------------------------------

DOCUMENTS = [
    Document("normative", "A", issued_on=date(2020, 3, 1), published_on=date(2020, 3, 5), ended_on=None),
    Document("normative", "B", issued_on=date(2019, 12, 30), published_on=date(2020, 1, 2), ended_on=date(2020, 7, 1)),
    Document("normative", "C", issued_on=date(2018, 1, 1), published_on=date(2018, 1, 2), ended_on=date(2021, 1, 1)),
    Document("rules", "D", issued_on=date(2020, 12, 31), published_on=date(2021, 1, 4), ended_on=None),
]


def test_count_documents_2021_format():
    counted = count_documents(FORMAT_2021, 2020, DOCUMENTS)
    assert counted.values[Cell("二", "normative", "issued")] == 1  # A (B was issued in 2019)
    assert counted.values[Cell("二", "normative", "repealed")] == 1  # B
    assert counted.values[Cell("二", "normative", "in_force")] == 2  # A and C (C ended in 2021)
    assert counted.values[Cell("二", "rules", "issued")] == 1
    assert counted.records[Cell("二", "normative", "in_force")] == ("A", "C")


def test_count_documents_2019_format():
    counted = count_documents(FORMAT_2019, 2020, DOCUMENTS)
    assert counted.values[Cell("二", "normative", "made")] == 1  # A
    assert counted.values[Cell("二", "normative", "published")] == 2  # A and B, published in 2020
    assert counted.values[Cell("二", "normative", "public_total")] == 3  # everything published by 2020-12-31
    assert counted.values[Cell("二", "rules", "published")] == 0  # D went online in 2021


def test_counted_figures_win_and_the_checks_run():
    entered = {
        Cell("二", "normative", "issued"): 9,
        Cell("二", "licensing", "decisions"): 4,
        Cell("三", "new", "commercial"): 2,
    }
    applications = Counted({Cell("三", "new", "natural_person"): 1, Cell("三", "carried_out", "natural_person"): 1})
    compiled = compile_tables(
        FORMAT_2021,
        Inputs(catalogue=count_documents(FORMAT_2021, 2020, DOCUMENTS), applications=applications, entered=entered),
    )
    assert compiled.value("二", "normative", "issued") == 1  # the catalogue, not the entered 9
    assert compiled.value("二", "licensing", "decisions") == 4
    assert compiled.origins[Cell("二", "licensing", "decisions")] == Origin.ENTERED
    assert compiled.value("三", "new", "commercial") == 0  # cases are counted: entered 三 figures are ignored
    assert compiled.value("三", "new", "total") == 1
    assert compiled.origins[Cell("三", "new", "total")] == Origin.COMPUTED
    assert compiled.blocking == []
    broken = compile_tables(FORMAT_2021, Inputs(entered={Cell("三", "new", "natural_person"): 3}))
    assert [(r.level, r.code, r.cell) for r in broken.blocking] == [
        (Level.ERROR, Code.BALANCE, Cell("三", "total", "natural_person"))
    ]


# --- from the database --------------------------------------------------------------------------


@pytest.mark.django_db
def test_table_2_from_the_catalogue(catalogue, agency_a):
    assert item_1(compile_for(agency_a, 2024)) == {
        **{("rules", c): 0 for c in ("issued", "repealed", "in_force")},
        ("normative", "issued"): 1,
        ("normative", "repealed"): 0,
        ("normative", "in_force"): 2,
    }
    compiled = compile_for(agency_a, 2025)
    assert item_1(compiled) == {
        ("rules", "issued"): 1,
        ("rules", "repealed"): 0,
        ("rules", "in_force"): 1,
        ("normative", "issued"): 2,
        ("normative", "repealed"): 1,
        ("normative", "in_force"): 3,
    }
    assert compiled.records[Cell("二", "normative", "repealed")] == (catalogue["N2"].index_number,)
    assert compiled.blocking == []
    assert [r.code for r in compiled.warnings] == [Code.RULES_BY_NON_ISSUER]  # a department reporting 规章


@pytest.mark.django_db
def test_a_2020_report_uses_the_2019_format(catalogue, operator, agency_a):
    save_statistics(
        operator,
        agency_a,
        2020,
        {
            ("二", "licensing", "prev_items"): 3,
            ("二", "licensing", "change"): "-1",
            ("二", "licensing", "decisions"): "95",
            ("二", "procurement", "purchase_amount"): "12.35",
        },
    )
    compiled = compile_for(agency_a, 2020)
    assert compiled.fmt.key == "2019"
    assert compiled.value("二", "licensing", "change") == -1
    assert compiled.value("二", "procurement", "purchase_amount") == Decimal("12.35")
    assert item_1(compiled)[("normative", "made")] == 0  # nothing of the catalogue was issued in 2020
    assert item_1(compiled)[("normative", "public_total")] == 0  # everything went online after 2020
    assert compiled.fmt.table("三").row("other").heading is False  # （六）其他处理 is one row in 2019
