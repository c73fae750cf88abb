"""Fixtures shared by every app's tests: agencies, one user per role, and a real browser."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Django imports stay inside the fixtures: the pure-rule tests also run with `pytest -p no:django`.

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config):
    if not config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    # Hashing is not under test; a fast hasher keeps fixtures cheap. (Set here, not through the
    # `settings` fixture, which some test modules shadow with their own domain settings.)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Attachments written by any test (the demo city has one) go to a scratch directory, not var/.
    settings.ATTACHMENTS_ROOT = Path(tempfile.mkdtemp(prefix="xxgk-test-attachments-"))


def pytest_unconfigure(config):
    if not config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    if "xxgk-test-attachments-" in str(getattr(settings, "ATTACHMENTS_ROOT", "")):
        shutil.rmtree(settings.ATTACHMENTS_ROOT, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("django"):
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL half of make test)")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def operator(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("operator", "op@example.invalid", "operator-pass-123")


@pytest.fixture
def city(operator):
    from xxgk.core import services
    from xxgk.core.models import Agency, AgencyKind

    return services.save_agency(
        operator, Agency(name="测试市人民政府办公室", short_name="市公开办", code="city", kind=AgencyKind.CITY_OFFICE)
    )


@pytest.fixture
def agency_a(operator, city):
    from xxgk.core import services
    from xxgk.core.models import Agency

    return services.save_agency(
        operator, Agency(name="测试市科学技术局", short_name="科技局", code="agency-a", parent=city)
    )


@pytest.fixture
def agency_b(operator, city):
    from xxgk.core import services
    from xxgk.core.models import Agency

    return services.save_agency(
        operator, Agency(name="测试市财政局", short_name="财政局", code="agency-b", parent=city)
    )


@pytest.fixture
def make_staff(operator):
    """make_staff(agency, role, name=None) -> a user holding that role in that agency."""

    from xxgk.core import services

    def make(agency, role, username: str | None = None):
        username = username or f"{agency.code}-{role.value}"
        user = services.create_staff_user(operator, username=username, password="staff-pass-123", full_name=username)
        services.grant_role(operator, user, agency, role)
        return user

    return make


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
