"""The directory of advice services: organisations filtered by Kommune, type, target group and
language; the reader's own Kommune is preselected."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from knowledge.models import Kommune, Organisation, Sprache, Zielgruppe

FILTER_FIELDS = ("kommune", "art", "zielgruppe", "sprache")


def own_kommune(user) -> Kommune | None:
    """The Kommune of the user's profile (Integrationsbeauftragte), if any."""
    if not user.is_authenticated:
        return None
    return Kommune.objects.filter(profiles__user=user).only("name", "slug").first()


def directory_data(query, user) -> dict | None:
    """The filter values: the query's, or the user's own Kommune when nothing was chosen yet
    (an explicit "alle Kommunen" is ``kommune=`` and stays)."""
    if any(name in query for name in FILTER_FIELDS):
        return query
    kommune = own_kommune(user)
    return {"kommune": kommune.slug} if kommune is not None else None


def directory_queryset():
    return Organisation.objects.prefetch_related(
        Prefetch("kommunen", queryset=Kommune.objects.only("name", "slug")),
        "zielgruppen",
        "sprachen",
    )


class DirectoryFilterForm(forms.Form):
    kommune = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Kommune.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Kommunen"),
        error_messages={
            "invalid_choice": _("Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    zielgruppe = forms.ModelChoiceField(
        label=_("Für wen"),
        queryset=Zielgruppe.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Zielgruppen"),
        error_messages={
            "invalid_choice": _("Diese Zielgruppe gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    sprache = forms.ModelChoiceField(
        label=_("Beratungssprache"),
        queryset=Sprache.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Sprachen"),
        error_messages={
            "invalid_choice": _("Diese Sprache gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    art = forms.ChoiceField(
        label=_("Art des Angebots"),
        choices=[("", _("alle Arten")), *Organisation.Kind.choices],
        required=False,
        error_messages={
            "invalid_choice": _("Diese Art gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )

    def organisations(self):
        queryset = directory_queryset().order_by("kind", "name")
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
    def chosen_kommune(self) -> Kommune | None:
        return self.cleaned_data.get("kommune") if self.is_bound and self.is_valid() else None

    def query_string(self) -> str:
        """The current filter as a query string (for the print view and the export links)."""
        if not self.is_bound or not self.is_valid():
            return ""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name in FILTER_FIELDS:
            value = self.cleaned_data.get(name)
            if value:
                query[name] = getattr(value, "slug", value)
        return query.urlencode()

    def result_context(self) -> dict:
        """Results grouped by type, in the order of Organisation.Kind."""
        groups: dict[str, list[Organisation]] = {}
        for organisation in self.organisations():
            groups.setdefault(organisation.kind, []).append(organisation)
        labels = dict(Organisation.Kind.choices)
        order = [kind for kind, _label in Organisation.Kind.choices]
        grouped = [(kind, labels[kind], groups[kind]) for kind in order if kind in groups]
        return {
            "groups": grouped,
            "result_count": sum(len(items) for _kind, _label, items in grouped),
            "kommune_links": list(Kommune.objects.only("name", "slug")),
            "zielgruppe_links": list(Zielgruppe.objects.all()),
            "filtered": self.is_bound and self.is_valid(),
            "chosen_kommune": self.chosen_kommune,
            "filter_query": self.query_string(),
        }
