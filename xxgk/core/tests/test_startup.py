"""A wrong setting stops start-up with one clear sentence naming the variable, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("XXGK_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = inherited | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("url", "fragment"),
    [("mysql://root@127.0.0.1/x", "只支持"), ("postgres://postgres@127.0.0.1:1/xxgk", "无法连接数据库")],
)
def test_bad_database_url(url, fragment):
    result = manage("migrate", XXGK_DATABASE_URL=url)
    assert result.returncode == 2
    assert "XXGK_DATABASE_URL" in result.stderr and fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_flag_and_missing_production_secret():
    result = manage("check", XXGK_DEBUG="maybe")
    assert result.returncode == 2 and "XXGK_DEBUG" in result.stderr and "Traceback" not in result.stderr
    result = manage("check", XXGK_ENV="production", XXGK_ALLOWED_HOSTS="gk.example.gov.cn")
    assert result.returncode == 2 and "XXGK_SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    production = dict(
        XXGK_ENV="production",
        XXGK_SECRET_KEY="k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        XXGK_ALLOWED_HOSTS="gk.example.gov.cn",
        XXGK_BASE_URL="https://gk.example.gov.cn",
        XXGK_DATA_DIR=str(tmp_path),
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", XXGK_FIELD_KEY="f" * 44, **production)
    assert result.returncode == 0, result.stderr
    # without its own key, applicants' data hangs on SECRET_KEY: the deploy check says so
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode != 0 and "xxgk.W101" in result.stderr and "XXGK_FIELD_KEY" in result.stderr


def test_redis_url_switches_cache_and_sessions_to_redis():
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must be running at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    code = (
        "from django.conf import settings; from django.core.cache import caches; cache = caches['default']; "
        "cache.set('xxgk-probe', '政务公开', 30); "
        "print(type(cache).__name__, settings.SESSION_ENGINE, cache.get('xxgk-probe'))"
    )
    result = manage("shell", "-c", code, XXGK_REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "RedisCache",
        "django.contrib.sessions.backends.cache",
        "政务公开",
    ]
    assert redis.Redis.from_url("redis://127.0.0.1:6379/15").exists(":1:xxgk-probe")


def test_bad_redis_url():
    result = manage("check", XXGK_REDIS_URL="http://127.0.0.1:6379")
    assert result.returncode == 2 and "XXGK_REDIS_URL" in result.stderr and "Traceback" not in result.stderr
