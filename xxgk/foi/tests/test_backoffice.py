"""The back office: scoping (other agencies get 404), masking for non-handlers, the city office reads
only, registration and actions through the services, the work lists."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core.models import Role
from xxgk.foi import services
from xxgk.foi.models import Case
from xxgk.foi.tests.conftest import VALID_ID

D = date.fromisoformat
pytestmark = pytest.mark.django_db


def test_handler_sees_identity_in_clear_and_the_clock_explained(client, register, handler):
    case = register()
    client.force_login(handler)
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert VALID_ID in page and "13812345678" in page
    assert "2025-10-30" in page and "期限是怎样计算的" in page and "跳过法定节假日" in page
    assert "告知补正" in page  # the action forms are offered
    assert "第 1 件申请" in page


def test_staff_without_the_handling_role_see_identity_masked(client, register, drafter):
    case = register()
    client.force_login(drafter)
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert VALID_ID not in page and "13812345678" not in page and "幸福里" not in page
    assert "11*************02X" in page and "138****5678" in page
    assert "告知补正" not in page and "本月件数" not in page


def test_other_agency_staff_get_404_and_never_see_the_case(client, register, other_handler):
    case = register()
    client.force_login(other_handler)
    assert client.get(f"/admin/foi/{case.pk}/").status_code == 404
    assert client.post(f"/admin/foi/{case.pk}/correction/", {}).status_code == 404
    assert case.number not in client.get("/admin/foi/").content.decode()


def test_city_office_reads_masked_and_acts_on_nothing(client, register, city, make_staff):
    case = register()
    client.force_login(make_staff(city, Role.CITY_OFFICE))
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert case.number in page and VALID_ID not in page and "告知补正" not in page
    data = {"correction-on": "2025-09-29", "correction-items": "x", "correction-reply_by": "2025-10-20"}
    response = client.post(f"/admin/foi/{case.pk}/correction/", data)
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert Case.objects.get(pk=case.pk).state == "open"


def test_registration_form_and_an_action(client, handler, agency_a):
    client.force_login(handler)
    data = {
        "agency": agency_a.pk,
        "channel": "online",
        "arrived_on": "2025-09-26",
        "kind": "natural_person",
        "name": "李四",
        "id_kind": "resident_id",
        "id_number": VALID_ID,
        "phone": "13912345678",
        "information_name": "高新技术企业认定名单",
        "form_wanted": "email",
        "delivery_method": "email",
    }
    response = client.post("/admin/foi/new/", data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/foi/{case.pk}/"
    assert case.state == "waiting_confirmation"
    response = client.post(f"/admin/foi/{case.pk}/confirm/", {"confirm-on": "2025-09-29", "confirm-note": "电话确认"})
    assert response.status_code == 302
    assert Case.objects.get().received_on == D("2025-09-29")


def test_a_refused_action_keeps_what_was_typed(client, register, handler):
    case = register()
    client.force_login(handler)
    data = {"decide-on": "2025-10-20", "decide-outcome_code": "partial", "decide-reasons": "部分涉及个人隐私"}
    response = client.post(f"/admin/foi/{case.pk}/decide/", data)
    page = response.content.decode()
    assert response.status_code == 400 and "部分公开须写明不予公开的内容" in page and "部分涉及个人隐私" in page
    assert not case.decisions.exists()


def test_bad_registration_keeps_input(client, handler, agency_a):
    client.force_login(handler)
    data = {"agency": agency_a.pk, "channel": "in_person", "arrived_on": "2025-09-26", "kind": "natural_person",
            "name": "王五", "id_kind": "resident_id", "id_number": VALID_ID[:-1] + "1", "phone": "13912345678",
            "information_name": "某信息", "form_wanted": "paper", "delivery_method": "pickup"}  # fmt: skip
    response = client.post("/admin/foi/new/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "校验位" in page and "王五" in page
    assert not Case.objects.exists()


def test_work_lists(client, register, handler, settings):
    overdue = register(arrived="2025-09-26")  # due 2025-10-30, long past
    waiting = register(arrived="2025-09-26")
    services.request_correction(handler, waiting, on=D("2025-09-29"), items="写明年份", reply_by=D("2025-10-20"))
    third = register(arrived="2025-09-26")
    services.send_consultation(handler, third, on=D("2025-10-09"), party="某公司", party_kind="third_party")
    client.force_login(handler)

    def listed(name):
        return {c.number for c, _ in client.get(f"/admin/foi/?list={name}").context["rows"]}

    assert overdue.number in listed("overdue") and waiting.number not in listed("overdue")
    assert listed("waiting_applicant") == {waiting.number}
    assert listed("waiting_third_party") == {third.number}
    assert listed("due_soon") == set()


def test_a_lapsed_correction_period_is_pointed_out(client, register, handler):
    case = register()
    services.request_correction(handler, case, on=D("2025-09-29"), items="写明年份", reply_by=D("2025-10-20"))
    client.force_login(handler)
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert "申请人补正期限：2025-10-20" in page and "已过期限" in page and "确认逾期不补正并办结" in page


def test_the_leader_is_offered_the_extension_only_when_one_is_pending(client, register, handler, leader):
    case = register()
    client.force_login(leader)
    assert "批准延期" not in client.get(f"/admin/foi/{case.pk}/").content.decode()
    services.request_extension(handler, case, on=D("2025-10-20"), days=10, reason="档案多")
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert "批准延期" in page and "不同意延期" in page and "告知补正" not in page  # the leader does not handle
    response = client.post(f"/admin/foi/{case.pk}/extension-approve/", {"extension-approve-on": "2025-10-20"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.reply_due == D("2025-11-13")  # 10 more after 10-30: 10-31, 11-03…11-07, 11-10…11-13


def test_the_fee_steps_are_offered_in_their_order(client, register, handler):
    case = register()
    services.send_fee_notice(handler, case, on=D("2025-09-29"), method="per_page", pages=160)
    client.force_login(handler)
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert "登记收费通知送达" in page and "登记缴费" not in page  # payment can only follow delivery
    services.deliver_fee_notice(handler, case, on=D("2025-09-30"))
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert "登记收费通知送达" not in page and "登记缴费" in page
