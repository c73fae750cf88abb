from django.urls import path

from xxgk.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("display/", views.set_display, name="set_display"),
    path("search/", views.search, name="search"),
    path("gk/<path:index_number>/", views.document, name="document"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("agencies/<slug:code>/", views.agency_column, name="agency"),
    path("agencies/<slug:code>/annual-reports/<int:year>/", views.annual_report, name="annual_report"),
    path("agencies/<slug:code>/<slug:slug>/", views.agency_subcolumn, name="subcolumn"),
]
