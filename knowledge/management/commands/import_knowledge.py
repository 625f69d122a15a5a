"""manage.py import_knowledge PATH [--parent ID_OR_PATH] [--draft]

Imports a folder of Markdown, text, HTML, PDF and DOCX files as guidance pages. Each file is
imported in its own transaction; re-running updates the pages created from the same files.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from knowledge.extraction import ExtractionError
from knowledge.importing import SUFFIXES, convert_file
from knowledge.models import GuidancePage, KnowledgeIndexPage
from knowledge.models.faq import german_slug
from portal.installation import require_migrated

SETUP_HINT = 'Bitte zuerst „manage.py setup_portal --kreis "Name des Kreises"“ ausführen.'


class Command(BaseCommand):
    help = (
        "Importiert einen Ordner mit Markdown-, Text-, HTML-, PDF- und DOCX-Dateien als "
        "Leitfäden/Arbeitshilfen; ein erneuter Import aktualisiert die Seiten."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Ordner (oder einzelne Datei)")
        parser.add_argument(
            "--parent",
            help="ID oder Pfad (z. B. /wissensbasis/) des Wissensbereichs; "
            "Standard: der oberste Wissensbereich",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Seiten nur als Entwurf speichern, nicht veröffentlichen",
        )

    def handle(self, *args, path, parent=None, draft=False, **options):
        root = Path(path)
        if not root.exists():
            raise CommandError(f"„{root}“ gibt es nicht.")
        require_migrated()
        parent_page = self._parent(parent)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        created, updated, failed, skipped = [], [], [], []
        for file in files:
            relative = file.name if root.is_file() else file.relative_to(root).as_posix()
            if file.suffix.lower() not in SUFFIXES:
                skipped.append(relative)
                continue
            try:
                with transaction.atomic():
                    page, is_new = self._import(file, relative, parent_page, draft)
            except (ExtractionError, OSError) as error:
                failed.append((relative, str(error)))
                self.stderr.write(f"Fehlgeschlagen: {relative}: {error}")
                continue
            except Exception as error:  # report and carry on with the next file
                failed.append((relative, f"{type(error).__name__}: {error}"))
                self.stderr.write(f"Fehlgeschlagen: {relative}: {type(error).__name__}: {error}")
                continue
            (created if is_new else updated).append(relative)
            action = "Angelegt" if is_new else "Aktualisiert"
            self.stdout.write(f"{action}: {relative} → „{page.title}“")
        for relative in skipped:
            self.stdout.write(f"Übersprungen (Format nicht unterstützt): {relative}")
        self.stdout.write(
            f"Import nach „{parent_page.title}“: {len(created)} angelegt, "
            f"{len(updated)} aktualisiert, {len(failed)} fehlgeschlagen, "
            f"{len(skipped)} übersprungen."
        )
        if failed:
            count = len(failed)
            raise CommandError(
                "1 Datei konnte nicht importiert werden."
                if count == 1
                else f"{count} Dateien konnten nicht importiert werden."
            )

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

    def _import(self, file: Path, relative: str, parent: KnowledgeIndexPage, draft: bool):
        document = convert_file(file)
        page = GuidancePage.objects.child_of(parent).filter(import_source=relative).first()
        is_new = page is None
        if is_new:
            page = GuidancePage(
                slug=self._free_slug(parent, document.title),
                import_source=relative,
                responsible_unit="KIM-Koordination",
            )
        page.title = document.title
        page.body = document.body
        if is_new:
            page.live = not draft
            parent.add_child(instance=page)
        else:
            page.full_clean()
        revision = page.save_revision(clean=False)
        if not draft:
            revision.publish()
        return page, is_new

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
