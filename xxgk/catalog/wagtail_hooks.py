"""Back office for the catalogue: entries edited as Wagtail snippets, every write through services."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    PublishingPanel,
)
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import WorkflowActionView

from xxgk.catalog import columns, permissions, review, services, views
from xxgk.catalog.forms import AttachmentForm, EntryForm
from xxgk.catalog.models import Column, Entry
from xxgk.core import permissions as core_permissions
from xxgk.core.backoffice import RulePermissionPolicy, ServiceViewSet
from xxgk.screening.documents import ACCEPTED
from xxgk.screening.models import ScreeningFinding


def _model_rule(user, action: str) -> bool:
    if action == "publish":
        return False  # publication is the review workflow's final approval, never a button
    return core_permissions.is_staff_member(user)


def _instance_rule(user, action: str, entry: Entry) -> bool:
    if action == "publish":
        return False
    if action == "view":
        return core_permissions.can_view_agency_internal(user, entry.agency)
    if action == "delete":
        return not entry.live and permissions.can_draft(user, entry.agency)
    return permissions.can_edit(user, entry.agency)


class AttachmentPanel(InlinePanel):
    """The entry's attachments, each row through AttachmentForm (checked by content at upload)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = AttachmentForm
        return options


def _save_draft_view(view):
    entry = services.save_draft(view.request.user, view.form.save(commit=False))
    view.new_revision = entry.latest_revision
    return entry


def _publish_view(view):
    raise PermissionDenied("政府信息须经审核流程（科室审核→保密审查→领导签发）发布，请使用“提交审核”。")


def _entry_of(view) -> Entry:
    return Entry.objects.get(pk=view.object.pk)


def _warn_open_findings(request, entry: Entry) -> None:
    """Wagtail says "提交审核" succeeded; the submitter must also learn that screening holds the entry back."""
    count = ScreeningFinding.objects.for_object(entry).open().count()
    if count:
        text = f"发布前筛查发现 {count} 项个人信息或密级标志：须逐项遮盖或由审核人员说明理由保留，否则不能审核通过。"
        admin_messages.warning(
            request, text, buttons=[admin_messages.button(reverse("catalog_screening", args=[entry.pk]), "筛查结果")]
        )


def _submit_view(view):
    entry = _entry_of(view)
    review.submit_for_review(view.request.user, entry)
    _warn_open_findings(view.request, entry)


def _cancel_view(view):
    review.cancel_review(view.request.user, _entry_of(view))


def _restart_view(view):
    review.cancel_review(view.request.user, _entry_of(view))
    review.submit_for_review(view.request.user, _entry_of(view))
    _warn_open_findings(view.request, _entry_of(view))


def _workflow_action_view(view):
    """The edit page's approve/reject buttons (after saving the edits): through review.act."""
    extra = json.loads(view.request.POST.get("workflow-action-extra-data", "{}") or "{}")
    review.act(view.request.user, _entry_of(view), view.workflow_action, extra.get("comment", ""))


class ReviewActionView(WorkflowActionView):
    """The modal approve/reject view; RoleApprovalTask.on_action runs review.act, whose refusals become messages."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
            return redirect(self.redirect_url)


class ReviewPanel(Panel):
    """On the edit page: open screening findings, the current review step, links to 筛查结果 and 审签单."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/panels/review_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            entry = self.instance
            current = review.current_task_state(entry)
            context.update(
                entry=entry,
                open_count=ScreeningFinding.objects.for_object(entry).open().count(),
                step=current.task.name if current else "",
            )
            return context


