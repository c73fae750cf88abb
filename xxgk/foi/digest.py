"""The daily digest: each handler gets the due-soon and overdue cases assigned to them, each agency
administrator those of the whole agency (unassigned ones included). One e-mail per person.

Run by ``manage.py foi_digest`` from cron (production, e.g. ``30 7 * * 1-5``) or enqueued as the
``xxgk.foi.tasks.send_daily_digest`` task (in-process by default, on the worker in production).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from xxgk.core.calendar import load_calendar
from xxgk.core.models import Membership, Role
from xxgk.core.workdays import WorkingDayCalendar
from xxgk.foi.models import Case
from xxgk.foi.worklists import DUE_SOON_WORKING_DAYS, work_list


@dataclass
class Digest:
    user: object
    due_soon: list[Case] = field(default_factory=list)
    overdue: list[Case] = field(default_factory=list)

    def subject(self, today: date) -> str:
        return f"依申请公开待办提醒（{today:%Y-%m-%d}）：{len(self.overdue)} 件已超期，{len(self.due_soon)} 件即将到期"

    def body(self, today: date) -> str:
        lines = [f"{self.user.first_name or self.user.get_username()}：", ""]
        for title, cases in (("已超期", self.overdue), (f"{DUE_SOON_WORKING_DAYS}个工作日内到期", self.due_soon)):
            lines.append(f"【{title}】{len(cases)} 件")
            for c in cases:
                provisional = "（暂定）" if c.reply_due_provisional else ""
                handler = c.handler.get_username() if c.handler else "未指定承办人"
                lines.append(
                    f"  {c.number}  {c.information_name}  答复期限 {c.reply_due:%Y-%m-%d}{provisional}  {handler}"
                )
            lines.append("")
        lines.append(f"后台：{settings.WAGTAILADMIN_BASE_URL}/admin/foi/")
        return "\n".join(lines)


def build_digests(today: date, calendar: WorkingDayCalendar | None = None) -> list[Digest]:
    """Who should hear about which cases today (people with nothing due get no digest)."""
    calendar = calendar or load_calendar()
    cases = Case.objects.select_related("agency", "handler")
    lists = {key: list(work_list(cases, key, today, calendar)) for key in ("due_soon", "overdue")}
    admins: dict[int, set[int]] = defaultdict(set)  # agency → admin user ids
    for agency_id, user_id in Membership.objects.filter(role=Role.AGENCY_ADMIN).values_list("agency_id", "user_id"):
        admins[agency_id].add(user_id)
    wanted: dict[int, dict[str, list[Case]]] = defaultdict(lambda: {"due_soon": [], "overdue": []})
    for key, found in lists.items():
        for case in found:
            recipients = admins[case.agency_id] | ({case.handler_id} if case.handler_id else set())
            for user_id in recipients:
                wanted[user_id][key].append(case)
    users = get_user_model().objects.filter(pk__in=wanted, is_active=True).order_by("pk")
    return [Digest(user, **wanted[user.pk]) for user in users]


def send_digests(today: date) -> tuple[int, int]:
    """Send each digest by e-mail; returns (sent, skipped because the person has no e-mail address)."""
    sent = skipped = 0
    for digest in build_digests(today):
        if not digest.user.email:
            skipped += 1
            continue
        send_mail(digest.subject(today), digest.body(today), None, [digest.user.email])
        sent += 1
    return sent, skipped
