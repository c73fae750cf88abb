"""条例第四十四条: released information proposed for proactive publication, linked to its requests."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.catalog.models import Entry
from xxgk.core.models import AuditEvent, Membership, Role
from xxgk.foi import services

D = date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture
def drafting_handler(handler, agency_a):
    Membership.objects.create(user=handler, agency=agency_a, role=Role.DRAFTER)
    return handler


def test_a_granted_case_becomes_a_catalogue_draft_linked_both_ways(register, drafting_handler):
    case = register()
    services.decide(drafting_handler, case, on=D("2025-10-10"), outcome_code="granted")
    entry = services.propose_publication(drafting_handler, case)
    entry.refresh_from_db()
    assert not entry.live and entry.index_number is None  # a draft: it goes through the normal review
    assert entry.title == "2025年科技计划项目立项名单" and entry.document_number == "朝科发〔2025〕3号"
    assert case.number in entry.summary and "第四十四条" in entry.summary
    assert list(services.requests_for(entry)) == [case]
    assert AuditEvent.objects.filter(action="foi.proposed_for_publication", object_id=str(case.pk)).exists()
    with pytest.raises(ValidationError, match="无需重复建议"):
        services.propose_publication(drafting_handler, case)
    # A later applicant asking the same thing is linked to the same entry.
    again = register(arrived="2025-10-13")
    services.decide(drafting_handler, again, on=D("2025-10-20"), outcome_code="granted")
    services.link_to_entry(drafting_handler, again, entry)
    assert list(services.requests_for(entry)) == [case, again]


def test_only_released_information_and_only_with_drafting_rights(register, handler, drafting_handler):
    refused = register()
    services.decide(drafting_handler, refused, on=D("2025-10-10"), outcome_code="deny_process")
    with pytest.raises(ValidationError, match="只有予以公开或部分公开"):
        services.propose_publication(drafting_handler, refused)
    assert not Entry.objects.exists()


def test_a_handler_without_drafting_rights_is_told_why(register, handler):
    case = register()
    services.decide(handler, case, on=D("2025-10-10"), outcome_code="granted")
    with pytest.raises(PermissionDenied, match="信息员"):
        services.propose_publication(handler, case)


def test_the_case_page_offers_the_proposal_and_then_links_the_draft(client, register, drafting_handler):
    case = register()
    services.decide(drafting_handler, case, on=D("2025-10-10"), outcome_code="granted")
    client.force_login(drafting_handler)
    assert f"/admin/foi/{case.pk}/propose/" in client.get(f"/admin/foi/{case.pk}/").content.decode()
    response = client.post(f"/admin/foi/{case.pk}/propose/", {})
    assert response.status_code == 302
    page = client.get(f"/admin/foi/{case.pk}/").content.decode()
    assert "转为主动公开（第四十四条）" in page and "草稿，待审核发布" in page
    assert f"/admin/foi/{case.pk}/propose/" not in page  # not offered twice
