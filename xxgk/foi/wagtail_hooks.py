"""Back-office registration of 依申请公开: the case list and work lists, registration, the case page,
the agency's letter templates."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xxgk.core import permissions as core_permissions
from xxgk.foi import template_views, views


@hooks.register("register_admin_urls")
def foi_urls():
    return [
        path("foi/", views.case_list, name="foi_case_list"),
        path("foi/new/", views.register, name="foi_register"),
        path("foi/templates/", template_views.template_index, name="foi_letter_template_index"),
        path("foi/templates/<int:agency_pk>/", template_views.template_list, name="foi_letter_templates"),
        path("foi/templates/<int:agency_pk>/<slug:key>/", template_views.template_edit, name="foi_letter_template"),
        path("foi/<int:pk>/", views.case_detail, name="foi_case"),
        path("foi/<int:pk>/letters/issue/", views.letter_issue, name="foi_letter_issue"),
        path("foi/<int:pk>/letters/<int:letter_pk>.<str:fmt>", views.letter_file, name="foi_letter_file"),
        path("foi/<int:pk>/letters/<int:letter_pk>/deliver/", views.letter_deliver, name="foi_letter_deliver"),
        path("foi/<int:pk>/<slug:action>/", views.case_action, name="foi_case_action"),
    ]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return core_permissions.is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def foi_menu_item():
    return CasesMenuItem("依申请公开", reverse("foi_case_list"), icon_name="mail", order=300)
