"""Content providers that search itself supplies (pages, documents, organisations, spaces,
Meldebögen, the KIM cycle).

``register_default_providers`` runs in ``SearchConfig.ready``; providers of apps that are not
installed (or whose models do not exist yet) are skipped.
"""

from django.apps import apps


def register_default_providers() -> None:
    from search.providers import knowledge, organisations, pages

    pages.register_provider()
    organisations.register_provider()
    knowledge.register_provider()
    if apps.is_installed("forms"):
        from search.providers import forms

        forms.register_provider()
    if apps.is_installed("spaces"):
        from search.providers import spaces

        spaces.register_provider()
    if apps.is_installed("cycle"):
        from search.providers import cycle

        cycle.register_provider()
