"""The directory of advice services: organisations filtered by Kommune and type.

The page route (``KnowledgeIndexPage.directory_route``) hands the form its querysets, so this
module does not import the models that import it.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


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
    ) -> None:
        super().__init__(data)
        self.kommunen = kommunen.only("name", "slug")
        self.all_organisations = organisations
        self.kinds = kinds
        self.fields["kommune"].queryset = self.kommunen
        self.fields["art"].choices = [("", _("alle Arten")), *kinds]

    def organisations(self):
        queryset = self.all_organisations.prefetch_related("kommunen").order_by("kind", "name")
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()
        if self.cleaned_data["kommune"]:
            queryset = queryset.filter(kommunen=self.cleaned_data["kommune"])
        if self.cleaned_data["art"]:
            queryset = queryset.filter(kind=self.cleaned_data["art"])
        return queryset

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
            "filtered": self.is_bound and self.is_valid(),
        }
