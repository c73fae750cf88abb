"""Fixtures for the case tests: an agency with a handler, a leader and a plain drafter, and a factory
that registers applications through the service (never by creating rows directly)."""

from __future__ import annotations

from datetime import date

import pytest

VALID_ID = "11010519491231002X"  # GB 11643 example number (check digit X)
OTHER_ID = "110105194912310029"[:17]


@pytest.fixture
def handler(agency_a, make_staff):
    from xxgk.core.models import Role

    return make_staff(agency_a, Role.FOI_HANDLER)


@pytest.fixture
def leader(agency_a, make_staff):
    from xxgk.core.models import Role

    return make_staff(agency_a, Role.LEADER)


@pytest.fixture
def drafter(agency_a, make_staff):
    from xxgk.core.models import Role

    return make_staff(agency_a, Role.DRAFTER)


@pytest.fixture
def other_handler(agency_b, make_staff):
    from xxgk.core.models import Role

    return make_staff(agency_b, Role.FOI_HANDLER)


def applicant_data(id_number: str = VALID_ID, **overrides):
    from xxgk.foi.services import ApplicantData

    fields = dict(
        kind="natural_person",
        name="张三",
        id_kind="resident_id",
        id_number=id_number,
        phone="13812345678",
        email="zhangsan@example.com",
        address="朝阳市双塔区凌河街道幸福里3号楼2单元501",
    )
    return ApplicantData(**(fields | overrides))


@pytest.fixture
def register(handler, agency_a):
    """register(channel="in_person", arrived="2025-09-26", **kw) -> Case"""
    from xxgk.foi import services

    def make(channel: str = "in_person", arrived: str = "2025-09-26", *, actor=None, agency=None, **kw):
        kw.setdefault("applicant", applicant_data())
        kw.setdefault("request", services.RequestedInfo("2025年科技计划项目立项名单", "朝科发〔2025〕3号"))
        kw.setdefault("form_wanted", "paper")
        kw.setdefault("delivery_method", "post")
        return services.register_application(
            actor or handler, agency or agency_a, channel=channel, arrived_on=date.fromisoformat(arrived), **kw
        )

    return make
