"""CSV/XLSX import in the Wagtail admin: upload, dry-run preview, then all-or-nothing import.

A snippet viewset gets the import by mixing in :class:`ImportViewSetMixin` and naming a
django-import-export resource (``knowledge.resources``). The uploaded file waits in the session
between preview and confirmation, so the confirmed import is exactly what was previewed.
"""

import base64
import csv
import io

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import DraftStateMixin
from wagtail.snippets.views.snippets import IndexView

from portal.spreadsheets import imported_text, spreadsheet_response
from portal.uploads import validate_upload

SESSION_KEY = "knowledge_import"
ACTION_LABELS = {
    "new": gettext_lazy("neu"),
    "update": gettext_lazy("geändert"),
    "skip": gettext_lazy("unverändert"),
    "delete": gettext_lazy("gelöscht"),
    "error": gettext_lazy("Fehler"),
    "invalid": gettext_lazy("Fehler"),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei (CSV oder XLSX)"),
        help_text=gettext_lazy(
            "Erste Zeile: Spaltenüberschriften wie im Export. CSV mit Semikolon oder Komma, UTF-8."
        ),
    )

    def __init__(self, *args, allow_publish: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if allow_publish:
            self.fields["publish"] = forms.BooleanField(
                label=gettext_lazy("Direkt veröffentlichen"),
                required=False,
                help_text=gettext_lazy(
                    "Ohne Freigabe durch eine zweite Person; nur für Notfälle. Ohne Haken "
                    "werden neue und geänderte Einträge als Entwurf zur Freigabe eingereicht."
                ),
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
        # by content too: a renamed program or another format is refused (portal/uploads.py)
        validate_upload(upload, ("csv", "xlsx"), settings.KIM_IMPORT_MAX_BYTES)
        return upload


def read_dataset(data: bytes, file_format: str) -> tablib.Dataset:
    """The rows of a CSV or XLSX file; raises ValueError with a German message.

    Cells that our exports protected against formula injection (a leading apostrophe before
    "=", "+", "-", "@", portal/spreadsheets.py) are read back as the text they protect, so an
    exported file imports unchanged. Empty XLSX cells are read as empty text, as in CSV (else
    an empty "Träger" would be stored as NULL).
    """
    dataset = _load_dataset(data, file_format)
    restored = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        restored.append([imported_text("" if value is None else value) for value in row])
    return restored


def _load_dataset(data: bytes, file_format: str) -> tablib.Dataset:
    if file_format == "xlsx":
        try:
            return tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        except Exception as error:  # openpyxl raises many kinds of errors for bad files
            raise ValueError(_("Die XLSX-Datei kann nicht gelesen werden.")) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";"
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as error:
        raise ValueError(_("Die CSV-Datei kann nicht gelesen werden.")) from error


def error_messages(result, resource) -> list[str]:
    """German messages per row, "Zeile 3: Amtlicher Gemeindeschlüssel: ..." (line 1: headings)."""
    columns = {name: field.column_name for name, field in resource.fields.items()}
    lines = [str(error.error) for error in result.base_errors]
    for invalid in result.invalid_rows:
        for field_name, field_errors in invalid.error_dict.items():
            for message in field_errors:
                if field_name == NON_FIELD_ERRORS:
                    lines.append(
                        _("Zeile %(line)s: %(message)s")
                        % {"line": invalid.number + 1, "message": message}
                    )
                else:
                    lines.append(
                        _("Zeile %(line)s: %(column)s: %(message)s")
                        % {
                            "line": invalid.number + 1,
                            "column": columns.get(field_name, field_name),
                            "message": message,
                        }
                    )
    for number, row_errors in result.row_errors():
        for error in row_errors:
            lines.append(
                _("Zeile %(line)s: %(message)s") % {"line": number + 1, "message": error.error}
            )
    return lines


def expected_columns(resource) -> list[str]:
    """The headings the resource reads, in the order of the export."""
    return [field.column_name for field in resource.get_import_fields()]


def unknown_columns(resource, dataset: tablib.Dataset) -> list[str]:
    """Headings in the file that the import does not know (a typo would otherwise be ignored
    silently, e.g. "Kommunen" for "zuständig für die Kommunen"); a column without a heading
    counts if it holds anything."""
    known = set(expected_columns(resource))
    unknown = []
    for index, header in enumerate(dataset.headers or []):
        heading = str(header or "").strip()
        if not heading:
            if any(str(value or "").strip() for value in dataset.get_col(index)):
                unknown.append(_("(Spalte %(number)s ohne Überschrift)") % {"number": index + 1})
        elif heading not in known:
            unknown.append(f"„{heading}“")
    return unknown


def column_errors(resource, dataset: tablib.Dataset) -> list[str]:
    """German errors for unknown and missing columns, naming the expected columns."""
    errors = []
    unknown = unknown_columns(resource, dataset)
    if unknown:
        errors.append(
            _("Unbekannte Spalten: %(unknown)s. Erwartet werden die Spalten: %(expected)s.")
            % {
                "unknown": ", ".join(unknown),
                "expected": ", ".join(f"„{c}“" for c in expected_columns(resource)),
            }
        )
    missing = missing_columns(resource, dataset)
    if missing:
        errors.append(
            _("Der Datei fehlen die Spalten: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return errors


def missing_columns(resource, dataset: tablib.Dataset) -> list[str]:
    """Headings of the columns that identify a row (``import_id_fields``) missing in the file."""
    headers = set(dataset.headers or [])
    return [
        resource.fields[name].column_name
        for name in resource.get_import_id_fields()
        if name in resource.fields and resource.fields[name].column_name not in headers
    ]


class ImportView(WagtailAdminTemplateMixin, View):
    template_name = "knowledge/admin/import.html"
    header_icon = "upload"
    model = None
    resource_class = None
    index_url_name = ""
    import_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        opts = self.model._meta
        return all(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("add", "change")
        )

    @property
    def reviewed(self) -> bool:
        """Whether imported rows are drafts for review (models with drafts, e.g. agreements)."""
        return issubclass(self.model, DraftStateMixin)

    def may_publish_directly(self, user) -> bool:
        """Only who may publish the model directly may skip the review; under the
        Vier-Augen-Freigabe that is a superuser (knowledge.models.review)."""
        if not self.reviewed:
            return False
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(self.model).user_has_permission(user, "publish")

    def get_form(self, data=None, files=None) -> ImportForm:
        return ImportForm(data, files, allow_publish=self.may_publish_directly(self.request.user))

    def get_resource(self, publish: bool = False):
        resource = self.resource_class()
        resource.user = self.request.user
        if self.reviewed:
            resource.publish_directly = publish
        return resource

    def success_messages(self, resource, result) -> list[str]:
        totals = result.totals
        summary = getattr(resource, "summary", None)
        return [
            _("Import abgeschlossen: %(new)s neu, %(update)s geändert, %(skip)s unverändert.")
            % {"new": totals["new"], "update": totals["update"], "skip": totals["skip"]},
            *(summary() if summary else []),
        ]

    def get_page_title(self):
        return _("%(models)s importieren") % {"models": self.model._meta.verbose_name_plural}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": str(self.model._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request):
        return self.render(self.get_form())

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form)
        upload = form.cleaned_data["file"]
        publish = bool(form.cleaned_data.get("publish"))
        data = upload.read()
        file_format = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        try:
            dataset = read_dataset(data, file_format)
        except ValueError as error:
            form.add_error("file", str(error))
            return self.render(form)
        resource = self.get_resource(publish)
        problems = column_errors(resource, dataset)
        if problems:
            for problem in problems:
                form.add_error("file", problem)
            return self.render(form)
        result = resource.import_data(dataset, dry_run=True, raise_errors=False)
        errors = error_messages(result, resource)
        if not errors:
            request.session[SESSION_KEY] = {
                "model": self.model._meta.label,
                "format": file_format,
                "data": base64.b64encode(data).decode("ascii"),
                "name": upload.name,
                "publish": publish,
            }
        return self.render(
            self.get_form(),
            dataset=dataset,
            result=result,
            errors=errors,
            file_name=upload.name,
            publish=publish,
        )

    def confirm(self, request):
        stored = request.session.pop(SESSION_KEY, None)
        if not stored or stored.get("model") != self.model._meta.label:
            messages.error(request, _("Bitte laden Sie die Datei noch einmal hoch."))
            return redirect(self.import_url_name)
        dataset = read_dataset(base64.b64decode(stored["data"]), stored["format"])
        # asked again: the right to publish directly may have gone since the preview
        publish = bool(stored.get("publish")) and self.may_publish_directly(request.user)
        resource = self.get_resource(publish)
        with transaction.atomic():
            result = resource.import_data(
                dataset, dry_run=False, raise_errors=False, use_transactions=True
            )
            errors = error_messages(result, resource)
            if errors:
                transaction.set_rollback(True)
        if errors:
            messages.error(request, _("Es wurde nichts importiert."))
            return self.render(self.get_form(), dataset=dataset, result=result, errors=errors)
        for message in self.success_messages(resource, result):
            messages.success(request, message)
        return redirect(self.index_url_name)

    def render(self, form, dataset=None, result=None, errors=None, file_name="", publish=False):
        context = self.get_context_data(form=form, errors=errors or [], file_name=file_name)
        if self.reviewed:
            context["review_notice"] = (
                _(
                    "Direkt veröffentlichen: neue und geänderte Einträge sind nach dem Import "
                    "sofort für alle sichtbar, ohne Freigabe."
                )
                if publish
                else _(
                    "Neue und geänderte Einträge werden als Entwurf gespeichert und zur Freigabe "
                    "eingereicht. Was die Leserinnen und Leser sehen, ändert sich erst, wenn eine "
                    "andere berechtigte Person die Änderung freigibt."
                )
            )
        if result is not None:
            context["headers"] = dataset.headers or []
            context["preview_rows"] = [
                (
                    number + 1,  # line 1 holds the headings
                    ACTION_LABELS.get(row.import_type, row.import_type),
                    row.import_type,
                    values,
                )
                for number, (row, values) in enumerate(
                    zip(result.rows, dataset, strict=False), start=1
                )
            ]
            context["totals"] = result.totals
            context["can_confirm"] = not errors
        context["import_url"] = reverse(self.import_url_name)
        return TemplateResponse(self.request, self.template_name, context)


class IndexWithImportView(IndexView):
    """The snippet listing with an "Importieren" entry in the header's "more" menu.

    Its CSV/XLSX download has exactly the import's columns, headings and cell formats (choices
    by their label, related objects by name, "ja"/"nein"), so an exported file can be edited and
    imported again. Dates stay dates (German format in CSV, date cells in XLSX).
    """

    import_url_name = ""
    import_resource_class = None

    @cached_property
    def export_resource(self):
        return self.import_resource_class()

    def to_row_dict(self, item):
        from import_export.widgets import DateWidget

        row = {}
        for name in self.list_export:
            field = self.export_resource.fields[name]
            if isinstance(field.widget, DateWidget):
                row[name] = field.get_value(item)
            else:
                row[name] = self.export_resource.export_field(field, item)
        return row

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        opts = self.model._meta
        may_import = all(
            self.request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("add", "change")
        )
        if self.import_url_name and may_import:
            buttons.append(
                Button(
                    _("Importieren (CSV/XLSX)"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                    priority=90,
                )
            )
        return buttons


class ImportViewSetMixin:
    """Adds ``import/`` (upload, preview, confirm) to a SnippetViewSet."""

    import_resource_class = None
    index_view_class = IndexWithImportView

    def get_index_view_kwargs(self, **kwargs):
        resource = self.import_resource_class()
        fields = resource.get_export_fields()
        return {
            **super().get_index_view_kwargs(**kwargs),
            "import_url_name": self.get_url_name("import"),
            "import_resource_class": self.import_resource_class,
            # The export writes the import's columns (IndexWithImportView.to_row_dict).
            "list_export": [resource.get_field_name(field) for field in fields],
            "export_headings": {
                resource.get_field_name(field): field.column_name for field in fields
            },
        }

    @property
    def import_view(self):
        return ImportView.as_view(
            model=self.model,
            resource_class=self.import_resource_class,
            index_url_name=self.get_url_name("list"),
            import_url_name=self.get_url_name("import"),
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", self.import_view, name="import")]


class FaqImportView(ImportView):
    """FAQ questions from CSV/XLSX: one new revision per FAQ page named in the file.

    A page that was live, has no pending draft or running workflow, and that the user may
    publish, is published again; otherwise the revision stays a draft for review.
    """

    index_url_name = "knowledge_faq_import"
    import_url_name = "knowledge_faq_import"

    def __init__(self, **kwargs):
        from knowledge.models import FaqQuestion

        super().__init__(**kwargs)
        self.model = FaqQuestion

    def has_permission(self, user) -> bool:
        # Which pages may be changed is decided per row (page permissions and locks).
        return user.has_perm("wagtailadmin.access_admin")

    def get_resource(self, publish: bool = False):
        from knowledge.resources import FaqQuestionResource

        return FaqQuestionResource(user=self.request.user)

    def get_page_title(self):
        return _("FAQ-Fragen importieren")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_url"] = reverse("knowledge_faq_export")
        context["import_hint"] = _(
            "Spalten wie im Export. Fragen werden über FAQ-Seite und Sprungmarke erkannt: "
            "Zeilen mit bekannter Sprungmarke ändern die Frage, Zeilen ohne Sprungmarke legen "
            "eine neue Frage an. Fragen, die in der Datei fehlen, bleiben erhalten. Jede "
            "geänderte FAQ-Seite erhält eine neue Version; sie wird veröffentlicht, wenn die "
            "Seite veröffentlicht war, keinen offenen Entwurf hat und Sie veröffentlichen "
            "dürfen, sonst als Entwurf zur Freigabe gespeichert."
        )
        return context

    def success_messages(self, resource, result) -> list[str]:
        lines = super().success_messages(resource, result)
        if resource.published_titles:
            lines.append(
                _("Veröffentlicht: %(pages)s.") % {"pages": ", ".join(resource.published_titles)}
            )
        if resource.draft_titles:
            lines.append(
                _("Als Entwurf gespeichert (bitte prüfen und veröffentlichen): %(pages)s.")
                % {"pages": ", ".join(resource.draft_titles)}
            )
        return lines


def faq_export_view(request):
    """All FAQ questions the user may see, as CSV (semicolons, UTF-8 with BOM) or XLSX."""
    from knowledge.models import FaqPage, FaqQuestion
    from knowledge.resources import FaqQuestionResource
    from portal.privacy import visible_pages

    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    pages = visible_pages(request.user, FaqPage.objects.all())
    questions = (
        FaqQuestion.objects.filter(page__in=pages.values("pk"))
        .select_related("page")
        .order_by("page__path", "sort_order")
    )
    dataset = FaqQuestionResource().export(queryset=questions)
    return spreadsheet_response(
        dataset.headers,
        dataset,
        filename="faq-fragen",
        file_format=request.GET.get("format", "csv"),
        title="FAQ-Fragen",
    )
