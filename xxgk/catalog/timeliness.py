"""Publication timeliness (条例第二十六条): information is published within 20 working days of the day it is
formed or changed. Pure rules over the working-day calendar; the entry stores the result at first publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xxgk.core.workdays import WorkingDayCalendar

PUBLICATION_PERIOD_WORKING_DAYS = 20


@dataclass(frozen=True)
class Timeliness:
    due: date  # the last day on which publication is on time
    provisional: bool  # a year on the way has no holiday table yet

    def is_late(self, published_on: date) -> bool:
        return published_on > self.due

    def days_left(self, today: date, calendar: WorkingDayCalendar) -> int:
        """Working days from today to the due date (negative once overdue)."""
        if today <= self.due:
            return calendar.working_days_between(today, self.due)[0]
        return -calendar.working_days_between(self.due, today)[0]


def publication_timeliness(formed_on: date | None, calendar: WorkingDayCalendar) -> Timeliness | None:
    """The deadline of an item formed (or changed) on ``formed_on``; None when the date is not recorded."""
    if formed_on is None:
        return None
    result = calendar.add_working_days(formed_on, PUBLICATION_PERIOD_WORKING_DAYS)
    return Timeliness(due=result.date, provisional=result.provisional)


@dataclass(frozen=True)
class NoticePeriod:
    """A 公示期 (科技项目 立项/验收, 双公示 …): objections are received from ``start`` to ``end`` inclusive."""

    start: date
    end: date

    def status(self, today: date) -> str:
        if today < self.start:
            return "公示尚未开始"
        if today <= self.end:
            return "公示中"
        return "公示期已结束"
