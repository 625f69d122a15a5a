"""Gremien, Sitzungen and Beschlüsse of the spaces app.

Visibility follows ``spaces.visibility``: members of the Gremium ("gremium:<id>"), the
KIM-Koordination (its group) and, for Beschlüsse released to all actors, every logged-in
user. Membership changes need no reindexing: a user's "gremium:<id>" principals are
computed per request.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone

from search.registry import (
    AUTHENTICATED,
    BODY,
    HEADING,
    IndexEntry,
    Provider,
    gremium_principal,
    group_principal,
    register,
)

#: Authority of Beschlüsse that are in force.
BINDING_BOOST = 1.25


def _space_principals(gremium_id: int) -> set[str]:
    from accounts.roles import KOORDINATION

    principals = {gremium_principal(gremium_id)}
    group_id = Group.objects.filter(name=KOORDINATION).values_list("id", flat=True).first()
    if group_id is not None:
        principals.add(group_principal(group_id))
    return principals


def _gremium_facet(gremium) -> dict[str, list[tuple[str, str]]]:
    return {"gremium": [(gremium.slug, gremium.name)]}


class GremiumProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Gremium")

    def entry(self, obj) -> IndexEntry | None:
        facets = _gremium_facet(obj)
        if obj.theme:
            facets["handlungsfeld"] = [(obj.theme, obj.theme)]
        return IndexEntry(
            title=obj.name,
            url=obj.get_absolute_url(),
            kind="gremium",
            kind_label="Gremium",
            principals=_space_principals(obj.pk),
            parts=[(obj.get_kind_display(), HEADING), (obj.theme, HEADING), (obj.mandate, BODY)],
            location="Gremien",
            facets=facets,
        )

    def dependents(self, obj):
        sitzungen = list(obj.sitzungen.all())
        return [*sitzungen, *obj.beschluesse.all(), *_protokolle(sitzungen)]


def _protokolle(sitzungen) -> list:
    try:
        model = apps.get_model("spaces", "Protokoll")
    except LookupError:
        return []
    return list(model.objects.filter(sitzung__in=sitzungen))


class SitzungProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Sitzung")

    def queryset(self):
        return self.model.objects.select_related("gremium").prefetch_related("tagesordnung")

    def entry(self, obj) -> IndexEntry | None:
        parts: list[tuple[str, float]] = [(obj.location, BODY)]
        for item in obj.tagesordnung.all():
            parts.append((item.title, HEADING))
            parts.append((item.description, BODY))
        return IndexEntry(
            title=f"{obj.gremium.name}: {obj.title}",
            url=obj.get_absolute_url(),
            kind="sitzung",
            kind_label="Sitzung",
            principals=_space_principals(obj.gremium_id),
            parts=[(text, weight) for text, weight in parts if text],
            date=timezone.localdate(obj.starts_at),
            location=f"Gremien › {obj.gremium.name}",
            facets=_gremium_facet(obj.gremium),
        )

    def dependents(self, obj):
        return _protokolle([obj])


class BeschlussProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Beschluss")

    def queryset(self):
        return self.model.objects.select_related("gremium")

    def entry(self, obj) -> IndexEntry | None:
        principals = _space_principals(obj.gremium_id)
        if obj.shared_with_all:
            principals.add(AUTHENTICATED)
        in_force = obj.status in {"in_umsetzung", "umgesetzt"}
        return IndexEntry(
            title=f"{obj.number} {obj.title}",
            url=obj.get_absolute_url(),
            kind="beschluss",
            kind_label="Beschluss",
            principals=principals,
            parts=[(obj.text, BODY), (obj.refers_to, BODY)],
            date=obj.decided_on,
            location=f"Gremien › {obj.gremium.name} › Beschlüsse",
            facets=_gremium_facet(obj.gremium),
            boost=BINDING_BOOST if in_force else (0.8 if obj.status == "aufgehoben" else 1.0),
        )


class ProtokollProvider(Provider):
    """Minutes: circulated and approved ones for the members, drafts only for the
    KIM-Koordination (as ``Protokoll.objects.visible_to``). Attendance is not indexed."""

    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Protokoll")

    def queryset(self):
        return self.model.objects.select_related("sitzung__gremium").prefetch_related(
            "punkte__tagesordnungspunkt"
        )

    def entry(self, obj) -> IndexEntry | None:
        sitzung = obj.sitzung
        gremium = sitzung.gremium
        principals = _space_principals(gremium.pk)
        if obj.status == "entwurf":
            principals.discard(gremium_principal(gremium.pk))
        parts: list[tuple[str, float]] = []
        for punkt in obj.punkte.all():
            parts.append((str(getattr(punkt, "tagesordnungspunkt", "") or ""), HEADING))
            parts.append((punkt.discussion, BODY))
        return IndexEntry(
            title=f"Protokoll {gremium.name}: {sitzung.title}",
            url=f"{sitzung.get_absolute_url()}#protokoll",
            kind="protokoll",
            kind_label="Protokoll",
            principals=principals,
            parts=[(text, weight) for text, weight in parts if text],
            date=timezone.localdate(sitzung.starts_at),
            location=f"Gremien › {gremium.name}",
            facets=_gremium_facet(gremium),
        )


def _on_protokoll_status_changed(sender, instance, created, raw=False, **kwargs) -> None:
    """Status changes are a queryset update after this row is written: reindex on commit."""
    if not created or raw:
        return
    from django.db import transaction

    from search.registry import reindex_later

    transaction.on_commit(lambda: reindex_later("spaces.protokoll", instance.protokoll_id))


def register_provider() -> None:
    for provider_class in (GremiumProvider, SitzungProvider, BeschlussProvider, ProtokollProvider):
        try:
            register(provider_class())
        except LookupError:  # model not (yet) in spaces
            continue
    try:
        change_model = apps.get_model("spaces", "ProtokollStatusAenderung")
    except LookupError:
        return
    from django.db.models.signals import post_save

    post_save.connect(
        _on_protokoll_status_changed, sender=change_model, dispatch_uid="search_protokoll_status"
    )
