"""Search provider of the Meldebögen (forms app, label ``meldeboegen``), registered from
``FormsConfig.ready``: found by everyone who triages (``forms.permissions.TRIAGE``) and by the
report's owner, never by other reporters.

Drafts are not indexed at all: the anonymity guard checks a report only when it is submitted,
so a draft may still hold what must never be searchable, and its author finds it under
"Meine Meldebögen". Free texts blanked by the retention purge (``forms.retention``, a
queryset update) are reindexed by the purge itself through ``search.registry.reindex``.

The reporter reads a report at ``forms:detail``, the coordination in its triage view
(``forms:triage``); the entry's
url is the search's own redirect (``search.registry.open_url``), which picks the right one.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from forms.permissions import TRIAGE
from search.registry import (
    BODY,
    HEADING,
    IndexEntry,
    Provider,
    open_url,
    register,
    reindex,
    user_principal,
)

#: The status every report has until it is submitted (forms.models.Status.ENTWURF).
DRAFT = "entwurf"


def triage_principals() -> set[str]:
    """Everyone who triages Meldebögen: the principal of forms.permissions.TRIAGE's permission,
    held directly or through any group (so search agrees with the triage list)."""
    return {TRIAGE.principal}


class MeldebogenProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("meldeboegen", "Meldebogen")

    def queryset(self):
        return (
            self.model.objects.exclude(status=DRAFT)
            .select_related("thema")
            .prefetch_related("kommunen")
        )

    def unindexed_for_good(self, obj) -> bool:
        # A draft has no entry, and it leaves the draft state only by its submission, a
        # status change (portal.transitions), which reindexes it; no status leads back.
        return obj.status == DRAFT

    def entry(self, obj) -> IndexEntry | None:
        if obj.status == DRAFT or not obj.reference:
            return None
        principals = triage_principals()
        if obj.owner_id is not None:
            principals.add(user_principal(obj.owner_id))
        kommunen = list(obj.kommunen.all())
        thema = obj.thema.name if obj.thema_id else ""
        labels = [
            *obj.huerden_labels(),
            *obj.rechtskreise_labels(),
            *obj.zielgruppen_labels(),
            obj.get_haeufigkeit_display() if obj.haeufigkeit else "",
        ]
        parts: list[tuple[str, float]] = [
            (thema, HEADING),
            (", ".join(k.name for k in kommunen), HEADING),
            (", ".join(labels), HEADING),
            (obj.organisation_name, BODY),
            *((getattr(obj, name), BODY) for name in obj.FREE_TEXT_FIELDS),
        ]
        facets: dict[str, list[tuple[str, str]]] = {
            "kommune": [(k.slug, k.name) for k in kommunen],
        }
        if thema:
            # The report's Thema, by name (also the facet of reconstructions and generative
            # Themen, cycle's provider); not the knowledge base's Handlungsfelder.
            facets["thema"] = [(thema, thema)]
        submitted = obj.submitted_at or obj.created_at
        return IndexEntry(
            title=f"Meldebogen {obj.reference}" + (f": {thema}" if thema else ""),
            url=open_url(obj),
            kind="meldebogen",
            kind_label="Meldebogen",
            principals=principals,
            parts=[(text, weight) for text, weight in parts if text],
            date=timezone.localdate(submitted) if submitted else None,
            location="Meldebögen",
            facets={name: values for name, values in facets.items() if values},
        )

    def open_url(self, obj, user) -> str | None:
        if obj.owner_id == user.pk:
            return reverse("forms:detail", kwargs={"pk": obj.pk})
        if TRIAGE.allows(user):
            return reverse("forms:triage", args=[obj.pk])
        return None


def _on_thema_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A renamed Thema changes the title and facet of its reports."""
    if created or raw:
        return
    for meldebogen in instance.meldeboegen.exclude(status=DRAFT).only("pk"):
        reindex(meldebogen)


def register_provider() -> None:
    try:
        provider = MeldebogenProvider()
        thema = apps.get_model("meldeboegen", "Thema")
    except LookupError:  # forms not installed
        return
    register(provider)
    post_save.connect(_on_thema_saved, sender=thema, dispatch_uid="search_thema_renamed")
