"""URLs of the terms of engagement pages (the participants' code pages are in code_urls)."""

from django.urls import path, re_path

from minipublic.engagement import views
from minipublic.engagement.code_urls import code_urlpatterns
from minipublic.lifecycle import Role

# Only role names, so that other pages under /terms/ (the participants' code) stay free.
_ROLE = "|".join(role.value for role in Role)

app_name = "engagement"
urlpatterns = [
    path("p/<slug:slug>/terms/", views.terms, name="terms"),
    re_path(
        rf"^p/(?P<slug>[-a-zA-Z0-9_]+)/terms/(?P<role>{_ROLE})/$",
        views.charter_history,
        name="charter_history",
    ),
    path("p/<slug:slug>/manage/terms/", views.edit_terms, name="edit_terms"),
    *code_urlpatterns,
]
