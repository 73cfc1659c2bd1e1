"""Addresses of the participants' code of conduct pages (included by ``engagement.urls``)."""

from django.urls import path

from minipublic.engagement import code_views

_CODE = "p/<slug:slug>/code/"
code_urlpatterns = [
    path(_CODE, code_views.code_list, name="code_list"),
    path(f"{_CODE}new/", code_views.code_new, name="code_new"),
    path(f"{_CODE}<int:number>/", code_views.code_detail, name="code_detail"),
    path(f"{_CODE}<int:number>/edit/", code_views.code_edit, name="code_edit"),
]
urlpatterns = code_urlpatterns
