"""条例第二十六条 timeliness, 公示期 and scheduled publication (定时发布 / 到期下线)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from xxgk.catalog import services
from xxgk.catalog.models import Entry
from xxgk.catalog.timeliness import NoticePeriod, publication_timeliness
from xxgk.core.calendar import load_calendar
from xxgk.core.models import AuditEvent, Role
from xxgk.search import backends
from xxgk.search.query import parse_query


def test_twenty_working_days_skip_national_day(db):
    # Formed on 2025-09-26: the National Day week and the 调休 Saturdays decide the date (stack-notes check).
    timeliness = publication_timeliness(date(2025, 9, 26), load_calendar())
    assert timeliness.due == date(2025, 10, 30) and not timeliness.provisional
    assert not timeliness.is_late(date(2025, 10, 30)) and timeliness.is_late(date(2025, 10, 31))
    assert publication_timeliness(None, load_calendar()) is None


def test_a_due_date_in_an_unloaded_year_is_provisional(db):
    assert publication_timeliness(date(2026, 12, 20), load_calendar()).provisional


def test_notice_period_status():
    period = NoticePeriod(date(2026, 3, 2), date(2026, 3, 6))
    assert [period.status(date(2026, 3, d)) for d in (1, 2, 6, 7)] == [
        "公示尚未开始",
        "公示中",
        "公示中",
        "公示期已结束",
    ]


pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(agency_a, make_staff):
    return make_staff(agency_a, Role.DRAFTER)


@pytest.fixture
def leader(agency_a, make_staff):
    return make_staff(agency_a, Role.LEADER)


def _publish(drafter, leader, agency, **fields) -> Entry:
    entry = services.save_draft(drafter, Entry(agency=agency, title=fields.pop("title", "科技项目立项公示"), **fields))
    services.publish(leader, entry)
    entry.refresh_from_db()
    return entry


def test_publication_after_the_deadline_is_flagged(drafter, leader, agency_a):
    today = timezone.localdate()
    late = _publish(drafter, leader, agency_a, formed_on=today - timedelta(days=60))
    on_time = _publish(drafter, leader, agency_a, title="另一条", formed_on=today)
    undated = _publish(drafter, leader, agency_a, title="未填形成日期")
    assert late.published_late and late.publication_due < today
    assert not on_time.published_late and on_time.publication_due > today
    assert not undated.published_late and undated.publication_due is None


def test_notice_period_and_formed_date_are_validated_and_kept(drafter, agency_a):
    with pytest.raises(ValidationError) as error:
        services.save_draft(drafter, Entry(agency=agency_a, title="公示", notice_from=date(2026, 3, 2)))
    assert "公示期须同时填写开始和截止日期。" in error.value.message_dict["notice_until"]
    with pytest.raises(ValidationError) as error:
        services.save_draft(
            drafter,
            Entry(agency=agency_a, title="公示", notice_from=date(2026, 3, 6), notice_until=date(2026, 3, 2)),
        )
    assert "公示截止日期不能早于开始日期。" in error.value.message_dict["notice_until"]
    with pytest.raises(ValidationError) as error:
        tomorrow = timezone.localdate() + timedelta(days=1)
        services.save_draft(drafter, Entry(agency=agency_a, title="公示", formed_on=tomorrow))
    assert "形成日期不能晚于今天。" in error.value.message_dict["formed_on"]
    assert not Entry.objects.exists()


def test_the_document_page_shows_the_notice_period(client, drafter, leader, agency_a):
    today = timezone.localdate()
    entry = _publish(
        drafter, leader, agency_a, notice_from=today - timedelta(days=1), notice_until=today + timedelta(days=4)
    )
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "公示期" in page and "公示中" in page and "可向测试市科学技术局书面反映" in page


def test_scheduled_publication_goes_live_later_and_is_indexed_then(drafter, leader, agency_a):
    go_live_at = timezone.now() + timedelta(days=2)
    entry = services.save_draft(
        drafter, Entry(agency=agency_a, title="关于青藤孵化计划的定时通知", go_live_at=go_live_at)
    )
    services.publish(leader, entry)
    entry.refresh_from_db()
    assert not entry.live and entry.index_number is None
    assert AuditEvent.objects.filter(action="catalog.scheduled", object_id=str(entry.pk)).exists()
    assert not backends.search(parse_query("青藤孵化"))

    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")
    entry.refresh_from_db()
    assert entry.live and entry.index_number
    assert [hit.entry_id for hit in backends.search(parse_query("青藤孵化"))] == [entry.pk]


def test_expiry_takes_an_entry_offline_and_out_of_search(drafter, leader, agency_a):
    expire_at = timezone.now() + timedelta(days=3)
    entry = _publish(drafter, leader, agency_a, title="青藤孵化计划申报通知", expire_at=expire_at)
    assert backends.search(parse_query("青藤孵化"))
    with time_machine.travel(expire_at + timedelta(minutes=1)):
        call_command("publish_scheduled")
    entry.refresh_from_db()
    assert not entry.live and entry.expired
    assert not backends.search(parse_query("青藤孵化"))
