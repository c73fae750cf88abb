"""Structural invariants as Django system checks (style.md §8)."""

from __future__ import annotations

from datetime import date

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def calendar_years_loaded(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Warn when this year or next has no official holiday notice loaded: deadlines become provisional."""
    from xxgk.core.models import CalendarYear

    try:
        loaded = set(CalendarYear.objects.values_list("year", flat=True))
    except DatabaseError:  # not migrated yet
        return []
    this_year = date.today().year
    missing = [y for y in (this_year, this_year + 1) if y not in loaded]
    return [
        checks.Warning(
            f"{year}年节假日安排尚未录入：该年的期限只能按周一至周五推算并标为暂定。",
            hint="在后台“节假日安排”中录入国务院办公厅当年的通知。",
            id="xxgk.W001",
        )
        for year in missing
    ]
