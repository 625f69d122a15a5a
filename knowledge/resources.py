"""django-import-export resources for the admin's CSV/XLSX import of reference data and agreements.

Column headings are the German field labels, the same the admin's export writes, so an exported
file can be edited and imported again. Every row is validated like a form (``full_clean``).
"""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from knowledge.models import FaqQuestion, Kommune, Kooperationsvereinbarung, Organisation
from knowledge.models.faq import german_slug

TRUE_VALUES = {"1", "ja", "j", "x", "true", "wahr", "yes"}
FALSE_VALUES = {"", "0", "nein", "n", "false", "falsch", "no"}


class GermanBooleanWidget(widgets.BooleanWidget):
    """ "ja"/"nein" (and 1/0, true/false); anything else is a German error."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValueError(_("Bitte „ja“ oder „nein“ angeben, nicht „%(value)s“.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("ja") if value else _("nein")


class GermanDateWidget(widgets.DateWidget):
    """Dates as 31.12.2026 or 2026-12-31 (and real dates from XLSX cells)."""

    def __init__(self):
        super().__init__(format="%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        for date_format in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(str(value).strip(), date_format).date()
            except ValueError:
                continue
        raise ValueError(
            _("„%(value)s“ ist kein Datum; bitte als TT.MM.JJJJ angeben.") % {"value": value}
        )


class ChoiceLabelWidget(widgets.Widget):
    """A choice by its German label or its stored value."""

    def __init__(self, choices):
        super().__init__()
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        for stored, label in self.choices:
            if text.lower() in (str(stored).lower(), str(label).lower()):
                return stored
        allowed = ", ".join(str(label) for _stored, label in self.choices)
        raise ValueError(
            _("„%(value)s“ ist nicht vorgesehen; erlaubt: %(allowed)s.")
            % {"value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class NamedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related object by its name, with a German error if there is none."""

    def clean(self, value, row=None, **kwargs):
        if not str(value or "").strip():
            return None
        try:
            return self.model.objects.get(**{self.field: str(value).strip()})
        except self.model.DoesNotExist:
            raise ValueError(
                _("„%(value)s“ gibt es nicht in „%(model)s“.")
                % {"value": value, "model": self.model._meta.verbose_name_plural}
            ) from None
        except self.model.MultipleObjectsReturned:
            raise ValueError(_("„%(value)s“ ist nicht eindeutig.") % {"value": value}) from None


class NamedManyToManyWidget(widgets.ManyToManyWidget):
    """Related objects by name, separated by semicolons."""

    def __init__(self, model, field="name"):
        super().__init__(model, separator=";", field=field)

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(";") if name.strip()]
        found = {
            getattr(obj, self.field): obj
            for obj in self.model.objects.filter(**{f"{self.field}__in": names})
        }
        missing = [name for name in names if name not in found]
        if missing:
            raise ValueError(_("Unbekannt: %(names)s.") % {"names": ", ".join(missing)})
        return [found[name] for name in names]


def label(model, field_name: str) -> str:
    return str(model._meta.get_field(field_name).verbose_name)


def text_field(model, name: str, **kwargs) -> fields.Field:
    return fields.Field(attribute=name, column_name=label(model, name), **kwargs)


