"""Back-office logins in the audit trail (Django signals are the only place they are announced)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from xxgk.core import audit
from xxgk.core.audit import CoreAction


@receiver(user_logged_in, dispatch_uid="xxgk_audit_login")
def record_login(sender, request, user, **kwargs) -> None:
    with transaction.atomic():
        audit.record(CoreAction.LOGIN, actor=user)


@receiver(user_login_failed, dispatch_uid="xxgk_audit_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the username is kept; the password never reaches the trail.
    with transaction.atomic():
        audit.record(CoreAction.LOGIN_FAILED, note=f"用户名：{credentials.get('username', '')}"[:200])
