"""The demo's 科技局 applications cover the channels and states the back office must show."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from xxgk.foi import services
from xxgk.foi.models import Case, Letter, LetterTemplate
from xxgk.foi.services import letters_called_for

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_channels_and_states(client):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    cases = Case.objects.filter(agency__code="chaoyang-kjj")
    assert set(cases.values_list("channel", flat=True)) == {
        "in_person",
        "post",
        "online",
        "ordinary_letter",
        "fax",
        "other",
    }
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
    handler = get_user_model().objects.get(username="kjj_foi")
    client.force_login(handler)
    for case in cases:
        assert client.get(f"/admin/foi/{case.pk}/").status_code == 200
    assert client.get("/admin/foi/?list=overdue").context["rows"]
    # the two lapse outcomes can be produced: a lapsed 补正 is offered for closing, an unpaid fee can be answered
    lapsed = client.get(f"/admin/foi/{cases.get(information_name='科技局历年课题情况').pk}/").content.decode()
    assert "确认逾期不补正并办结" in lapsed
    unpaid = cases.get(information_name="2015—2025年科技项目申报书全文")
    services.decide(handler, unpaid, on=timezone.localdate(), outcome_code="other_fee_unpaid")
    # the 科技局's own 登记回执 text (a per-agency template) is used for the letters issued after it was saved
    assert LetterTemplate.objects.filter(agency__code="chaoyang-kjj", slot="receipt").exists()
    receipt = services.issue_letter(handler, unpaid, "receipt")
    assert receipt.content["template"]["custom"] and "凭申请编号和查询码" in receipt.content["paragraphs"][2]
