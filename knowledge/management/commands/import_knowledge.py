"""manage.py import_knowledge PATH [--parent ID_OR_PATH] [--publish] [--user USERNAME]

Imports a folder (or one file) of Markdown, text, HTML, PDF and DOCX files as guidance pages,
respecting what editors did since (issue 18):

- a file is known by its path below the imported folder and its content (SHA-256), recorded in
  ``knowledge.ImportedFile``; an unchanged file is skipped without a new revision; one file of
  an imported folder imported alone, or a moved file, finds its page again;
- a changed file updates its page with a new revision, which goes through the page's workflow
  (review) unless ``--publish`` is given; if the page was edited in the CMS since the last
  import, the import becomes a draft revision for review with a German note in the page's
  history („Konflikt“), never a silent overwrite;
- a new file whose title another page in the same section already has is not created
  („Konflikt“);
- each file in its own transaction; a progress line per file and a summary table at the end;
  the exit code is 1 if any file failed.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Site

from knowledge.extraction import ExtractionError
from knowledge.importing import SUFFIXES, ImportedDocument, convert_bytes
from knowledge.models import GuidancePage, ImportedFile, KnowledgeIndexPage
from knowledge.models.faq import german_slug
from portal.installation import require_migrated

SETUP_HINT = 'Bitte zuerst „manage.py setup_portal --kreis "Name des Kreises"“ ausführen.'
CONFLICT_ACTION = "knowledge.import_conflict"

NEW, UPDATED, UNCHANGED, CONFLICT, FAILED = "neu", "aktualisiert", "unverändert", "Konflikt", ""


@dataclass
class Outcome:
    status: str
    message: str
    warnings: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Importiert einen Ordner mit Markdown-, Text-, HTML-, PDF- und DOCX-Dateien als "
        "Leitfäden/Arbeitshilfen. Unveränderte Dateien werden übersprungen, Änderungen gehen "
        "durch die Freigabe (außer mit --publish), im CMS bearbeitete Seiten werden nie "
        "überschrieben."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Ordner (oder einzelne Datei)")
        parser.add_argument(
            "--parent",
            help="ID oder Pfad (z. B. /wissensbasis/) des Wissensbereichs; "
            "Standard: der oberste Wissensbereich",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="neue und geänderte Seiten sofort veröffentlichen statt sie zur Freigabe "
            "einzureichen (im CMS bearbeitete Seiten bleiben trotzdem Entwürfe)",
        )
        parser.add_argument(
            "--user",
            help="Benutzername, unter dem die Fassungen gespeichert und eingereicht werden",
        )

    def handle(self, *args, path, parent=None, publish=False, user=None, **options):
        root = Path(path)
        if not root.exists():
            raise CommandError(f"„{root}“ gibt es nicht.")
        require_migrated()
        parent_page = self._parent(parent)
        self.user = self._user(user)
        self.publish = publish
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        supported = [f for f in files if f.suffix.lower() in SUFFIXES]
        skipped = [f for f in files if f.suffix.lower() not in SUFFIXES]
        outcomes: dict[str, list[str]] = {NEW: [], UPDATED: [], UNCHANGED: [], CONFLICT: []}
        failed: list[str] = []
        width = len(str(len(supported)))
        for number, file in enumerate(supported, start=1):
            relative = file.name if root.is_file() else file.relative_to(root).as_posix()
            try:
                with transaction.atomic():
                    outcome = self._import(file, relative, parent_page)
            except ExtractionError as error:
                outcome = Outcome(FAILED, str(error))
            except OSError as error:
                outcome = Outcome(FAILED, _("Die Datei kann nicht gelesen werden: %s") % error)
            except Exception as error:  # report and carry on with the next file
                outcome = Outcome(FAILED, f"{type(error).__name__}: {error}")
            progress = f"[{number:>{width}}/{len(supported)}] {relative}: "
            if outcome.status == FAILED:
                failed.append(relative)
                self.stderr.write(progress + _("fehlgeschlagen – %s") % outcome.message)
            else:
                outcomes[outcome.status].append(relative)
                self.stdout.write(progress + outcome.message)
            for warning in outcome.warnings:
                self.stdout.write(f"    {_('Hinweis')}: {warning}")
        for file in skipped:
            relative = file.name if root.is_file() else file.relative_to(root).as_posix()
            self.stdout.write(_("Übersprungen (Format nicht unterstützt): %s") % relative)
        self._summary(parent_page, outcomes, failed, len(skipped))
        if failed:
            count = len(failed)
            raise CommandError(
                "1 Datei konnte nicht importiert werden."
                if count == 1
                else f"{count} Dateien konnten nicht importiert werden."
            )

    def _summary(self, parent, outcomes, failed, skipped: int) -> None:
        rows = [
            (_("neu"), len(outcomes[NEW])),
            (_("aktualisiert"), len(outcomes[UPDATED])),
            (_("unverändert"), len(outcomes[UNCHANGED])),
            (_("Konflikte"), len(outcomes[CONFLICT])),
            (_("fehlgeschlagen"), len(failed)),
            (_("übersprungen (Format)"), skipped),
        ]
        label_width = max(len(label) for label, _count in rows)
        self.stdout.write("")
        self.stdout.write(_("Import nach „%s“:") % parent.title)
        self.stdout.write(f"  {_('Ergebnis'):<{label_width}}  {_('Dateien'):>7}")
        self.stdout.write(f"  {'-' * label_width}  {'-' * 7}")
        for label, count in rows:
            self.stdout.write(f"  {label:<{label_width}}  {count:>7}")
        if outcomes[CONFLICT]:
            self.stdout.write(
                _("Konflikte: bitte im CMS prüfen (Seite › Verlauf › Vergleichen): %s")
                % ", ".join(outcomes[CONFLICT])
            )

    # --- one file ---------------------------------------------------------------------------

    def _import(self, file: Path, relative: str, parent: KnowledgeIndexPage) -> Outcome:
        data = file.read_bytes()
        content_hash = hashlib.sha256(data).hexdigest()
        record = self._record(parent, relative, content_hash)
        if record is not None and record.content_hash == content_hash:
            return Outcome(UNCHANGED, _("unverändert, übersprungen"))
        document = convert_bytes(data, file.name)
        if record is None:
            return self._create(parent, relative, content_hash, document)
        return self._update(record, relative, content_hash, document)

    @staticmethod
    def _record(parent: Page, relative: str, content_hash: str) -> ImportedFile | None:
        """The earlier import of this file: same path; else the one path that ends with this
        one or that this one ends with (one file of an imported folder); else the same
        content (a moved or renamed file)."""
        records = ImportedFile.objects.filter(
            page__path__startswith=parent.path, page__depth=parent.depth + 1
        ).select_related("page")
        exact = [r for r in records if r.source == relative]
        if exact:
            return exact[0]
        name = relative.rsplit("/", 1)[-1]
        similar = [
            r
            for r in records
            if r.source.rsplit("/", 1)[-1] == name
            and (r.source.endswith("/" + relative) or relative.endswith("/" + r.source))
        ]
        if len(similar) == 1:
            return similar[0]
        same_content = [r for r in records if r.content_hash == content_hash]
        return same_content[0] if len(same_content) == 1 else None

    def _create(self, parent, relative, content_hash, document: ImportedDocument) -> Outcome:
        namesake = parent.get_children().filter(title__iexact=document.title).first()
        if namesake is not None:
            return Outcome(
                CONFLICT,
                _(
                    "Konflikt – nicht angelegt: Im Bereich gibt es schon die Seite „%(title)s“ "
                    "(ID %(id)s). Bitte den Titel im Dokument ändern oder die vorhandene Seite "
                    "umbenennen."
                )
                % {"title": namesake.title, "id": namesake.pk},
                document.warnings,
            )
        page = GuidancePage(
            title=document.title,
            slug=self._free_slug(parent, document.title),
            import_source=relative,
            responsible_unit="KIM-Koordination",
            body=document.body,
            live=False,
        )
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.user, clean=False)
        ImportedFile.objects.create(
            page=page, source=relative, content_hash=content_hash, revision=revision
        )
        return Outcome(
            NEW, _("neu → „%s“") % page.title + self._go_live(page, revision), document.warnings
        )

    def _update(self, record, relative, content_hash, document: ImportedDocument) -> Outcome:
        page = record.page.specific
        if not isinstance(page, GuidancePage):
            raise ExtractionError(
                _("Die Seite „%s“ ist kein Leitfaden mehr; die Datei wird nicht importiert.")
                % page.title
            )
        edited = page.latest_revision_id != record.revision_id
        draft = page.get_latest_revision_as_object()
        draft.title = document.title
        draft.body = document.body
        draft.full_clean()
        revision = draft.save_revision(user=self.user, clean=False)
        record.content_hash = content_hash
        record.source = relative
        record.revision = revision
        record.save()
        if edited:
            note = _(
                "Import: Die Quelldatei „%(file)s“ hat sich geändert, die Seite wurde aber seit "
                "dem letzten Import im CMS bearbeitet. Der Import liegt als Entwurf zur Prüfung "
                "vor und wurde nicht veröffentlicht; die bearbeitete Fassung steht im Verlauf "
                "(Vergleichen)."
            ) % {"file": relative}
            log(
                instance=draft,
                action=CONFLICT_ACTION,
                user=self.user,
                revision=revision,
                data={"note": note},
            )
            self._submit(draft)
            return Outcome(
                CONFLICT,
                _("Konflikt – im CMS bearbeitet, Import als Entwurf zur Prüfung: „%s“")
                % draft.title,
                document.warnings,
            )
        return Outcome(
            UPDATED,
            _("aktualisiert → „%s“") % draft.title + self._go_live(draft, revision),
            document.warnings,
        )

    def _go_live(self, page: GuidancePage, revision) -> str:
        if self.publish:
            revision.publish(user=self.user, skip_permission_checks=True)
            return _(" (veröffentlicht)")
        if self._submit(page):
            return _(" (zur Freigabe eingereicht)")
        return _(" (Entwurf)")

    def _submit(self, page: GuidancePage) -> bool:
        """Start the page's workflow unless one is already running; False if it has none."""
        page = GuidancePage.objects.get(pk=page.pk)
        if page.workflow_in_progress:
            return True
        workflow = page.get_workflow()
        if workflow is None:
            return False
        workflow.start(page, self.user)
        return True

    # --- arguments --------------------------------------------------------------------------

    @staticmethod
    def _user(username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Es gibt kein aktives Benutzerkonto „{username}“.")
        return user

    def _parent(self, value: str | None) -> KnowledgeIndexPage:
        if value is None:
            parent = KnowledgeIndexPage.objects.order_by("depth", "path").first()
            if parent is None:
                raise CommandError(
                    f"Es gibt noch keinen Wissensbereich (KnowledgeIndexPage). {SETUP_HINT}"
                )
            return parent
        if value.isdigit():
            page = Page.objects.filter(pk=int(value)).first()
        else:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise CommandError(f"Es ist keine Standard-Website eingerichtet. {SETUP_HINT}")
            segments = [s for s in value.strip("/").split("/") if s]
            url_path = site.root_page.url_path + "".join(f"{s}/" for s in segments)
            page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            raise CommandError(f"Die Seite „{value}“ gibt es nicht.")
        if not isinstance(page.specific, KnowledgeIndexPage):
            raise CommandError(f"„{page.title}“ ist kein Wissensbereich.")
        return page.specific

    @staticmethod
    def _free_slug(parent: Page, title: str) -> str:
        base = german_slug(title)[:70].strip("-") or "seite"
        taken = set(
            parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, counter = base, 2
        while slug in taken:
            slug = f"{base}-{counter}"
            counter += 1
        return slug
