"""Documents in a space: upload, list, download, private like the space (also at /documents/);
agenda items link documents and pages only where the viewer may follow them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from accounts import roles
from knowledge.models import KnowledgeDocument
from spaces.models import Gremiumsdokument, Tagesordnungspunkt

from .conftest import make_gremium, seat


@pytest.fixture
def people(make_user, space):
    member = make_user("mitglied", roles.EXTERNE_PARTNER)
    seat(space["gremium"], member)
    reader = make_user("leser", roles.CASE_MANAGEMENT)
    space["gremium"].shared_users.add(reader)
    return {
        "member": member,
        "reader": reader,
        "outsider": make_user("aussen", roles.EXTERNE_PARTNER),
    }


def upload(client, gremium, title="Sachstand Sprachkurse", name="sachstand.txt", data=b"Kurse"):
    return client.post(
        f"{gremium.get_absolute_url()}dokumente/",
        {"title": title, "file": SimpleUploadedFile(name, data, content_type="text/plain")},
        follow=True,
    )


@pytest.fixture
def document(client, people, space):
    client.force_login(people["member"])
    response = upload(client, space["gremium"])
    assert "Das Dokument „Sachstand Sprachkurse“ ist im Raum abgelegt." in response.text
    client.logout()
    return Gremiumsdokument.objects.select_related("document", "gremium").get()


def test_upload_lands_in_a_private_collection_of_the_gremium(document, space):
    collection = document.document.collection
    space["gremium"].refresh_from_db()
    assert space["gremium"].collection == collection
    assert collection.get_parent().name == "Gremien (vertraulich)"
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert list(restriction.groups.values_list("name", flat=True)) == [roles.KOORDINATION]


@pytest.mark.parametrize(
    ("who", "allowed"), [("member", True), ("reader", True), ("outsider", False)]
)
def test_download_and_listing_follow_the_space(client, people, document, who, allowed):
    client.force_login(people[who])
    listing = client.get(f"{document.gremium.get_absolute_url()}dokumente/")
    download = client.get(document.get_absolute_url())
    assert listing.status_code == (200 if allowed else 404)
    assert download.status_code == (200 if allowed else 404)
    if allowed:
        assert "Sachstand Sprachkurse" in listing.text
        assert b"".join(download.streaming_content) == b"Kurse"
        assert download["Cache-Control"] == "private, no-store"


def test_wagtails_document_url_is_closed_to_outsiders(client, people, document, make_user):
    url = document.document.url
    assert url.startswith("/documents/")
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(people["member"])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()


def test_readers_may_not_upload(client, people, space):
    client.force_login(people["reader"])
    page = client.get(f"{space['gremium'].get_absolute_url()}dokumente/").text
    assert "Dokument ablegen" not in page
    response = upload(client, space["gremium"])
    assert "der Raum ist mit Ihnen nur zum Lesen geteilt" in response.text
    assert not KnowledgeDocument.objects.exists()


def test_upload_errors_are_german_and_keep_the_title(client, people, space):
    client.force_login(people["member"])
    response = client.post(
        f"{space['gremium'].get_absolute_url()}dokumente/",
        {"title": "Liste", "file": SimpleUploadedFile("liste.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "„liste.exe“ hat einen nicht erlaubten Dateityp." in response.text
    assert 'value="Liste"' in response.text
    response = client.post(f"{space['gremium'].get_absolute_url()}dokumente/", {"title": ""})
    assert "Bitte geben Sie dem Dokument einen Titel." in response.text
    assert "Bitte wählen Sie eine Datei aus." in response.text
    assert not KnowledgeDocument.objects.exists()


def test_agenda_links_only_what_the_viewer_may_see(client, people, space, document):
    from home.models import HomePage

    home_page = HomePage.objects.get()
    # A TOP of the open space links a document of another, closed space, a knowledge document,
    # a public page and a page restricted to the KIM-Koordination.
    closed = make_gremium("Geschlossen", "geschlossen", "GS")
    secret_file = KnowledgeDocument.objects.create(
        title="Geheime Vorlage", file=SimpleUploadedFile("geheim.txt", b"x")
    )
    Gremiumsdokument.objects.create(gremium=closed, document=secret_file)
    knowledge = KnowledgeDocument.objects.create(
        title="Handreichung",
        file=SimpleUploadedFile("hand.txt", b"y"),
        collection=Collection.get_first_root_node(),
    )
    public = home_page.add_child(instance=Page(title="Offene Seite", slug="offen"))
    hidden = home_page.add_child(instance=Page(title="Interne Seite", slug="intern"))
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    from django.contrib.auth.models import Group

    restriction.groups.set(Group.objects.filter(name=roles.KOORDINATION))
    sitzung = space["upcoming"]
    Tagesordnungspunkt.objects.create(
        sitzung=sitzung, title="A", document=document.document, page=public, sort_order=1
    )
    Tagesordnungspunkt.objects.create(
        sitzung=sitzung, title="B", document=secret_file, page=hidden, sort_order=2
    )
    Tagesordnungspunkt.objects.create(sitzung=sitzung, title="C", document=knowledge, sort_order=3)
    client.force_login(people["member"])
    html = client.get(sitzung.get_absolute_url()).text
    assert document.get_absolute_url() in html and "Offene Seite" in html
    assert "Handreichung" in html
    assert "Geheime Vorlage" not in html and "Interne Seite" not in html


def test_a_renamed_program_is_refused_by_its_content(client, people, space):
    client.force_login(people["member"])
    response = client.post(
        f"{space['gremium'].get_absolute_url()}dokumente/",
        {"title": "Bericht", "file": SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00" * 8)},
    )
    assert response.status_code == 400
    assert "„bericht.pdf“ passt nicht zur Dateiendung" in response.text
    assert not KnowledgeDocument.objects.exists()
