"""The audit trail's one writer.

Every staff write in every app calls :func:`record` inside the same transaction as the write, so an
action and its audit row are committed together or not at all. Action names form a closed set:
each app declares a ``TextChoices`` of its actions and registers it here.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from xxgk.core.context import current
from xxgk.core.models import Agency, AuditEvent

_ACTIONS: dict[str, str] = {}


def register_actions(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Class decorator: make an app's action names known (and labelled) to the audit trail."""
    for value, label in choices.choices:
        _ACTIONS[value] = label
    return choices


def action_label(action: str) -> str:
    return _ACTIONS.get(action, action)


@register_actions
class CoreAction(models.TextChoices):
    AGENCY_CREATED = "core.agency_created", "新建机关"
    AGENCY_CHANGED = "core.agency_changed", "修改机关信息"
    AGENCY_DELETED = "core.agency_deleted", "删除机关"
    ROLE_GRANTED = "core.role_granted", "授予岗位"
    ROLE_REVOKED = "core.role_revoked", "撤销岗位"
    USER_CREATED = "core.user_created", "新建用户"
    USER_CHANGED = "core.user_changed", "修改用户"
    USER_DELETED = "core.user_deleted", "删除用户"
    CALENDAR_YEAR_SAVED = "core.calendar_year_saved", "录入节假日安排"
    CALENDAR_YEAR_DELETED = "core.calendar_year_deleted", "删除节假日安排"
    AUDIT_EXPORTED = "core.audit_exported", "导出审计记录"
    LOGIN = "core.login", "登录后台"
    LOGIN_FAILED = "core.login_failed", "登录失败"


def _plain(value: Any) -> Any:
    """A JSON-safe rendering of a field value for the before/after record."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [before, after]}``."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Concrete field values of a model instance (foreign keys by id) for :func:`diff`."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def record(
    action: str,
    *,
    actor=None,
    agency: Agency | None = None,
    target: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> AuditEvent:
    if action not in _ACTIONS:
        raise ValueError(f"unregistered audit action {action!r}")
    if not transaction.get_connection().in_atomic_block:
        # A write and its audit row must commit together; a caller outside a transaction is a bug.
        raise RuntimeError("audit.record must be called inside transaction.atomic")
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor.get_username() if authenticated else "",
        agency=agency,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None and target.pk is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        changes=changes or {},
        ip_address=current.get().ip_address,
        note=note,
    )
