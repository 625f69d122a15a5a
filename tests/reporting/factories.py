"""factory_boy factories for the reporting tests: submitted Meldebögen with chosen facts, and
Zielsysteme with indicators and activities."""

import datetime
import itertools

import factory
from django.utils import timezone

from forms.models import Meldebogen, Status
from knowledge.models import Kommune

# The first status after the draft (the triage renames the statuses; any of them is "submitted").
SUBMITTED = next(value for value, _label in Status.choices if value != Status.ENTWURF)
_numbers = itertools.count(1)


def local_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(12, 0), tzinfo=timezone.get_current_timezone()
    )


class KommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kommune
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    ags = factory.Sequence(lambda n: f"0596{n:04d}")


class MeldebogenFactory(factory.django.DjangoModelFactory):
    """A submitted report; ``on`` is the local submission date, ``kommunen`` a list."""

    class Meta:
        model = Meldebogen
        skip_postgeneration_save = True

    class Params:
        on = datetime.date(2026, 1, 15)

    status = SUBMITTED
    reference = factory.LazyFunction(lambda: f"MB-2026-{next(_numbers):05d}")
    submitted_at = factory.LazyAttribute(lambda o: local_noon(o.on))
    organisation_name = "Migrationsberatung Caritas"
    rolle = "Migrationsberatung"
    situation = (
        "Neu zugewanderte Familien warten vier bis sechs Monate auf einen Platz im "
        "Integrationskurs mit Kinderbetreuung."
    )
    beteiligte_stellen = "Jobcenter und Volkshochschule"
    versucht = "Anfrage bei zwei Kursträgern."
    vorschlag = "Eine gemeinsame Warteliste."
    haeufigkeit = "haeufig"
    fallrekonstruktion = True

    @factory.post_generation
    def kommunen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kommunen.set(extracted)
