"""Keep the search index in step with content: every registered model, pages, privacy.

Connected in ``SearchConfig.ready``. Receivers only enqueue django-tasks tasks (immediate in
development and tests, the database queue in production); the tasks reload the object, so a
draft saved on a live page never reaches the index. Publishing saves the page, so
``post_save`` covers it.
"""

from __future__ import annotations

from functools import cache

from django.db.models.signals import m2m_changed, post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from portal.transitions import transitioned
from search.deferral import enqueue
from search.entries import provider_for, providers
from search.tasks import index_object, index_page_subtree, remove_object

#: Page saves that only touch revision bookkeeping (saving a draft) change nothing live.
_DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _label(instance) -> str:
    return _label_of(type(instance))


@cache
def _owner_fields(model) -> tuple[str, ...]:
    """ParentalKey fields of ``model`` pointing at an indexed model (inline children such as
    FAQ questions or agenda items: saving them changes their owner's entry)."""
    return tuple(
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ParentalKey) and provider_for(field.related_model) is not None
    )


def _reindex_owners(instance) -> None:
    for name in _owner_fields(type(instance)):
        owner_id = getattr(instance, f"{name}_id", None)
        if owner_id is not None:
            owner_model = type(instance)._meta.get_field(name).related_model
            enqueue(index_object, _label_of(owner_model), str(owner_id))


def _label_of(model) -> str:
    provider = provider_for(model)
    return provider.model._meta.label_lower if provider else ""


def on_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw:
        return
    provider = provider_for(sender)
    if provider is None:
        _reindex_owners(instance)
        return
    if isinstance(instance, Page) and update_fields and set(update_fields) <= _DRAFT_FIELDS:
        return
    if provider.unindexed_for_good(instance):
        return
    enqueue(index_object, _label(instance), str(instance.pk))


def on_delete(sender, instance, **kwargs) -> None:
    if provider_for(sender) is not None:
        enqueue(remove_object, _label(instance), str(instance.pk))
    else:
        _reindex_owners(instance)


def on_page_unpublished(sender, instance, **kwargs) -> None:
    # Unpublishing hides the descendants from visitors as well.
    enqueue(index_page_subtree, instance.pk)


def on_page_moved(sender, instance, **kwargs) -> None:
    enqueue(index_page_subtree, instance.pk)


def on_restriction_changed(sender, instance, **kwargs) -> None:
    page_id = getattr(instance, "page_id", None)
    if page_id:
        enqueue(index_page_subtree, page_id)


def on_restriction_groups_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, PageViewRestriction
    ):
        enqueue(index_page_subtree, instance.page_id)


def on_related_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and provider_for(type(instance)):
        enqueue(index_object, _label(instance), str(instance.pk))


def on_transitioned(sender, instance, **kwargs) -> None:
    """A status change (portal.transitions) is a queryset update without post_save; the
    signal comes after the commit."""
    if provider_for(sender) is not None:
        enqueue(index_object, _label(instance), str(instance.pk))


def connect() -> None:
    transitioned.connect(on_transitioned, dispatch_uid="search_on_transitioned")
    # Without a sender, so that every Page subclass and every registered model is covered.
    post_save.connect(on_save, dispatch_uid="search_on_save")
    post_delete.connect(on_delete, dispatch_uid="search_on_delete")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_pvr_save"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_pvr_delete"
    )
    m2m_changed.connect(
        on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search_pvr_groups",
    )
    for provider in providers():
        for field in provider.model._meta.many_to_many:
            through = getattr(field.remote_field, "through", None)
            if through is not None and not isinstance(through, str):
                m2m_changed.connect(
                    on_related_changed,
                    sender=through,
                    dispatch_uid=f"search_m2m_{through._meta.label_lower}",
                )
