"""Replace Wagtail's welcome page by the portal's home page and create the legal pages."""

from django.db import migrations
from django.utils import timezone


def create_site_pages(apps, schema_editor):
    from home.legal_texts import LEGAL_PAGES

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")
    LegalPage = apps.get_model("home", "LegalPage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    locale = Locale.objects.order_by("pk").first()
    now = timezone.now()
    common = {"live": True, "first_published_at": now, "last_published_at": now, "locale": locale}

    home = HomePage.objects.create(
        title="Startseite",
        draft_title="Startseite",
        slug="home",
        content_type=ContentType.objects.get_or_create(app_label="home", model="homepage")[0],
        path="00010001",
        depth=2,
        numchild=len(LEGAL_PAGES),
        url_path="/home/",
        intro="",
        **common,
    )
    legal_type = ContentType.objects.get_or_create(app_label="home", model="legalpage")[0]
    for index, (slug, title, kind, body) in enumerate(LEGAL_PAGES, start=1):
        LegalPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=legal_type,
            path=f"00010001{index:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            show_in_menus=False,
            kind=kind,
            body=body.strip(),
            **common,
        )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=home.pk,
        is_default_site=True,
        site_name="KIM-Portal",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_pages, migrations.RunPython.noop)]
