"""The working-day calendar as stored in the database, and its upkeep.

The arithmetic is in ``workdays.py``; this module only turns the table into a
:class:`~xxgk.core.workdays.WorkingDayCalendar` and loads the official years.
"""

from __future__ import annotations

from django.db import transaction

from xxgk.core.models import CalendarDay, CalendarSource, CalendarYear
from xxgk.core.official_calendar import known_years, official_exceptions
from xxgk.core.workdays import DayException, DayKind, WorkingDayCalendar


def load_calendar() -> WorkingDayCalendar:
    """The calendar as it is now in the database (two small queries; the table is a few hundred rows)."""
    exceptions = {
        day: DayException(DayKind(kind), name)
        for day, kind, name in CalendarDay.objects.values_list("date", "kind", "name")
    }
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return WorkingDayCalendar(exceptions, years)


def sync_official_years() -> list[int]:
    """Load every year the ``chinesecalendar`` package knows and the database lacks.

    Years already present (from the package or typed in by staff) are never overwritten.
    Returns the years added.
    """
    present = set(CalendarYear.objects.values_list("year", flat=True))
    added = []
    for year in known_years():
        if year in present:
            continue
        with transaction.atomic():
            calendar_year = CalendarYear.objects.create(
                year=year,
                notice_title=f"国务院办公厅关于{year}年部分节假日安排的通知",
                source=CalendarSource.PACKAGE,
            )
            CalendarDay.objects.bulk_create(
                CalendarDay(calendar_year=calendar_year, date=day, kind=exc.kind, name=exc.name)
                for day, exc in sorted(official_exceptions([year]).items())
            )
        added.append(year)
    return added
