"""What the public sees of the catalogue: published entries by 索引号, never drafts."""

import pytest

from xxgk.catalog import services
from xxgk.catalog.models import Entry, StatutoryItem
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(agency_a, make_staff):
    return make_staff(agency_a, Role.DRAFTER), make_staff(agency_a, Role.LEADER)


def published(staff, agency, **fields) -> Entry:
    drafter, leader = staff
    items = fields.pop("items", [])
    entry = Entry(agency=agency, **fields)
    entry.statutory_items = list(StatutoryItem.objects.filter(number__in=items))
    services.save_draft(drafter, entry)
    services.publish(leader, entry)
    entry.refresh_from_db()
    return entry


def test_document_page_shows_metadata_above_the_text(client, staff, agency_a):
    entry = published(
        staff,
        agency_a,
        title="测试市科技计划项目管理办法",
        kind=EntryKind.NORMATIVE,
        document_number="测科发〔2026〕3号",
        body="<p>第一条 为规范科技计划项目管理……</p>",
        items=[1],
    )
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    for text in (entry.index_number, "测科发〔2026〕3号", "测试市科学技术局", "有效", "主动公开"):
        assert text in page
    assert page.index("索引号") < page.index("第一条 为规范科技计划项目管理")
    listing = client.get("/agencies/agency-a/statutory/").content.decode()
    assert f'href="/gk/{entry.index_number}/"' in listing


def test_drafts_and_unpublished_changes_are_never_public(client, staff, agency_a):
    drafter, _ = staff
    entry = published(staff, agency_a, title="已发布的标题", body="<p>公开内容</p>")
    draft_only = services.save_draft(drafter, Entry(agency=agency_a, title="尚未发布的草稿"))
    entry.body = "<p>未经审核的修改</p>"
    services.save_draft(drafter, entry)
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "公开内容" in page and "未经审核的修改" not in page
    assert "尚未发布的草稿" not in client.get("/agencies/agency-a/statutory/").content.decode()
    assert client.get(f"/gk/agency-a/2026-{draft_only.pk:05d}/").status_code == 404


def test_withdrawn_entry_says_so_and_hides_the_text(client, staff, agency_a):
    _, leader = staff
    entry = published(staff, agency_a, title="将被撤回的通知", body="<p>原文内容</p>", items=[1])
    services.withdraw(leader, entry, "内容有误")
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "已于" in page and "撤回" in page and "内容有误" in page and "原文内容" not in page
    assert "将被撤回的通知" not in client.get("/agencies/agency-a/statutory/").content.decode()


def test_interpretation_links_both_ways(client, staff, agency_a):
    drafter, leader = staff
    document = services.save_draft(drafter, Entry(agency=agency_a, title="测试市促进科技成果转化若干措施"))
    reading = services.save_draft(
        drafter,
        Entry(agency=agency_a, title="《若干措施》政策解读", kind=EntryKind.INTERPRETATION, interprets=document),
    )
    services.publish(leader, reading)
    document.refresh_from_db()
    reading.refresh_from_db()
    assert f'href="/gk/{reading.index_number}/"' in client.get(f"/gk/{document.index_number}/").content.decode()
    assert f'href="/gk/{document.index_number}/"' in client.get(f"/gk/{reading.index_number}/").content.decode()


def test_repealed_document_points_to_its_replacement(client, staff, agency_a):
    drafter, leader = staff
    new = published(staff, agency_a, title="新办法")
    old = published(staff, agency_a, title="旧办法")
    old.validity, old.replaced_by = Validity.REPEALED, new
    services.save_draft(drafter, old)
    services.publish(leader, old)
    page = client.get(f"/gk/{old.index_number}/").content.decode()
    assert "本文件已废止" in page and f'href="/gk/{new.index_number}/"' in page
