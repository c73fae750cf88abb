from django.urls import path, re_path

from xxgk.api import views

app_name = "api"
urlpatterns = [
    path("entries/", views.entries, name="entries"),
    path("entries/<path:index_number>/", views.entry, name="entry"),
    path("agencies/", views.agencies, name="agencies"),
    path("openapi.json", views.openapi, name="openapi"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
