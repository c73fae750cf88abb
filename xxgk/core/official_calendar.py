"""The official holiday + 调休 table as published by the State Council, from ``chinesecalendar``.

The package knows 2004 up to its last release's year (2026 for 1.11.0) and raises for later years;
newer years are entered by staff from the notice (国务院办公厅关于某年部分节假日安排的通知).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import chinese_calendar
from chinese_calendar.constants import Holiday

from xxgk.core.workdays import DayException, DayKind, WorkingDayCalendar

# The package names holidays in English; the notice (and our letters) use the Chinese names.
HOLIDAY_NAMES_ZH = {holiday.value: holiday.chinese for holiday in Holiday}


def known_years() -> range:
    """The years the installed package has a notice for."""
    years = {d.year for d in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def official_exceptions(years: Iterable[int]) -> dict[date, DayException]:
    """Every date in ``years`` that differs from the Monday–Friday rule."""
    wanted = set(years)
    table: dict[date, DayException] = {}
    for day, name in chinese_calendar.holidays.items():
        if day.year in wanted:
            table[day] = DayException(DayKind.HOLIDAY, HOLIDAY_NAMES_ZH.get(name, name))
    for day, name in chinese_calendar.workdays.items():
        if day.year in wanted and day.weekday() >= 5:
            table[day] = DayException(DayKind.WORKDAY, HOLIDAY_NAMES_ZH.get(name, name))
    return table


def official_calendar(years: Iterable[int]) -> WorkingDayCalendar:
    """A calendar with the package's data for ``years`` (handy for tests and scripts)."""
    years = [y for y in years if y in known_years()]
    return WorkingDayCalendar(official_exceptions(years), frozenset(years))
