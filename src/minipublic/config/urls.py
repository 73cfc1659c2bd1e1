"""The site's URL map: public portal, accounts, process pages and the JSON API."""

from django.urls import include, path

from minipublic.api.urls import api

urlpatterns = [
    path("", include("minipublic.portal.urls")),
    path("", include("minipublic.accounts.urls")),
    path("", include("minipublic.processes.urls")),
    path("", include("minipublic.integrity.urls")),
    path("", include("minipublic.recruitment.urls")),
    path("", include("minipublic.selection.urls")),
    path("", include("minipublic.conformance.urls")),
    path("", include("minipublic.commissioning.urls")),
    path("", include("minipublic.engagement.urls")),
    path("", include("minipublic.council.urls")),
    path("", include("minipublic.evidence.urls")),
    path("", include("minipublic.deliberation.urls")),
    path("", include("minipublic.recommendations.urls")),
    path("", include("minipublic.recommendations.report_urls")),
    path("", include("minipublic.accountability.urls")),
    path("", include("minipublic.evaluation.urls")),
    path("", include("minipublic.learning.urls")),
    path("", include("minipublic.participants.urls")),
    path("api/v1/", api.urls),
]

handler403 = "minipublic.engagement.forbidden.forbidden"
handler404 = "minipublic.portal.views.not_found"
handler500 = "minipublic.portal.views.server_error"
