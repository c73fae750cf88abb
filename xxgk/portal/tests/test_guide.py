"""The 政府信息公开指南 is generated from the agency's settings plus the free text its admin writes."""

import pytest

from xxgk.catalog.models import Column
from xxgk.core import services
from xxgk.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


def test_agency_admin_adds_guide_text_shown_escaped_in_paragraphs(client, agency_a, make_staff):
    admin = make_staff(agency_a, Role.AGENCY_ADMIN)
    agency_a.guide_text = "本机关信息按科技、综合两类编排。\n\n申请表可在办公室领取。<script>alert(1)</script>"
    services.save_agency(admin, agency_a)
    assert AuditEvent.objects.filter(object_id=str(agency_a.pk), changes__has_key="guide_text").exists()
    page = client.get("/agencies/agency-a/guide/").content.decode()
    assert "<p>本机关信息按科技、综合两类编排。</p>" in page
    assert "申请表可在办公室领取。&lt;script&gt;" in page and "<script>alert" not in page


def test_guide_explains_classification_and_ways_to_get_information(client, agency_a):
    column = Column.objects.create(agency=agency_a, name="科技项目公示")
    page = client.get("/agencies/agency-a/guide/").content.decode()
    assert "第二十条" in page and f'href="/agencies/agency-a/columns/{column.pk}/">科技项目公示' in page
    assert 'href="/agencies/agency-a/entries/rss/"' in page and 'href="/api/openapi.json"' in page


def test_guide_text_is_in_the_back_office_agency_form(client, agency_a, make_staff):
    client.force_login(make_staff(agency_a, Role.AGENCY_ADMIN))
    form = client.get(f"/admin/snippets/core/agency/edit/{agency_a.pk}/").content.decode()
    assert 'name="guide_text"' in form and "公开指南补充内容" in form
