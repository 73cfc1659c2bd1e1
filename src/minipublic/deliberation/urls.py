from django.urls import URLPattern, URLResolver

from minipublic.deliberation.parking_urls import parking_urlpatterns
from minipublic.deliberation.summary_urls import summary_urlpatterns

app_name = "deliberation"
urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += parking_urlpatterns
urlpatterns += summary_urlpatterns