class KommuneResource(resources.ModelResource):
    name = text_field(Kommune, "name")
    slug = text_field(Kommune, "slug")
    ags = text_field(Kommune, "ags")
    has_auslaenderbehoerde = text_field(
        Kommune, "has_auslaenderbehoerde", widget=GermanBooleanWidget()
    )
    has_einbuergerungsbehoerde = text_field(
        Kommune, "has_einbuergerungsbehoerde", widget=GermanBooleanWidget()
    )
    has_jugendamt = text_field(Kommune, "has_jugendamt", widget=GermanBooleanWidget())

    class Meta:
        model = Kommune
        fields = (
            "name",
            "slug",
            "ags",
            "has_auslaenderbehoerde",
            "has_einbuergerungsbehoerde",
            "has_jugendamt",
        )
        import_id_fields = ("ags",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        slug_column = label(Kommune, "slug")
        if not str(row.get(slug_column) or "").strip():
            row[slug_column] = german_slug(str(row.get(label(Kommune, "name")) or ""))
        ags_column = label(Kommune, "ags")
        ags = row.get(ags_column)
        if isinstance(ags, int | float):  # XLSX turns 05962004 into the number 5962004
            row[ags_column] = f"{int(ags):08d}"


class OrganisationResource(resources.ModelResource):
    name = text_field(Organisation, "name")
    kind = text_field(Organisation, "kind", widget=ChoiceLabelWidget(Organisation.Kind.choices))
    parent_name = text_field(Organisation, "parent_name")
    kommunen = text_field(Organisation, "kommunen", widget=NamedManyToManyWidget(Kommune))
    description = text_field(Organisation, "description")
    street = text_field(Organisation, "street")
    postcode = text_field(Organisation, "postcode")
    city = text_field(Organisation, "city")
    phone = text_field(Organisation, "phone")
    email = text_field(Organisation, "email")
    website = text_field(Organisation, "website")

    class Meta:
        model = Organisation
        fields = (
            "name",
            "kind",
            "parent_name",
            "kommunen",
            "description",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
        )
        import_id_fields = ("name", "kind")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class KooperationsvereinbarungResource(resources.ModelResource):
    kommune = text_field(
        Kooperationsvereinbarung, "kommune", widget=NamedForeignKeyWidget(Kommune, "name")
    )
    organisation = text_field(
        Kooperationsvereinbarung,
        "organisation",
        widget=NamedForeignKeyWidget(Organisation, "name"),
    )
    parties = text_field(Kooperationsvereinbarung, "parties")
    status = text_field(
        Kooperationsvereinbarung,
        "status",
        widget=ChoiceLabelWidget(Kooperationsvereinbarung.Status.choices),
    )
    signed_on = text_field(Kooperationsvereinbarung, "signed_on", widget=GermanDateWidget())
    valid_from = text_field(Kooperationsvereinbarung, "valid_from", widget=GermanDateWidget())
    valid_until = text_field(Kooperationsvereinbarung, "valid_until", widget=GermanDateWidget())
    next_evaluation_on = text_field(
        Kooperationsvereinbarung, "next_evaluation_on", widget=GermanDateWidget()
    )

    class Meta:
        model = Kooperationsvereinbarung
        fields = (
            "kommune",
            "organisation",
            "parties",
            "status",
            "signed_on",
            "valid_from",
            "valid_until",
            "next_evaluation_on",
        )
        import_id_fields = ("kommune", "organisation")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class FaqQuestionResource(resources.ModelResource):
    """Export of all FAQ questions (the questions are inlines of FAQ pages, edited there)."""

    page = fields.Field(attribute="page__title", column_name=_("FAQ-Seite"))
    topic = text_field(FaqQuestion, "topic")
    question = text_field(FaqQuestion, "question")
    answer = fields.Field(column_name=_("Antwort"))
    last_checked = text_field(FaqQuestion, "last_checked", widget=GermanDateWidget())
    source = text_field(FaqQuestion, "source")
    source_url = text_field(FaqQuestion, "source_url")
    published = fields.Field(column_name=_("Seite zuletzt veröffentlicht"))

    class Meta:
        model = FaqQuestion
        fields = (
            "page",
            "topic",
            "question",
            "answer",
            "last_checked",
            "source",
            "source_url",
            "published",
        )

    def dehydrate_answer(self, question) -> str:
        return " ".join(strip_tags(question.answer).split())

    def dehydrate_published(self, question) -> str:
        """Local time (Europe/Berlin), not UTC."""
        published = question.page.last_published_at
        return timezone.localtime(published).strftime("%d.%m.%Y %H:%M") if published else ""
