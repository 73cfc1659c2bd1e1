from django.urls import URLPattern, URLResolver, path  # noqa: F401 (path: once pages exist)

app_name = "recruitment"
urlpatterns: list[URLPattern | URLResolver] = []  # each page adds its own path() line here
