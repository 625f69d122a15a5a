"""The directory of advice services: organisations filtered by Kommune, type, target group and
language; the reader's own Kommune is preselected.

The page routes (``KnowledgeIndexPage.directory_form``) hand the form its querysets, so this
module does not import the models that import it.
"""

import hashlib
from collections.abc import Callable

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

FILTER_FIELDS = ("kommune", "art", "zielgruppe", "sprache")


def directory_data(query: QueryDict, own_kommune: Callable[[], object]) -> QueryDict | dict | None:
    """The filter values: the query's, or the user's own Kommune (``own_kommune()``, asked only
    then) when nothing was chosen yet (an explicit "alle Kommunen" is ``kommune=`` and stays)."""
    if any(name in query for name in FILTER_FIELDS):
        return query
    kommune = own_kommune()
    return {"kommune": kommune.slug} if kommune is not None else None


def filter_digest(data: QueryDict | dict | None) -> str:
    """A short fixed-length name of the filter values (what the form reads of ``data``), for
    cache keys: equal filters, equal digest."""
    if data is None:
        return "ungefiltert"
    values = [(name, data.get(name)) for name in FILTER_FIELDS]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


class DirectoryFilterForm(forms.Form):
    kommune = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("alle Kommunen"),
        error_messages={
            "invalid_choice": _("Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    zielgruppe = forms.ModelChoiceField(
        label=_("Für wen"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("alle Zielgruppen"),
        error_messages={
            "invalid_choice": _("Diese Zielgruppe gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    sprache = forms.ModelChoiceField(
        label=_("Beratungssprache"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("alle Sprachen"),
        error_messages={
            "invalid_choice": _("Diese Sprache gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    art = forms.ChoiceField(
        label=_("Art des Angebots"),
        choices=[("", _("alle Arten"))],
        required=False,
        error_messages={
            "invalid_choice": _("Diese Art gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )

    def __init__(
        self,
        data=None,
        *,
        kommunen: QuerySet,
        organisations: QuerySet,
        kinds: list[tuple[str, str]],
        zielgruppen: QuerySet,
        sprachen: QuerySet,
    ) -> None:
        super().__init__(data)
        self.kommunen = kommunen.only("name", "slug")
        self.zielgruppen = zielgruppen
        self.all_organisations = organisations
        self.kinds = kinds
        self.fields["kommune"].queryset = self.kommunen
        self.fields["zielgruppe"].queryset = zielgruppen
        self.fields["sprache"].queryset = sprachen
        self.fields["art"].choices = [("", _("alle Arten")), *kinds]

    def organisations(self):
        queryset = self.all_organisations.order_by("kind", "name")
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()
        if self.cleaned_data["kommune"]:
            queryset = queryset.filter(kommunen=self.cleaned_data["kommune"])
        if self.cleaned_data["zielgruppe"]:
            queryset = queryset.filter(zielgruppen=self.cleaned_data["zielgruppe"])
        if self.cleaned_data["sprache"]:
            queryset = queryset.filter(sprachen=self.cleaned_data["sprache"])
        if self.cleaned_data["art"]:
            queryset = queryset.filter(kind=self.cleaned_data["art"])
        return queryset

    @property
    def chosen_kommune(self):
        return self.cleaned_data.get("kommune") if self.is_bound and self.is_valid() else None

    def query_string(self) -> str:
        """The current filter as a query string (for the print view and the export links)."""
        if not self.is_bound or not self.is_valid():
            return ""
        query = QueryDict(mutable=True)
        for name in FILTER_FIELDS:
            value = self.cleaned_data.get(name)
            if value:
                query[name] = getattr(value, "slug", value)
        return query.urlencode()

    def result_context(self) -> dict:
        """Results grouped by type, in the order of Organisation.Kind."""
        groups: dict[str, list] = {}
        for organisation in self.organisations():
            groups.setdefault(organisation.kind, []).append(organisation)
        labels = dict(self.kinds)
        order = [kind for kind, _label in self.kinds]
        grouped = [(kind, labels[kind], groups[kind]) for kind in order if kind in groups]
        return {
            "groups": grouped,
            "result_count": sum(len(items) for _kind, _label, items in grouped),
            "kommune_links": list(self.kommunen),
            "zielgruppe_links": list(self.zielgruppen),
            "filtered": self.is_bound and self.is_valid(),
            "chosen_kommune": self.chosen_kommune,
            "filter_query": self.query_string(),
        }
