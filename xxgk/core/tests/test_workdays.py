"""The pure working-day arithmetic, on the official notices (dates checked against the notices by hand)."""

from datetime import date

import pytest

from xxgk.core.official_calendar import official_calendar
from xxgk.core.workdays import DayException, DayKind, WorkingDayCalendar


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return official_calendar(range(2024, 2027))


def test_2025_national_day_with_makeup_days(cal):
    # 2025-10-01..08 off (国庆+中秋); Sun 09-28 and Sat 10-11 are working days.
    assert cal.is_working_day(date(2025, 9, 28))
    assert cal.is_working_day(date(2025, 10, 11))
    assert not cal.is_working_day(date(2025, 10, 8))
    result = cal.add_working_days(date(2025, 9, 26), 20)
    # 09-28, 09-29, 09-30 (3), 10-09, 10-10, 10-11 (6), 10-13..17 (11), 10-20..24 (16), 10-27..30 (20)
    assert result.date == date(2025, 10, 30)
    assert not result.provisional
    assert result.makeup_days == (date(2025, 9, 28), date(2025, 10, 11))
    assert [d.day for d in result.skipped_holidays] == [
        date(2025, 10, 1), date(2025, 10, 2), date(2025, 10, 3),
        date(2025, 10, 6), date(2025, 10, 7), date(2025, 10, 8),
    ]
    assert "计入调休工作日 2025-09-28（星期日）" in result.explanation()


def test_2026_spring_festival_saturdays_are_working_days(cal):
    assert cal.is_working_day(date(2026, 2, 14))
    assert cal.is_working_day(date(2026, 2, 28))
    assert not cal.is_working_day(date(2026, 2, 16))  # 春节
    # After Fri 2026-02-13: Sat 02-14 is day 1, then off 02-15..02-23, Tue 02-24 day 2.
    assert cal.add_working_days(date(2026, 2, 13), 1).date == date(2026, 2, 14)
    assert cal.add_working_days(date(2026, 2, 13), 2).date == date(2026, 2, 24)


def test_year_without_notice_is_provisional(cal):
    result = cal.add_working_days(date(2026, 12, 10), 20)
    # Dec 11..31 has 15 weekdays; 2027 by Monday–Friday: Jan 1 (Fri) 16, Jan 4..7 → 20.
    assert result.date == date(2027, 1, 7)
    assert result.provisional
    assert result.unloaded_years == (2027,)
    assert "2027年节假日安排尚未录入" in result.explanation()[-1]


def test_counting_from_the_trigger_day_itself(cal):
    assert cal.add_working_days(date(2025, 9, 26), 20, include_start=True).date == date(2025, 10, 29)
    # A trigger day that is a holiday does not count even when counting includes it.
    assert cal.add_working_days(date(2025, 10, 3), 1, include_start=True).date == date(2025, 10, 9)


def test_zero_and_negative(cal):
    assert cal.add_working_days(date(2025, 5, 5), 0).date == date(2025, 5, 5)
    with pytest.raises(ValueError):
        cal.add_working_days(date(2025, 5, 5), -1)


def test_working_days_between(cal):
    assert cal.working_days_between(date(2025, 9, 26), date(2025, 10, 30)) == (20, False)
    assert cal.working_days_between(date(2025, 9, 26), date(2025, 9, 26)) == (0, False)
    assert cal.working_days_between(date(2026, 12, 30), date(2027, 1, 4)) == (3, True)


def test_manual_exceptions_override_the_weekday_rule():
    cal = WorkingDayCalendar(
        {date(2027, 1, 1): DayException(DayKind.HOLIDAY, "元旦"), date(2027, 1, 9): DayException(DayKind.WORKDAY)},
        frozenset({2027}),
    )
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.is_working_day(date(2027, 1, 9))
    assert cal.add_working_days(date(2026, 12, 31), 1).date == date(2027, 1, 4)
