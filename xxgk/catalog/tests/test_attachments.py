"""Attachments of catalogue entries: checked and cleaned at upload, kept in revisions, public only when the
entry is, searchable once published, maskable for the review workflow (rules.md §1.5)."""

import hashlib
import io
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.catalog import attachments, review, services
from xxgk.catalog.models import Entry, EntryAttachment
from xxgk.core.models import AuditEvent, Role
from xxgk.screening.detectors import FindingKind, scan
from xxgk.screening.models import ScreeningFinding
from xxgk.screening.tests import sample_files as files
from xxgk.screening.tests.sample_files import AUTHOR, MOBILE, RESIDENT_ID
from xxgk.search import backends as search_backends
from xxgk.search.query import parse_query

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"
    return settings.ATTACHMENTS_ROOT


@pytest.fixture
def drafter(agency_a, make_staff):
    return make_staff(agency_a, Role.DRAFTER)


@pytest.fixture
def leader(agency_a, make_staff):
    return make_staff(agency_a, Role.LEADER)


@pytest.fixture
def entry(drafter, agency_a):
    return services.save_draft(drafter, Entry(agency=agency_a, title="关于科技创新券兑付情况的公示"))


@pytest.fixture
def section(agency_a, make_staff):
    return make_staff(agency_a, Role.SECTION_REVIEWER)


def _keep_findings(reviewer, entry) -> None:
    """科室审核 keeps what screening found, with a reason (the sample files hold an ID and a mobile number)."""
    services.screen(reviewer, entry)
    for finding in ScreeningFinding.objects.for_object(entry).open():
        review.justify_finding(reviewer, finding, "测试样例，经核实可以保留")


def _docx_author(data: bytes) -> str:
    from docx import Document

    return Document(io.BytesIO(data)).core_properties.author


def test_an_upload_is_checked_stripped_and_read_into_the_draft(drafter, entry, private_dir, settings):
    added = services.add_attachment(drafter, entry, "张三的材料.docx", files.docx(), title="兑付名单")
    stored = EntryAttachment.objects.get(entry=entry)
    assert stored.key == added.key == f"attachment:{stored.uid}"
    data = attachments.read(stored)
    assert _docx_author(data) == "" and stored.metadata_stripped
    assert (stored.kind, stored.size, stored.sha256) == ("docx", len(data), hashlib.sha256(data).hexdigest())
    assert RESIDENT_ID in stored.text and "联系人电话：13812345678" in stored.text
    # Stored under a random name, outside MEDIA_ROOT; the uploaded name is kept only as a field.
    path = stored.file.path
    assert path.startswith(str(private_dir)) and "张三" not in path and not path.startswith(str(settings.MEDIA_ROOT))
    assert stored.original_filename == "张三的材料.docx"
    event = AuditEvent.objects.get(action="catalog.attachment_added")
    assert event.actor == drafter and "兑付名单" in str(event.changes["attachments"][1])


def test_a_pdf_named_docx_is_refused_and_nothing_is_saved(drafter, entry):
    revisions = entry.revisions.count()
    with pytest.raises(ValidationError, match=r"实际格式是 PDF，与扩展名“\.docx”不符"):
        services.add_attachment(drafter, entry, "名单.docx", files.pdf())
    assert not EntryAttachment.objects.exists()
    assert entry.revisions.count() == revisions
    assert not AuditEvent.objects.filter(action="catalog.attachment_added").exists()


def test_the_size_limit_is_a_setting(drafter, entry, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match=r"超过了 0\.0 MB 的上限"):
        services.add_attachment(drafter, entry, "名单.xlsx", files.xlsx())


def test_only_editors_of_the_agency_may_change_attachments(entry, agency_b, make_staff):
    with pytest.raises(PermissionDenied):
        services.add_attachment(make_staff(agency_b, Role.DRAFTER), entry, "名单.xlsx", files.xlsx())


def test_replace_and_remove_keep_the_key_and_are_audited(drafter, entry):
    first = services.add_attachment(drafter, entry, "名单.xlsx", files.xlsx(), title="名单")
    replaced = services.replace_attachment(drafter, entry, first.key, "名单.pdf", files.pdf())
    stored = EntryAttachment.objects.get()
    assert (stored.key, stored.title, stored.kind) == (first.key, "名单", "pdf") and replaced.key == first.key
    services.remove_attachment(drafter, entry, first.key)
    assert not EntryAttachment.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"catalog.attachment_replaced", "catalog.attachment_removed"} <= actions
    with pytest.raises(ValidationError, match="没有这个附件"):
        services.remove_attachment(drafter, entry, first.key)


