"""Handling steps through the services: order validation, the clock on a case, fees, answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.core.calendar import load_calendar
from xxgk.foi import services
from xxgk.foi.clock import scenario_from_json
from xxgk.foi.models import Case, Decision
from xxgk.foi.tests.conftest import applicant_data
from xxgk.foi.vocabulary import CaseState

D = date.fromisoformat
pytestmark = pytest.mark.django_db


def test_the_clock_on_a_case_is_the_pure_clock_on_its_events(register, handler, leader):
    case = register("in_person", "2025-09-26")
    services.request_correction(handler, case, on=D("2025-09-29"), items="请写明项目名称", reply_by=D("2025-10-20"))
    services.receive_correction(handler, case, on=D("2025-10-13"))
    services.send_consultation(handler, case, on=D("2025-10-20"), party="某科技公司", party_kind="third_party")
    services.answer_consultation(handler, case, on=D("2025-10-24"), party="某科技公司", opinion="同意", agrees=True)
    services.request_extension(handler, case, on=D("2025-11-03"), days=20, reason="涉及多个年度档案")
    services.approve_extension(leader, case, on=D("2025-11-03"))
    expected_scenario = {
        "received": "2025-09-26",
        "events": [
            {"type": "correction_requested", "date": "2025-09-29"},
            {"type": "correction_received", "date": "2025-10-13"},
            {"type": "consultation_sent", "date": "2025-10-20", "party": "某科技公司"},
            {"type": "consultation_answered", "date": "2025-10-24", "party": "某科技公司"},
            {"type": "extension_approved", "date": "2025-11-03", "days": 20},
        ],
        "settings": {"count_from_next_day": True, "fee_wait_pauses_clock": True},
    }
    assert services.case_scenario_json(case) == expected_scenario
    pure = scenario_from_json(expected_scenario).compute(load_calendar())
    assert services.case_clock(case) == pure
    # by hand: restart after 10-13 → 20 working days 10-14…11-10; the pause 10-21…10-24 (4 days) moves it
    # to 11-14; the extension adds 20 more from 11-17 → 12-12.
    case.refresh_from_db()
    assert case.reply_due == pure.reply_due == D("2025-12-12")
    assert case.state == CaseState.OPEN


def test_correction_received_needs_a_request(register, handler):
    case = register()
    with pytest.raises(ValidationError) as error:
        services.receive_correction(handler, case, on=D("2025-10-13"))
    assert "待补正" not in str(error.value) and "办理中" in str(error.value)


def test_only_one_correction_notice(register, handler):
    case = register()
    services.request_correction(handler, case, on=D("2025-09-29"), items="写明年份", reply_by=D("2025-10-20"))
    services.receive_correction(handler, case, on=D("2025-10-09"))
    with pytest.raises(ValidationError) as error:
        services.request_correction(handler, case, on=D("2025-10-10"), items="再补", reply_by=D("2025-10-20"))
    assert "一次性告知" in str(error.value)  # the clock's own message (条例第三十条)


def test_extension_needs_the_leader_and_at_most_20_days(register, handler, leader):
    case = register()
    with pytest.raises(ValidationError):
        services.request_extension(handler, case, on=D("2025-10-20"), days=21, reason="多")
    services.request_extension(handler, case, on=D("2025-10-20"), days=10, reason="档案多")
    with pytest.raises(PermissionDenied):
        services.approve_extension(handler, case, on=D("2025-10-20"))
    services.approve_extension(leader, case, on=D("2025-10-20"))
    services.request_extension(handler, case, on=D("2025-10-21"), days=11, reason="还要更多")
    with pytest.raises(ValidationError) as error:
        services.approve_extension(leader, case, on=D("2025-10-21"))
    assert "累计超过法定上限" in str(error.value)


def test_the_leader_may_refuse_an_extension(register, handler, leader):
    case = register()
    services.request_extension(handler, case, on=D("2025-10-20"), days=10, reason="档案多")
    with pytest.raises(PermissionDenied):
        services.refuse_extension(handler, case, on=D("2025-10-20"), note="不必")
    services.refuse_extension(leader, case, on=D("2025-10-20"), note="材料不多，按期答复")
    with pytest.raises(ValidationError):
        services.approve_extension(leader, case, on=D("2025-10-21"))
    case.refresh_from_db()
    assert case.reply_due == D("2025-10-30")
    services.request_extension(handler, case, on=D("2025-10-21"), days=5, reason="新情况")  # may ask again


def test_extension_after_the_due_date_is_refused(register, handler, leader):
    case = register()  # reply due 2025-10-30
    services.request_extension(handler, case, on=D("2025-10-31"), days=5, reason="迟了")
    with pytest.raises(ValidationError) as error:
        services.approve_extension(leader, case, on=D("2025-10-31"))
    assert "届满" in str(error.value)


def test_per_item_fee_counts_the_applicants_cases_in_the_month(register, handler, agency_a):
    cases = [register(arrived=f"2025-10-{day:02d}") for day in (9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23)]
    other_person = register(arrived="2025-10-09", applicant=applicant_data("E12345678", id_kind="passport"))
    register(arrived="2025-09-30")  # last month: does not count
    eleventh = cases[-1]
    assert services.applicant_items_before(eleventh) == 10
    assert services.applicant_items_before(other_person) == 0
    with pytest.raises(ValidationError) as error:
        services.send_fee_notice(handler, cases[9], on=D("2025-10-23"), method="per_item")
    assert "0元" in str(error.value)  # the 10th 件 is free
    notice = services.send_fee_notice(handler, eleventh, on=D("2025-10-24"), method="per_item")
    assert notice.amount == Decimal(100) and notice.month_items_before == 10
    with pytest.raises(ValidationError):  # never both methods on one application
        services.send_fee_notice(handler, eleventh, on=D("2025-10-24"), method="per_page", pages=120)
    assert Case.objects.get(pk=eleventh.pk).state == CaseState.WAITING_FEE


def test_per_page_fee_and_the_fee_wait(register, handler):
    case = register()
    notice = services.send_fee_notice(handler, case, on=D("2025-10-09"), method="per_page", pages=120)
    assert notice.amount == Decimal(70 * 10 + 20 * 20)
    with pytest.raises(ValidationError):
        services.record_fee_payment(handler, case, on=D("2025-10-10"), receipt_number="No.1")
    services.deliver_fee_notice(handler, case, on=D("2025-10-10"))
    services.record_fee_payment(handler, case, on=D("2025-10-15"), receipt_number="No.1")
    case.refresh_from_db()
    assert case.state == CaseState.OPEN
    # paused after 10-10 through 10-15: 10-11* (make-up Saturday), 10-13, 10-14, 10-15 not counted
    # → 4 more after 2025-10-30: 10-31, 11-03, 11-04, 11-05
    assert case.reply_due == D("2025-11-05")


def test_partial_decision_records_what_was_withheld(register, handler):
    case = register()
    with pytest.raises(ValidationError) as error:
        services.decide(handler, case, on=D("2025-10-20"), outcome_code="partial")
    assert "不予公开的内容" in str(error.value)
    decision = services.decide(
        handler,
        case,
        on=D("2025-10-20"),
        outcome_code="partial",
        withheld="项目申报人的身份证号码",
        withheld_ground="deny_third_party",
    )
    assert decision.legal_basis == "《中华人民共和国政府信息公开条例》第三十七条"
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED
    services.close(handler, case, on=D("2025-10-21"))
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    services.reopen(handler, case, on=D("2025-12-01"), reason="复议决定责令重新答复")
    case.refresh_from_db()
    assert case.state == CaseState.OPEN and case.decisions.count() == 1


def test_no_correction_closes_only_after_the_period_and_a_handlers_confirmation(register, handler):
    case = register()
    services.request_correction(handler, case, on=D("2025-09-29"), items="写明年份", reply_by=D("2025-10-20"))
    with pytest.raises(ValidationError):
        services.close_lapsed_correction(handler, case, on=D("2025-10-20"))
    assert services.lapsed_corrections(Case.objects.all(), D("2025-10-21")) == [case]
    services.close_lapsed_correction(handler, case, on=D("2025-10-21"))
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert Decision.objects.get(case=case).outcome == "other_no_correction"


def test_a_consultation_lapse_before_its_15_days_is_refused(register, handler):
    case = register()
    services.send_consultation(handler, case, on=D("2025-10-09"), party="市财政局", party_kind="agency")
    with pytest.raises(ValidationError) as error:
        services.lapse_consultation(handler, case, on=D("2025-10-20"), party="市财政局")
    assert "届满" in str(error.value)
    services.lapse_consultation(handler, case, on=D("2025-10-31"), party="市财政局")
    assert Case.objects.get(pk=case.pk).state == CaseState.OPEN


def test_nothing_half_saved_when_the_clock_refuses(register, handler, leader):
    case = register()
    services.request_extension(handler, case, on=D("2025-10-31"), days=5, reason="迟了")
    before = case.events.count()
    with pytest.raises(ValidationError):
        services.approve_extension(leader, case, on=D("2025-10-31"))
    assert case.events.count() == before


def test_remedies_register(register, handler):
    case = register()
    with pytest.raises(ValidationError):
        services.record_remedy(handler, case, kind="review", filed_on=D("2025-11-01"))
    services.decide(handler, case, on=D("2025-10-20"), outcome_code="deny_process")
    remedy = services.record_remedy(handler, case, kind="review", filed_on=D("2025-11-01"), body="朝阳市人民政府")
    assert remedy.get_result_display() == "尚未审结"
    services.conclude_remedy(handler, remedy, result="upheld", concluded_on=D("2025-12-20"))
    remedy.refresh_from_db()
    assert remedy.get_result_display() == "结果维持" and remedy.get_kind_display() == "行政复议"


def test_fee_unpaid_closes_only_after_the_payment_period(register, handler):
    case = register()
    services.send_fee_notice(handler, case, on=D("2025-10-09"), method="per_page", pages=40)
    with pytest.raises(ValidationError) as error:
        services.decide(handler, case, on=D("2025-10-10"), outcome_code="other_fee_unpaid")
    assert "尚未送达" in str(error.value)
    services.deliver_fee_notice(handler, case, on=D("2025-10-10"))
    # 20 working days from the day after delivery: 10-11*(1) 10-13…10-17(2–6) 10-20…10-24(7–11)
    # 10-27…10-31(12–16) 11-03…11-06(17–20)
    assert services.case_clock(case).fee_payment_due == D("2025-11-06")
    with pytest.raises(ValidationError):
        services.decide(handler, case, on=D("2025-11-06"), outcome_code="other_fee_unpaid")
    with pytest.raises(ValidationError):  # waiting for the fee: only the lapse (or 其他) can answer it
        services.decide(handler, case, on=D("2025-11-10"), outcome_code="granted")
    services.decide(handler, case, on=D("2025-11-10"), outcome_code="other_fee_unpaid")
    assert Case.objects.get(pk=case.pk).state == CaseState.DECIDED


def test_article_35_later_date_is_the_reply_date(register, handler):
    case = register()
    services.announce_later_date(
        handler, case, on=D("2025-10-20"), due=D("2025-12-31"), reason="申请数量明显超过合理范围"
    )
    case.refresh_from_db()
    assert case.reply_due == D("2025-12-31")
    with pytest.raises(ValidationError):
        services.announce_later_date(handler, case, on=D("2025-10-21"), due=D("2025-10-22"), reason="再次")


def test_a_reopened_case_runs_its_clock_on(register, handler):
    case = register()  # due 2025-10-30
    services.decide(handler, case, on=D("2025-10-20"), outcome_code="granted")
    services.reopen(handler, case, on=D("2025-10-22"), reason="发现答复遗漏")
    services.send_consultation(handler, case, on=D("2025-10-23"), party="某公司", party_kind="third_party")
    case.refresh_from_db()
    assert case.state == CaseState.IN_CONSULTATION
    events = [e["type"] for e in services.case_scenario_json(case)["events"]]
    assert events == ["consultation_sent"]  # the withdrawn decision no longer stops the clock
    assert case.reply_due > D("2025-10-30")
