"""The work lists (due soon, overdue, waiting for the applicant, waiting for a third party), named once
for the back office and the daily digest alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from xxgk.core.workdays import WorkingDayCalendar

DUE_SOON_WORKING_DAYS = 5


@dataclass(frozen=True)
class WorkList:
    key: str
    label: str


WORK_LISTS = (
    WorkList("due_soon", f"{DUE_SOON_WORKING_DAYS}个工作日内到期"),
    WorkList("overdue", "已超期"),
    WorkList("waiting_applicant", "等待申请人"),
    WorkList("waiting_third_party", "等待第三方或其他机关意见"),
)
WORK_LISTS_BY_KEY = {w.key: w for w in WORK_LISTS}


def due_soon_limit(today: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(today, DUE_SOON_WORKING_DAYS).date


def work_list(cases: QuerySet, key: str, today: date, calendar: WorkingDayCalendar) -> QuerySet:
    """``cases`` narrowed to one work list (``cases`` already scoped to what the user may see)."""
    if key == "due_soon":
        return cases.due_between(today, due_soon_limit(today, calendar)).order_by("reply_due", "id")
    if key == "overdue":
        return cases.overdue(today).order_by("reply_due", "id")
    if key == "waiting_applicant":
        return cases.waiting_for_applicant()
    if key == "waiting_third_party":
        return cases.waiting_for_third_party()
    raise KeyError(key)
