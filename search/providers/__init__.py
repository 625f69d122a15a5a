"""The one content provider search supplies itself: every live Wagtail page (``pages.py``).

Apps register the providers of their own content from their ``AppConfig.ready()`` through
``search.registry.register`` (e.g. ``forms/search_index.py``); search imports no app.
"""


def register_default_providers() -> None:
    from search.providers import pages

    pages.register_provider()
