"""Due dates (条例第四十九条) and the city's sums — pure."""

from datetime import date
from decimal import Decimal

from xxgk.reports.formats import FORMAT_2021, Cell
from xxgk.reports.rollup import due_banner, due_date, is_late, sum_cells


def test_due_date_and_lateness():
    assert due_date(2025) == date(2026, 1, 31)
    assert not is_late(2025, date(2026, 1, 31), today=date(2026, 6, 1))
    assert is_late(2025, date(2026, 2, 1), today=date(2026, 2, 1))
    assert not is_late(2025, None, today=date(2026, 1, 31))
    assert is_late(2025, None, today=date(2026, 2, 1))


def test_banner_from_december_to_the_due_date():
    assert due_banner(date(2026, 12, 1)) == "2026年度政府信息公开工作年度报告应于2027年01月31日前发布。"
    assert due_banner(date(2027, 1, 31)).startswith("2026年度")
    assert due_banner(date(2027, 2, 1)) == "" and due_banner(date(2026, 11, 30)) == ""


def test_sum_cells_adds_every_cell():
    a = {Cell("三", "new", "natural_person"): 2, Cell("二", "fees", "fee_amount"): Decimal("1.5")}
    b = {Cell("三", "new", "natural_person"): 3, Cell("二", "fees", "fee_amount"): Decimal("0.25")}
    totals = sum_cells(FORMAT_2021, [a, b])
    assert totals[Cell("三", "new", "natural_person")] == 5
    assert totals[Cell("二", "fees", "fee_amount")] == Decimal("1.75")
    assert totals[Cell("四", "cases", "review_total")] == 0 and len(totals) == len(list(FORMAT_2021.cells()))
