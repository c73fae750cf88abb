"""An agency's own columns (栏目): kept by its 本机关公开管理员, chosen on the entry form, never another agency's."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.catalog import columns, services
from xxgk.catalog.models import Column, Entry
from xxgk.catalog.tests.test_backoffice import form_data
from xxgk.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


def test_the_agency_admin_keeps_columns_and_every_change_is_audited(agency_a, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    column = columns.save_column(admin, Column(agency=agency_a, name=" 科技项目公示 ", sort_order=10))
    assert column.name == "科技项目公示"
    column.name = "项目公示"
    columns.save_column(admin, column)
    saved = AuditEvent.objects.filter(action=columns.ColumnAction.SAVED).order_by("pk")
    assert [e.changes["name"] for e in saved] == [[None, "科技项目公示"], ["科技项目公示", "项目公示"]]
    with pytest.raises(ValidationError) as refused:
        columns.save_column(admin, Column(agency=agency_a, name="项目公示"))
    assert "name" in refused.value.error_dict


def test_only_the_agencys_own_admin_may_keep_its_columns(agency_a, agency_b, make_staff):
    for outsider in (make_staff(agency_a, Role.DRAFTER), make_staff(agency_b, Role.AGENCY_ADMIN)):
        with pytest.raises(PermissionDenied):
            columns.save_column(outsider, Column(agency=agency_a, name="通知公告"))
    assert not Column.objects.exists()


def test_a_column_in_use_is_not_deleted(agency_a, make_staff):
    admin, drafter = make_staff(agency_a, Role.AGENCY_ADMIN), make_staff(agency_a, Role.DRAFTER)
    column = columns.save_column(admin, Column(agency=agency_a, name="通知公告"))
    entry = Entry(agency=agency_a, title="关于开展科技活动周的通知", kind="notice", body="<p>通知</p>")
    entry.columns = [column]
    services.save_draft(drafter, entry)
    with pytest.raises(ValidationError, match="还有 1 条政府信息"):
        columns.delete_column(admin, column)
    Entry.columns.through.objects.filter(column=column).delete()  # the entry moved out of the column
    columns.delete_column(admin, column)
    assert not Column.objects.exists()
    assert AuditEvent.objects.filter(action=columns.ColumnAction.DELETED, actor=admin).exists()


def test_an_entry_only_sits_in_columns_of_its_own_agency(agency_a, agency_b, make_staff, operator):
    own = Column.objects.create(agency=agency_a, name="科技项目")
    other = Column.objects.create(agency=agency_b, name="财政资金")
    entry = Entry(agency=agency_a, title="关于科技项目的通知", kind="notice", body="<p>通知</p>")
    entry.columns = [own, other]
    with pytest.raises(ValidationError) as refused:
        services.save_draft(make_staff(agency_a, Role.DRAFTER), entry)
    assert "财政资金" in str(refused.value.error_dict["columns"])


def test_the_entry_form_offers_and_saves_the_agencys_columns(client, agency_a, agency_b, make_staff):
    own = Column.objects.create(agency=agency_a, name="科技项目")
    Column.objects.create(agency=agency_b, name="财政资金")
    client.force_login(make_staff(agency_a, Role.DRAFTER))
    form = client.get("/admin/snippets/catalog/entry/add/").context["form"]
    assert list(form.fields["columns"].queryset) == [own]
    response = client.post("/admin/snippets/catalog/entry/add/", form_data(agency_a, columns=[str(own.pk)]))
    assert response.status_code == 302
    assert list(Entry.objects.get().columns.all()) == [own]


def test_column_pages_in_the_back_office(client, agency_a, agency_b, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    client.force_login(admin)
    data = {"agency": agency_a.pk, "name": "科技项目公示", "sort_order": "10"}
    assert client.post("/admin/snippets/catalog/column/add/", data).status_code == 302
    column = Column.objects.get()
    again = client.post("/admin/snippets/catalog/column/add/", data)  # a duplicate name: refused, input kept
    assert again.status_code == 200 and "科技项目公示" in again.content.decode()
    assert Column.objects.count() == 1
    form = client.get("/admin/snippets/catalog/column/add/").context["form"]
    assert list(form.fields["agency"].queryset) == [agency_a]
    client.force_login(make_staff(agency_b, Role.AGENCY_ADMIN))
    assert client.get(f"/admin/snippets/catalog/column/edit/{column.pk}/").status_code in (403, 404)
    assert client.post(f"/admin/snippets/catalog/column/delete/{column.pk}/").status_code in (403, 404)
    assert Column.objects.filter(pk=column.pk).exists()


def test_deleting_a_column_in_use_in_the_back_office_says_why(client, agency_a, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    column = Column.objects.create(agency=agency_a, name="通知公告")
    entry = Entry(agency=agency_a, title="关于开展科技活动周的通知", kind="notice", body="<p>通知</p>")
    entry.columns = [column]
    services.save_draft(make_staff(agency_a, Role.DRAFTER), entry)
    client.force_login(admin)
    response = client.post(f"/admin/snippets/catalog/column/delete/{column.pk}/", follow=True)
    assert "还有 1 条政府信息" in response.content.decode()
    assert Column.objects.filter(pk=column.pk).exists()
