"""The KIM-Portal project package: settings, URL configuration, WSGI/ASGI entry points,
base templates and static assets shared by all apps, and the few cross-cutting rules every
app relies on (who may see which page, which views need no login)."""
