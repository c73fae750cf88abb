"""Back office for the catalogue: entries edited as Wagtail snippets, every write through services."""

from __future__ import annotations

from django import forms
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from xxgk.catalog import permissions, services
from xxgk.catalog.forms import AttachmentForm, EntryForm
from xxgk.catalog.models import Entry
from xxgk.core import permissions as core_permissions
from xxgk.core.backoffice import RulePermissionPolicy, ServiceViewSet
from xxgk.screening.documents import ACCEPTED


def _model_rule(user, action: str) -> bool:
    if action == "publish":
        return core_permissions.agencies_visible_to(user).exists() and any(
            permissions.can_sign_off(user, agency) for agency in core_permissions.agencies_visible_to(user)
        )
    return core_permissions.is_staff_member(user)


def _instance_rule(user, action: str, entry: Entry) -> bool:
    if action == "publish":
        return permissions.can_sign_off(user, entry.agency)
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
    services.publish(view.request.user, view.object)
    return None


class EntryViewSet(ServiceViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = "政府信息"
    menu_order = 100
    add_to_admin_menu = True
    list_display = ["title", "agency", "kind", "index_number", "published_on", "validity"]
    list_filter = ["kind", "validity", "live"]
    search_fields = ["title", "document_number", "index_number"]
    save_service = staticmethod(services.save_draft)
    delete_service = staticmethod(lambda actor, entry: services.delete_draft(actor, entry))
    scope = staticmethod(lambda user, qs: permissions.entries_visible_to(user, qs).select_related("agency"))
    edit_handler = ObjectList(
        [
            FieldPanel("agency"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
            FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_on"), FieldPanel("formed_on")]),
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
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("disclosure"), FieldPanel("withheld_ground")]),
                    FieldRowPanel([FieldPanel("validity"), FieldPanel("replaced_by")]),
                    FieldPanel("interprets"),
                ],
                heading="公开属性、有效性与解读",
            ),
        ],
        base_form_class=EntryForm,
    )

    # Drafts save through save_draft and the publish button calls services.publish, in both views.
    @property
    def add_view_class(self):
        return _with_catalog_actions(super().add_view_class)

    @property
    def edit_view_class(self):
        return _with_catalog_actions(super().edit_view_class)


def _with_catalog_actions(view):
    view.save_instance = _save_draft_view
    view.publish_action = _publish_view
    return view


register_permission_policy(
    Entry,
    RulePermissionPolicy(Entry, _model_rule, _instance_rule, EntryViewSet.scope, permissions.entries_user_may),
)
register_snippet(EntryViewSet)
