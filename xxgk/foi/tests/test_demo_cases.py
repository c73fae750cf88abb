"""The demo's 科技局 applications cover the channels and states the back office must show."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from xxgk.foi.models import Case

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_channels_and_states(client):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    cases = Case.objects.filter(agency__code="chaoyang-kjj")
    assert set(cases.values_list("channel", flat=True)) == {"in_person", "post", "online", "ordinary_letter", "fax"}
    assert set(cases.values_list("state", flat=True)) >= {
        "open",
        "waiting_confirmation",
        "waiting_correction",
        "in_consultation",
        "waiting_fee",
        "closed",
    }
    assert cases.filter(parent__isnull=False).count() == 2
    client.force_login(get_user_model().objects.get(username="kjj_foi"))
    for case in cases:
        assert client.get(f"/admin/foi/{case.pk}/").status_code == 200
    assert client.get("/admin/foi/?list=overdue").context["rows"]
