"""Accounts edited in Wagtail's Users screens still land in the audit trail (without password hashes)."""

import pytest
from django.contrib.auth import get_user_model

from xxgk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_edit_delete_user_through_wagtail(client, operator):
    client.force_login(operator)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "newstaff",
            "email": "new@example.invalid",
            "first_name": "新",
            "last_name": "同事",
            "password1": "a-Long-pass-9876",
            "password2": "a-Long-pass-9876",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = get_user_model().objects.get(username="newstaff")
    created = AuditEvent.objects.get(action="core.user_created")
    assert created.actor == operator and created.changes["username"] == [None, "newstaff"]

    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": "newstaff",
            "email": "changed@example.invalid",
            "first_name": "新",
            "last_name": "同事",
            "password1": "another-Long-pass-5432",
            "password2": "another-Long-pass-5432",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    changed = AuditEvent.objects.get(action="core.user_changed")
    assert changed.changes["email"] == ["new@example.invalid", "changed@example.invalid"]
    assert changed.changes["password"] == ["（旧密码）", "已修改"]

    client.post(f"/admin/users/delete/{user.pk}/")
    assert not get_user_model().objects.filter(username="newstaff").exists()
    assert AuditEvent.objects.filter(action="core.user_deleted", object_repr="newstaff").exists()
    every_change = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert "pbkdf2" not in every_change and "md5$" not in every_change
