from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from xxgk.portal import apply, feeds, views
from xxgk.portal.sitemaps import SITEMAPS


def lists(route: str, name: str) -> list:
    """A list page and its RSS 2.0 and Atom feeds (same filters in the query string)."""
    kwargs = {"url_name": name}
    return [
        path(route, views.entry_list, kwargs, name=name),
        path(f"{route}rss/", feeds.EntryRssFeed(), kwargs, name=f"{name}_rss"),
        path(f"{route}atom/", feeds.EntryAtomFeed(), kwargs, name=f"{name}_atom"),
    ]


app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("display/", views.set_display, name="set_display"),
    path("search/", views.search, name="search"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("gk/<path:index_number>/print/", views.document, {"printable": True}, name="document_print"),
    path("gk/<path:index_number>/", views.document, name="document"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("agencies/<slug:code>/", views.agency_column, name="agency"),
    path("agencies/<slug:code>/apply/", apply.apply, name="apply"),
    path("apply/status/", apply.status, name="apply_status"),
    path("apply/letters/<int:letter_pk>.<str:fmt>", apply.letter_file, name="apply_letter"),
    path("apply/captcha/<str:token>.png", apply.captcha_image, name="captcha_image"),
    *lists("entries/", "entries"),
    *lists("agencies/<slug:code>/entries/", "agency_entries"),
    *lists("agencies/<slug:code>/statutory/<int:number>/", "item_entries"),
    *lists("agencies/<slug:code>/columns/<int:pk>/", "column_entries"),
    path("agencies/<slug:code>/annual-reports/<int:year>/", views.annual_report, name="annual_report"),
    path("agencies/<slug:code>/<slug:slug>/", views.agency_subcolumn, name="subcolumn"),
]
