from django.urls import path

from minipublic.commissioning import views

app_name = "commissioning"
urlpatterns = [
    path("p/<slug:slug>/manage/appraisal/", views.appraisal_list, name="list"),
    path("p/<slug:slug>/manage/appraisal/<int:number>/", views.appraisal_page, name="appraisal"),
]
