"""The directory of advice services: organisations filtered by Kommune and type."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.models import Kommune, Organisation


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
    art = forms.ChoiceField(
        label=_("Art des Angebots"),
        choices=[("", _("alle Arten")), *Organisation.Kind.choices],
        required=False,
        error_messages={
            "invalid_choice": _("Diese Art gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )

    def organisations(self):
        queryset = Organisation.objects.prefetch_related("kommunen").order_by("kind", "name")
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
            "filtered": self.is_bound and self.is_valid(),
        }
