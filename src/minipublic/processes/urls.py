from django.urls import path

from minipublic.processes import funding_views, template_views, views

app_name = "processes"
urlpatterns = [
    path("processes/new/", views.create, name="create"),
    path("templates/", template_views.templates_page, name="templates"),
    path("p/<slug:slug>/manage/", views.manage, name="manage"),
    path("p/<slug:slug>/manage/details/", views.update_details, name="update_details"),
    path("p/<slug:slug>/manage/design/", views.update_design, name="update_design"),
    path("p/<slug:slug>/manage/funding/", funding_views.funding, name="funding"),
    path("p/<slug:slug>/manage/phase/", views.change_phase, name="change_phase"),
    path("p/<slug:slug>/manage/visibility/", views.set_visibility, name="set_visibility"),
    path("p/<slug:slug>/members/", views.members, name="members"),
    path("p/<slug:slug>/members/add/", views.add_member, name="add_member"),
    path("p/<slug:slug>/members/remove/", views.remove_member, name="remove_member"),
]
