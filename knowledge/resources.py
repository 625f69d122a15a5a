"""django-import-export resources for the admin's CSV/XLSX import of reference data and agreements.

Column headings are the German field labels, the same the admin's export writes, so an exported
file can be edited and imported again. Every row is validated like a form (``full_clean``).
"""

import datetime
import html
import re

import nh3
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from wagtail.locks import WorkflowLock

from knowledge.models import (
    FaqPage,
    FaqQuestion,
    Kommune,
    Kooperationsvereinbarung,
    Organisation,
    Sprache,
    Zielgruppe,
)
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
    zielgruppen = text_field(Organisation, "zielgruppen", widget=NamedManyToManyWidget(Zielgruppe))
    sprachen = text_field(Organisation, "sprachen", widget=NamedManyToManyWidget(Sprache))
    street = text_field(Organisation, "street")
    postcode = text_field(Organisation, "postcode")
    city = text_field(Organisation, "city")
    phone = text_field(Organisation, "phone")
    email = text_field(Organisation, "email")
    website = text_field(Organisation, "website")
    opening_hours = text_field(Organisation, "opening_hours")

    class Meta:
        model = Organisation
        fields = (
            "name",
            "kind",
            "parent_name",
            "kommunen",
            "description",
            "zielgruppen",
            "sprachen",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
            "opening_hours",
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

    def __init__(self, user=None, publish_directly: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.user = user  # the import view sets both
        self.publish_directly = publish_directly
        self.for_review: list[tuple[Kooperationsvereinbarung, bool]] = []
        self.submitted: list[str] = []
        self.added_to_review: list[str] = []
        self.drafts: list[str] = []
        self.published: list[str] = []

    # Under review (default): a changed agreement gets a new draft revision, based on its
    # latest version (a pending draft's other fields stay), submitted to its workflow; the row,
    # i.e. what readers see, stays until someone approves it. A new agreement is created as a
    # draft (not live). Superusers may choose to publish directly instead (the former import).

    def get_instance(self, instance_loader, row):
        instance = super().get_instance(instance_loader, row)
        if instance is None or self.publish_directly:
            return instance
        lock = instance.get_lock()
        if lock is not None and lock.for_user(self.user):
            if isinstance(lock, WorkflowLock):
                message = _(
                    "%(agreement)s ist in der Freigabe; solange können nur die Prüfenden sie "
                    "ändern."
                )
            else:
                message = _("%(agreement)s ist gesperrt.")
            raise ValidationError({"kommune": message % {"agreement": instance}})
        return instance.get_latest_revision_as_object()

    def save_instance(self, instance, is_create, row, **kwargs):
        if self.publish_directly:
            return super().save_instance(instance, is_create, row, **kwargs)
        if is_create:
            instance.live = False
            instance.has_unpublished_changes = True
            instance.save()
        # An existing agreement's row is not written: its revision is saved after the import.
        self.for_review.append((instance, is_create))

    def after_save_instance(self, instance, row, **kwargs):
        """Directly published agreements get a revision, so their history stays whole."""
        if kwargs.get("dry_run") or not self.publish_directly:
            return
        instance.save_revision(user=self.user, log_action=True).publish(user=self.user)
        self.published.append(str(instance))

    def after_import(self, dataset, result, **kwargs):
        """Only once every row is valid (a failed import changes nothing, starts no review)."""
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        for instance, is_create in self.for_review:
            self.submit_for_review(instance, is_create)

    def submit_for_review(self, instance: Kooperationsvereinbarung, is_create: bool) -> None:
        if not is_create and instance.latest_revision_id == instance.live_revision_id:
            instance.change_note = ""  # the published version's note is not this change's
        instance.save_revision(user=self.user, log_action=True)
        workflow = instance.get_workflow()
        if instance.workflow_in_progress:
            self.added_to_review.append(str(instance))
        elif workflow is not None and workflow.active:
            workflow.start(instance, self.user)
            self.submitted.append(str(instance))
        else:
            self.drafts.append(str(instance))

    def summary(self) -> list[str]:
        """German lines for the success message: what went where."""
        lines = []
        if self.submitted:
            lines.append(
                _(
                    "Zur Freigabe eingereicht: %(items)s. Sichtbar wird die neue Fassung erst, "
                    "wenn eine andere berechtigte Person sie freigibt."
                )
                % {"items": ", ".join(self.submitted)}
            )
        if self.added_to_review:
            lines.append(
                _("Als neue Fassung zur laufenden Prüfung hinzugefügt: %(items)s.")
                % {"items": ", ".join(self.added_to_review)}
            )
        if self.drafts:
            lines.append(
                _("Als Entwurf gespeichert (kein Workflow): %(items)s.")
                % {"items": ", ".join(self.drafts)}
            )
        if self.published:
            lines.append(
                _("Direkt veröffentlicht: %(items)s.") % {"items": ", ".join(self.published)}
            )
        return lines


class FaqQuestionResource(resources.ModelResource):
    """Export and import of FAQ questions.

    The questions are inlines of FAQ pages, so an import never writes rows directly: it edits
    the latest revision of each FAQ page named in the file and saves a new revision per page
    (:meth:`save_pages`). A question is identified by its page and its "Sprungmarke" (the stable
    anchor); rows without one add a question. Questions missing from the file stay.
    """

    page = fields.Field(column_name=_("FAQ-Seite"))
    topic = text_field(FaqQuestion, "topic")
    question = text_field(FaqQuestion, "question")
    answer = fields.Field(column_name=_("Antwort"))
    last_checked = text_field(FaqQuestion, "last_checked", widget=GermanDateWidget())
    source = text_field(FaqQuestion, "source")
    source_url = text_field(FaqQuestion, "source_url")
    slug = text_field(FaqQuestion, "slug")
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
            "slug",
            "published",
        )
        import_id_fields = ()
        clean_model_instances = True
        skip_diff = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.pages_by_title: dict[str, FaqPage] = {}
        self.pages_by_id: dict[int, FaqPage] = {}
        self.changed_pages: dict[int, FaqPage] = {}
        self.slug_lines: dict[tuple[int, str], int] = {}
        self.snapshots: dict[int, tuple] = {}
        self.published_titles: list[str] = []
        self.draft_titles: list[str] = []

    # Export

    def dehydrate_page(self, question) -> str:
        return question.page.title

    def dehydrate_answer(self, question) -> str:
        return answer_text(question.answer)

    def dehydrate_published(self, question) -> str:
        """Local time (Europe/Berlin), not UTC."""
        published = question.page.last_published_at
        return timezone.localtime(published).strftime("%d.%m.%Y %H:%M") if published else ""

    # Import

    def column(self, name: str) -> str:
        return self.fields[name].column_name

    def before_import(self, dataset, **kwargs):
        headers = set(dataset.headers or [])
        missing = [
            self.column(name) for name in ("page", "question") if self.column(name) not in headers
        ]
        if missing:
            raise ValueError(
                _("Der Datei fehlen die Spalten: %(columns)s.") % {"columns": ", ".join(missing)}
            )

    def editable_page(self, title: str) -> FaqPage:
        """The FAQ page with this title as its latest revision, if the user may edit it."""
        if title in self.pages_by_title:
            return self.pages_by_title[title]
        not_found = ValidationError(
            {
                "page": _("Keine FAQ-Seite „%(title)s“, die Sie bearbeiten dürfen.")
                % {"title": title}
            }
        )
        candidates = [
            page
            for page in FaqPage.objects.filter(title=title)
            if self.user is not None and page.permissions_for_user(self.user).can_edit()
        ]
        if not candidates:
            raise not_found
        if len(candidates) > 1:
            raise ValidationError(
                {"page": _("Mehrere FAQ-Seiten heißen „%(title)s“.") % {"title": title}}
            )
        (page,) = candidates
        lock = page.get_lock()
        if lock is not None and lock.for_user(self.user):
            raise ValidationError(
                {"page": _("Die FAQ-Seite „%(title)s“ ist gesperrt.") % {"title": title}}
            )
        latest = page.get_latest_revision_as_object()
        # Keep the questions in memory (a page without a draft reads them from the database).
        latest.questions = list(latest.questions.all())
        self.pages_by_title[title] = self.pages_by_id[latest.pk] = latest
        return latest

    def get_or_init_instance(self, instance_loader, row):
        title = str(row.get(self.column("page")) or "").strip()
        if not title:
            raise ValidationError({"page": _("Bitte die FAQ-Seite angeben.")})
        page = self.editable_page(title)
        slug = str(row.get(self.column("slug")) or "").strip()
        if slug:
            for existing in page.questions.all():
                if existing.slug == slug:
                    return existing, False
        return FaqQuestion(page=page), True

    def after_init_instance(self, instance, new, row, **kwargs):
        line = kwargs.get("row_number", 0) + 1
        if instance.slug:
            key = (instance.page_id, instance.slug)
            if key in self.slug_lines:
                raise ValidationError(
                    {
                        "slug": _("Diese Frage steht schon in Zeile %(line)s.")
                        % {"line": self.slug_lines[key]}
                    }
                )
            self.slug_lines[key] = line
        if not new:
            self.snapshots[id(instance)] = self.snapshot(instance)

    @staticmethod
    def snapshot(instance) -> tuple:
        return (
            instance.topic,
            instance.question,
            instance.answer,
            instance.last_checked,
            instance.source,
            instance.source_url,
            instance.slug,
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in ("topic", "question", "source", "source_url", "slug"):
            value = getattr(instance, name)
            setattr(instance, name, "" if value is None else str(value).strip())
        if self.column("answer") in row:
            text = str(row.get(self.column("answer")) or "").strip()
            # An unchanged exported answer keeps its formatting (links, lists).
            if " ".join(text.split()) != answer_text(instance.answer):
                instance.answer = answer_html(text)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        before = self.snapshots.get(id(instance))
        return before is not None and before == self.snapshot(instance)

    def save_instance(self, instance, is_create, row, **kwargs):
        """Only in memory: the page's new revision is saved in :meth:`after_import`."""
        page = self.pages_by_id[instance.page_id]
        if is_create:
            questions = [*page.questions.all(), instance]
            # Number the questions in their order: rows made in code may carry no sort_order,
            # and databases differ in where they sort NULL (SQLite first, PostgreSQL last).
            for number, question in enumerate(questions):
                question.sort_order = number
            page.questions = questions
        self.changed_pages[page.pk] = page

    def save_m2m(self, instance, row, **kwargs):
        pass

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        self.save_pages()

    def save_pages(self) -> None:
        """A new revision per changed page; published only if the page was live without
        pending changes or a running workflow and the user may publish, else a draft."""
        for page in self.changed_pages.values():
            current = FaqPage.objects.get(pk=page.pk)
            publish = (
                current.live
                and not current.has_unpublished_changes
                and current.current_workflow_state is None
                and current.permissions_for_user(self.user).can_publish()
            )
            revision = page.save_revision(user=self.user, log_action=True)
            if publish:
                revision.publish(user=self.user)
                self.published_titles.append(page.title)
            else:
                self.draft_titles.append(page.title)


ANSWER_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}


def answer_text(answer: str) -> str:
    """An answer as one line of plain text (what the export writes)."""
    return " ".join(html.unescape(strip_tags(answer)).split())


def answer_html(text: str) -> str:
    """A cell's answer as rich text: simple HTML is kept (sanitised), plain text becomes
    paragraphs (separated by blank lines)."""
    if re.search(r"</?(p|br|b|strong|i|em|ul|ol|li|a)\b", text, re.IGNORECASE):
        return nh3.clean(
            text,
            tags=ANSWER_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
        )
    paragraphs = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)