def test_download_only_while_the_entry_is_public(client, drafter, leader, section, entry):
    services.add_attachment(drafter, entry, "upload.docx", files.docx(), title="兑付名单/第一批")
    attachment = EntryAttachment.objects.get()
    url = f"/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404  # a draft
    with pytest.raises(ValidationError, match="筛查结果未处理"):  # the attachment's ID number stops it
        services.publish(leader, entry)
    _keep_findings(section, entry)
    services.publish(leader, entry)
    entry.refresh_from_db()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Cache-Control"] == "no-cache"
    assert response["Content-Disposition"].endswith("filename*=utf-8''" + quote("兑付名单_第一批.docx"))
    assert _docx_author(b"".join(response.streaming_content)) == ""
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert url in page and "兑付名单/第一批" in page and "Word 文档（DOCX）" in page

    services.withdraw(leader, entry, "信息有误")
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError, match="已撤稿"):
        services.add_attachment(drafter, entry, "名单.xlsx", files.xlsx())


def test_a_live_entrys_draft_changes_stay_private_until_published(client, drafter, leader, section, entry):
    services.add_attachment(drafter, entry, "名单.xlsx", files.xlsx(), title="第一批名单")
    _keep_findings(section, entry)
    services.publish(leader, entry)
    entry.refresh_from_db()
    published = EntryAttachment.objects.get()
    # In the next draft: the first file removed, a second added. The public still sees the first only.
    services.remove_attachment(drafter, entry, published.key)
    second = services.add_attachment(drafter, entry, "补充.pdf", files.pdf(), title="补充名单")
    assert list(EntryAttachment.objects.values_list("title", flat=True)) == ["第一批名单"]
    assert client.get(f"/attachments/{published.pk}/").status_code == 200
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "第一批名单" in page and "补充名单" not in page
    # Screening reads the draft (the latest revision): the new file, under its stable key.
    draft = Entry.objects.get(pk=entry.pk).get_latest_revision_as_object()
    assert [(key, label) for key, label, _text in attachments.attachment_texts(draft)] == [(second.key, "补充名单")]

    _keep_findings(section, entry)  # the new file's findings are new findings
    services.publish(leader, entry)
    assert list(EntryAttachment.objects.values_list("title", flat=True)) == ["补充名单"]
    assert client.get(f"/attachments/{published.pk}/").status_code == 404


def _found(word: str) -> bool:
    return bool(search_backends.search(parse_query(word)))


def test_a_word_only_in_an_attachment_is_searchable_once_published(drafter, leader, section, entry):
    services.add_attachment(drafter, entry, "说明.xlsx", files.xlsx(word="青藤孵化专项"), title="说明")
    assert not _found("青藤孵化专项")
    _keep_findings(section, entry)
    services.publish(leader, entry)
    assert _found("青藤孵化专项")
    assert not _found("没有这个词组")


def test_masking_an_attachment_replaces_its_file_in_the_draft(drafter, entry):
    added = services.add_attachment(drafter, entry, "名单.docx", files.docx(), title="名单")
    findings = [f for f in scan(added.text) if f.kind in (FindingKind.RESIDENT_ID, FindingKind.MOBILE)]
    masked = services.mask_attachment(drafter, entry, added.key, findings)
    assert RESIDENT_ID not in masked.text and MOBILE not in masked.text and "138****5678" in masked.text
    stored = EntryAttachment.objects.get()
    assert RESIDENT_ID.encode() not in attachments.read(stored)
    assert AuditEvent.objects.filter(action="catalog.attachment_masked", note="mobile、resident_id").exists()
    (mark,) = scan("机密★1年")
    with pytest.raises(ValidationError, match="不能遮盖"):
        services.mask_attachment(drafter, entry, added.key, [mark])


def _upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def _admin_form(agency, title: str, upload, **extra) -> dict:
    from xxgk.catalog.tests.test_backoffice import form_data

    data = form_data(agency, title=title, **extra)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-id": "",
            "attachments-0-ORDER": "1",
            "attachments-0-DELETE": "",
            "attachments-0-title": "兑付名单",
            "attachments-0-file": upload,
        }
    )
    return data


