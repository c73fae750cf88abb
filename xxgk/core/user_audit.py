"""Audit records for accounts edited in Wagtail's own Users screens (which do not call our services).

Wagtail announces those writes only through its ``*_user`` hooks; the edit is diffed between the
``before_edit_user`` and ``after_edit_user`` hooks of the same request. Password hashes are never
recorded — only that the password changed.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from xxgk.core import audit
from xxgk.core.audit import CoreAction

_BEFORE = "_xxgk_user_before"


def account_snapshot(user) -> dict:
    return {
        "username": user.username,
        "name": f"{user.last_name}{user.first_name}",
        "email": user.email,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)) if user.pk else [],
        "password": "已设置" if user.has_usable_password() else "未设置",
        "_password_hash": user.password,
    }


def _public(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if not k.startswith("_")}


def user_created(request: HttpRequest, user) -> None:
    with transaction.atomic():
        audit.record(
            CoreAction.USER_CREATED,
            actor=request.user,
            target=user,
            changes=audit.diff({}, _public(account_snapshot(user))),
        )


def before_user_edit(request: HttpRequest, user) -> None:
    if request.method == "POST":
        setattr(request, _BEFORE, account_snapshot(user.__class__.objects.get(pk=user.pk)))


def user_edited(request: HttpRequest, user) -> None:
    before = getattr(request, _BEFORE, None)
    if before is None:
        return
    user.refresh_from_db()
    after = account_snapshot(user)
    changes = audit.diff(_public(before), _public(after))
    if before["_password_hash"] != after["_password_hash"]:
        changes["password"] = ["（旧密码）", "已修改"]
    if changes:
        with transaction.atomic():
            audit.record(CoreAction.USER_CHANGED, actor=request.user, target=user, changes=changes)


def before_user_delete(request: HttpRequest, user) -> None:
    if request.method == "POST":
        with transaction.atomic():
            audit.record(
                CoreAction.USER_DELETED,
                actor=request.user,
                target=user,
                changes=audit.diff(_public(account_snapshot(user)), {}),
            )
