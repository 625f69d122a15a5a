"""Search provider of the spaces app (registered from ``SpacesConfig.ready``): Gremien,
Sitzungen, Beschlüsse, Protokolle, Aufgaben and Zielsysteme.

Visibility is ``spaces.visibility``'s, which turns its own rule into principals
(``space_principals``): members of the Gremium ("gremium:<id>"), the people and groups the
space is shared with ("user:<id>", "group:<id>"), everyone who sees all spaces
("perm:spaces.view_gremium") and, for Beschlüsse and beschlossene Zielsysteme released to all
actors, every logged-in user. Drafts of minutes (and their Aufgaben) only for those who edit
every Gremium's minutes (``draft_minutes_principals``).

Reindexing: a change of sharing (the Gremium's many-to-many fields, from either side) reindexes
the Gremium and, through ``dependents``, all its content. Membership changes need no
reindexing: a user's "gremium:<id>" principals are computed per request from the memberships
active today (``spaces.visibility.member_principals``), so a membership that ends on a set
date ends the access in search on that day without any write. Changes anywhere in a
Zielsystem's tree reindex it.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from search.registry import (
    AUTHENTICATED,
    BODY,
    HEADING,
    IndexEntry,
    Provider,
    register,
    reindex_later,
)
from spaces.richtext import to_text
from spaces.visibility import draft_minutes_principals, space_principals

#: Authority of Beschlüsse that are in force.
BINDING_BOOST = 1.25


SHARING = ("shared_groups", "shared_users")


def _gremium_facet(gremium) -> dict[str, list[tuple[str, str]]]:
    return {"gremium": [(gremium.slug, gremium.name)]}


class GremiumProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Gremium")

    def queryset(self):
        return self.model.objects.prefetch_related(*SHARING)

    def entry(self, obj) -> IndexEntry | None:
        facets = _gremium_facet(obj)
        if obj.theme:
            facets["arbeitsgruppenthema"] = [(obj.theme, obj.theme)]
        return IndexEntry(
            title=obj.name,
            url=obj.get_absolute_url(),
            kind="gremium",
            kind_label="Gremium",
            principals=space_principals(obj),
            parts=[(obj.get_kind_display(), HEADING), (obj.theme, HEADING), (obj.mandate, BODY)],
            location="Gremien",
            facets=facets,
        )

    def dependents(self, obj):
        sitzungen = list(obj.sitzungen.all())
        protokolle = _protokolle(sitzungen)
        return [
            *sitzungen,
            *obj.beschluesse.all(),
            *protokolle,
            *_aufgaben(protokolle),
            *obj.zielsysteme.all(),
            *_dokumente(obj),
        ]


def _dokumente(gremium) -> list:
    try:
        apps.get_model("spaces", "Gremiumsdokument")
    except LookupError:
        return []
    return list(gremium.dokumente.all())


def _protokolle(sitzungen) -> list:
    try:
        model = apps.get_model("spaces", "Protokoll")
    except LookupError:
        return []
    return list(model.objects.filter(sitzung__in=sitzungen))


def _aufgaben(protokolle) -> list:
    try:
        model = apps.get_model("spaces", "Aufgabe")
    except LookupError:
        return []
    return list(model.objects.filter(protokoll__in=protokolle))


def _protokoll_principals(protokoll, gremium) -> set[str]:
    if protokoll.status == "entwurf":
        return draft_minutes_principals()
    return space_principals(gremium)


class SitzungProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Sitzung")

    def queryset(self):
        return self.model.objects.select_related("gremium").prefetch_related(
            "tagesordnung", *(f"gremium__{name}" for name in SHARING)
        )

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
            principals=space_principals(obj.gremium),
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
        return self.model.objects.select_related("gremium").prefetch_related(
            *(f"gremium__{name}" for name in SHARING)
        )

    def entry(self, obj) -> IndexEntry | None:
        principals = space_principals(obj.gremium)
        # Beyond the Gremium only once part of the record (Beschluss.objects.visible_to).
        if obj.shared_with_all and (obj.festgestellt_am is not None or obj.sitzung_id is None):
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
            "punkte__tagesordnungspunkt", *(f"sitzung__gremium__{name}" for name in SHARING)
        )

    def dependents(self, obj):
        return list(obj.aufgaben.all())

    def entry(self, obj) -> IndexEntry | None:
        sitzung = obj.sitzung
        gremium = sitzung.gremium
        principals = _protokoll_principals(obj, gremium)
        parts: list[tuple[str, float]] = []
        for punkt in obj.punkte.all():
            parts.append((str(getattr(punkt, "tagesordnungspunkt", "") or ""), HEADING))
            parts.append((to_text(punkt.discussion), BODY))
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


class AufgabeProvider(Provider):
    """Tasks from the minutes, found by whoever may read the minutes (drafts: the
    KIM-Koordination only)."""

    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Aufgabe")

    def queryset(self):
        return self.model.objects.select_related(
            "protokoll__sitzung__gremium", "assignee", "tagesordnungspunkt"
        ).prefetch_related(*(f"protokoll__sitzung__gremium__{name}" for name in SHARING))

    def entry(self, obj) -> IndexEntry | None:
        sitzung = obj.protokoll.sitzung
        gremium = sitzung.gremium
        assignee = obj.assignee.get_full_name() or obj.assignee.get_username()
        status = "erledigt" if obj.done_at else "offen"
        parts = [
            (obj.text, BODY),
            (f"zuständig: {assignee}", HEADING),
            (obj.tagesordnungspunkt.title if obj.tagesordnungspunkt_id else "", HEADING),
            (status, BODY),
        ]
        title = obj.text if len(obj.text) <= 80 else f"{obj.text[:79]}…"
        return IndexEntry(
            title=f"Aufgabe: {title}",
            url=f"{sitzung.get_absolute_url()}#aufgaben-heading",
            kind="aufgabe",
            kind_label="Aufgabe",
            principals=_protokoll_principals(obj.protokoll, gremium),
            parts=[(text, weight) for text, weight in parts if text],
            date=obj.due_on or timezone.localdate(sitzung.starts_at),
            location=f"Gremien › {gremium.name} › {sitzung.title}",
            facets=_gremium_facet(gremium),
        )


class GremiumsdokumentProvider(Provider):
    """A document shared in a space, found by whoever reads the space. The Wagtail document
    behind it is left out of the general document index (knowledge.DocumentProvider), so it
    is found once, under the space's rule, and opens through the space's download view."""

    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Gremiumsdokument")

    def queryset(self):
        return self.model.objects.select_related("gremium", "document").prefetch_related(
            "document__tags", *(f"gremium__{name}" for name in SHARING)
        )

    def entry(self, obj) -> IndexEntry | None:
        gremium = obj.gremium
        document = obj.document
        tags = ", ".join(sorted(tag.name for tag in document.tags.all()))
        parts = [(tags, HEADING), (getattr(document, "search_text", ""), BODY)]
        return IndexEntry(
            title=document.title,
            url=obj.get_absolute_url(),
            kind="dokument",
            kind_label="Dokument",
            principals=space_principals(gremium),
            parts=[(text, weight) for text, weight in parts if text],
            date=timezone.localdate(obj.uploaded_at),
            location=f"Gremien › {gremium.name} › Dokumente",
            facets=_gremium_facet(gremium),
        )

    def dependents(self, obj):
        # Drops the document's own entry, now that the space shares it.
        return [obj.document]


class ZielsystemProvider(Provider):
    """A Zielsystem with the text of its goals (Grundsatz-, Rahmen-, Ergebnisziele), its
    activities and indicators; visible like ``Zielsystem.objects.visible_to``."""

    def __init__(self) -> None:
        self.model = apps.get_model("spaces", "Zielsystem")

    def queryset(self):
        return self.model.objects.select_related("gremium", "adopted_by").prefetch_related(
            "grundsatzziele__rahmenziele__ergebnisziele__aktivitaeten",
            "grundsatzziele__rahmenziele__ergebnisziele__indikatoren",
            *(f"gremium__{name}" for name in SHARING),
        )

    def entry(self, obj) -> IndexEntry | None:
        gremium = obj.gremium
        principals = space_principals(gremium)
        if obj.shared_with_all and obj.status == "beschlossen":
            principals.add(AUTHENTICATED)
        parts: list[tuple[str, float]] = [(obj.description, BODY)]
        for grundsatzziel in obj.grundsatzziele.all():
            parts += [(grundsatzziel.title, HEADING), (grundsatzziel.description, BODY)]
            for rahmenziel in grundsatzziel.rahmenziele.all():
                parts += [(rahmenziel.title, HEADING), (rahmenziel.description, BODY)]
                for ergebnisziel in rahmenziel.ergebnisziele.all():
                    parts.append((ergebnisziel.title, HEADING))
                    parts += [(a.title, BODY) for a in ergebnisziel.aktivitaeten.all()]
                    parts += [(i.name, BODY) for i in ergebnisziel.indikatoren.all()]
        return IndexEntry(
            title=obj.title,
            url=obj.get_absolute_url(),
            kind="zielsystem",
            kind_label="Zielsystem",
            principals=principals,
            parts=[(text, weight) for text, weight in parts if text],
            date=obj.adopted_by.decided_on if obj.adopted_by_id else None,
            location=f"Gremien › {gremium.name} › Zielsysteme",
            facets=_gremium_facet(gremium),
            boost=BINDING_BOOST if obj.status == "beschlossen" else 1.0,
        )


#: How to get from a model in a Zielsystem's tree to the Zielsystem's id.
ZIELSYSTEM_TREE = {
    "Rahmenziel": "grundsatzziel__zielsystem_id",
    "Ergebnisziel": "rahmenziel__grundsatzziel__zielsystem_id",
    "Aktivitaet": "ergebnisziel__rahmenziel__grundsatzziel__zielsystem_id",
    "Indikator": "ergebnisziel__rahmenziel__grundsatzziel__zielsystem_id",
}


def _on_tree_changed(sender, instance, raw=False, **kwargs) -> None:
    """A goal, activity or indicator changed: reindex its Zielsystem (after the commit)."""
    if raw:
        return
    from django.db import transaction

    parent_field, rest = ZIELSYSTEM_TREE[sender.__name__].split("__", 1)
    parent_id = getattr(instance, f"{parent_field}_id", None)
    if parent_id is None:
        return
    parent_model = sender._meta.get_field(parent_field).related_model
    zielsystem_id = parent_model.objects.filter(pk=parent_id).values_list(rest, flat=True).first()
    if zielsystem_id is not None:
        transaction.on_commit(lambda: reindex_later("spaces.zielsystem", zielsystem_id))


def _on_sharing_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Sharing changed from the user's or group's side: reindex the Gremien concerned (the
    Gremium's side is covered by search.signal_receivers for every provider's m2m fields)."""
    if not reverse or action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
        return
    if action == "pre_clear":
        gremium_model = apps.get_model("spaces", "Gremium")
        field = "shared_users" if sender is gremium_model.shared_users.through else "shared_groups"
        instance._kim_cleared_gremien = list(
            gremium_model.objects.filter(**{field: instance}).values_list("pk", flat=True)
        )
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_kim_cleared_gremien", [])
    for gremium_id in ids or ():
        reindex_later("spaces.gremium", gremium_id)


def register_provider() -> None:
    for provider_class in (
        GremiumProvider,
        SitzungProvider,
        BeschlussProvider,
        ProtokollProvider,
        AufgabeProvider,
        ZielsystemProvider,
        GremiumsdokumentProvider,
    ):
        try:
            register(provider_class())
        except LookupError:  # model not (yet) in spaces
            continue
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for name in ZIELSYSTEM_TREE:
        try:
            model = apps.get_model("spaces", name)
        except LookupError:
            continue
        for signal in (post_save, post_delete):
            signal.connect(
                _on_tree_changed,
                sender=model,
                dispatch_uid=f"search_zielsystem_tree_{signal is post_save}_{name}",
            )
    gremium_model = apps.get_model("spaces", "Gremium")
    for name in SHARING:
        field = getattr(gremium_model, name, None)
        if field is not None:
            m2m_changed.connect(
                _on_sharing_changed, sender=field.through, dispatch_uid=f"search_sharing_{name}"
            )
