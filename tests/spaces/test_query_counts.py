"""Space pages render with a bounded number of queries that does not grow with the content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from knowledge.models import KnowledgeDocument
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Gremiumsdokument,
    KalenderAbo,
    Kommentar,
    Protokoll,
    Protokollpunkt,
    Tagesordnungspunkt,
    gremium_collection,
)

from .conftest import beschluss, seat, sitzung

MAX_QUERIES = 30


def add_content(gremium, users, count: int) -> None:
    for i in range(count):
        seat(gremium, users[i] if i < len(users) else None, label=f"Sitz {i}")
        past = sitzung(gremium, title=f"Alt {i}", days=-10 - i)
        sitzung(gremium, title=f"Neu {i}", days=10 + i)
        beschluss(gremium, title=f"B {i}", sitzung=past, shared=i % 2 == 0)
        protokoll = Protokoll.objects.create(sitzung=past, status="verteilt")
        Protokollpunkt.objects.create(protokoll=protokoll, discussion=f"Beratung {i}")


def add_minutes_content(sitzung, protokoll, users, count: int, offset: int) -> None:
    """More agenda items with linked documents, attendance, Beschlüsse, tasks and comments
    on one Sitzung, and more documents in its space."""
    gremium = sitzung.gremium
    for i in range(offset, offset + count):
        document = KnowledgeDocument.objects.create(
            title=f"Vorlage {i}",
            file=SimpleUploadedFile(f"vorlage{i}.txt", b"x"),
            collection=gremium_collection(gremium),
        )
        Gremiumsdokument.objects.create(gremium=gremium, document=document)
        top = Tagesordnungspunkt.objects.create(
            sitzung=sitzung, title=f"Punkt {i}", sort_order=10 + i, document=document
        )
        Protokollpunkt.objects.create(
            protokoll=protokoll, tagesordnungspunkt=top, discussion=f"Beraten {i}"
        )
        beschluss(gremium, title=f"TOP-Beschluss {i}", sitzung=sitzung, tagesordnungspunkt=top)
        user = users[i % len(users)]
        Aufgabe.objects.create(
            protokoll=protokoll, tagesordnungspunkt=top, assignee=user, text=f"A {i}"
        )
        Kommentar.objects.create(
            protokoll=protokoll, tagesordnungspunkt=top, author=user, text=f"K {i}"
        )
        Anwesenheit.objects.create(protokoll=protokoll, name=f"Gast {i}", sort_order=i)


def count(client, url: str, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", [roles.KOORDINATION, roles.EXTERNE_PARTNER])
def test_query_counts_do_not_grow(client, make_user, space, role, django_assert_max_num_queries):
    viewer = make_user("viewer", role)
    seat(space["gremium"], viewer, label="Sitz des Betrachters")
    client.force_login(viewer)
    others = [make_user(f"m{i}", roles.EXTERNE_PARTNER) for i in range(12)]
    gremium = space["gremium"]
    protokoll = Protokoll.objects.create(sitzung=space["past"], status="verteilt")
    for i in range(2):
        Protokollpunkt.objects.create(protokoll=protokoll, discussion=f"Punkt {i}")
    urls = [
        "/gremien/",
        gremium.get_absolute_url(),
        space["past"].get_absolute_url(),
        "/gremien/beschluesse/",
        "/gremien/kalender/",
        space["shared"].get_absolute_url(),
        "/gremien/kalender/abonnement/",
        f"/gremien/kalender/{KalenderAbo.issue(viewer)}.ics",
        f"{gremium.get_absolute_url()}dokumente/",
    ]
    if role == roles.KOORDINATION:  # pages for those who edit minutes
        aufgabe = Aufgabe.objects.create(protokoll=protokoll, assignee=viewer, text="Erste")
        urls += [
            f"{space['past'].get_absolute_url()}anwesenheit/",
            f"{space['past'].get_absolute_url()}protokoll/bearbeiten/",
            f"{space['past'].get_absolute_url()}protokoll/aufgaben/{aufgabe.pk}/",
        ]
    add_content(gremium, others[:2], 2)
    add_minutes_content(space["past"], protokoll, [viewer, *others[:2]], 2, 0)
    for url in urls:  # warm up: the feed records its first use once
        client.get(url)
    few = [count(client, url, django_assert_max_num_queries) for url in urls]
    add_content(gremium, others[2:], 10)
    add_minutes_content(space["past"], protokoll, [viewer, *others], 10, 2)
    many = [count(client, url, django_assert_max_num_queries) for url in urls]
    assert many == few


def test_the_space_page_shows_the_next_ten_sitzungen_and_links_the_calendar(
    client, koordination, space
):
    """The page stays the same size however many Sitzungen are planned (issue 13): the next
    ten, then a link to the Sitzungskalender."""
    gremium = space["gremium"]
    url = f"/gremien/{gremium.slug}/"
    client.force_login(koordination)
    assert "Weitere kommende Sitzungen" not in client.get(url).text
    for day in range(11, 22):
        sitzung(gremium, title=f"Termin am Tag {day}", days=day)
    page = client.get(url).text
    assert "Kommende Sitzung" in page  # the first, in ten days
    assert "Termin am Tag 19" in page and "Termin am Tag 20" not in page
    assert 'href="/gremien/kalender/"' in page and "Weitere kommende Sitzungen" in page
