"""Agency admins staff their own agency in the back office; account and roles are saved together."""

import pytest
from django.contrib.auth import get_user_model

from xxgk.core.models import AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db


def post(client, agency, **extra):
    data = {
        "agency": agency.pk,
        "username": "zhang.san",
        "full_name": "张三",
        "email": "",
        "password": "a-good-pass-2026",
        "roles": ["drafter", "foi_handler"],
    }
    data.update(extra)
    return client.post("/admin/staff/", data)


def test_admin_creates_a_staff_member_with_roles(client, agency_a, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    client.force_login(admin)
    assert post(client, agency_a).status_code == 302
    user = get_user_model().objects.get(username="zhang.san")
    assert set(Membership.objects.filter(user=user).values_list("role", flat=True)) == {"drafter", "foi_handler"}
    assert AuditEvent.objects.filter(action="core.role_granted", actor=admin).count() == 2
    page = client.get("/admin/staff/").content.decode()
    assert "zhang.san" in page and "依申请办理" in page


def test_other_agency_and_city_office_role_are_refused(client, agency_a, agency_b, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    response = post(client, agency_b)
    assert response.status_code == 200 and "agency" in response.context["form"].errors
    response = post(client, agency_a, roles=["city_office"])
    assert "roles" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="zhang.san").exists()


def test_weak_password_is_explained_and_input_kept(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    response = post(client, agency_a, password="1234567890")
    page = response.content.decode()
    assert response.status_code == 200 and 'value="zhang.san"' in page and "张三" in page
    assert response.context["form"].errors["password"]
    assert not get_user_model().objects.filter(username="zhang.san").exists()


def test_duplicate_username_saves_nothing(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    make_staff(agency_a, Role.DRAFTER, username="zhang.san")
    before = Membership.objects.count()
    response = post(client, agency_a)
    assert response.status_code == 200 and Membership.objects.count() == before


def test_drafters_have_no_staff_screen(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.DRAFTER))
    response = client.get("/admin/staff/")
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
