from django.urls import URLPattern, URLResolver

from minipublic.deliberation.speaking_urls import speaking_urlpatterns

app_name = "deliberation"
urlpatterns: list[URLPattern | URLResolver] = [*speaking_urlpatterns]
