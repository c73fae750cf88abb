"""Registration by channel (条例第三十一条, rules.md §2.2), confirmation, splitting, encryption at rest."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from xxgk.core.models import AuditEvent
from xxgk.foi import services
from xxgk.foi.fields import identity_hash
from xxgk.foi.models import Case, CaseEvent
from xxgk.foi.tests.conftest import VALID_ID, applicant_data
from xxgk.foi.vocabulary import CaseEventType, CaseState

D = date.fromisoformat
pytestmark = pytest.mark.django_db


def test_in_person_is_received_the_day_it_is_handed_in(register):
    case = register("in_person", "2025-09-26")
    assert case.received_on == D("2025-09-26")
    assert case.state == CaseState.OPEN
    assert case.reply_due == D("2025-10-30")  # 20 working days over National Day (stack-notes check)
    assert case.number == "agency-a-2025-00001"
    assert AuditEvent.objects.filter(action="foi.received", object_id=str(case.pk)).exists()


def test_post_is_received_the_day_it_is_signed_for(register):
    case = register("post", "2025-09-29")
    assert case.received_on == D("2025-09-29")
    with pytest.raises(ValidationError) as error:
        register("post", "2025-09-29", received_on=D("2025-09-30"))
    assert "签收" in str(error.value)


@pytest.mark.parametrize("channel", ["ordinary_letter", "online", "fax"])
def test_unsigned_channels_wait_for_confirmation(register, handler, channel):
    case = register(channel, "2025-09-26")
    assert case.received_on is None
    assert case.state == CaseState.WAITING_CONFIRMATION
    assert case.reply_due is None and services.case_clock(case) is None
    attempt_at = timezone.make_aware(datetime(2025, 9, 26, 10, 0))
    services.log_confirmation_attempt(handler, case, attempted_at=attempt_at, method="电话", note="无人接听")
    assert Case.objects.get(pk=case.pk).state == CaseState.WAITING_CONFIRMATION
    services.confirm_receipt(handler, case, on=D("2025-09-29"))
    case.refresh_from_db()
    assert case.received_on == D("2025-09-29")
    assert case.state == CaseState.OPEN
    # counted from 09-30: 09-30(1) [10-01–10-08 off] 10-09(2) 10-10(3) 10-11*(4) 10-13…10-17(5–9)
    # 10-20…10-24(10–14) 10-27…10-31(15–19) 11-03(20)
    assert case.reply_due == D("2025-11-03")
    assert case.confirmation_attempts.count() == 1


def test_other_channel_needs_a_stated_receipt_date(register):
    with pytest.raises(ValidationError) as error:
        register("other", "2025-09-26")
    assert "收到申请之日" in str(error.value)
    assert register("other", "2025-09-26", received_on=D("2025-09-26")).state == CaseState.OPEN


def test_channels_the_agency_did_not_announce_are_refused(register, agency_a):
    agency_a.accepts_fax = False
    agency_a.save()
    with pytest.raises(ValidationError) as error:
        register("fax", "2025-09-26")
    assert "传真" in str(error.value)
    assert not Case.objects.exists()


def test_bad_identity_numbers_are_refused_with_nothing_saved(register):
    with pytest.raises(ValidationError) as error:
        register(applicant=applicant_data(VALID_ID[:-1] + "1"))
    assert "校验位" in str(error.value)
    with pytest.raises(ValidationError):
        register(applicant=applicant_data("91350100M000100Y40", kind="commercial", id_kind="uscc"))
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


def test_passport_is_accepted_without_a_checksum(register):
    case = register(applicant=applicant_data("E12345678", id_kind="passport"))
    assert case.applicant.id_number == "E12345678"


def test_identity_and_contact_are_encrypted_at_rest(register):
    case = register()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, email, address FROM foi_applicant WHERE id = %s", [case.applicant_id])
        raw = cursor.fetchone()
    assert VALID_ID not in "".join(raw)
    assert "13812345678" not in raw[1] and "zhangsan" not in raw[2] and "幸福里" not in raw[3]
    stored = type(case.applicant).objects.get(pk=case.applicant_id)
    assert stored.id_number == VALID_ID and stored.phone == "13812345678"
    assert stored.id_hash == identity_hash(VALID_ID.lower()) != identity_hash("E12345678")
    assert VALID_ID not in stored.id_hash


def test_events_are_append_only(register):
    event = register().events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        CaseEvent.objects.all().delete()


def test_future_and_out_of_order_dates_are_refused(register, handler):
    case = register("online", "2025-09-26")
    with pytest.raises(ValidationError) as error:
        services.confirm_receipt(handler, case, on=D("2025-09-25"))
    assert "早于" in str(error.value)
    with pytest.raises(ValidationError):
        services.confirm_receipt(handler, case, on=timezone.localdate().replace(year=timezone.localdate().year + 1))


def test_split_gives_one_case_per_item_linked_to_the_original(register, handler):
    case = register()
    items = [services.RequestedInfo("2024年项目验收名单"), services.RequestedInfo("专家库名单")]
    children = services.split_case(handler, case, items, on=D("2025-09-29"))
    assert [c.parent for c in children] == [case, case]
    assert [c.received_on for c in children] == [case.received_on] * 2
    assert {c.applicant_id for c in children} == {case.applicant_id}
    assert [c.number for c in children] == ["agency-a-2025-00002", "agency-a-2025-00003"]
    assert children[0].reply_due == case.reply_due  # the receipt date, not the split date, starts the clock
    assert case.events.filter(type=CaseEventType.SPLIT).get().payload["cases"] == [c.number for c in children]
    services.request_correction(handler, case, on=D("2025-09-30"), items="写明年份", reply_by=D("2025-10-20"))
    services.receive_correction(handler, case, on=D("2025-10-09"))
    with pytest.raises(ValidationError) as error:  # the restart would not carry over to a new case
        services.split_case(handler, case, [services.RequestedInfo("另一项")], on=D("2025-10-09"))
    assert "之前" in str(error.value)


def test_only_handlers_register(register, drafter, other_handler, agency_a):
    with pytest.raises(PermissionDenied):
        register(actor=drafter)
    with pytest.raises(PermissionDenied):
        register(actor=other_handler)
    assert not Case.objects.filter(agency=agency_a).exists()


def test_transfer_moves_the_case_and_audits_both_agencies(register, handler, agency_b):
    case = register()
    services.transfer(handler, case, agency_b, reason="申请事项属财政局职责", on=D("2025-09-26"))
    case.refresh_from_db()
    assert case.agency == agency_b and case.handler is None
    assert set(AuditEvent.objects.filter(action="foi.transferred").values_list("agency__code", flat=True)) == {
        "agency-a",
        "agency-b",
    }


def test_an_answered_case_is_never_transferred_even_reopened(register, handler, agency_b):
    """The answering agency is the one whose report and 复议/诉讼 register count the case."""
    case = register()
    services.decide(handler, case, on=D("2025-10-20"), outcome_code="granted")
    services.reopen(handler, case, on=D("2025-10-22"), reason="发现答复遗漏")
    with pytest.raises(ValidationError) as error:
        services.transfer(handler, case, agency_b, reason="申请事项属财政局职责", on=D("2025-10-23"))
    assert "不能移交" in str(error.value)
    case.refresh_from_db()
    assert case.agency.code == "agency-a"
