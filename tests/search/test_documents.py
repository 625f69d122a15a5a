"""Wagtail documents in the search: their extracted text, under their collection's privacy."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from accounts import roles
from knowledge.models import KnowledgeDocument
from knowledge.tasks import extract_document_text
from tests.search.conftest import run_search, titles

LEITFADEN = (
    "Leitfaden Dolmetscherpool. Die Kommunen des Kreises bestellen Sprachmittlung für "
    "Beratungsgespräche über den gemeinsamen Dolmetscherpool."
)


def upload(title: str, text: str, collection=None, name: str = "leitfaden.txt"):
    document = KnowledgeDocument(title=title, file=ContentFile(text.encode(), name=name))
    if collection is not None:
        document.collection = collection
    document.save()
    read_text(document)
    return document


def read_text(document) -> None:
    """What the worker does after the upload's commit (the test transaction never commits)."""
    extract_document_text.call(document.pk, document.file.name)


@pytest.fixture
def intern(db):
    return Collection.get_first_root_node().add_child(name="Koordination intern")


def restrict(collection, *group_names: str, kind=CollectionViewRestriction.GROUPS):
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password="geheim-123"
    )
    if group_names:
        restriction.groups.set(Group.objects.filter(name__in=group_names))
    return restriction


def test_extracted_text_title_and_tags_are_found(partner):
    document = upload("Leitfaden Sprachmittlung", LEITFADEN)
    document.tags.add("Dolmetschen")
    found = run_search(partner, "Sprachmittlung Beratungsgespräch")
    assert titles(found) == ["Leitfaden Sprachmittlung"]
    hit = found.hits[0]
    assert hit.kind_label == "Dokument" and hit.url == document.url
    assert hit.location == "Dokumente"
    assert "<mark>" in hit.snippet
    assert titles(run_search(partner, "Dolmetschen")) == ["Leitfaden Sprachmittlung"]


def test_new_file_replaces_the_indexed_text_and_delete_removes(partner):
    document = upload("Leitfaden", LEITFADEN)
    document.file = ContentFile(b"Anmeldung zum Integrationskurs", name="neu.txt")
    document.save()
    read_text(document)
    assert run_search(partner, "Dolmetscherpool").total == 0
    assert titles(run_search(partner, "Integrationskurs")) == ["Leitfaden"]
    document.delete()
    assert run_search(partner, "Integrationskurs").total == 0


def test_group_restricted_collection_keeps_outsiders_out(intern, partner, koordination):
    upload("Stellenplanung Dolmetscherpool", LEITFADEN, collection=intern)
    restrict(intern, roles.KOORDINATION)
    found = run_search(partner, "Dolmetscherpool")
    assert found.total == 0
    assert sum(v.count for f in found.facets for v in f.values) == 0
    assert titles(run_search(koordination, "Dolmetscherpool")) == ["Stellenplanung Dolmetscherpool"]
    assert run_search(koordination, "Dolmetscherpool").hits[0].location == (
        "Dokumente › Koordination intern"
    )


def test_restrictions_of_parent_collections_and_later_changes_apply(intern, partner):
    child = intern.add_child(name="Protokollanlagen")
    upload("Anlage Dolmetscherpool", LEITFADEN, collection=child)
    assert run_search(partner, "Dolmetscherpool").total == 1
    restriction = restrict(intern, roles.KOORDINATION)
    assert run_search(partner, "Dolmetscherpool").total == 0
    restriction.groups.add(Group.objects.get(name=roles.EXTERNE_PARTNER))
    assert run_search(partner, "Dolmetscherpool").total == 1
    restriction.delete()
    assert run_search(partner, "Dolmetscherpool").total == 1


def test_password_protected_collection_is_hidden_from_search(intern, koordination):
    upload("Passwortgeschützter Leitfaden", LEITFADEN, collection=intern)
    restrict(intern, kind=CollectionViewRestriction.PASSWORD)
    assert run_search(koordination, "Dolmetscherpool").total == 0


def test_restricted_document_cannot_be_downloaded_by_outsiders(client, intern, partner):
    """What the index hides, Wagtail's document view refuses too (the same rule)."""
    document = upload("Stellenplanung", LEITFADEN, collection=intern)
    restrict(intern, roles.KOORDINATION)
    client.force_login(partner)
    assert client.get(document.url).status_code in {302, 403}
