"""Index maintenance as django-tasks tasks (immediate in development and tests)."""

from __future__ import annotations

from django.apps import apps
from django_tasks import task

from search.entries import provider_for, providers
from search.indexing import bulk_index, index_instance, remove_instance


@task()
def index_object(model_label: str, object_id: str) -> bool:
    """(Re)index one object; drops it from the index if it no longer exists."""
    model = apps.get_model(model_label)
    provider = provider_for(model)
    if provider is None:
        return False
    obj = provider.get_object(object_id)
    if obj is None:
        remove_instance(model, object_id)
        return False
    index_instance(obj)
    for dependent in provider.dependents(obj):
        index_instance(dependent)
    return True


@task()
def remove_object(model_label: str, object_id: str) -> None:
    remove_instance(apps.get_model(model_label), object_id)


@task()
def index_page_subtree(page_id: int) -> int:
    """Reindex a page and all its descendants (after a move or a privacy change)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    count = 0
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        index_instance(descendant)
        count += 1
    # Content shown by routes of a page in this subtree inherits that page's privacy.
    for provider in providers():
        host = provider.host_page()
        if host is not None and host.path.startswith(page.path):
            count += bulk_index(provider, provider.queryset())
    return count
