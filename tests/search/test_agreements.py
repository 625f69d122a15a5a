"""Kooperationsvereinbarungen in the search: only published ones, like the agreement pages."""

from knowledge.models import KnowledgeIndexPage, Kommune, Kooperationsvereinbarung
from tests.search.conftest import run_search, titles


def test_only_published_agreements_are_found(home, koordination, partner):
    wissen = home.add_child(instance=KnowledgeIndexPage(title="Wissen", slug="wissensbasis"))
    wissen.save_revision().publish()
    herscheid = Kommune.objects.create(name="Herscheid", slug="herscheid", ags="05962020")
    agreement = Kooperationsvereinbarung(
        kommune=herscheid, parties="Kreis und Gemeinde Herscheid", live=False
    )
    agreement.save()
    for user in (koordination, partner):
        assert run_search(user, "Herscheid").total == 0

    agreement.save_revision().publish()
    assert titles(run_search(partner, "Herscheid")) == [str(agreement)]
