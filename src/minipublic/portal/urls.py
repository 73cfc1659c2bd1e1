from django.urls import path

from minipublic.portal import dictionary_views, views
from minipublic.portal.feed import updates_feed

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("p/<slug:slug>/", views.process_page, name="process"),
    path("p/<slug:slug>/updates.atom", updates_feed, name="feed"),
    path("p/<slug:slug>/integrity/", views.integrity, name="integrity"),
    path("p/<slug:slug>/integrity/dictionary/", dictionary_views.dictionary, name="dictionary"),
    path(
        "p/<slug:slug>/integrity/dictionary.json",
        dictionary_views.dictionary_json,
        name="dictionary_json",
    ),
]
