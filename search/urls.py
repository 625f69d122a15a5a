"""URLs of the search app (mounted in portal/urls.py)."""

app_name = "search"
urlpatterns: list = []
