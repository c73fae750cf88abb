"""The audit trail is append-only, written with every staff write, and readable only by the right people."""

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction

from xxgk.core import audit, services
from xxgk.core.audit import CoreAction
from xxgk.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


def test_agency_change_records_before_and_after(operator, agency_a):
    agency_a.office_phone = "0421-2812345"
    services.save_agency(operator, agency_a)
    event = AuditEvent.objects.filter(action=CoreAction.AGENCY_CHANGED).get()
    assert event.changes == {"office_phone": ["", "0421-2812345"]}
    assert (event.actor, event.agency, event.object_repr) == (operator, agency_a, "测试市科学技术局")


def test_rows_cannot_be_changed_or_deleted_through_the_orm(operator, agency_a):
    event = AuditEvent.objects.first()
    event.note = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(note="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert not AuditEvent.objects.filter(note="tampered").exists()


@pytest.mark.postgres_only
def test_postgresql_refuses_raw_updates_and_deletes(operator, agency_a):
    for sql in ("UPDATE core_auditevent SET note = 'x'", "DELETE FROM core_auditevent"):
        with pytest.raises(DatabaseError, match="审计记录不可修改或删除"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(operator):
    with pytest.raises(RuntimeError):
        audit.record(CoreAction.LOGIN, actor=operator)


def test_record_needs_a_known_action(operator):
    with pytest.raises(ValueError), transaction.atomic():
        audit.record("core.made_up", actor=operator)


def test_failed_write_leaves_no_audit_row(operator, agency_a):
    before = AuditEvent.objects.count()
    agency_a.index_number_pattern = "{code}/{year}"  # no serial: invalid
    with pytest.raises(Exception, match="流水号"):
        services.save_agency(operator, agency_a)
    assert AuditEvent.objects.count() == before


def test_export_is_scoped_and_itself_audited(client, agency_a, agency_b, make_staff):
    admin_a = make_staff(agency_a, Role.AGENCY_ADMIN)
    agency_b.office_phone = "0421-1"
    services.save_agency(make_staff(agency_b, Role.AGENCY_ADMIN), agency_b)
    client.force_login(admin_a)
    response = client.get("/admin/audit/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["时间", "操作人", "机关", "操作"]
    agencies = {row[2] for row in rows[1:]}
    assert agencies == {"测试市科学技术局"}
    assert AuditEvent.objects.filter(action=CoreAction.AUDIT_EXPORTED, actor=admin_a).exists()


def test_drafter_cannot_read_the_audit_trail(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.DRAFTER))
    for url in ("/admin/audit/", "/admin/audit/export.csv"):
        response = client.get(url)
        # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard.
        assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}


def test_audit_page_lists_labelled_events(client, operator, agency_a):
    client.force_login(operator)
    page = client.get("/admin/audit/").content.decode()
    assert "新建机关" in page and "测试市科学技术局" in page


def test_logins_are_recorded(client, agency_a, make_staff):
    user = make_staff(agency_a, Role.DRAFTER)
    client.post("/admin/login/", {"username": user.username, "password": "wrong-password"})
    client.post("/admin/login/", {"username": user.username, "password": "staff-pass-123"})
    actions = list(AuditEvent.objects.filter(action__startswith="core.login").values_list("action", flat=True))
    assert sorted(actions) == [CoreAction.LOGIN, CoreAction.LOGIN_FAILED]
    assert "wrong-password" not in str(list(AuditEvent.objects.values_list("note", "changes")))
