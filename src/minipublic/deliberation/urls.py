from django.urls import URLPattern, URLResolver

from minipublic.deliberation.parking_urls import parking_urlpatterns
from minipublic.deliberation.speaking_urls import speaking_urlpatterns
from minipublic.deliberation.summary_urls import summary_urlpatterns

app_name = "deliberation"
urlpatterns: list[URLPattern | URLResolver] = [
    *speaking_urlpatterns,
    *parking_urlpatterns,
    *summary_urlpatterns,
]
