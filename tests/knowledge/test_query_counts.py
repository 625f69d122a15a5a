"""Knowledge pages render with a bounded number of queries that does not grow with content."""

import datetime

from django.utils import timezone

from accounts import roles
from knowledge.fragments import content_changed
from knowledge.models import (
    FaqFeedback,
    FaqPage,
    GuidancePage,
    Kommune,
    Kooperationsvereinbarung,
    Organisation,
)
from tests.knowledge.conftest import publish, question, restrict_to

MAX_QUERIES = 30  # the directory's four filters each list their choices


def add_content(wissen, faq, konzept, start: int, count: int) -> None:
    today = timezone.localdate()
    for n in range(start, start + count):
        page = publish(wissen, GuidancePage(title=f"Arbeitshilfe {n}", slug=f"arbeitshilfe-{n}"))
        if n % 3 == 0:
            restrict_to(page, roles.KOORDINATION)
        kommune = Kommune.objects.create(name=f"Kommune {n}", slug=f"kommune-{n}", ags=f"{n:08d}")
        Kooperationsvereinbarung.objects.create(
            kommune=kommune,
            parties="Kreis",
            status="unterzeichnet",
            signed_on=today,
            next_evaluation_on=today + datetime.timedelta(days=n % 90 - 20),
        )
        organisation = Organisation.objects.create(name=f"Beratung {n}", kind="mbe")
        organisation.kommunen.add(kommune, Kommune.objects.get(slug="balve"))
        faq.questions.add(question(f"Frage {n}?", topic=f"Thema {n % 4}"))
        konzept.body.append(("chapter", konzept.body[0].value))
    faq.save_revision().publish()
    konzept.save_revision().publish()
    question_ids = FaqPage.objects.get(pk=faq.pk).questions.values_list("pk", flat=True)
    FaqFeedback.objects.bulk_create(FaqFeedback(question_id=i, helpful=False) for i in question_ids)


def count_queries(client, url: str, django_assert_max_num_queries, cold: bool = False) -> int:
    client.get(url)  # warm caches that are per process (content types, site root paths)
    if cold:
        content_changed()  # the cached bodies (knowledge/fragments.py) are rendered again
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


# The queries of a warm request per address, as measured (issue 13: a guidance page at most
# 10): a change that adds one fails here. The guidance, Handlungskonzept, FAQ and directory
# bodies come from the cache on a warm request (knowledge/fragments.py), and so do the session
# and the user's groups: what is left is the user, the routing and the personal parts (the
# directory: the reader's own Kommune, the Kommune panel of verteilung).
BUDGETS = {
    "/wissensbasis/": 8,
    "/wissensbasis/?schlagwort=sprache": 7,
    "/wissensbasis/handlungskonzept/": 6,
    "/wissensbasis/handlungskonzept/druckansicht/": 5,
    "/wissensbasis/faq/": 6,
    "/wissensbasis/faq/auswertung/": 8,
    "/wissensbasis/vereinbarungen/": 7,
    "/wissensbasis/verzeichnis/": 6,
    "/wissensbasis/verzeichnis/?kommune=balve&art=mbe": 6,
    "/wissensbasis/arbeitshilfe-uebergaenge/": 6,
}
URLS = list(BUDGETS)


def test_query_counts_do_not_grow_with_content(
    client, koordination, wissen, konzept, faq, guidance, django_assert_max_num_queries
):
    Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    client.force_login(koordination)
    add_content(wissen, faq, konzept, 0, 2)
    few = {url: count_queries(client, url, django_assert_max_num_queries) for url in URLS}
    add_content(wissen, faq, konzept, 2, 10)
    many = {url: count_queries(client, url, django_assert_max_num_queries) for url in URLS}
    assert many == few
    over = {url: (count, BUDGETS[url]) for url, count in many.items() if count > BUDGETS[url]}
    assert over == {}


def test_rendering_the_cached_bodies_does_not_grow_with_content(
    client, koordination, wissen, konzept, faq, guidance, django_assert_max_num_queries
):
    Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    client.force_login(koordination)
    add_content(wissen, faq, konzept, 0, 2)
    few = {url: count_queries(client, url, django_assert_max_num_queries, True) for url in URLS}
    add_content(wissen, faq, konzept, 2, 10)
    many = {url: count_queries(client, url, django_assert_max_num_queries, True) for url in URLS}
    assert many == few
