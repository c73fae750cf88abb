"""The review before publication: 科室审核 → 保密审查 → 领导签发 in the entry's own agency, with the screening gate."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Workflow, WorkflowContentType, WorkflowState

from xxgk.catalog import review, services
from xxgk.catalog.models import Entry
from xxgk.catalog.review import DEFAULT_WORKFLOW_NAME, Decision, ReviewAction
from xxgk.core.models import AuditEvent, Role
from xxgk.screening.models import FindingStatus, ScreeningFinding
from xxgk.screening.services import ScreeningAction
from xxgk.search import backends
from xxgk.search.query import parse_query

pytestmark = pytest.mark.django_db

RAW_ID = "110101199003077512"


def search(q: str) -> list[str]:
    return [
        hit.index_number for hit in backends.search(parse_query(q))
    ]  # a valid 身份证号码 (check digit per GB 11643)


@pytest.fixture
def staff(agency_a, make_staff):
    return {role: make_staff(agency_a, role) for role in (Role.DRAFTER, *review.DEFAULT_STEPS)}


def submitted(staff, agency, **fields) -> Entry:
    fields.setdefault("title", "关于公布2026年度科技计划项目立项名单的通知")
    fields.setdefault("body", "<p>经专家评审和公示，现将立项名单予以公布。</p>")
    entry = services.save_draft(staff[Role.DRAFTER], Entry(agency=agency, **fields))
    review.submit_for_review(staff[Role.DRAFTER], entry)
    return entry


def approve_all(staff, entry, opinions=("同意", "经审查不涉密", "同意发布")) -> None:
    for role, opinion in zip(review.DEFAULT_STEPS, opinions, strict=True):
        review.act(staff[role], entry, Decision.APPROVE, opinion)


def test_the_default_workflow_is_ours_and_assigned_to_entries():
    workflow = Entry.get_default_workflow()
    assert workflow.name == DEFAULT_WORKFLOW_NAME
    assert [t.specific.role for t in workflow.tasks] == [r.value for r in review.DEFAULT_STEPS]
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    review.ensure_default_workflow()  # idempotent
    assert Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).count() == 1
    assert len(Entry.get_default_workflow().tasks) == 3
    # A workflow an operator assigned instead survives the next migrate.
    own = Workflow.objects.create(name="科技局两级审核")
    WorkflowContentType.objects.filter(workflow=workflow).update(workflow=own)
    review.ensure_default_workflow()
    assert Entry.get_default_workflow() == own


def test_full_path_publishes_with_an_index_number_and_is_searchable(staff, agency_a):
    entry = submitted(staff, agency_a)
    review.act(staff[Role.SECTION_REVIEWER], entry, Decision.APPROVE, "同意")
    review.act(staff[Role.SECRECY_REVIEWER], entry, Decision.APPROVE, "经审查不涉密")
    entry.refresh_from_db()
    assert not entry.live and entry.index_number is None
    review.act(staff[Role.LEADER], entry, Decision.APPROVE, "同意发布")
    entry.refresh_from_db()
    assert entry.live and entry.index_number.startswith("agency-a/")
    assert entry.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert search("立项名单") == [entry.index_number]
    actions = list(AuditEvent.objects.filter(object_id=str(entry.pk)).values_list("action", "note"))
    assert (ReviewAction.SUBMITTED, DEFAULT_WORKFLOW_NAME) in actions
    assert (ReviewAction.APPROVED, "经审查不涉密") in actions
    assert ("catalog.published", "") in actions
    approvals = AuditEvent.objects.filter(action=ReviewAction.APPROVED, object_id=str(entry.pk)).order_by("id")
    assert [(e.actor, e.changes["step"][1]) for e in approvals] == [
        (staff[role], role.label) for role in review.DEFAULT_STEPS
    ]


def test_each_step_needs_its_role_in_the_entrys_agency(staff, agency_a, agency_b, make_staff):
    entry = submitted(staff, agency_a)
    outsider = make_staff(agency_b, Role.SECTION_REVIEWER)
    for wrong in (staff[Role.DRAFTER], staff[Role.LEADER], staff[Role.SECRECY_REVIEWER], outsider):
        with pytest.raises(PermissionDenied):
            review.act(wrong, entry, Decision.APPROVE, "同意")
    # Wagtail's on_action is guarded too (it would not check by itself).
    task_state = review.current_task_state(entry)
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, outsider, "approve", comment="越权")
    assert review.current_task_state(entry).task.specific.role == Role.SECTION_REVIEWER
    assert not AuditEvent.objects.filter(action=ReviewAction.APPROVED).exists()
    with pytest.raises(PermissionDenied):
        review.submit_for_review(make_staff(agency_b, Role.DRAFTER), entry)


def test_reject_needs_a_reason_and_sends_it_back(staff, agency_a):
    entry = submitted(staff, agency_a)
    review.act(staff[Role.SECTION_REVIEWER], entry, Decision.APPROVE, "")
    with pytest.raises(ValidationError, match="退回理由"):
        review.act(staff[Role.SECRECY_REVIEWER], entry, Decision.REJECT, "  ")
    review.act(staff[Role.SECRECY_REVIEWER], entry, Decision.REJECT, "附件含内部资料，请删除后再报")
    state = entry.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert review.current_task_state(entry) is None
    with pytest.raises(ValidationError):
        review.act(staff[Role.LEADER], entry, Decision.APPROVE, "同意")
    event = AuditEvent.objects.get(action=ReviewAction.REJECTED)
    assert event.actor == staff[Role.SECRECY_REVIEWER] and event.note == "附件含内部资料，请删除后再报"
    # Resubmitted, it resumes at the step that returned it.
    review.submit_for_review(staff[Role.DRAFTER], entry)
    assert review.current_task_state(entry).task.specific.role == Role.SECRECY_REVIEWER
    review.act(staff[Role.SECRECY_REVIEWER], entry, Decision.APPROVE, "已删除，同意")
    review.act(staff[Role.LEADER], entry, Decision.APPROVE, "同意发布")
    entry.refresh_from_db()
    assert entry.live


def test_an_open_finding_blocks_every_approval_and_direct_publishing(staff, agency_a):
    entry = submitted(staff, agency_a, body=f"<p>申请人王某，身份证号码{RAW_ID}，已补正材料。</p>")
    finding = ScreeningFinding.objects.for_object(entry).get()
    assert (finding.status, finding.source_key, finding.text) == (FindingStatus.OPEN, "body", RAW_ID)
    with pytest.raises(ValidationError, match="筛查结果未处理"):
        review.act(staff[Role.SECTION_REVIEWER], entry, Decision.APPROVE, "同意")
    with pytest.raises(ValidationError, match="筛查结果未处理"):
        services.publish(staff[Role.LEADER], entry)
    entry.refresh_from_db()
    assert not entry.live and review.current_task_state(entry).task.specific.role == Role.SECTION_REVIEWER
    # Rejecting stays possible: the drafter fixes it.
    review.act(staff[Role.SECTION_REVIEWER], entry, Decision.REJECT, "请删除身份证号码")


def test_mask_resolves_and_the_masked_text_is_what_is_published(client, staff, agency_a):
    entry = submitted(
        staff, agency_a, summary=f"涉及申请人{RAW_ID}", body=f"<p>申请人王某，身份证号码{RAW_ID}，已补正材料。</p>"
    )
    findings = list(ScreeningFinding.objects.for_object(entry).open())
    assert {f.source_key for f in findings} == {"summary", "body"}
    for finding in findings:
        review.mask_finding(staff[Role.SECTION_REVIEWER], finding)
    assert not ScreeningFinding.objects.for_object(entry).open().exists()
    assert AuditEvent.objects.filter(action=ScreeningAction.MASKED, actor=staff[Role.SECTION_REVIEWER]).count() == 2
    assert RAW_ID not in str(AuditEvent.objects.filter(action=ScreeningAction.MASKED).values_list("changes"))
    approve_all(staff, entry)
    entry.refresh_from_db()
    assert entry.live and "11**************12" not in entry.body  # the rules.md format keeps 2 and 3
    assert "11*************512" in entry.body and RAW_ID not in entry.body + entry.summary
    public = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "11*************512" in public and RAW_ID not in public
    assert not search(RAW_ID) and search("补正材料") == [entry.index_number]
    results = client.get("/search/", {"q": "补正材料"}).content.decode()
    assert entry.index_number in results and RAW_ID not in results


def test_an_edit_that_removes_the_text_closes_the_finding(staff, agency_a):
    entry = submitted(staff, agency_a, body="<p>联系人手机13812345678。</p>")
    finding = ScreeningFinding.objects.for_object(entry).get()
    entry.body = "<p>联系电话见机关公开指南。</p>"
    services.save_draft(staff[Role.DRAFTER], entry)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.EDITED and finding.resolved_by == staff[Role.DRAFTER]
    entry.body = "<p>新联系人手机13987654321。</p>"
    services.save_draft(staff[Role.DRAFTER], entry)
    assert ScreeningFinding.objects.for_object(entry).open().get().text == "13987654321"


def test_justify_needs_a_reviewer_and_a_reason(staff, agency_a):
    entry = submitted(staff, agency_a, body="<p>办公地址：测试市双塔区新华路四段27号。</p>")
    finding = ScreeningFinding.objects.for_object(entry).open().get()
    with pytest.raises(PermissionDenied):
        review.justify_finding(staff[Role.DRAFTER], finding, "本机关办公地址")
    with pytest.raises(ValidationError, match="保留理由"):
        review.justify_finding(staff[Role.SECTION_REVIEWER], finding, " ")
    review.justify_finding(staff[Role.SECTION_REVIEWER], finding, "本机关办公地址，依法公开")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.JUSTIFIED and finding.resolved_by == staff[Role.SECTION_REVIEWER]
    event = AuditEvent.objects.get(action=ScreeningAction.JUSTIFIED)
    assert event.note == "本机关办公地址，依法公开" and event.object_id == str(entry.pk)
    approve_all(staff, entry)
    entry.refresh_from_db()
    assert entry.live and "新华路四段27号" in entry.body  # justified: published as written
    assert ScreeningFinding.objects.for_object(entry).get().status == FindingStatus.JUSTIFIED  # not reopened


def test_a_secrecy_mark_cannot_be_masked(staff, agency_a):
    entry = submitted(staff, agency_a, title="内部资料 注意保存")
    finding = ScreeningFinding.objects.for_object(entry).filter(kind="secrecy_mark").first()
    with pytest.raises(ValidationError, match="不能遮盖"):
        review.mask_finding(staff[Role.SECTION_REVIEWER], finding)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_the_review_sheet_shows_steps_opinions_and_resolutions(client, staff, agency_a):
    entry = submitted(staff, agency_a, body=f"<p>身份证号码{RAW_ID}</p>")
    client.force_login(staff[Role.SECTION_REVIEWER])
    waiting = client.get(f"/admin/catalog/entry/{entry.pk}/review-sheet/").content.decode()
    assert "办理中" in waiting and "待处理" in waiting and RAW_ID not in waiting  # the sheet shows the masked form
    review.mask_finding(staff[Role.SECTION_REVIEWER], ScreeningFinding.objects.for_object(entry).get())
    approve_all(staff, entry, ("科室意见：内容准确", "保密意见：不涉密", "签发意见：同意发布"))
    client.force_login(staff[Role.DRAFTER])
    page = client.get(f"/admin/catalog/entry/{entry.pk}/review-sheet/").content.decode()
    for text in (
        "政府信息发布审签单",
        "科室意见：内容准确",
        "保密意见：不涉密",
        "签发意见：同意发布",
        "保密审查",
        "已遮盖",
    ):
        assert text in page
    assert "@page { size: A4" in page and RAW_ID not in page
    entry.refresh_from_db()
    assert entry.index_number in page
    client.force_login(review_outsider(staff, agency_a))
    assert client.get(f"/admin/catalog/entry/{entry.pk}/review-sheet/").status_code == 404


def review_outsider(staff, agency_a):
    from xxgk.core import services as core_services
    from xxgk.core.models import Agency

    other = core_services.save_agency(
        _operator(), Agency(name="测试市教育局", short_name="教育局", code="agency-c", parent=agency_a.parent)
    )
    user = core_services.create_staff_user(_operator(), username="outsider", password="staff-pass-123")
    core_services.grant_role(_operator(), user, other, Role.LEADER)
    return user


def _operator():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="operator")


def test_an_interpretation_approved_in_review_goes_live_with_its_screened_document(staff, agency_a):
    from xxgk.catalog.vocabulary import EntryKind

    document = services.save_draft(
        staff[Role.DRAFTER], Entry(agency=agency_a, title="测试市科技计划项目管理办法", summary="联系人手机13812345678")
    )
    reading = submitted(staff, agency_a, title="政策解读", kind=EntryKind.INTERPRETATION, interprets=document)
    review.act(staff[Role.SECTION_REVIEWER], reading, Decision.APPROVE, "同意")
    review.act(staff[Role.SECRECY_REVIEWER], reading, Decision.APPROVE, "同意")
    # The document goes live with it, so the document's open finding blocks the final approval too.
    with pytest.raises(ValidationError, match="测试市科技计划项目管理办法"):
        review.act(staff[Role.LEADER], reading, Decision.APPROVE, "同意")
    reading.refresh_from_db()
    assert not reading.live and review.current_task_state(reading).task.specific.role == Role.LEADER
    review.mask_finding(staff[Role.DRAFTER], ScreeningFinding.objects.for_object(document).get())
    review.act(staff[Role.LEADER], reading, Decision.APPROVE, "同意")
    document.refresh_from_db()
    assert document.live and document.index_number and "138****5678" in document.summary


def test_an_edit_of_a_live_entry_is_screened_and_reviewed_before_it_replaces_the_public_text(client, staff, agency_a):
    entry = submitted(staff, agency_a)
    approve_all(staff, entry)
    entry.refresh_from_db()
    entry.body = f"<p>更正：申请人身份证号码{RAW_ID}。</p>"
    services.save_draft(staff[Role.DRAFTER], entry)
    review.submit_for_review(staff[Role.DRAFTER], entry)
    with pytest.raises(ValidationError, match="筛查结果未处理"):
        review.act(staff[Role.SECTION_REVIEWER], entry, Decision.APPROVE, "同意")
    assert RAW_ID not in client.get(f"/gk/{entry.index_number}/").content.decode()
    review.mask_finding(staff[Role.SECTION_REVIEWER], ScreeningFinding.objects.for_object(entry).open().get())
    approve_all(staff, entry)
    page = client.get(f"/gk/{entry.index_number}/").content.decode()
    assert "11*************512" in page and RAW_ID not in page and "筛查" not in page
