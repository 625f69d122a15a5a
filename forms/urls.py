"""URLs of the forms app (mounted in portal/urls.py)."""

app_name = "forms"
urlpatterns: list = []
