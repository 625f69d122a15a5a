"""The rendered bodies of guidance pages, the Handlungskonzept and the FAQ are cached per
visibility rule (knowledge/fragments.py): readers with different rights never get each other's
copy, and every change of the page or of what it shows appears on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import RichText

from accounts import roles
from accounts.models import Profile
from knowledge.models import (
    FaqPage,
    GuidancePage,
    HandlungskonzeptPage,
    KnowledgeDocument,
    Kommune,
    Organisation,
    Zielgruppe,
)
from tests.knowledge.conftest import publish, question, restrict_to
from verteilung.models import Zustaendigkeit

URL = "/wissensbasis/arbeitshilfe-uebergaenge/"


def text(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def add_blocks(page, *blocks) -> GuidancePage:
    page = GuidancePage.objects.get(pk=page.pk)
    for block_type, value in blocks:
        page.body.append((block_type, value))
    page.save_revision().publish()
    return page


@pytest.fixture
def internal_page(wissen):
    page = publish(wissen, GuidancePage(title="Interne Fallrekonstruktion", slug="intern"))
    restrict_to(page, roles.KOORDINATION)
    return page


@pytest.fixture
def internal_document(db):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=roles.KOORDINATION))
    return KnowledgeDocument.objects.create(
        title="Protokoll der Lenkungsgruppe",
        file=ContentFile(b"intern", name="protokoll.txt"),
        collection=collection,
    )


@pytest.fixture
def linked_guidance(guidance, internal_page, internal_document, konzept):
    """The open guidance page links to a restricted page, a restricted document and (in rich
    text) to a section of a restricted Handlungskonzept."""
    restrict_to(konzept, roles.KOORDINATION)
    anchor = HandlungskonzeptPage.objects.get(pk=konzept.pk).chapters[1].sections[1].anchor
    return add_blocks(
        guidance,
        ("page_link", {"page": internal_page, "anchor": "", "label": ""}),
        ("document", {"document": internal_document, "label": ""}),
        (
            "paragraph",
            RichText(
                f'<p>Siehe <a linktype="handlungskonzept-section" id="{konzept.pk}" '
                f'anchor="{anchor}">Lenkungsgruppe im Konzept</a>.</p>'
            ),
        ),
    )


def shows_internal_links(html: str) -> bool:
    found = {
        "Interne Fallrekonstruktion" in html,
        "Protokoll der Lenkungsgruppe" in html,
        'href="/wissensbasis/handlungskonzept/#' in html,
    }
    assert len(found) == 1, "the three links should follow the same rule"
    return found.pop()


@pytest.mark.parametrize("member_first", [True, False])
def test_members_and_others_never_share_a_cached_body(
    client, linked_guidance, koordination, partner, member_first
):
    order = [koordination, partner] if member_first else [partner, koordination]
    for _round in range(2):  # the second round answers from the cache
        for user in order:
            client.force_login(user)
            html = text(client)
            assert "Erst anrufen, dann schreiben." in html
            assert shows_internal_links(html) is (user == koordination)
            assert "Lenkungsgruppe im Konzept" in html  # the link text stays, without href


@pytest.mark.parametrize("member_first", [True, False])
def test_a_restricted_page_stays_closed_after_a_member_read_it(
    client, internal_page, koordination, partner, member_first
):
    url = internal_page.url
    order = [koordination, partner] if member_first else [partner, koordination]
    for _round in range(2):
        for user in order:
            client.force_login(user)
            response = client.get(url)
            if user == koordination:
                assert response.status_code == 200
                assert "Interne Fallrekonstruktion" in response.content.decode()
            else:
                assert response.status_code != 200
                assert "Interne Fallrekonstruktion" not in response.content.decode()


def test_joining_the_group_shows_the_links_at_once(client, linked_guidance, partner):
    client.force_login(partner)
    assert not shows_internal_links(text(client))
    partner.groups.add(Group.objects.get(name=roles.KOORDINATION))
    assert shows_internal_links(text(client))


def test_a_published_edit_shows_on_the_next_request(client, guidance, partner):
    client.force_login(partner)
    assert "Erst anrufen" in text(client)
    page = GuidancePage.objects.get(pk=guidance.pk)
    page.body[1] = ("paragraph", RichText("<p>Erst mailen.</p>"))
    revision = page.save_revision()
    assert "Erst mailen" not in text(client)  # a draft is not shown
    revision.publish()
    html = text(client)
    assert "Erst mailen." in html
    assert "Erst anrufen" not in html


def test_renamed_link_target_and_document_show_at_once(
    client, linked_guidance, internal_page, internal_document, koordination
):
    client.force_login(koordination)
    assert shows_internal_links(text(client))
    page = GuidancePage.objects.get(pk=internal_page.pk)
    page.title = "Fallrekonstruktion (neu)"
    page.save_revision().publish()
    assert "Fallrekonstruktion (neu)" in text(client)
    internal_document.title = "Protokoll vom Mai"
    internal_document.save()
    assert "Protokoll vom Mai" in text(client)


def test_a_new_collection_restriction_hides_the_document_at_once(
    client, guidance, internal_document, partner
):
    open_collection = Collection.get_first_root_node().add_child(name="Offen")
    internal_document.collection = open_collection
    internal_document.save()
    add_blocks(guidance, ("document", {"document": internal_document, "label": ""}))
    client.force_login(partner)
    assert "Protokoll der Lenkungsgruppe" in text(client)  # cached for the partner's rule
    restriction = CollectionViewRestriction.objects.create(
        collection=open_collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=roles.KOORDINATION))
    assert "Protokoll der Lenkungsgruppe" not in text(client)


def test_previews_neither_read_nor_fill_the_cache(client, guidance, make_user):
    editor = make_user("editor", is_superuser=True)
    client.force_login(editor)
    assert "Erst anrufen" in text(client)  # the live text, now cached for superusers
    page = GuidancePage.objects.get(pk=guidance.pk)
    page.body[1] = ("paragraph", RichText("<p>Entwurf: erst mailen.</p>"))
    revision = page.save_revision()
    preview = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[guidance.pk, revision.pk])
    )
    assert preview.status_code == 200
    assert "Entwurf: erst mailen." in preview.content.decode()
    assert "Erst anrufen" not in preview.content.decode()
    html = text(client)
    assert "Erst anrufen" in html
    assert "Entwurf" not in html


def test_handlungskonzept_edits_show_at_once(client, konzept, partner):
    client.force_login(partner)
    url = konzept.url
    assert "Lenkungsgruppe" in text(client, url)
    page = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    page.body[1].value["sections"][1]["title"] = "Steuerungsgruppe"
    page.change_note = "Lenkungsgruppe heißt jetzt Steuerungsgruppe."
    page.save_revision().publish()
    html = text(client, url)
    assert "Steuerungsgruppe" in html
    assert "Lenkungsgruppe heißt jetzt Steuerungsgruppe." in html  # the change log


def test_faq_shows_new_questions_and_gives_each_reader_their_own_csrf_token(
    client, faq, partner, integrationsbeauftragte
):
    url = faq.url
    client.force_login(partner)
    first = text(client, url)
    client.force_login(integrationsbeauftragte)
    second = text(client, url)
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.count(token) >= 3
    tokens = {html.split(token)[1].split('"')[0] for html in (first, second)}
    assert len(tokens) == 2
    assert "kim-csrf" not in second
    page = FaqPage.objects.get(pk=faq.pk)
    page.questions.add(question("Wer zahlt?"))
    page.save_revision().publish()
    assert "Wer zahlt?" in text(client, url)


def test_faq_feedback_still_works_from_a_cached_page(client, faq, partner):
    client.force_login(partner)
    url = faq.url
    text(client, url)
    html = text(client, url)  # from the cache, with this reader's token
    action = html.split('data-faq-feedback="')[0].rsplit('action="', 1)[1].split('"')[0]
    client.handler.enforce_csrf_checks = True
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(action, {"hilfreich": "ja", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    html = text(client, url)
    assert "Danke für Ihre Rückmeldung!" in html  # the one-time status, not cached
    assert "Danke für Ihre Rückmeldung!" not in text(client, url)


def test_the_feedback_report_link_only_for_the_coordination(client, faq, koordination, partner):
    client.force_login(koordination)
    assert "Auswertung der Rückmeldungen" in text(client, faq.url)
    client.force_login(partner)
    assert "Auswertung der Rückmeldungen" not in text(client, faq.url)


DIRECTORY = "/wissensbasis/verzeichnis/"


@pytest.fixture
def balve(wissen):
    kommune = Kommune.objects.create(name="Balve", slug="balve", ags="05962004")
    organisation = Organisation.objects.create(name="Beratung Balve", kind="mbe")
    organisation.kommunen.add(kommune)
    return kommune


def test_directory_changes_show_at_once(client, balve, partner):
    client.force_login(partner)
    url = f"{DIRECTORY}?kommune=balve"
    assert "Beratung Balve" in text(client, url)
    organisation = Organisation.objects.get(name="Beratung Balve")
    organisation.name = "Migrationsberatung Balve"
    organisation.save()
    assert "Migrationsberatung Balve" in text(client, url)
    neuenrade = Kommune.objects.create(name="Neuenrade", slug="neuenrade", ags="05962040")
    assert f"{DIRECTORY}?kommune=neuenrade" in text(client, url)  # the quick links
    organisation.kommunen.set([neuenrade])
    assert "Migrationsberatung Balve" not in text(client, url)
    Zielgruppe.objects.create(name="Hochbetagte", slug="hochbetagte")
    assert "Hochbetagte" in text(client, url)


def test_the_own_kommune_is_preselected_for_each_reader(
    client, balve, integrationsbeauftragte, koordination
):
    Profile.objects.update_or_create(user=integrationsbeauftragte, defaults={"kommune": balve})
    for _round in range(2):
        client.force_login(integrationsbeauftragte)
        assert "1 Angebot gefunden für Balve" in text(client, DIRECTORY)
        client.force_login(koordination)
        html = text(client, DIRECTORY)
        assert "Alle Angebote" in html
        assert "gefunden für Balve" not in html


@pytest.mark.parametrize("ib_first", [True, False])
def test_the_kommune_panel_stays_live_and_personal(
    client, balve, integrationsbeauftragte, partner, ib_first
):
    Profile.objects.update_or_create(user=integrationsbeauftragte, defaults={"kommune": balve})
    url = f"{DIRECTORY}?kommune=balve"
    order = [integrationsbeauftragte, partner] if ib_first else [partner, integrationsbeauftragte]
    for user in order:
        client.force_login(user)
        text(client, url)  # cached now
    Zustaendigkeit.objects.create(
        person="Aylin Demir",
        kommune=balve,
        wochenstunden=10,
        sprechtage="dienstags 9–12 Uhr",
        ort="Rathaus Balve",
    )
    for user in order:
        client.force_login(user)
        html = text(client, url)
        assert "Aylin Demir" in html
        assert ("/verteilung/kommunen/balve/" in html) is (user == integrationsbeauftragte)


@pytest.mark.parametrize("member_first", [True, False])
def test_a_restricted_directory_stays_closed_after_a_member_read_it(
    client, wissen, balve, koordination, partner, member_first
):
    restrict_to(wissen, roles.KOORDINATION)
    url = f"{DIRECTORY}?kommune=balve"
    order = [koordination, partner] if member_first else [partner, koordination]
    for _round in range(2):
        for user in order:
            client.force_login(user)
            response = client.get(url)
            if user == koordination:
                assert "Beratung Balve" in response.content.decode()
            else:
                assert response.status_code != 200
                assert "Beratung Balve" not in response.content.decode()


def test_an_unknown_kommune_gets_its_entries_once_it_exists(client, balve, partner):
    client.force_login(partner)
    url = f"{DIRECTORY}?kommune=neuenrade"
    assert "Diese Kommune gibt es nicht" in text(client, url)
    neuenrade = Kommune.objects.create(name="Neuenrade", slug="neuenrade", ags="05962040")
    Organisation.objects.get(name="Beratung Balve").kommunen.add(neuenrade)
    html = text(client, url)
    assert "Diese Kommune gibt es nicht" not in html
    assert "1 Angebot gefunden für Neuenrade" in html


def test_moving_a_collection_under_a_restriction_hides_its_document_at_once(
    client, guidance, internal_document, partner
):
    internal = internal_document.collection
    open_collection = Collection.get_first_root_node().add_child(name="Offen")
    internal_document.collection = open_collection
    internal_document.save()
    add_blocks(guidance, ("document", {"document": internal_document, "label": ""}))
    client.force_login(partner)
    assert "Protokoll der Lenkungsgruppe" in text(client)  # cached for the partner's rule
    Collection.objects.get(pk=open_collection.pk).move(internal, "sorted-child")
    assert "Protokoll der Lenkungsgruppe" not in text(client)
