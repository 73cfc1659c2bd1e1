"""The room's addresses, one module per part (agenda, tables, speaking, parking lot, summaries)."""

from django.urls import URLPattern, URLResolver

from minipublic.deliberation.agenda_urls import agenda_urlpatterns
from minipublic.deliberation.allocation_urls import allocation_urlpatterns
from minipublic.deliberation.parking_urls import parking_urlpatterns
from minipublic.deliberation.speaking_urls import speaking_urlpatterns
from minipublic.deliberation.summary_urls import summary_urlpatterns

app_name = "deliberation"
urlpatterns: list[URLPattern | URLResolver] = [
    *agenda_urlpatterns,
    *allocation_urlpatterns,
    *speaking_urlpatterns,
    *parking_urlpatterns,
    *summary_urlpatterns,
]
