from django.urls import path

from minipublic.integrity import views

app_name = "integrity"
urlpatterns = [
    path("p/<slug:slug>/manage/incidents/", views.incident_list, name="incidents"),
    path("p/<slug:slug>/manage/incidents/new/", views.report, name="report"),
    path("p/<slug:slug>/manage/incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("p/<slug:slug>/manage/incidents/<int:pk>/publish/", views.publish, name="publish"),
]
