"""The back office's bulk answer ("which entries may this user …") agrees with the per-entry rules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.permissions import policy_registry

from xxgk.catalog import services
from xxgk.catalog.models import Entry
from xxgk.core.models import Role

pytestmark = pytest.mark.django_db
ACTIONS = ["view", "change", "publish", "delete", "lock"]


def test_bulk_answer_matches_every_per_entry_answer(agency_a, agency_b, make_staff):
    drafter_a, leader_a = make_staff(agency_a, Role.DRAFTER), make_staff(agency_a, Role.LEADER)
    drafter_b = make_staff(agency_b, Role.DRAFTER)
    for i in range(3):
        entry = services.save_draft(drafter_a, Entry(agency=agency_a, title=f"科技局文件{i}"))
        if i:
            services.publish(leader_a, entry)
    services.save_draft(drafter_b, Entry(agency=agency_b, title="财政局草稿"))
    policy = policy_registry.get_by_type(Entry)
    users = [drafter_a, leader_a, drafter_b, make_staff(agency_a, Role.FOI_HANDLER, username="foi")]
    for user in users:
        for action in ACTIONS:
            expected = {e.pk for e in Entry.objects.all() if policy.user_has_permission_for_instance(user, action, e)}
            assert (
                set(policy.instances_user_has_permission_for(user, action).values_list("pk", flat=True)) == expected
            ), (user.username, action)


def test_bulk_answer_is_a_fixed_number_of_queries(agency_a, make_staff):
    drafter = make_staff(agency_a, Role.DRAFTER)
    for i in range(30):
        services.save_draft(drafter, Entry(agency=agency_a, title=f"文件{i}"))
    policy = policy_registry.get_by_type(Entry)
    with CaptureQueriesContext(connection) as queries:
        assert len(policy.instances_user_has_any_permission_for(drafter, ACTIONS)) == 30
    assert len(queries) <= 10
