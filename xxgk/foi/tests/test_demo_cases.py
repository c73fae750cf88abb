"""The demo's 科技局 applications cover the channels and states the back office must show."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from xxgk.foi.models import Case, Letter
from xxgk.foi.services import letters_called_for

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
    # every letter the events call for is issued (the unconfirmed online case has none yet)
    assert all(letters_called_for(case) == [] for case in cases)
    kinds = set(Letter.objects.filter(case__in=cases).values_list("kind", flat=True))
    assert kinds == {"receipt", "correction", "extension", "consultation", "consultation_notice", "fee", "reply"}
    assert cases.get(information_name="科技创新券发放明细").letters.get(kind="reply").deliveries.exists()
    client.force_login(get_user_model().objects.get(username="kjj_foi"))
    for case in cases:
        assert client.get(f"/admin/foi/{case.pk}/").status_code == 200
    assert client.get("/admin/foi/?list=overdue").context["rows"]
