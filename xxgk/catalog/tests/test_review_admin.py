"""The review in Wagtail's admin: the same rules as the service (role in the entry's agency, screening gate)."""

import pytest
from wagtail.models import WorkflowState

from xxgk.catalog import review
from xxgk.catalog.models import Entry
from xxgk.catalog.tests.test_backoffice import form_data
from xxgk.core.models import AuditEvent, Role
from xxgk.screening.models import FindingStatus, ScreeningFinding

pytestmark = pytest.mark.django_db

EDIT = "/admin/snippets/catalog/entry/edit/{}/"


@pytest.fixture
def staff(agency_a, make_staff):
    return {role: make_staff(agency_a, role) for role in (Role.DRAFTER, *review.DEFAULT_STEPS)}


def submit_in_admin(client, staff, agency, **fields) -> Entry:
    client.force_login(staff[Role.DRAFTER])
    response = client.post("/admin/snippets/catalog/entry/add/", form_data(agency, **fields, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Entry.objects.get()


def act_in_admin(client, user, entry, action: str, comment: str = "") -> list[str]:
    """The modal approve/reject of the edit page posts here; returns the messages the user is shown."""
    client.force_login(user)
    state = review.current_task_state(entry)
    url = f"/admin/snippets/catalog/entry/workflow/action/{entry.pk}/{action}/{state.pk}/"
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    return [str(m) for m in response.wsgi_request._messages]


REFUSED = "没有权限"  # Wagtail turns PermissionDenied into this message and a redirect to the dashboard


def test_the_admin_review_path_publishes(client, staff, agency_a):
    entry = submit_in_admin(client, staff, agency_a)
    assert entry.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    assert AuditEvent.objects.filter(action=review.ReviewAction.SUBMITTED, actor=staff[Role.DRAFTER]).exists()
    # What staff read is Chinese (our locale file fills Wagtail's gaps) and the modal asks for the opinion.
    page = client.get(EDIT.format(entry.pk)).content.decode()
    assert "已送科室审核" in page and "Sent to" not in page and "筛查结果" in page and "审签单" in page
    client.force_login(staff[Role.SECTION_REVIEWER])
    state = review.current_task_state(entry)
    modal = client.get(f"/admin/snippets/catalog/entry/workflow/action/{entry.pk}/reject/{state.pk}/").json()
    assert "退回理由" in modal["html"]
    for role in review.DEFAULT_STEPS:
        assert not any(REFUSED in m for m in act_in_admin(client, staff[role], entry, "approve", f"{role.label}：同意"))
    entry.refresh_from_db()
    assert entry.live and entry.index_number.startswith("agency-a/")
    assert "第一条 为规范科技项目管理" in client.get(f"/gk/{entry.index_number}/").content.decode()
    steps = review.review_steps(entry)
    assert [(s.role, s.decision, s.opinion) for s in steps] == [
        (r.label, "通过", f"{r.label}：同意") for r in review.DEFAULT_STEPS
    ]


def test_wrong_role_or_agency_is_refused_in_the_admin(client, staff, agency_a, agency_b, make_staff):
    entry = submit_in_admin(client, staff, agency_a)
    outsider = make_staff(agency_b, Role.SECTION_REVIEWER)
    for user in (staff[Role.DRAFTER], staff[Role.LEADER]):
        assert any(REFUSED in m for m in act_in_admin(client, user, entry, "approve", "同意"))
    # Another agency's reviewer does not even find the entry behind the modal's URL.
    client.force_login(outsider)
    state = review.current_task_state(entry)
    url = f"/admin/snippets/catalog/entry/workflow/action/{entry.pk}/approve/{state.pk}/"
    assert client.post(url, {"comment": "同意"}).status_code == 404
    # The edit page's own approve button (saving edits with the decision) is refused to the wrong role too.
    client.force_login(staff[Role.LEADER])
    data = form_data(agency_a, **{"action-workflow-action": "1", "workflow-action-name": "approve"})
    client.post(EDIT.format(entry.pk), data)
    # ...and another agency's reviewer cannot even open the entry, nor sees it awaiting review on the dashboard.
    client.force_login(outsider)
    assert client.get(EDIT.format(entry.pk)).status_code == 404
    assert entry.title not in client.get("/admin/").content.decode()
    client.force_login(staff[Role.SECTION_REVIEWER])
    assert entry.title in client.get("/admin/").content.decode()
    assert review.current_task_state(entry).task.specific.role == Role.SECTION_REVIEWER
    assert not AuditEvent.objects.filter(action=review.ReviewAction.APPROVED).exists()
    # The right person, from the edit page's button, passes.
    client.force_login(staff[Role.SECTION_REVIEWER])
    data["workflow-action-extra-data"] = '{"comment": "同意"}'
    response = client.post(EDIT.format(entry.pk), data)
    assert response.status_code == 302, [response.context["form"].errors, response.context["messages"]]
    assert review.current_task_state(entry).task.specific.role == Role.SECRECY_REVIEWER


def test_reject_in_the_admin_needs_a_reason(client, staff, agency_a):
    entry = submit_in_admin(client, staff, agency_a)
    act_in_admin(client, staff[Role.SECTION_REVIEWER], entry, "reject", "")
    assert entry.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    act_in_admin(client, staff[Role.SECTION_REVIEWER], entry, "reject", "发文字号有误")
    assert entry.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert AuditEvent.objects.get(action=review.ReviewAction.REJECTED).note == "发文字号有误"


def test_an_open_finding_is_explained_and_mask_works_from_the_screening_page(client, staff, agency_a):
    entry = submit_in_admin(client, staff, agency_a, summary="联系人手机13812345678")
    shown = act_in_admin(client, staff[Role.SECTION_REVIEWER], entry, "approve", "同意")
    assert any("尚有 1 项筛查结果未处理" in m for m in shown)
    assert review.current_task_state(entry).task.specific.role == Role.SECTION_REVIEWER
    page = client.get(f"/admin/catalog/entry/{entry.pk}/screening/").content.decode()
    assert "<mark>13812345678</mark>" in page and "138****5678" in page
    edit_page = client.get(EDIT.format(entry.pk)).content.decode()
    assert "尚有 <strong>1</strong> 项待处理" in edit_page
    finding = ScreeningFinding.objects.for_object(entry).get()
    # A drafter may mask but not justify; the page says so and the server refuses.
    client.force_login(staff[Role.DRAFTER])
    response = client.post(f"/admin/catalog/finding/{finding.pk}/justify/", {"justification": "x"})
    assert response.url == "/admin/" and any(REFUSED in str(m) for m in response.wsgi_request._messages)
    client.force_login(staff[Role.SECTION_REVIEWER])
    client.post(f"/admin/catalog/finding/{finding.pk}/mask/")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.MASKED
    act_in_admin(client, staff[Role.SECTION_REVIEWER], entry, "approve", "已遮盖，同意")
    assert review.current_task_state(entry).task.specific.role == Role.SECRECY_REVIEWER


def test_findings_of_another_agency_are_unreachable(client, staff, agency_a, agency_b, make_staff):
    entry = submit_in_admin(client, staff, agency_a, title="联系人手机13812345678")
    finding = ScreeningFinding.objects.for_object(entry).get()
    client.force_login(make_staff(agency_b, Role.LEADER))
    assert client.get(f"/admin/catalog/entry/{entry.pk}/screening/").status_code == 404
    assert client.post(f"/admin/catalog/finding/{finding.pk}/justify/", {"justification": "理由"}).status_code == 404
    assert client.post(f"/admin/catalog/finding/{finding.pk}/mask/").status_code == 404
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_the_submitter_is_told_of_findings_and_a_refused_approval_says_why(client, staff, agency_a):
    client.force_login(staff[Role.DRAFTER])
    fields = form_data(agency_a, summary="联系人手机13812345678", **{"action-submit": "1"})
    shown = client.post("/admin/snippets/catalog/entry/add/", fields, follow=True).content.decode()
    assert "已创建并提交审核" in shown and "发布前筛查发现 1 项" in shown
    entry = Entry.objects.get()
    # The edit page's 审核通过 (edits saved with the decision) is refused while the finding is open, and says why.
    client.force_login(staff[Role.SECTION_REVIEWER])
    data = form_data(agency_a, summary="联系人手机13812345678", **{"action-workflow-action": "1"})
    data.update({"workflow-action-name": "approve", "workflow-action-extra-data": '{"comment": "同意"}'})
    page = client.post(EDIT.format(entry.pk), data).content.decode()
    assert "尚有 1 项筛查结果未处理" in page
    assert review.current_task_state(entry).task.specific.role == Role.SECTION_REVIEWER


def test_no_autosave_on_entries(client, staff, agency_a):
    """Autosave created an entry twice when 提交审核 was clicked during it (test_done_browser found it)."""
    entry = submit_in_admin(client, staff, agency_a)
    for url in ("/admin/snippets/catalog/entry/add/", EDIT.format(entry.pk)):
        assert "data-w-autosave-interval-value" not in client.get(url).content.decode()
