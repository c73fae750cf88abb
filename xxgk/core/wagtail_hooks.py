"""Back-office registration for core: agencies, staff roles, the calendar and the audit trail."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from xxgk.core import permissions, services, user_audit, views
from xxgk.core.backoffice import RulePermissionPolicy, ServiceViewSet
from xxgk.core.models import Agency, CalendarYear, Membership, Role


def _agency_model_rule(user, action):
    if action in {"add", "delete"}:
        return permissions.can_create_agency(user)
    if action == "change":
        return permissions.agencies_managed_by(user).exists()
    return True


def _agency_instance_rule(user, action, agency):
    if action in {"add", "delete"}:
        return permissions.can_create_agency(user)
    if action == "change":
        return permissions.can_manage_agency(user, agency)
    return permissions.can_view_agency_internal(user, agency)


class AgencyViewSet(ServiceViewSet):
    model = Agency
    icon = "site"
    menu_label = "机关"
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "short_name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    save_service = staticmethod(services.save_agency)
    delete_service = staticmethod(services.delete_agency)
    scope = staticmethod(permissions.agencies_visible_to)
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
                FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
            ],
            heading="基本信息",
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldRowPanel([FieldPanel("office_postcode"), FieldPanel("office_hours")]),
                FieldRowPanel([FieldPanel("office_phone"), FieldPanel("office_fax")]),
                FieldRowPanel([FieldPanel("office_email"), FieldPanel("website")]),
                FieldPanel("guide_text"),
            ],
            heading="政府信息公开工作机构（用于公开指南和告知书）",
        ),
        MultiFieldPanel(
            [
                FieldPanel("index_number_pattern"),
                FieldRowPanel([FieldPanel("count_from_next_day"), FieldPanel("fee_wait_pauses_clock")]),
                FieldRowPanel([FieldPanel("accepts_online"), FieldPanel("accepts_fax")]),
                FieldPanel("mailbox_reply_days"),
                FieldRowPanel([FieldPanel("review_body"), FieldPanel("court")]),
            ],
            heading="机关设置",
        ),
    ]


def _membership_instance_rule(user, action, membership):
    if action == "view":
        return permissions.can_view_agency_internal(user, membership.agency)
    return permissions.can_grant_role(user, membership.agency, Role(membership.role))


class MembershipViewSet(ServiceViewSet):
    model = Membership
    icon = "group"
    menu_label = "岗位授权"
    menu_order = 910
    add_to_admin_menu = True
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role", "agency"]
    panels = [FieldPanel("user"), FieldPanel("agency"), FieldPanel("role")]
    save_service = staticmethod(services.save_membership)
    delete_service = staticmethod(services.revoke_role)
    scope = staticmethod(lambda user, qs: permissions.scope_to_agencies(user, qs).select_related("user", "agency"))


class CalendarYearViewSet(ServiceViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = "节假日安排"
    menu_order = 920
    add_to_admin_menu = True
    list_display = ["year", "notice_title", "notice_number", "source"]
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("published_on")]),
        FieldPanel("notice_title"),
        FieldPanel("notice_number"),
        InlinePanel("days", heading="放假和调休上班日期", label="日期"),
    ]
    save_service = staticmethod(services.save_calendar_year)
    delete_service = staticmethod(services.delete_calendar_year)


def _register(viewset_class, model_rule, instance_rule, scope) -> None:
    # The policy must be registered before register_snippet (style.md §9: the other order raises).
    register_permission_policy(
        viewset_class.model, RulePermissionPolicy(viewset_class.model, model_rule, instance_rule, scope)
    )
    register_snippet(viewset_class)


_register(AgencyViewSet, _agency_model_rule, _agency_instance_rule, permissions.agencies_visible_to)
_register(
    MembershipViewSet,
    lambda user, action: action == "view" or permissions.agencies_managed_by(user).exists(),
    _membership_instance_rule,
    permissions.scope_to_agencies,
)
_register(
    CalendarYearViewSet,
    lambda user, action: action == "view" or permissions.can_manage_calendar(user),
    lambda user, action, obj: action == "view" or permissions.can_manage_calendar(user),
    lambda user, qs: qs,
)


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("audit/", views.audit_list, name="audit_list"),
        path("audit/export.csv", views.audit_export, name="audit_export"),
        path("staff/", views.staff_list, name="staff_list"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.agencies_managed_by(request.user).exists() or bool(
            permissions.supervised_agency_ids(request.user)
        )


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return AuditMenuItem("审计记录", reverse("audit_list"), icon_name="history", order=930)


hooks.register("after_create_user", user_audit.user_created)
hooks.register("before_edit_user", user_audit.before_user_edit)
hooks.register("after_edit_user", user_audit.user_edited)
hooks.register("before_delete_user", user_audit.before_user_delete)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.agencies_managed_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def staff_menu_item():
    return StaffMenuItem("本机关工作人员", reverse("staff_list"), icon_name="user", order=905)
