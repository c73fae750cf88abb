"""Drafts stay private; publication fixes the 索引号 once; interpretations go live with their document."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xxgk.catalog import services
from xxgk.catalog.models import Entry, StatutoryItem
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(agency_a, make_staff):
    return make_staff(agency_a, Role.DRAFTER)


@pytest.fixture
def leader(agency_a, make_staff):
    return make_staff(agency_a, Role.LEADER)


def draft(drafter, agency, **fields) -> Entry:
    fields.setdefault("title", "关于印发《测试市科技计划项目管理办法》的通知")
    return services.save_draft(drafter, Entry(agency=agency, **fields))


def test_a_draft_is_not_public_and_has_no_index_number(drafter, agency_a):
    entry = draft(drafter, agency_a, kind=EntryKind.NORMATIVE, document_number="测科发〔2026〕3号")
    assert entry.live is False and entry.index_number is None
    assert not Entry.objects.public().exists()
    assert AuditEvent.objects.filter(action="catalog.drafted", actor=drafter).exists()


def test_publishing_allocates_the_index_number_once(drafter, leader, agency_a):
    entry = draft(drafter, agency_a, kind=EntryKind.NORMATIVE)
    entry.statutory_items.set([StatutoryItem.objects.get(number=1)])
    services.publish(leader, entry)
    entry.refresh_from_db()
    assert entry.live and entry.published_on is not None
    assert entry.index_number == f"agency-a/{entry.published_on.year}-00001"
    first = entry.index_number
    # A later edit republished keeps the number; a second entry gets the next one.
    entry.summary = "修订了申报条件。"
    services.save_draft(drafter, entry)
    services.publish(leader, entry)
    entry.refresh_from_db()
    assert entry.index_number == first
    other = draft(drafter, agency_a, title="第二份文件")
    services.publish(leader, other)
    other.refresh_from_db()
    assert other.index_number.endswith("-00002")
    assert list(Entry.objects.public().filter(statutory_items__number=1)) == [entry]


def test_an_interpretation_goes_live_with_its_document(drafter, leader, agency_a):
    document = draft(drafter, agency_a, kind=EntryKind.NORMATIVE)
    reading = draft(
        drafter,
        agency_a,
        title="《测试市科技计划项目管理办法》政策解读",
        kind=EntryKind.INTERPRETATION,
        interprets=document,
    )
    services.publish(leader, reading)
    document.refresh_from_db()
    assert document.live and list(document.interpretations.all()) == [reading]


def test_an_interpretation_must_name_its_document(drafter, agency_a):
    with pytest.raises(ValidationError, match="必须指明所解读的文件"):
        draft(drafter, agency_a, kind=EntryKind.INTERPRETATION)
    assert not Entry.objects.exists()


def test_only_the_leader_publishes_and_only_drafters_draft(drafter, agency_a, agency_b, make_staff):
    entry = draft(drafter, agency_a)
    with pytest.raises(PermissionDenied):
        services.publish(drafter, entry)
    with pytest.raises(PermissionDenied):
        services.publish(make_staff(agency_b, Role.LEADER), entry)
    with pytest.raises(PermissionDenied):
        draft(make_staff(agency_b, Role.DRAFTER), agency_a)


def test_withdrawal_keeps_the_number_and_needs_a_reason(drafter, leader, agency_a):
    entry = draft(drafter, agency_a)
    services.publish(leader, entry)
    with pytest.raises(ValidationError):
        services.withdraw(leader, entry, "  ")
    services.withdraw(leader, entry, "文件内容有误，重新印发")
    entry.refresh_from_db()
    assert entry.withdrawn_at and entry.index_number
    assert not Entry.objects.public().exists()
    with pytest.raises(ValidationError):
        services.publish(leader, entry)


def test_withheld_needs_a_ground(drafter, agency_a):
    with pytest.raises(ValidationError, match="依据"):
        draft(drafter, agency_a, disclosure="withheld")


def test_failed_publication_leaves_no_number_behind(drafter, leader, agency_a):
    entry = draft(drafter, agency_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.publish(leader, entry)
        raise RuntimeError("something after publication failed")
    entry.refresh_from_db()
    assert entry.index_number is None and not entry.live
    services.publish(leader, entry)
    entry.refresh_from_db()
    assert entry.index_number.endswith("-00001")  # the rolled-back number was not lost
    assert entry.validity == Validity.VALID
