"""Background tasks of foi (django-tasks; the immediate backend runs them in-process by default)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from xxgk.foi.digest import send_digests


@task()
def send_daily_digest() -> list[int]:
    sent, skipped = send_digests(timezone.localdate())
    return [sent, skipped]
