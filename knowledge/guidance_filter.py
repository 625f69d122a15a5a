"""Filter the guidance of a knowledge section by Handlungsfeld and tag (plain GET form, no JS)."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag


class GuidanceFilterForm(forms.Form):
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=None,
        required=False,
        empty_label=_("alle Handlungsfelder"),
        error_messages={
            "invalid_choice": _(
                "Dieses Handlungsfeld gibt es nicht. Bitte wählen Sie aus der Liste."
            )
        },
    )
    schlagwort = forms.ChoiceField(
        label=_("Schlagwort"),
        required=False,
        error_messages={
            "invalid_choice": _("Dieses Schlagwort gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )

    def __init__(self, data, *, guidance: QuerySet, handlungsfelder: QuerySet) -> None:
        """``guidance``: the guidance pages the reader may see (the page route passes them, so
        this module does not import the models that import it)."""
        super().__init__(data)
        self.fields["handlungsfeld"].queryset = handlungsfelder.only("name")
        self.guidance = guidance
        tags = (
            Tag.objects.filter(
                knowledge_guidancepagetag_items__content_object__in=self.guidance.values("pk")
            )
            .distinct()
            .order_by("name")
        )
        self.fields["schlagwort"].choices = [
            ("", _("alle Schlagwörter")),
            *tags.values_list("slug", "name"),
        ]

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def results(self):
        """The visible guidance pages matching the filter (none if the filter is invalid)."""
        if not self.is_valid():
            return self.guidance.none()
        queryset = self.guidance
        if self.cleaned_data["handlungsfeld"]:
            queryset = queryset.filter(handlungsfelder=self.cleaned_data["handlungsfeld"])
        if self.cleaned_data["schlagwort"]:
            queryset = queryset.filter(tagged_items__tag__slug=self.cleaned_data["schlagwort"])
        return queryset.distinct().order_by("title")
