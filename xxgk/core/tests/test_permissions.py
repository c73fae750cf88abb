"""Scoping between agencies: staff of A never see B's internal data; the city office supervises both."""

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.core import permissions, services
from xxgk.core.models import Agency, Membership, Role

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_own_agency(agency_a, agency_b, make_staff):
    drafter_a = make_staff(agency_a, Role.DRAFTER)
    assert list(permissions.agencies_visible_to(drafter_a)) == [agency_a]
    assert permissions.can_view_agency_internal(drafter_a, agency_a)
    assert not permissions.can_view_agency_internal(drafter_a, agency_b)
    assert list(permissions.scope_to_agencies(drafter_a, Membership.objects.all()).values_list(
        "agency__code", flat=True)) == ["agency-a"]


def test_city_office_reads_but_cannot_open_a_child_for_editing(client, city, agency_a, make_staff):
    client.force_login(make_staff(city, Role.CITY_OFFICE))
    assert "测试市科学技术局" in client.get("/admin/snippets/core/agency/").content.decode()
    response = client.get(f"/admin/snippets/core/agency/edit/{agency_a.pk}/")
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}


def test_city_office_supervises_every_child(city, agency_a, agency_b, make_staff):
    office = make_staff(city, Role.CITY_OFFICE)
    assert set(permissions.agencies_visible_to(office)) == {city, agency_a, agency_b}
    assert not permissions.can_manage_agency(office, agency_a)  # reads, does not act for them
    assert permissions.can_view_audit(office, agency_b)


def test_anonymous_sees_nothing(agency_a):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.agencies_visible_to(AnonymousUser()).exists()
    assert not permissions.is_staff_member(AnonymousUser())


def test_admin_of_a_cannot_change_b(agency_a, agency_b, make_staff):
    admin_a = make_staff(agency_a, Role.AGENCY_ADMIN)
    agency_b.office_phone = "0421-9999999"
    with pytest.raises(PermissionDenied):
        services.save_agency(admin_a, agency_b)
    assert Agency.objects.get(pk=agency_b.pk).office_phone == ""


def test_admin_cannot_move_own_agency_out_of_the_city(agency_a, make_staff):
    admin_a = make_staff(agency_a, Role.AGENCY_ADMIN)
    agency_a.parent = None
    with pytest.raises(PermissionDenied, match="上级机关"):
        services.save_agency(admin_a, agency_a)


def test_admin_staffs_own_agency_but_not_city_office_role(agency_a, agency_b, make_staff):
    admin_a = make_staff(agency_a, Role.AGENCY_ADMIN)
    newcomer = make_staff(agency_b, Role.DRAFTER, username="newcomer")
    services.grant_role(admin_a, newcomer, agency_a, Role.FOI_HANDLER)
    with pytest.raises(PermissionDenied):
        services.grant_role(admin_a, newcomer, agency_b, Role.FOI_HANDLER)
    with pytest.raises(PermissionDenied):
        services.grant_role(admin_a, newcomer, agency_a, Role.CITY_OFFICE)


def test_back_office_hides_other_agencies(client, agency_a, agency_b, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    listing = client.get("/admin/snippets/core/agency/").content.decode()
    assert "测试市科学技术局" in listing and "测试市财政局" not in listing
    assert client.get(f"/admin/snippets/core/agency/edit/{agency_b.pk}/").status_code == 404
    assert client.get(f"/admin/snippets/core/agency/delete/{agency_a.pk}/").status_code in {302, 403}
    own = client.get(f"/admin/snippets/core/agency/edit/{agency_a.pk}/")
    assert own.status_code == 200


def test_back_office_edit_goes_through_the_service(client, agency_a, make_staff):
    from xxgk.core.models import AuditEvent

    admin_a = make_staff(agency_a, Role.AGENCY_ADMIN)
    client.force_login(admin_a)
    url = f"/admin/snippets/core/agency/edit/{agency_a.pk}/"
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data = {k: v for k, v in data.items() if v is not False}
    data.update(office_phone="0421-7654321", parent=agency_a.parent_id)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agency_a.refresh_from_db()
    assert agency_a.office_phone == "0421-7654321"
    event = AuditEvent.objects.filter(action="core.agency_changed").latest("id")
    assert event.actor == admin_a and event.changes["office_phone"] == ["", "0421-7654321"]


def test_back_office_keeps_typed_input_on_error(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    url = f"/admin/snippets/core/agency/edit/{agency_a.pk}/"
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if v is not False}
    data.update(index_number_pattern="{code}/{year}", office_phone="0421-1112222", parent=agency_a.parent_id)
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "必须包含流水号" in page and "0421-1112222" in page
