"""The daily digest: handlers get their own due-soon and overdue cases, agency admins all of the agency's."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from xxgk.core.models import Role
from xxgk.foi import services
from xxgk.foi.digest import build_digests
from xxgk.foi.tasks import send_daily_digest

D = date.fromisoformat
pytestmark = pytest.mark.django_db
TODAY = D("2025-10-27")


@pytest.fixture
def people(agency_a, agency_b, handler, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    other_admin = make_staff(agency_b, Role.AGENCY_ADMIN)
    for user in (handler, admin, other_admin):
        user.email = f"{user.username}@example.invalid"
        user.save()
    return admin, other_admin


@pytest.fixture
def cases(register, handler):
    due_soon = register(arrived="2025-09-26")  # due 2025-10-30: 3 working days after 10-27
    services.assign(handler, due_soon, handler)
    overdue = register(arrived="2025-08-29")  # due 2025-09-26
    later = register(arrived="2025-10-20")  # due in November: not in the digest
    decided = register(arrived="2025-08-29")
    services.decide(handler, decided, on=D("2025-09-20"), outcome_code="granted")
    return due_soon, overdue, later


def test_who_gets_what(people, cases, handler):
    admin, other_admin = people
    due_soon, overdue, _ = cases
    digests = {d.user: d for d in build_digests(TODAY)}
    assert set(digests) == {handler, admin} and other_admin not in digests
    assert (digests[handler].due_soon, digests[handler].overdue) == ([due_soon], [])
    assert (digests[admin].due_soon, digests[admin].overdue) == ([due_soon], [overdue])


def test_mail_content_and_command(people, cases):
    due_soon, overdue, later = cases
    call_command("foi_digest", "--date", TODAY.isoformat())
    assert len(mail.outbox) == 2
    admin_mail = next(m for m in mail.outbox if m.to == [people[0].email])
    assert "1 件已超期，1 件即将到期" in admin_mail.subject
    assert due_soon.number in admin_mail.body and "答复期限 2025-10-30" in admin_mail.body
    assert overdue.number in admin_mail.body and later.number not in admin_mail.body


def test_the_task_runs_in_process(people, cases):
    result = send_daily_digest.enqueue()
    # run "today" (2026 or later) every open 2025 case is overdue: the handler's one and the admin's three
    assert result.return_value == [2, 0]
    assert len(mail.outbox) == 2
