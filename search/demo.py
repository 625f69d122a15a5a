"""Demo content of the search: a few Empfohlene Treffer (run by ``manage.py load_demo``)."""

from __future__ import annotations

from wagtail.models import Page

#: (search term with phrasings, page slug, description)
PROMOTIONS = (
    (
        "Handlungskonzept; Konzept KIM; Ziele des KIM",
        "handlungskonzept",
        "Das beschlossene Handlungskonzept des Kommunalen Integrationsmanagements.",
    ),
    (
        "Meldebogen; Integrationshürde melden; Hürde melden",
        "meldebogen-leitfaden",
        "So melden Sie eine Integrationshürde, ohne personenbezogene Daten zu nennen.",
    ),
)


def load(home, stdout) -> None:
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    created = 0
    for query_string, slug, description in PROMOTIONS:
        page = Page.objects.descendant_of(home).filter(slug=slug).first()
        if page is None:
            continue
        query = Query.get(query_string)
        _promotion, is_new = SearchPromotion.objects.get_or_create(
            query=query, page=page, defaults={"description": description, "sort_order": 0}
        )
        created += is_new
    stdout.write(f"{created} empfohlene Suchtreffer.")
