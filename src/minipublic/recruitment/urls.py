from django.urls import URLPattern, URLResolver, path

from minipublic.recruitment import invitation_views, registration_views

app_name = "recruitment"
_INVITATIONS = "p/<slug:slug>/manage/invitations/"
_REGISTRATION = "p/<slug:slug>/manage/registration/"
urlpatterns: list[URLPattern | URLResolver] = [  # each page adds its own path() line here
    path("p/<slug:slug>/register/", registration_views.register, name="register"),
    path("p/<slug:slug>/register/thanks/", registration_views.registered, name="registered"),
    path(_REGISTRATION, registration_views.registration_settings, name="settings"),
    path(f"{_REGISTRATION}questions/new/", registration_views.question, name="new_question"),
    path(f"{_REGISTRATION}questions/<int:pk>/", registration_views.question, name="question"),
    path("p/<slug:slug>/manage/registrants/", registration_views.registrants, name="registrants"),
    path(
        "p/<slug:slug>/manage/registrants.csv",
        registration_views.registrants_csv,
        name="registrants_csv",
    ),
    path(
        "p/<slug:slug>/manage/registrants/import/",
        registration_views.import_pool,
        name="import_pool",
    ),
    path(_INVITATIONS, invitation_views.invitations, name="invitations"),
    path(f"{_INVITATIONS}upload/", invitation_views.upload_addresses, name="upload_addresses"),
    path(f"{_INVITATIONS}draw/", invitation_views.draw_invitations, name="draw_invitations"),
    path(f"{_INVITATIONS}<int:pk>/", invitation_views.draw_detail, name="draw"),
    path(
        f"{_INVITATIONS}<int:pk>/letters.pdf",
        invitation_views.letters_pdf_download,
        name="letters_pdf",
    ),
    path(
        f"{_INVITATIONS}<int:pk>/letters.csv",
        invitation_views.letters_csv_download,
        name="letters_csv",
    ),
]
