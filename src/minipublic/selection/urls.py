from django.urls import URLPattern, URLResolver, path

from minipublic.selection import draw_views, public_views, quota_views, run_views

app_name = "selection"
urlpatterns: list[URLPattern | URLResolver] = [  # each page adds its own path() line here
    path("p/<slug:slug>/selection/", public_views.selection_page, name="public"),
    path("p/<slug:slug>/manage/runs/<int:number>/commit/", draw_views.commit, name="commit"),
    path("p/<slug:slug>/manage/draw/", draw_views.draw, name="draw"),
    path("p/<slug:slug>/manage/panel/", draw_views.panel, name="panel"),
    path("p/<slug:slug>/manage/panel.csv", draw_views.panel_csv, name="panel_csv"),
    path("p/<slug:slug>/manage/panel/replace/", draw_views.replace, name="replace"),
    path("p/<slug:slug>/manage/quotas/", quota_views.quotas, name="quotas"),
    path("p/<slug:slug>/manage/runs/", run_views.run_list, name="runs"),
    path("p/<slug:slug>/manage/runs/<int:number>/", run_views.run_page, name="run"),
    path("p/<slug:slug>/manage/runs/<int:number>/cancel/", run_views.cancel_run, name="cancel_run"),
    path(
        "p/<slug:slug>/manage/runs/<int:number>/inputs.json",
        run_views.run_inputs,
        name="run_inputs",
    ),
    path(
        "p/<slug:slug>/manage/runs/<int:number>/status.json",
        run_views.run_status,
        name="run_status",
    ),
]
