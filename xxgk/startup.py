"""Start-up checks shared by manage.py and the WSGI entry point: one clear sentence, no traceback."""

from __future__ import annotations

import sys

# Commands that need no database connection (or create it themselves).
OFFLINE_COMMANDS = {
    "help",
    "version",
    "check",
    "makemigrations",
    "collectstatic",
    "compilemessages",
    "makemessages",
    "shell",
    "test",
    "diffsettings",
}


def fail(message: str) -> None:
    print(f"启动失败：{message}", file=sys.stderr)
    raise SystemExit(2)


def load_settings() -> None:
    """Import the settings now, so that a ConfigError is reported before anything else runs."""
    from xxgk.env import ConfigError

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018  (forces the settings module to load)
    except ConfigError as exc:
        fail(str(exc))


def check_database() -> None:
    """Fail with the variable's name when the configured database cannot be reached."""
    from django.conf import settings
    from django.db import connection
    from django.db.utils import OperationalError

    from xxgk.env import describe_database

    if connection.vendor == "sqlite":
        from pathlib import Path

        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        fail(
            f"无法连接数据库（{describe_database(settings.DATABASES['default'])}）。"
            f"请检查环境变量 XXGK_DATABASE_URL，或确认数据库服务已启动。原因：{reason}"
        )
