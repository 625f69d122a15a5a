"""URLs of the cycle app."""

app_name = "cycle"
urlpatterns: list = []
