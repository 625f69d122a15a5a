"""Fixtures for the spaces tests: a Gremium with seats, members, Sitzungen and Beschlüsse."""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from spaces.models import Beschluss, Gremium, Mitgliedschaft, Sitz, Sitzung, Tagesordnungspunkt


def make_gremium(name="Lenkungsgruppe Test", slug="lg-test", prefix="LGT", **fields) -> Gremium:
    return Gremium.objects.create(
        name=name, slug=slug, prefix=prefix, kind=fields.pop("kind", "lenkungsgruppe"), **fields
    )


def seat(gremium, user=None, role=Sitz.Role.MITGLIED, label="Sitz", started_on=None) -> Sitz:
    sitz = Sitz.objects.create(gremium=gremium, role=role, label=label)
    if user is not None:
        Mitgliedschaft.objects.create(
            sitz=sitz,
            user=user,
            started_on=started_on or timezone.localdate() - datetime.timedelta(days=30),
        )
    return sitz


def sitzung(gremium, title="1. Sitzung", days=14, **fields) -> Sitzung:
    starts_at = timezone.now() + datetime.timedelta(days=days)
    result = Sitzung.objects.create(gremium=gremium, title=title, starts_at=starts_at, **fields)
    Tagesordnungspunkt.objects.create(sitzung=result, title=f"Begrüßung ({title})", sort_order=0)
    return result


def beschluss(gremium, title="Beschluss", shared=False, on=None, **fields) -> Beschluss:
    return Beschluss.objects.create(
        gremium=gremium,
        title=title,
        text=f"Text zu {title}",
        decided_on=on or timezone.localdate(),
        shared_with_all=shared,
        **fields,
    )


@pytest.fixture
def space(db):
    """A Gremium with an upcoming and a past Sitzung and an internal and a released Beschluss."""
    gremium = make_gremium()
    past = sitzung(gremium, title="Vergangene Sitzung", days=-30)
    shared = beschluss(gremium, title="Freigegebener Beschluss", shared=True, sitzung=past)
    # Released and part of the record (as once its minutes are approved): visible to all.
    Beschluss.objects.filter(pk=shared.pk).update(festgestellt_am=timezone.now())
    shared.refresh_from_db()
    shared.save()  # the search entry follows (as the approval's reindexing does)
    return {
        "gremium": gremium,
        "upcoming": sitzung(gremium, title="Kommende Sitzung", days=10),
        "past": past,
        "internal": beschluss(gremium, title="Interner Beschluss", sitzung=past),
        "shared": shared,
    }


@pytest.fixture
def member_and_gf(make_user, space):
    """A member and the Geschäftsführung of the space's Gremium (not KIM-Koordination)."""
    gremium = space["gremium"]
    member = make_user("mitglied", roles.EXTERNE_PARTNER)
    gf = make_user("gf", roles.INTEGRATIONSBEAUFTRAGTE)
    seat(gremium, member, label="Wohlfahrtsverband")
    seat(gremium, gf, role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung")
    return {"member": member, "gf": gf}
