"""The catalogue in the back office: drafts through the service, publication only by 领导签发."""

import json

import pytest

from xxgk.catalog.models import Entry
from xxgk.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db

BODY = json.dumps(
    {
        "blocks": [
            {
                "key": "a1",
                "text": "第一条 为规范科技项目管理……",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)


def form_data(agency, **extra) -> dict:
    data = {
        "agency": agency.pk,
        "title": "测试市科技项目管理办法",
        "kind": "normative",
        "topic": "",
        "document_number": "测科发〔2026〕9号",
        "written_on": "2026-11-02",
        "formed_on": "",
        "summary": "",
        "body": BODY,
        "statutory_items": ["1"],
        "disclosure": "proactive",
        "withheld_ground": "",
        "validity": "valid",
        "replaced_by": "",
        "interprets": "",
        # The attachments' inline formset (none here).
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_drafter_saves_a_draft_and_nobody_publishes_with_a_button(client, agency_a, make_staff):
    """The admin's path to publication is the review workflow (test_review_admin.py), not a publish button."""
    drafter, leader = make_staff(agency_a, Role.DRAFTER), make_staff(agency_a, Role.LEADER)
    client.force_login(drafter)
    response = client.post("/admin/snippets/catalog/entry/add/", form_data(agency_a))
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Entry.objects.get()
    assert (entry.live, entry.index_number) == (False, None)
    assert [i.number for i in entry.statutory_items.all()] == [1]
    assert AuditEvent.objects.filter(action="catalog.drafted", actor=drafter).exists()
    for user in (drafter, leader):
        client.force_login(user)
        page = client.get(f"/admin/snippets/catalog/entry/edit/{entry.pk}/").content.decode()
        assert 'name="action-publish"' not in page and 'name="action-submit"' in page
        client.post(f"/admin/snippets/catalog/entry/edit/{entry.pk}/", form_data(agency_a, **{"action-publish": "1"}))
        entry.refresh_from_db()
        assert not entry.live and not AuditEvent.objects.filter(action="catalog.published").exists()


def test_other_agencies_are_neither_offered_nor_reachable(client, agency_a, agency_b, make_staff):
    drafter_b = make_staff(agency_b, Role.DRAFTER)
    client.force_login(make_staff(agency_a, Role.DRAFTER))
    client.post("/admin/snippets/catalog/entry/add/", form_data(agency_a))
    entry = Entry.objects.get()
    form = client.get("/admin/snippets/catalog/entry/add/").context["form"]
    assert list(form.fields["agency"].queryset) == [agency_a]
    client.force_login(drafter_b)
    assert client.get(f"/admin/snippets/catalog/entry/edit/{entry.pk}/").status_code == 404
    assert "测试市科技项目管理办法" not in client.get("/admin/snippets/catalog/entry/").content.decode()
    response = client.post("/admin/snippets/catalog/entry/add/", form_data(agency_a, title="越权起草"))
    assert response.status_code == 200 and not Entry.objects.filter(title="越权起草").exists()


def test_invalid_input_is_explained_and_kept(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.DRAFTER))
    response = client.post(
        "/admin/snippets/catalog/entry/add/", form_data(agency_a, kind="interpretation", title="缺少原文件的解读")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "必须指明所解读的文件" in page and "缺少原文件的解读" in page
    assert not Entry.objects.exists()
