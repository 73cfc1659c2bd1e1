from django.urls import URLPattern, URLResolver

from minipublic.deliberation.agenda_urls import agenda_urlpatterns

app_name = "deliberation"
urlpatterns: list[URLPattern | URLResolver] = [*agenda_urlpatterns]
