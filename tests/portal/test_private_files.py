"""Private files (documents, space documents, Meldebogen attachments): never under /media/,
only through the permission-checked views, streamed by Django or handed to the web server."""

import importlib
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse
from django.utils.text import get_valid_filename
from wagtail.models import Collection

from accounts import roles
from forms.models import Anhang, Meldebogen
from knowledge.models import KnowledgeDocument
from spaces.models import Gremiumsdokument
from tests.spaces.conftest import make_gremium, seat

SPACE_FILE = "Protokoll Lenkungsgruppe März.txt"
SPACE_TEXT = b"Vertraulich: Stellenplanung der Lenkungsgruppe"


def reload_urls() -> None:
    import portal.urls

    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture(params=["entwicklung", "produktion"])
def environment(request, settings, tmp_path):
    """Files on disk as in a real installation; development (DEBUG, the dev server's media
    route) or production (DEBUG off, nginx with X-Accel-Redirect)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.DEBUG = request.param == "entwicklung"
    settings.PRIVATE_FILES_SERVE = "django" if settings.DEBUG else "nginx"
    reload_urls()
    yield request.param
    settings.DEBUG = False
    reload_urls()


@pytest.fixture
def people(make_user):
    gremium = make_gremium("Lenkungsgruppe", "lenkungsgruppe", "LG")
    member = make_user("mitglied", roles.INTEGRATIONSBEAUFTRAGTE)
    seat(gremium, member)
    return {
        "gremium": gremium,
        "member": member,
        "outsider": make_user("ib-aussen", roles.INTEGRATIONSBEAUFTRAGTE),
        "partner": make_user("partner-aussen", roles.EXTERNE_PARTNER),
    }


@pytest.fixture
def files(environment, client, people, django_capture_on_commit_callbacks):
    """A space document uploaded by a member, a knowledge document, a Meldebogen attachment."""
    client.force_login(people["member"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{people['gremium'].get_absolute_url()}dokumente/",
            {"title": "Protokoll", "file": SimpleUploadedFile(SPACE_FILE, SPACE_TEXT)},
        )
    assert response.status_code == 302
    client.logout()
    entry = Gremiumsdokument.objects.select_related("document", "gremium").get()
    handout = KnowledgeDocument.objects.create(
        title="Handreichung",
        file=ContentFile(b"Handreichung fuer alle", name="Handreichung Sprachkurse.txt"),
        collection=Collection.get_first_root_node(),
    )
    meldebogen = Meldebogen.objects.create(owner=people["partner"])
    anhang = Anhang.objects.create(
        meldebogen=meldebogen,
        file=ContentFile(b"%PDF-1.4 Anhang", name="Bescheid Familie.pdf"),
        original_name="Bescheid Familie.pdf",
        content_type="application/pdf",
        size=15,
    )
    return {"entry": entry, "handout": handout, "anhang": anhang}


def private_urls(files) -> dict[str, str]:
    entry, anhang = files["entry"], files["anhang"]
    return {
        "media, original name": f"/media/documents/{SPACE_FILE}",
        "media, name as Django stored it": f"/media/documents/{get_valid_filename(SPACE_FILE)}",
        "media, stored name": f"/media/{entry.document.file.name}",
        "media, knowledge document": f"/media/{files['handout'].file.name}",
        "media, attachment": f"/media/{anhang.file.name}",
        "wagtail documents": entry.document.url,
        "space download": entry.get_absolute_url(),
        "attachment view": reverse("forms:attachment", args=[anhang.pk]),
    }


def content_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_stored_files_have_random_names_outside_media_root(files, environment, settings):
    document = files["entry"].document
    assert document.filename == SPACE_FILE
    assert "Protokoll" not in document.file.name
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.txt", document.file.name)
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name).read_bytes() == SPACE_TEXT
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
    for file in (document.file, files["handout"].file, files["anhang"].file):
        with pytest.raises(NotImplementedError):
            file.url  # noqa: B018 - no URL may ever point at a private file


@pytest.mark.parametrize("who", ["outsider", "partner", "anonymous"])
def test_outsiders_get_nothing_at_any_url(client, people, files, environment, who):
    if who != "anonymous":
        client.force_login(people[who])
    for label, url in private_urls(files).items():
        if who == "partner" and label == "attachment view":
            continue  # the partner owns the Meldebogen
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code in (302, 404), (label, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("accounts:login")), label
        else:
            assert response.status_code == 404, (label, response.status_code)
        assert SPACE_TEXT not in content_of(response), label
        assert "X-Accel-Redirect" not in response and "X-Sendfile" not in response, label


def test_members_download_with_the_original_name(client, people, files, environment, settings):
    client.force_login(people["member"])
    entry = files["entry"]
    for label, url in private_urls(files).items():
        if label.startswith("media"):
            assert client.get(url).status_code == 404, label
    response = client.get(entry.document.url)
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    assert "Protokoll%20Lenkungsgruppe%20M%C3%A4rz.txt" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    if environment == "entwicklung":
        assert content_of(response) == SPACE_TEXT
    else:
        internal = response["X-Accel-Redirect"]
        assert internal == f"/_private/{entry.document.file.name}"
        assert content_of(response) == b""
        on_disk = Path(settings.PRIVATE_MEDIA_ROOT) / internal.removeprefix("/_private/")
        assert on_disk.read_bytes() == SPACE_TEXT


def test_knowledge_documents_and_attachments_through_their_views(
    client, people, files, environment, settings
):
    handout, anhang = files["handout"], files["anhang"]
    client.force_login(people["outsider"])
    response = client.get(handout.url)
    assert response.status_code == 200
    assert 'filename="Handreichung Sprachkurse.txt"' in response["Content-Disposition"]
    client.force_login(people["partner"])
    response = client.get(reverse("forms:attachment", args=[anhang.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Bescheid Familie.pdf"'
    if environment == "produktion":
        assert response["X-Accel-Redirect"] == f"/_private/{anhang.file.name}"
    else:
        assert content_of(response) == b"%PDF-1.4 Anhang"


def test_apache_x_sendfile_names_the_absolute_path(client, people, files, settings):
    settings.PRIVATE_FILES_SERVE = "apache"
    client.force_login(people["member"])
    entry = files["entry"]
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    path = Path(unquote(response["X-Sendfile"]))
    assert path.is_absolute() and path.read_bytes() == SPACE_TEXT
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert content_of(response) == b""


def test_the_development_server_still_serves_public_images(client, people, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "alt.txt").write_bytes(b"Altbestand")
    reload_urls()
    try:
        client.force_login(people["outsider"])
        assert content_of(client.get("/media/original_images/logo.png")) == b"\x89PNG"
        assert client.get("/media/documents/alt.txt").status_code == 404
        assert client.get("/media/original_images/../documents/alt.txt").status_code == 404
    finally:
        settings.DEBUG = False
        reload_urls()


def test_migration_moves_existing_files_out_of_media_root(
    settings, tmp_path, people, django_capture_on_commit_callbacks
):
    """Files uploaded before the private storage existed lie in MEDIA_ROOT under the uploader's
    name; the data migrations move them into the private storage with random names."""
    from django.apps import apps
    from django.core.files.storage import storages

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    public = storages["default"]
    public.save("documents/Protokoll_Lenkungsgruppe.pdf", ContentFile(b"%PDF alt"))
    public.save("meldeboegen/2025/01/0123abcd.pdf", ContentFile(b"%PDF Anhang alt"))
    document = KnowledgeDocument.objects.create(title="Alt", file=ContentFile(b"x", name="x.txt"))
    KnowledgeDocument.objects.filter(pk=document.pk).update(
        file="documents/Protokoll_Lenkungsgruppe.pdf", original_filename=""
    )
    anhang = Anhang.objects.create(
        meldebogen=Meldebogen.objects.create(owner=people["partner"]),
        file=ContentFile(b"x", name="a.pdf"),
        original_name="Bescheid.pdf",
        content_type="application/pdf",
        size=1,
    )
    Anhang.objects.filter(pk=anhang.pk).update(file="meldeboegen/2025/01/0123abcd.pdf")
    knowledge_migration = importlib.import_module(
        "knowledge.migrations.0008_private_document_files"
    )
    forms_migration = importlib.import_module("forms.migrations.0004_private_attachment_files")
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_migration.move_documents_into_private_storage(apps, None)
        forms_migration.move_attachments_into_private_storage(apps, None)
    document.refresh_from_db()
    anhang.refresh_from_db()
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.filename == "Protokoll_Lenkungsgruppe.pdf"
    assert document.file.read() == b"%PDF alt"
    assert anhang.file.name == "meldeboegen/2025/01/0123abcd.pdf"
    assert anhang.file.read() == b"%PDF Anhang alt"
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    # Running it again changes nothing.
    knowledge_migration.move_documents_into_private_storage(apps, None)
    assert KnowledgeDocument.objects.get(pk=document.pk).file.name == document.file.name


def test_system_check_refuses_a_private_root_inside_media_root(settings, tmp_path):
    from portal.private_files import check_private_files

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert check_private_files() == []
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [error.id for error in check_private_files()] == ["portal.E102"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PRIVATE_FILES_SERVE = "lighttpd"
    assert [error.id for error in check_private_files()] == ["portal.E101"]


def test_wagtails_collection_privacy_still_applies_before_delivery(client, people, koordination):
    """The delivering hook runs last: a document in a collection restricted to the
    KIM-Koordination is not handed to anyone else."""
    from django.contrib.auth.models import Group
    from wagtail.models import CollectionViewRestriction

    intern = Collection.get_first_root_node().add_child(name="Koordination intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=intern, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=roles.KOORDINATION))
    document = KnowledgeDocument.objects.create(
        title="Intern", file=ContentFile(b"intern", name="intern.txt"), collection=intern
    )
    client.force_login(people["outsider"])
    response = client.get(document.url)
    assert response.status_code in (302, 403, 404) and b"intern" not in content_of(response)
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and b"intern" not in content_of(response)
    client.force_login(koordination)
    assert content_of(client.get(document.url)) == b"intern"
