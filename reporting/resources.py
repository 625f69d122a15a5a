"""The anonymised export of Meldebögen (django-import-export), one row per submitted report.

What leaves the portal in this file:

- structured fields only as German labels (Thema, Kommunen, Zielgruppen, Rechtskreise, Hürden,
  Häufigkeit, readiness for a Fallrekonstruktion, status), the date coarsened to the month;
- the free texts only if the anonymity guard (forms.anonymity.find_personal_data) finds nothing
  in them, otherwise the marker REMOVED; a reporter's confirmation that a finding is not personal
  data does not count here: the file leaves the portal's access control. Texts deleted by the
  retention job (docs/deletion-concept.md) stay empty;
- never the reporting person, their function or organisation, nor the Meldebogen number (which
  leads back to the reporter in the portal), unless the setting
  REPORTING_EXPORT_INCLUDE_REPORTER is on.
"""

from __future__ import annotations

from django.conf import settings
from import_export import fields, resources

from forms.anonymity import find_personal_data
from forms.models import Haeufigkeit, Huerde, Meldebogen, Rechtskreis, Zielgruppe, labels_for
from reporting.statistics import month_label

REMOVED = "[entfernt: mögliche personenbezogene Angaben]"
REPORTER_FIELDS = ("nummer", "organisation", "gemeldet_von")


def include_reporter() -> bool:
    """Setting REPORTING_EXPORT_INCLUDE_REPORTER (default off)."""
    return bool(getattr(settings, "REPORTING_EXPORT_INCLUDE_REPORTER", False))


def safe_text(text: str) -> str:
    """The free text if the anonymity guard finds nothing in it, else the marker."""
    text = (text or "").strip()
    if not text:
        return ""
    return REMOVED if find_personal_data(text) else text


def export_queryset(period):
    """The submitted reports of a period with everything the export reads (three queries)."""
    return list(
        period.submitted_reports()
        .select_related("thema", "owner")
        .prefetch_related("kommunen")
        .order_by("submitted_at", "pk")
    )


class MeldebogenExportResource(resources.ModelResource):
    monat = fields.Field(column_name="Eingereicht im Monat")
    status = fields.Field(column_name="Status")
    thema = fields.Field(column_name="Thema")
    kommunen = fields.Field(column_name="Betroffene Kommunen")
    zielgruppen = fields.Field(column_name="Zielgruppen")
    rechtskreise = fields.Field(column_name="Beteiligte Rechtskreise")
    huerden = fields.Field(column_name="Art der Hürde")
    haeufigkeit = fields.Field(column_name="Wie oft kommt das vor?")
    fallrekonstruktion = fields.Field(column_name="Bereit zur Fallrekonstruktion")
    situation = fields.Field(column_name="Beschreibung der Situation")
    beteiligte_stellen = fields.Field(column_name="Beteiligte Stellen und Organisationen")
    versucht = fields.Field(column_name="Was wurde bereits versucht?")
    vorschlag = fields.Field(column_name="Vorschlag zur Lösung")
    # only with REPORTING_EXPORT_INCLUDE_REPORTER
    nummer = fields.Field(column_name="Meldebogen-Nummer")
    organisation = fields.Field(column_name="Meldende Organisation")
    gemeldet_von = fields.Field(column_name="gemeldet von (Benutzername)")

    class Meta:
        model = Meldebogen
        fields = (
            "monat",
            "status",
            "thema",
            "kommunen",
            "zielgruppen",
            "rechtskreise",
            "huerden",
            "haeufigkeit",
            "fallrekonstruktion",
            "situation",
            "beteiligte_stellen",
            "versucht",
            "vorschlag",
            "nummer",
            "organisation",
            "gemeldet_von",
        )
        export_order = fields

    def __init__(self, *, with_reporter: bool | None = None, **kwargs):
        super().__init__(**kwargs)
        self.with_reporter = include_reporter() if with_reporter is None else with_reporter

    def get_export_fields(self, selected_fields=None):
        export_fields = super().get_export_fields(selected_fields)
        if self.with_reporter:
            return export_fields
        hidden = {self.fields[name] for name in REPORTER_FIELDS}
        return [field for field in export_fields if field not in hidden]

    def dehydrate_monat(self, meldebogen: Meldebogen) -> str:
        from django.utils import timezone

        if not meldebogen.submitted_at:
            return ""
        local = timezone.localtime(meldebogen.submitted_at)
        return f"{local:%Y-%m} ({month_label(local.date())})"

    def dehydrate_status(self, meldebogen: Meldebogen) -> str:
        return str(meldebogen.get_status_display())

    def dehydrate_thema(self, meldebogen: Meldebogen) -> str:
        return meldebogen.thema.name if meldebogen.thema else ""

    def dehydrate_kommunen(self, meldebogen: Meldebogen) -> str:
        return ", ".join(sorted(k.name for k in meldebogen.kommunen.all()))

    def dehydrate_zielgruppen(self, meldebogen: Meldebogen) -> str:
        return ", ".join(labels_for(Zielgruppe, meldebogen.zielgruppen))

    def dehydrate_rechtskreise(self, meldebogen: Meldebogen) -> str:
        return ", ".join(labels_for(Rechtskreis, meldebogen.rechtskreise))

    def dehydrate_huerden(self, meldebogen: Meldebogen) -> str:
        return ", ".join(labels_for(Huerde, meldebogen.huerden))

    def dehydrate_haeufigkeit(self, meldebogen: Meldebogen) -> str:
        return ", ".join(labels_for(Haeufigkeit, [meldebogen.haeufigkeit]))

    def dehydrate_fallrekonstruktion(self, meldebogen: Meldebogen) -> str:
        return {True: "ja", False: "nein"}.get(meldebogen.fallrekonstruktion, "keine Angabe")

    def dehydrate_situation(self, meldebogen: Meldebogen) -> str:
        return safe_text(meldebogen.situation)

    def dehydrate_beteiligte_stellen(self, meldebogen: Meldebogen) -> str:
        return safe_text(meldebogen.beteiligte_stellen)

    def dehydrate_versucht(self, meldebogen: Meldebogen) -> str:
        return safe_text(meldebogen.versucht)

    def dehydrate_vorschlag(self, meldebogen: Meldebogen) -> str:
        return safe_text(meldebogen.vorschlag)

    def dehydrate_nummer(self, meldebogen: Meldebogen) -> str:
        return meldebogen.reference or ""

    def dehydrate_organisation(self, meldebogen: Meldebogen) -> str:
        return meldebogen.organisation_name

    def dehydrate_gemeldet_von(self, meldebogen: Meldebogen) -> str:
        return meldebogen.owner.get_username() if meldebogen.owner else ""
