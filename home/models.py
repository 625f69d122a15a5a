"""The home page and the public legal pages."""

from django.db import models
from django.db.models import F
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts.roles import roles_of
from home.content_cache import TIMEOUT as CONTENT_CACHE_TIMEOUT
from home.content_cache import content_cache_key
from portal.privacy import shared_by_visibility, visible_pages

RECENT_ITEMS = 6
OPEN_TASKS = 20
NEXT_SITZUNGEN = 5


class HomePage(Page):
    """The entry page: greets the user by role and shows what is new for them."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        # Evaluated only when the page's content is rendered, not when it comes from the
        # cache (home/content_cache.py).
        context["roles"] = SimpleLazyObject(lambda: roles_of(user))
        context["recent_pages"] = SimpleLazyObject(lambda: recent_pages(self, user))
        context["open_aufgaben"] = SimpleLazyObject(lambda: open_aufgaben(user))
        context["next_sitzungen"] = SimpleLazyObject(lambda: next_sitzungen(user))
        context["directory_link"] = SimpleLazyObject(lambda: directory_link(self, user, request))
        if user.is_authenticated:
            from knowledge.coordination import coordination_work

            context["coordination_work"] = SimpleLazyObject(lambda: coordination_work(user))
        context["content_cache_key"] = content_cache_key(request, self)
        context["content_cache_timeout"] = CONTENT_CACHE_TIMEOUT
        return context


def recent_pages(home: Page, user) -> list[Page]:
    """The latest published pages the user may see ("Neu für Sie"): the same for everyone with
    the user's visibility rule until the page tree changes (a publish renews it)."""

    def compute() -> list[Page]:
        return list(
            visible_pages(user, Page.objects.descendant_of(home))
            .not_type(LegalPage)
            .exclude(last_published_at__isnull=True)
            .order_by("-last_published_at")
            .specific(defer=True)[:RECENT_ITEMS]
        )

    return shared_by_visibility(f"recent-pages:{home.pk}", user, compute)


def directory_link(home: Page, user, request) -> dict | None:
    """The link "Beratungsangebote in Balve": the directory for the user's own Kommune, one
    click from the home page (issue 18), if the user has a Kommune and may see the Wissen."""
    from knowledge.models import KnowledgeIndexPage, Kommune

    kommune = Kommune.objects.of_user(user)
    if kommune is None:
        return None

    def directory_url() -> str:
        # "" (not None) when there is none: None is not cached.
        index = (
            visible_pages(user, KnowledgeIndexPage.objects.descendant_of(home))
            .order_by("depth", "path")
            .first()
        )
        if index is None:
            return ""
        return (index.get_url(request=request) or "") + index.reverse_subpage("directory")

    # The same for everyone with the user's visibility rule, until the page tree changes.
    url = shared_by_visibility(f"directory-url:{home.pk}", user, directory_url)
    if not url:
        return None
    return {"url": f"{url}?kommune={kommune.slug}", "kommune": kommune.name}


def open_aufgaben(user) -> list:
    """The user's open tasks from minutes they may read (bounded: two queries at most)."""
    from spaces.models import Aufgabe

    if not user.is_authenticated:
        return []
    return list(
        Aufgabe.objects.visible_to(user)
        .open()
        .filter(assignee=user)
        .select_related("protokoll__sitzung__gremium", "tagesordnungspunkt")
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:OPEN_TASKS]
    )


def next_sitzungen(user) -> list:
    """The next Sitzungen (not cancelled) of the Gremien the user sits in or that are shared
    with them (spaces.visibility; the KIM-Koordination's view of every space is the calendar),
    with the Gremium (one query)."""
    from spaces.models import Sitzung
    from spaces.visibility import viewer_gremium_ids

    if not user.is_authenticated:
        return []
    return list(
        Sitzung.objects.visible_to(user)
        .filter(gremium_id__in=viewer_gremium_ids(user))
        .upcoming()
        .exclude(status=Sitzung.Status.ABGESAGT)
        .select_related("gremium")[:NEXT_SITZUNGEN]
    )


class LegalPage(Page):
    """Impressum, Erklärung zur Barrierefreiheit, Datenschutzerklärung: readable without login."""

    login_required = False

    class Kind(models.TextChoices):
        IMPRESSUM = "impressum", _("Impressum")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        DATENSCHUTZ = "datenschutz", _("Datenschutzerklärung")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, unique=True)
    body = RichTextField(_("Text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")
