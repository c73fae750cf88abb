"""The calendar table: loaded by migration, edited by staff, read by the `workdays` command."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from xxgk.core import services
from xxgk.core.calendar import load_calendar, sync_official_years
from xxgk.core.models import AuditEvent, CalendarDay, CalendarYear, Role
from xxgk.core.workdays import DayKind

pytestmark = pytest.mark.django_db


def run_workdays(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("workdays", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return out.getvalue(), code


def test_migration_loaded_the_official_years():
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert {2004, 2024, 2025, 2026} <= years
    assert CalendarDay.objects.get(date=date(2025, 10, 11)).kind == DayKind.WORKDAY
    assert CalendarDay.objects.get(date=date(2026, 2, 17)).name == "春节"
    assert sync_official_years() == []  # nothing missing, nothing overwritten


def test_workdays_command_explains_national_day():
    out, code = run_workdays("2025-09-26", "20", "--explain")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2025-10-30"
    assert "  跳过法定节假日 2025-10-01（星期三，国庆节）" in lines
    assert "  计入调休工作日 2025-10-11（星期六）" in lines


def test_workdays_command_spring_festival_2026():
    out, code = run_workdays("2026-02-13", "2")
    assert (out.strip(), code) == ("2026-02-24", 0)


def test_workdays_command_provisional_year_exits_3():
    out, code = run_workdays("2026-12-10", "20")
    assert (out.strip(), code) == ("2027-01-07 provisional", 3)


def test_workdays_between():
    assert run_workdays("--between", "2025-09-26", "2025-10-30") == ("20\n", 0)


def test_workdays_bad_date_is_explained():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("workdays", "2025-13-01", "5")


def test_staff_enter_the_2027_notice(operator, city, make_staff):
    keeper = make_staff(city, Role.CITY_OFFICE)
    year = CalendarYear(year=2027, notice_title="国务院办公厅关于2027年部分节假日安排的通知",
                        notice_number="国办发明电〔2026〕7号")
    year.days = [CalendarDay(date=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
                 CalendarDay(date=date(2027, 1, 9), kind=DayKind.WORKDAY, name="春节")]
    services.save_calendar_year(keeper, year)
    calendar = load_calendar()
    assert calendar.is_loaded(2027)
    result = calendar.add_working_days(date(2026, 12, 31), 1)
    assert (result.date, result.provisional) == (date(2027, 1, 4), False)
    event = AuditEvent.objects.get(action="core.calendar_year_saved")
    assert event.actor == keeper
    assert event.changes["days"][1] == ["2027-01-01 holiday 元旦", "2027-01-09 workday 春节"]
    assert run_workdays("2026-12-31", "1")[0].strip() == "2027-01-04"


def test_a_weekday_cannot_be_a_makeup_day(operator):
    year = CalendarYear(year=2027, notice_title="通知")
    year.days = [CalendarDay(date=date(2027, 1, 5), kind=DayKind.WORKDAY)]
    with pytest.raises(ValidationError, match="调休上班日应为周六或周日"):
        services.save_calendar_year(operator, year)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_day_outside_its_year_is_refused(operator):
    year = CalendarYear(year=2027, notice_title="通知")
    year.days = [CalendarDay(date=date(2028, 1, 1), kind=DayKind.HOLIDAY)]
    with pytest.raises(ValidationError, match="2027"):
        services.save_calendar_year(operator, year)


def test_agency_staff_cannot_edit_the_calendar(agency_a, make_staff):
    drafter = make_staff(agency_a, Role.AGENCY_ADMIN)
    with pytest.raises(PermissionDenied):
        services.save_calendar_year(drafter, CalendarYear(year=2027, notice_title="通知"))
