"""URLs of the knowledge app (mounted in portal/urls.py)."""

app_name = "knowledge"
urlpatterns: list = []
