from django.urls import path

from minipublic.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("p/<slug:slug>/", views.process_page, name="process"),
    path("p/<slug:slug>/integrity/", views.integrity, name="integrity"),
]
