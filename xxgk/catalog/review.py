"""The review before publication: 科室审核 → 保密审查 → 领导签发 (architecture.md, "Catalogue entry").

Wagtail runs the workflow (states, tasks, the admin's buttons); the rules are here. Every decision, from
this module's callers or from Wagtail's admin (``RoleApprovalTask.on_action``), goes through :func:`act`:
it checks that the actor holds the step's role in the entry's agency (Wagtail's ``on_action`` does not),
requires a reason to reject, refuses approval while a screening finding is open, and records the audit
event. The last approval publishes through ``services.go_live``, like the publish service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from wagtail.models import TaskState, Workflow, WorkflowContentType, WorkflowState, WorkflowTask
from wagtail.workflows import publish_workflow_state

from xxgk.catalog import permissions, services
from xxgk.catalog.models import Entry, RoleApprovalTask
from xxgk.catalog.sources import apply_mask, is_attachment
from xxgk.core import audit
from xxgk.core.models import Role
from xxgk.screening import services as screening
from xxgk.screening.models import FindingStatus, ScreeningFinding

DEFAULT_WORKFLOW_NAME = "政府信息发布审核（科室审核→保密审查→领导签发）"
DEFAULT_STEPS = (Role.SECTION_REVIEWER, Role.SECRECY_REVIEWER, Role.LEADER)
WAGTAIL_DEFAULT_WORKFLOW_NAME = "Moderators approval"  # created by Wagtail's migrations, in English


@audit.register_actions
class ReviewAction(models.TextChoices):
    SUBMITTED = "catalog.review_submitted", "提交审核"
    APPROVED = "catalog.review_approved", "审核通过"
    REJECTED = "catalog.review_rejected", "审核退回"
    CANCELLED = "catalog.review_cancelled", "撤回审核"


class Decision(models.TextChoices):
    APPROVE = "approve", "审核通过"
    REJECT = "reject", "退回修改"


def ensure_default_workflow() -> Workflow:
    """The default review, assigned to 政府信息 (idempotent; run after every migrate and test flush).

    Wagtail's own English "Moderators approval" workflow is deactivated: no content here uses it.
    """
    workflow, _ = Workflow.objects.get_or_create(name=DEFAULT_WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not workflow.workflow_tasks.exists():
        for order, role in enumerate(DEFAULT_STEPS):
            task = RoleApprovalTask.objects.filter(role=role, name=role.label).first()
            task = task or RoleApprovalTask.objects.create(role=role, name=role.label)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    # Assign it unless an operator has assigned another active workflow to 政府信息 (kept across migrations).
    content_type = ContentType.objects.get_for_model(Entry)
    assigned = WorkflowContentType.objects.filter(content_type=content_type).select_related("workflow").first()
    if assigned is None or not assigned.workflow.active or assigned.workflow.name == WAGTAIL_DEFAULT_WORKFLOW_NAME:
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
    for english in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW_NAME, active=True):
        english.deactivate()
    return workflow


def entry_of(task_state: TaskState) -> Entry:
    return Entry.objects.get(pk=task_state.workflow_state.object_id)


def submit_for_review(actor, entry: Entry) -> WorkflowState:
    """Send the latest draft into the review (or back into it after a 退回, at the step that returned it)."""
    if not permissions.can_submit_for_review(actor, entry.agency):
        raise PermissionDenied("您不是该机关的信息员，不能提交审核。")
    workflow = entry.get_workflow()
    if workflow is None:
        raise ValidationError("未配置发布审核流程，请联系平台管理员。")
    if entry.withdrawn_at:
        raise ValidationError("已撤稿的信息不能提交审核。")
    with transaction.atomic():
        services.screen(actor, entry)  # findings shown to the reviewers from the first step on
        state = entry.workflow_states.filter(
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
        ).first()
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            raise ValidationError("该信息已在审核中。")
        if state is not None:
            state.resume(actor)
        else:
            state = workflow.start(entry, actor)
        state.refresh_from_db()
        audit.record(ReviewAction.SUBMITTED, actor=actor, agency=entry.agency, target=entry, note=workflow.name)
    return state


def current_task_state(entry: Entry) -> TaskState | None:
    state = entry.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
    return state.current_task_state.specific if state and state.current_task_state else None


def act(actor, entry: Entry, decision: str, opinion: str = "", *, task_state: TaskState | None = None) -> TaskState:
    """Approve or reject the entry's current review step, with the actor's opinion (required to reject)."""
    current = current_task_state(entry)
    if current is None or (task_state is not None and task_state.pk != current.pk):
        raise ValidationError("该信息当前不在此审核步骤，请刷新页面。")
    task = current.task.specific
    if decision not in Decision.values:
        raise ValidationError("未知的审核操作。")
    if decision not in [name for name, _label, _modal in task.get_actions(entry, actor)]:
        raise PermissionDenied(f"您不是{entry.agency.name}的“{task.name}”岗位，不能办理此审核步骤。")
    opinion = (opinion or "").strip()
    if decision == Decision.REJECT and not opinion:
        raise ValidationError({"comment": "退回时必须填写退回理由。"})
    with transaction.atomic():
        if decision == Decision.APPROVE:
            services.require_screened(actor, entry)
        audit.record(
            ReviewAction.APPROVED if decision == Decision.APPROVE else ReviewAction.REJECTED,
            actor=actor,
            agency=entry.agency,
            target=entry,
            changes={"step": [None, task.name]},
            note=opinion,
        )
        if decision == Decision.APPROVE:
            current.approve(user=actor, comment=opinion)  # the last step ends in finish_workflow
        else:
            current.reject(user=actor, comment=opinion)
    return current


def cancel_review(actor, entry: Entry) -> None:
    """撤回审核: the submitter (or a current reviewer) takes the entry back out of the review."""
    state = entry.workflow_states.filter(
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
    ).first()
    if state is None:
        raise ValidationError("该信息不在审核中。")
    if not (permissions.can_submit_for_review(actor, entry.agency) or state.user_can_cancel(actor)):
        raise PermissionDenied("您不能撤回该信息的审核。")
    with transaction.atomic():
        state.cancel(user=actor)
        audit.record(ReviewAction.CANCELLED, actor=actor, agency=entry.agency, target=entry)


def finish_workflow(workflow_state: WorkflowState, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the final approval publishes an entry as the publish service does."""
    obj = workflow_state.content_object
    if isinstance(obj, Entry):
        services.go_live(user, Entry.objects.get(pk=obj.pk))
    else:
        publish_workflow_state(workflow_state, user)


