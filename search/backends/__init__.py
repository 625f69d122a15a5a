"""Search backends: the project database (default) and Elasticsearch (ELASTICSEARCH_URL)."""

from search.backends.base import FACET_NAMES, Facet, FacetValue, Hit, SearchQuery, SearchResults

__all__ = [
    "FACET_NAMES",
    "Facet",
    "FacetValue",
    "Hit",
    "SearchQuery",
    "SearchResults",
    "get_backend",
]


def get_backend():
    """The configured backend: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""
    from django.conf import settings

    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()
