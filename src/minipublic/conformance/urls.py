from django.urls import path

from minipublic.conformance import signoff_views, views

app_name = "conformance"
urlpatterns = [
    path("p/<slug:slug>/conformance/", views.conformance_page, name="report"),
    path("p/<slug:slug>/conformance.json", views.conformance_json, name="json"),
    path("p/<slug:slug>/manage/attestations/", views.attestations, name="attestations"),
    # Oversight sign-offs (signoff_views.py, another slice).
    path("p/<slug:slug>/sign-offs/", signoff_views.public_sign_offs, name="sign_offs"),
    path(
        "p/<slug:slug>/manage/sign-offs/",
        signoff_views.manage_sign_offs,
        name="manage_sign_offs",
    ),
]