def mask_finding(actor, finding: ScreeningFinding) -> Entry:
    """One-click 遮盖: the finding's occurrence is masked (rules.md §1.5 formats) in a new revision."""
    entry = Entry.objects.get(pk=finding.object_id)
    if not permissions.can_edit(actor, entry.agency):
        raise PermissionDenied("您不能修改该机关的政府信息。")
    if finding.status != FindingStatus.OPEN:
        raise ValidationError("该筛查结果已处理，请刷新页面。")
    detected = screening.as_detector_finding(finding)
    if is_attachment(finding.source_key):
        with transaction.atomic():  # the file is re-rendered without the text, in a new revision
            screening.mark_masked(actor, finding)
            services.mask_attachment(actor, entry, finding.source_key, [detected])
        return entry
    content = entry.get_latest_revision_as_object() if entry.latest_revision_id else entry
    apply_mask(content, finding.source_key, detected)
    with transaction.atomic():
        screening.mark_masked(actor, finding)
        services.save_draft(actor, content)
    return entry


def justify_finding(actor, finding: ScreeningFinding, reason: str) -> ScreeningFinding:
    return screening.justify(actor, finding, reason)


@dataclass(frozen=True)
class StepRecord:
    """One line of the 审签单."""

    step: str
    role: str
    person: str
    decision: str
    opinion: str
    started_at: datetime
    finished_at: datetime | None


TASK_STATUS_LABELS = {
    TaskState.STATUS_IN_PROGRESS: "办理中",
    TaskState.STATUS_APPROVED: "通过",
    TaskState.STATUS_REJECTED: "退回",
    TaskState.STATUS_SKIPPED: "跳过",
    TaskState.STATUS_CANCELLED: "已撤回",
}


def display_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def review_steps(entry: Entry) -> list[StepRecord]:
    """Every review step the entry went through, oldest first (all rounds, including returned ones)."""
    states = (
        TaskState.objects.filter(workflow_state__in=entry.workflow_states)
        .select_related("task", "finished_by")
        .order_by("started_at", "id")
    )
    rows = []
    for state in states:
        task = state.task.specific
        role = Role(task.role).label if isinstance(task, RoleApprovalTask) else ""
        person = display_name(state.finished_by)
        rows.append(
            StepRecord(
                task.name,
                role,
                person,
                TASK_STATUS_LABELS.get(state.status, state.status),
                state.comment,
                state.started_at,
                state.finished_at,
            )
        )
    return rows