class EntryViewSet(ServiceViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = "政府信息"
    menu_order = 100
    add_to_admin_menu = True
    list_display = ["title", "agency", "kind", "index_number", "published_on", "published_late", "validity"]
    list_filter = ["kind", "validity", "live", "published_late"]
    search_fields = ["title", "document_number", "index_number"]
    save_service = staticmethod(services.save_draft)
    delete_service = staticmethod(lambda actor, entry: services.delete_draft(actor, entry))
    scope = staticmethod(lambda user, qs: permissions.entries_visible_to(user, qs).select_related("agency"))
    workflow_action_view_class = ReviewActionView
    edit_handler = ObjectList(
        [
            ReviewPanel(),
            FieldPanel("agency"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
            FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_on"), FieldPanel("formed_on")]),
            FieldRowPanel([FieldPanel("notice_from"), FieldPanel("notice_until")], heading="公示期（如有）"),
            FieldPanel("summary"),
            FieldPanel("body"),
            AttachmentPanel(
                "attachments",
                panels=[FieldPanel("title"), FieldPanel("file")],
                heading="附件",
                label="附件",
                help_text=f"接受 {ACCEPTED}，按文件内容识别格式；"
                "上传时自动去除作者、单位、修订记录、批注和照片位置等隐藏信息。",
            ),
            FieldPanel("statutory_items", widget=forms.CheckboxSelectMultiple),
            FieldPanel(
                "columns", widget=forms.CheckboxSelectMultiple, help_text="本机关自设的栏目，在“栏目”菜单中维护。"
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("disclosure"), FieldPanel("withheld_ground")]),
                    FieldRowPanel([FieldPanel("validity"), FieldPanel("replaced_by")]),
                    FieldPanel("interprets"),
                ],
                heading="公开属性、有效性与解读",
            ),
            PublishingPanel(heading="定时发布与到期下线"),
        ],
        base_form_class=EntryForm,
    )

    # Drafts save through save_draft; the workflow buttons go through catalog.review, in both views.
    @property
    def add_view_class(self):
        return _with_catalog_actions(type("CreateView", (NoAutosaveMixin, super().add_view_class), {}))

    @property
    def edit_view_class(self):
        return _with_catalog_actions(type("EditView", (NoAutosaveMixin, super().edit_view_class), {}))


class NoAutosaveMixin:
    """No autosave: every save of an entry is a screened revision with an audit record, made by a person's click.

    Seen in test_done_browser: on the add page, a click on 提交审核 while Wagtail's background autosave was
    creating the entry created it twice (an orphan draft beside the submitted one); on the edit page, a reviewer
    who only opened the 审核通过 dialog was recorded as having edited the draft, and the refusal of the
    approval (open screening findings) never reached the page."""

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False


def _with_catalog_actions(view):
    view.save_instance = _save_draft_view
    view.publish_action = _publish_view
    view.submit_action = _submit_view
    view.cancel_workflow_action = _cancel_view
    view.restart_workflow_action = _restart_view
    view.workflow_action_action = _workflow_action_view
    return view


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("catalog/entry/<int:pk>/screening/", views.screening_results, name="catalog_screening"),
        path("catalog/entry/<int:pk>/review-sheet/", views.review_sheet, name="catalog_review_sheet"),
        path("catalog/finding/<int:pk>/mask/", views.mask, name="catalog_finding_mask"),
        path("catalog/finding/<int:pk>/justify/", views.justify, name="catalog_finding_justify"),
    ]


register_permission_policy(
    Entry,
    RulePermissionPolicy(Entry, _model_rule, _instance_rule, EntryViewSet.scope, permissions.entries_user_may),
)
register_snippet(EntryViewSet)


class ColumnViewSet(ServiceViewSet):
    """本机关栏目: kept by the agency's 本机关公开管理员 (``catalog.columns``), seen by its staff."""

    model = Column
    icon = "list-ul"
    menu_label = "栏目"
    menu_order = 110
    add_to_admin_menu = True
    list_display = ["name", "agency", "sort_order"]
    list_filter = ["agency"]
    panels = [FieldPanel("agency"), FieldPanel("name"), FieldPanel("sort_order")]
    save_service = staticmethod(columns.save_column)
    delete_service = staticmethod(columns.delete_column)
    scope = staticmethod(lambda user, qs: core_permissions.scope_to_agencies(user, qs).select_related("agency"))

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class ColumnForm(form_class):  # only agencies the user administers are offered
            def __init__(self, *args, for_user=None, **kwargs):
                super().__init__(*args, for_user=for_user, **kwargs)
                if for_user is not None:
                    self.fields["agency"].queryset = core_permissions.agencies_managed_by(for_user)

        return ColumnForm


def _column_instance_rule(user, action: str, column: Column) -> bool:
    if action == "view":
        return core_permissions.can_view_agency_internal(user, column.agency)
    return columns.can_manage_columns(user, column.agency)


register_permission_policy(
    Column,
    RulePermissionPolicy(
        Column,
        lambda user, action: action == "view" or core_permissions.agencies_managed_by(user).exists(),
        _column_instance_rule,
        ColumnViewSet.scope,
    ),
)
register_snippet(ColumnViewSet)
