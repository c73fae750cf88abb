"""Every saved draft is a revision in Wagtail's history, and two revisions can be compared (修订对比)."""

import re

import pytest

from xxgk.catalog import services
from xxgk.catalog.models import Entry
from xxgk.core.models import Role

pytestmark = pytest.mark.django_db


def test_history_lists_each_draft_and_compares_two(client, agency_a, agency_b, make_staff):
    drafter = make_staff(agency_a, Role.DRAFTER)
    entry = services.save_draft(drafter, Entry(agency=agency_a, title="第一稿", body="<p>申报截止日期为三月一日。</p>"))
    entry.title, entry.body = "第二稿", "<p>申报截止日期为三月十日。</p>"
    services.save_draft(drafter, entry)
    client.force_login(drafter)
    history = client.get(f"/admin/snippets/catalog/entry/history/{entry.pk}/").content.decode()
    compare = re.findall(r'href="([^"]*/revisions/compare/[^"]*)"', history)
    assert compare, "the history offers a comparison"
    page = re.sub(r"\s+", " ", client.get(compare[0]).content.decode())
    assert '<span class="deletion">第一稿</span><span class="addition">第二稿</span>' in page
    assert "三月一日" in page and "三月十日" in page and "比较" in page
    # Another agency's staff reach none of the draft's object views: history, diff, revision preview.
    revision = Entry.objects.get(pk=entry.pk).latest_revision_id
    client.force_login(make_staff(agency_b, Role.DRAFTER))
    for url in (
        f"/admin/snippets/catalog/entry/history/{entry.pk}/",
        compare[0],
        f"/admin/snippets/catalog/entry/history/{entry.pk}/revisions/{revision}/view/",
        f"/admin/snippets/catalog/entry/usage/{entry.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "三月十日" not in response.content.decode()
