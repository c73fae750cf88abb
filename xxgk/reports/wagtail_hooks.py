"""The annual report in the back office: list, report page, statistics form, downloads, city roll-up."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xxgk.core import permissions
from xxgk.reports import views


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("reports/", views.report_list, name="reports_list"),
        path("reports/<slug:code>/<int:year>/", views.report_detail, name="reports_detail"),
        path("reports/<slug:code>/<int:year>/statistics/", views.statistics, name="reports_statistics"),
        path("reports/<slug:code>/<int:year>/cases/", views.cell_cases, name="reports_cell_cases"),
        path("reports/<slug:code>/<int:year>/download.<str:ext>", views.download, name="reports_download"),
        path("reports/rollup/<slug:code>/<int:year>/", views.city_rollup, name="reports_rollup"),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem("年度报告", reverse("reports_list"), icon_name="doc-full", order=300)
