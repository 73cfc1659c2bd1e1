from django.urls import path

from minipublic.integrity import dashboard, declaration_views, document_views, views

app_name = "integrity"
_INCIDENT = "p/<slug:slug>/manage/incidents/<int:number>/"
urlpatterns = [
    path("p/<slug:slug>/manage/incidents/", views.incident_list, name="incidents"),
    path("p/<slug:slug>/manage/oversight/", dashboard.dashboard, name="oversight"),
    path("p/<slug:slug>/manage/incidents/new/", views.report, name="report"),
    path(_INCIDENT, views.incident_detail, name="incident"),
    path(f"{_INCIDENT}publish/", views.publish, name="publish"),
    path(f"{_INCIDENT}attachments/", views.add_attachments, name="add_attachments"),
    path(f"{_INCIDENT}attachments/<int:attachment>/", views.attachment, name="attachment"),
    path("p/<slug:slug>/declare/", declaration_views.declare, name="declare"),
    path(
        "p/<slug:slug>/manage/declarations/",
        declaration_views.declaration_list,
        name="declarations",
    ),
    path(
        "p/<slug:slug>/manage/declarations/new/",
        declaration_views.record_declaration,
        name="record_declaration",
    ),
    path(
        "p/<slug:slug>/manage/declarations/<int:pk>/",
        declaration_views.declaration_detail,
        name="declaration",
    ),
    path(
        "p/<slug:slug>/manage/documents/new/",
        document_views.publish_document,
        name="publish_document",
    ),
    path("p/<slug:slug>/documents/", document_views.document_list, name="documents"),
    path("p/<slug:slug>/documents/<path:path>", document_views.document_download, name="document"),
    path("p/<slug:slug>/integrity/bundle.zip", document_views.bundle, name="bundle"),
]
