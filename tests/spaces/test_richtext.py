"""Rich text of the minutes' discussion: one allow-list for editor, Berichtigung and admin,
rendered safely on the Sitzung page, text only in the search index and in the diff."""

import importlib

import pytest

from spaces.models import Berichtigung, Protokoll, Protokollpunkt, ProtokollStatus
from spaces.richtext import plain_to_html, sanitize
from spaces.search_index import ProtokollProvider

from .test_editor import form_data, people, url  # noqa: F401 - fixture

RICH = (
    "<p>Die <strong>Mitglieder</strong> beraten <em>kurz</em>.</p>"
    "<ul><li>erstens</li><li>zweitens</li></ul>"
    "<ol><li>Punkt</li></ol>"
    '<p><a href="https://kreis.example/kurse">Kursliste</a></p>'
)
HOSTILE = (
    '<h2>Überschrift</h2><p style="color:red" onclick="x()">Text</p>'
    '<script>alert(1)</script><a href="javascript:alert(1)">böse</a><img src=x onerror=alert(1)>'
)


def test_sanitize_keeps_the_basic_formatting_in_wagtails_format():
    assert sanitize(RICH) == (
        "<p>Die <b>Mitglieder</b> beraten <i>kurz</i>.</p>"
        "<ul><li>erstens</li><li>zweitens</li></ul><ol><li>Punkt</li></ol>"
        '<p><a href="https://kreis.example/kurse">Kursliste</a></p>'
    )


def test_sanitize_drops_headings_script_style_and_unsafe_links():
    cleaned = sanitize(HOSTILE)
    for forbidden in ("<h2", "style=", "onclick", "<script", "alert", "javascript:", "<img"):
        assert forbidden not in cleaned
    assert "Überschrift" in cleaned and "Text" in cleaned and "böse" in cleaned


def test_plain_text_becomes_paragraphs_and_empty_stays_empty():
    assert sanitize("Erster Absatz\nzweite Zeile\n\nZweiter Absatz & mehr") == (
        "<p>Erster Absatz<br>zweite Zeile</p><p>Zweiter Absatz &amp; mehr</p>"
    )
    assert plain_to_html("a < b") == "<p>a &lt; b</p>"
    assert sanitize("<p><br></p>  ") == ""


def test_the_data_migration_turns_plain_discussions_into_paragraphs():
    migration = importlib.import_module("spaces.migrations.0015_protokollpunkt_richtext")
    assert migration._as_html("Eins\n\nZwei <drei>") == "<p>Eins</p><p>Zwei &lt;drei&gt;</p>"
    assert migration._as_html("<p>schon HTML</p>") == "<p>schon HTML</p>"


def test_the_data_migration_converts_stored_discussions_and_berichtigungen(space):
    from django.apps import apps

    migration = importlib.import_module("spaces.migrations.0015_protokollpunkt_richtext")
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    punkt = Protokollpunkt.objects.create(protokoll=protokoll, discussion="x")
    Protokoll.objects.filter(pk=protokoll.pk).update(status=ProtokollStatus.GENEHMIGT)
    berichtigung = Berichtigung.objects.create(
        protokoll=protokoll, protokollpunkt=punkt, new_text="y", reason="z"
    )
    # As stored before 0015: plain text (queryset updates bypass today's sanitising save).
    Protokollpunkt.objects.filter(pk=punkt.pk).update(discussion="Alt & gut\n\nZweiter")
    Berichtigung.objects.filter(pk=berichtigung.pk).update(
        original_text="Alt & gut\n\nZweiter", new_text="Neu & besser"
    )
    migration.forwards(apps, None)
    assert Protokollpunkt.objects.get(pk=punkt.pk).discussion == (
        "<p>Alt &amp; gut</p><p>Zweiter</p>"
    )
    berichtigung = Berichtigung.objects.get(pk=berichtigung.pk)
    assert berichtigung.original_text == "<p>Alt &amp; gut</p><p>Zweiter</p>"
    assert berichtigung.new_text == "<p>Neu &amp; besser</p>"
    migration.forwards(apps, None)  # running it again changes nothing
    assert Berichtigung.objects.get(pk=berichtigung.pk).new_text == "<p>Neu &amp; besser</p>"


def test_the_editor_stores_sanitised_rich_text_and_the_page_shows_it(client, space, people):  # noqa: F811
    client.force_login(people["gf"])
    top = space["past"].tagesordnung.first()
    data = form_data(space, people, **{f"top-{top.pk}-discussion": RICH + HOSTILE})
    assert client.post(url(space["past"]), data).status_code == 302
    punkt = Protokollpunkt.objects.get(tagesordnungspunkt=top)
    assert punkt.discussion.startswith("<p>Die <b>Mitglieder</b>")
    assert "<script" not in punkt.discussion and "javascript:" not in punkt.discussion
    page = client.get(space["past"].get_absolute_url()).text
    assert "<ul><li>erstens</li><li>zweitens</li></ul>" in page
    assert '<a href="https://kreis.example/kurse">Kursliste</a>' in page
    assert "alert(1)" not in page
    # The editor offers the rich-text editor (a static script) over the textarea fallback.
    editor = client.get(url(space["past"])).text
    assert "spaces/richtext-editor" in editor and "data-richtext" in editor
    assert "<script>" not in editor  # no inline script: the CSP holds


def test_the_search_index_holds_the_text_only(space):
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    Protokollpunkt.objects.create(protokoll=protokoll, discussion=RICH)
    entry = ProtokollProvider().entry(protokoll)
    text = " ".join(part for part, _ in entry.parts)
    assert "Die Mitglieder beraten kurz." in text and "– erstens" in text
    assert "<" not in text


def test_a_berichtigung_of_rich_text_diffs_its_words(make_user, space):
    protokoll = Protokoll.objects.create(sitzung=space["past"], status=ProtokollStatus.VERTEILT)
    punkt = Protokollpunkt.objects.create(
        protokoll=protokoll, discussion="<p>Die <b>alte</b> Fassung.</p>"
    )
    Protokoll.objects.filter(pk=protokoll.pk).update(status=ProtokollStatus.GENEHMIGT)
    berichtigung = Berichtigung.objects.create(
        protokoll=protokoll,
        protokollpunkt=punkt,
        new_text="<p>Die <b>neue</b> Fassung.<script>x</script></p>",
        reason="Tippfehler",
    )
    assert berichtigung.new_text == "<p>Die <b>neue</b> Fassung.</p>"
    diff = str(berichtigung.diff)
    assert "<b>" not in diff and "alte" in diff and "neue" in diff
    assert berichtigung.new_plain == "Die neue Fassung."
    assert Protokollpunkt.objects.get(pk=punkt.pk).discussion == "<p>Die <b>alte</b> Fassung.</p>"


@pytest.mark.parametrize("value", ["", "   ", "<p></p>"])
def test_an_empty_discussion_is_no_protokollpunkt(value):
    assert sanitize(value) == ""
