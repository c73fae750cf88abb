"""Settings from environment variables, with one clear sentence when one is wrong.

Every variable is named ``XXGK_*`` and documented in README.md. A bad value raises
:class:`ConfigError`; ``manage.py`` and the WSGI entry point print its message instead of a
traceback (an operator should read which variable to fix, not a stack).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url


class ConfigError(Exception):
    """A setting that stops start-up; the message names the variable."""


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, default: bool) -> bool:
    raw = text(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"环境变量 {name} 的值“{raw}”无效：应为 true 或 false。")


def words(name: str, default: str = "") -> list[str]:
    return [w for w in text(name, default).replace(",", " ").split() if w]


def database(name: str, default_sqlite: Path) -> dict:
    """Parse a database URL; only SQLite and PostgreSQL are supported."""
    url = text(name)
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite),
            "OPTIONS": sqlite_options(),
        }
    scheme = urlparse(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigError(
            f"环境变量 {name} 的值无效：只支持 sqlite:///路径 或 postgres://用户@主机:端口/库名，收到的是“{url}”。"
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60 if scheme != "sqlite" else 0)
    except Exception as exc:  # dj_database_url raises several types for malformed URLs
        raise ConfigError(f"环境变量 {name} 的值“{url}”无法解析：{exc}") from None
    if not config.get("NAME"):
        raise ConfigError(f"环境变量 {name} 缺少数据库名（或 SQLite 文件路径）：“{url}”。")
    if config["ENGINE"].endswith("sqlite3"):
        config["OPTIONS"] = sqlite_options()
    return config


def sqlite_options() -> dict:
    # IMMEDIATE transactions take the write lock up front, so concurrent writers wait (up to the
    # timeout) instead of failing with "database is locked" when a read lock would be upgraded.
    return {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}


def redis_url(name: str) -> str | None:
    url = text(name)
    if url and urlparse(url).scheme not in {"redis", "rediss", "unix"}:
        raise ConfigError(f"环境变量 {name} 的值无效：应形如 redis://127.0.0.1:6379/0，收到的是“{url}”。")
    return url or None


def describe_database(config: dict) -> str:
    if config["ENGINE"].endswith("sqlite3"):
        return f"SQLite 文件 {config['NAME']}"
    host, port = config.get("HOST") or "localhost", config.get("PORT") or 5432
    return f"PostgreSQL {config.get('USER') or ''}@{host}:{port}/{config['NAME']}"
