"""The Handlungsfelder and tags of a guidance page are cached with the page tree
(GuidancePage.get_context) and follow every change at once."""

from knowledge.models import GuidancePage, Handlungsfeld

URL = "/wissensbasis/arbeitshilfe-uebergaenge/"


def test_renamed_handlungsfeld_and_new_tags_show_at_once(client, partner, guidance):
    client.force_login(partner)
    feld = Handlungsfeld.objects.create(name="Sprache")
    page = GuidancePage.objects.get(pk=guidance.pk)
    page.handlungsfelder.set([feld])
    page.save_revision().publish()
    assert "Sprache" in client.get(URL).content.decode()  # now cached
    feld.name = "Sprache und Bildung"
    feld.save()
    assert "Sprache und Bildung" in client.get(URL).content.decode()
    page = GuidancePage.objects.get(pk=guidance.pk)
    page.tags.add("Übergang")
    page.save_revision().publish()
    assert "Übergang" in client.get(URL).content.decode()
    feld.delete()
    html = client.get(URL).content.decode()
    assert "Sprache und Bildung" not in html
    assert "Übergang" in html
