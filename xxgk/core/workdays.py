"""Working days on the official Chinese calendar — a pure module, no database.

条例 counts every period in 工作日: Monday–Friday, minus 法定节假日, plus the weekend days the
State Council's yearly notice turns into working days (调休). Weekday arithmetic alone is wrong
twice a year, so every rule that counts days goes through :class:`WorkingDayCalendar`.

The calendar only knows the years whose notice is loaded. A date in any other year is computed on
the Monday–Friday rule and the answer is marked *provisional* — never silently guessed.
The database-backed loader lives in ``xxgk.core.calendar``; this module only does arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # 法定节假日 (a day off, weekday or not)
    WORKDAY = "workday"  # 调休上班 (a weekend day that is a working day)


@dataclass(frozen=True)
class DayException:
    """One date that differs from the Monday–Friday rule, as the year's notice says."""

    kind: DayKind
    name: str = ""  # e.g. 国庆节, 春节


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str  # 周末, or the holiday's name


@dataclass(frozen=True)
class CountResult:
    """A computed date with everything needed to explain it to a person."""

    date: date
    provisional: bool
    skipped_holidays: tuple[SkippedDay, ...] = ()  # weekdays skipped because of a holiday
    makeup_days: tuple[date, ...] = ()  # weekend days counted because of 调休
    unloaded_years: tuple[int, ...] = ()

    def explanation(self) -> list[str]:
        lines = [
            f"跳过法定节假日 {d.day.isoformat()}（{WEEKDAY_NAMES[d.day.weekday()]}，{d.reason}）"
            for d in self.skipped_holidays
        ]
        lines += [f"计入调休工作日 {d.isoformat()}（{WEEKDAY_NAMES[d.weekday()]}）" for d in self.makeup_days]
        for year in self.unloaded_years:
            lines.append(f"{year}年节假日安排尚未录入，按周一至周五推算，结果为暂定日期")
        return lines


@dataclass(frozen=True)
class WorkingDayCalendar:
    """The exceptions table plus the set of years whose official notice is loaded."""

    exceptions: Mapping[date, DayException] = field(default_factory=dict)
    loaded_years: frozenset[int] = frozenset()

    def is_loaded(self, year: int) -> bool:
        return year in self.loaded_years

    def is_working_day(self, day: date) -> bool:
        exception = self.exceptions.get(day)
        if exception is not None:
            return exception.kind == DayKind.WORKDAY
        return day.weekday() < 5

    def working_days_after(self, start: date) -> Iterator[date]:
        """Working days strictly after ``start``, in order, forever."""
        day = start
        while True:
            day += timedelta(days=1)
            if self.is_working_day(day):
                yield day

    def add_working_days(self, start: date, n: int, *, include_start: bool = False) -> CountResult:
        """The date ``n`` working days after ``start``.

        Counting begins the day after ``start`` (rules.md §2.3, the default); with
        ``include_start`` a working ``start`` day is itself day 1. ``n == 0`` returns ``start``.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        day = start if include_start else start + timedelta(days=1)
        if n == 0:
            return self._result(start, start)
        first, count = day, 0
        while True:
            if self.is_working_day(day):
                count += 1
                if count == n:
                    return self._result(first, day)
            day += timedelta(days=1)

    def working_days_between(self, start: date, end: date) -> tuple[int, bool]:
        """Working days from the day after ``start`` through ``end``, and whether provisional."""
        if end <= start:
            return 0, False
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        unloaded = self._unloaded_years(start + timedelta(days=1), end)
        return count, bool(unloaded)

    def _unloaded_years(self, first: date, last: date) -> tuple[int, ...]:
        return tuple(y for y in range(first.year, last.year + 1) if y not in self.loaded_years)

    def _result(self, first: date, last: date) -> CountResult:
        skipped: list[SkippedDay] = []
        makeup: list[date] = []
        day = first
        while day <= last:
            exception = self.exceptions.get(day)
            if exception is not None:
                if exception.kind == DayKind.HOLIDAY and day.weekday() < 5:
                    skipped.append(SkippedDay(day, exception.name or "法定节假日"))
                elif exception.kind == DayKind.WORKDAY and day.weekday() >= 5:
                    makeup.append(day)
            day += timedelta(days=1)
        unloaded = self._unloaded_years(first, last)
        return CountResult(
            date=last,
            provisional=bool(unloaded),
            skipped_holidays=tuple(skipped),
            makeup_days=tuple(makeup),
            unloaded_years=unloaded,
        )
