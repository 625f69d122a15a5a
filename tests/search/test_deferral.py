"""Bulk changes index each object once, at the end, and lose nothing."""

from wagtail.models import Page

import search.tasks
from home.models import HomePage
from search.registry import deferred_indexing


def indexed_titles() -> set[str]:
    from search.models import SearchDocument

    return set(SearchDocument.objects.values_list("title", flat=True))


def test_deferred_block_indexes_every_saved_page_once_at_the_end(db, monkeypatch):
    indexed = []
    original = search.tasks.index_instance
    monkeypatch.setattr(
        search.tasks, "index_instance", lambda obj: indexed.append(obj.pk) or original(obj)
    )
    home = HomePage.objects.get()
    with deferred_indexing():
        page = home.add_child(instance=Page(title="Sammelimport"))
        page.save_revision().publish()
        page.title = "Sammelimport geändert"
        page.save_revision().publish()
        assert "Sammelimport geändert" not in indexed_titles()
        assert indexed == []
    assert "Sammelimport geändert" in indexed_titles()
    assert indexed.count(page.pk) == 1


def test_deferred_work_is_indexed_even_when_the_block_fails(db):
    home = HomePage.objects.get()
    try:
        with deferred_indexing():
            home.add_child(instance=Page(title="Vor dem Fehler")).save_revision().publish()
            raise RuntimeError("Import bricht ab")
    except RuntimeError:
        pass
    assert "Vor dem Fehler" in indexed_titles()
