from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from xxgk.core import permissions
from xxgk.core.demo.city import DEMO_PASSWORD, STAFF
from xxgk.core.models import Agency, AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_city_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "kjj_drafter" in out.getvalue() and DEMO_PASSWORD in out.getvalue()
    counts = (Agency.objects.count(), Membership.objects.count(), AuditEvent.objects.count(),
              get_user_model().objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    assert counts == (Agency.objects.count(), Membership.objects.count(), AuditEvent.objects.count(),
                      get_user_model().objects.count())

    city = Agency.objects.get(code="chaoyang")
    assert {a.short_name for a in city.children.all()} == {"市科技局", "市财政局", "市教育局"}
    kjj = Agency.objects.get(code="chaoyang-kjj")
    roles = set(Membership.objects.filter(agency=kjj).values_list("role", flat=True))
    assert roles == set(Role) - {Role.CITY_OFFICE}
    office_user = get_user_model().objects.get(username="city_office")
    assert kjj in permissions.agencies_visible_to(office_user)
    assert len(STAFF) == get_user_model().objects.filter(is_superuser=False).count()
    assert get_user_model().objects.get(username="kjj_drafter").check_password(DEMO_PASSWORD)
