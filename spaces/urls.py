"""URLs of the spaces app (mounted in portal/urls.py)."""

app_name = "spaces"
urlpatterns: list = []