def test_back_office_upload_and_a_refusal_in_chinese_keeping_the_form(client, drafter, agency_a):
    client.force_login(drafter)
    refused = client.post(
        "/admin/snippets/catalog/entry/add/", _admin_form(agency_a, "我的标题草稿", _upload("名单.docx", files.pdf()))
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "实际格式是 PDF，与扩展名“.docx”不符" in page and "我的标题草稿" in page
    assert not Entry.objects.exists() and not EntryAttachment.objects.exists()

    response = client.post(
        "/admin/snippets/catalog/entry/add/", _admin_form(agency_a, "我的标题", _upload("名单.docx", files.docx()))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = EntryAttachment.objects.get()
    assert stored.title == "兑付名单" and stored.metadata_stripped and RESIDENT_ID in stored.text
    assert _docx_author(attachments.read(stored)) == "" and AUTHOR not in stored.text
    edited = AuditEvent.objects.get(action="catalog.drafted")
    assert edited.changes["attachments"][1][0].startswith("兑付名单（docx")


def _row(index: int, attachment, title: str, upload=None) -> dict:
    return {
        f"attachments-{index}-id": attachment.pk or "" if attachment else "",
        f"attachments-{index}-uid": str(attachment.uid) if attachment else "",
        f"attachments-{index}-ORDER": str(index + 1),
        f"attachments-{index}-DELETE": "",
        f"attachments-{index}-title": title,
        **({f"attachments-{index}-file": upload} if upload else {}),
    }


def _edit(client, entry, agency, *rows: dict, initial: int, **extra):
    from xxgk.catalog.tests.test_backoffice import form_data

    data = form_data(agency, title=entry.title, **extra)
    data["attachments-TOTAL_FORMS"] = str(len(rows))
    data["attachments-INITIAL_FORMS"] = str(initial)
    for row in rows:
        data.update(row)
    return client.post(f"/admin/snippets/catalog/entry/edit/{entry.pk}/", data)


def test_back_office_edits_of_a_live_entry_keep_files_across_drafts(
    client, drafter, leader, section, entry, agency_a
):
    services.add_attachment(drafter, entry, "名单.xlsx", files.xlsx(), title="第一批名单")
    _keep_findings(section, entry)
    services.publish(leader, entry)
    first = EntryAttachment.objects.get()
    client.force_login(drafter)
    assert client.get(f"/admin/snippets/catalog/entry/edit/{entry.pk}/").status_code == 200
    # Draft 1: keep the published file (no upload) and add a PDF.
    response = _edit(
        client, entry, agency_a, _row(0, first, "第一批名单"), _row(1, None, "补充", _upload("补充.pdf", files.pdf())),
        initial=1,
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Entry.objects.get(pk=entry.pk).get_latest_revision_as_object().attachments.all()[1]
    assert added.pk is None and added.kind == "pdf"  # only in the revision: the live row is unchanged
    assert list(EntryAttachment.objects.values_list("title", flat=True)) == ["第一批名单"]
    # Draft 2: the edit page renders the row-less attachment; saving again without uploads keeps both files.
    assert client.get(f"/admin/snippets/catalog/entry/edit/{entry.pk}/").status_code == 200
    response = _edit(client, entry, agency_a, _row(0, first, "第一批名单"), _row(1, added, "补充名单"), initial=2)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Entry.objects.get(pk=entry.pk).get_latest_revision_as_object()
    assert [(a.title, a.kind, a.uid) for a in draft.attachments.all()] == [
        ("第一批名单", "xlsx", first.uid),
        ("补充名单", "pdf", added.uid),
    ]
    _keep_findings(section, entry)
    services.publish(leader, Entry.objects.get(pk=entry.pk))
    assert RESIDENT_ID in EntryAttachment.objects.get(uid=added.uid).text


def test_back_office_refuses_a_row_without_a_file(client, drafter, agency_a):
    client.force_login(drafter)
    data = _admin_form(agency_a, "我的标题", "")
    del data["attachments-0-file"]
    response = client.post("/admin/snippets/catalog/entry/add/", data)
    assert response.status_code == 200 and "请选择要上传的文件。" in response.content.decode()
    assert not Entry.objects.exists()


def test_the_demo_call_has_a_downloadable_guide(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    guide = EntryAttachment.objects.get(title="2027年度朝阳市科技计划项目申报指南")
    page = client.get(f"/gk/{guide.entry.index_number}/").content.decode()
    assert f"/attachments/{guide.pk}/" in page
    assert client.get(f"/attachments/{guide.pk}/").status_code == 200
    assert _found("成果转化专项")  # a word of the attached guide only


def test_screening_reads_attachments_and_one_click_masking_rerenders_the_file(drafter, leader, entry):
    services.add_attachment(drafter, entry, "名单.docx", files.docx(), title="名单")
    open_findings = ScreeningFinding.objects.for_object(entry).open()
    on_attachment = [f for f in open_findings if f.source_key.startswith("attachment:")]
    assert {f.kind for f in on_attachment} >= {"resident_id", "mobile"}
    with pytest.raises(ValidationError, match="筛查结果未处理"):
        services.publish(leader, entry)
    for finding in on_attachment:
        review.mask_finding(drafter, ScreeningFinding.objects.get(pk=finding.pk))
    assert not ScreeningFinding.objects.for_object(entry).open().exists()
    services.publish(leader, entry)
    published = EntryAttachment.objects.get()
    assert RESIDENT_ID not in published.text and MOBILE not in published.text
    assert RESIDENT_ID.encode() not in attachments.read(published)
