from django.urls import URLPattern, URLResolver, path

from minipublic.council import views

app_name = "council"
_TOPIC = "p/<slug:slug>/council/topics/<int:pk>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("p/<slug:slug>/council/", views.overview, name="overview"),
    path("p/<slug:slug>/council/topics/", views.topics, name="topics"),
    path("p/<slug:slug>/council/topics/new/", views.propose_topic, name="propose"),
    path(_TOPIC, views.topic, name="topic"),
    path(f"{_TOPIC}decide/", views.decide_topic, name="decide"),
    path(f"{_TOPIC}experts/", views.choose_expert, name="choose_expert"),
    path("p/<slug:slug>/council/follow-up/", views.follow_ups, name="follow_ups"),
    path("p/<slug:slug>/council/follow-up/new/", views.new_follow_up, name="new_follow_up"),
    path("p/<slug:slug>/manage/council/", views.manage, name="manage"),
    path("p/<slug:slug>/manage/council/schedule/", views.set_schedule, name="schedule"),
    path("p/<slug:slug>/manage/council/rotation/", views.start_rotation, name="start_rotation"),
    path("p/<slug:slug>/manage/council/seat/", views.seat_members, name="seat"),
]
