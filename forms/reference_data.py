"""The reference lists a Meldebogen needs (Kommunen, active Themen), and what to say when an
installation lacks them (the wizard's notice, the API's 422)."""

from django.core.cache import cache
from django.db import transaction

from forms.models import Thema
from knowledge.models import Kommune

MISSING_KOMMUNEN = (
    "Im Portal sind noch keine Kommunen eingetragen; ohne sie lässt sich kein Meldebogen "
    "einreichen. Die KIM-Koordination trägt sie in der Verwaltung unter „Stammdaten → Kommunen“ "
    "ein oder mit „manage.py import_kommunen DATEI“."
)
MISSING_THEMEN = (
    "Im Portal ist kein Thema aktiv; ohne Thema lässt sich kein Meldebogen einreichen. Die "
    "KIM-Koordination legt Themen in der Verwaltung unter „Meldebögen → Themen“ an."
)


_CACHE_KEY = "kim:meldebogen-reference-data-missing"


def missing_reference_data() -> list[str]:
    """German sentences naming the reference lists a report needs but the portal lacks
    (remembered in the shared cache until a Kommune or a Thema changes, at most five
    minutes: the wizard asks on every showing of its first two steps)."""
    missing = cache.get(_CACHE_KEY)
    if missing is None:
        missing = _missing_reference_data()
        cache.set(_CACHE_KEY, missing, 5 * 60)
    return list(missing)


def reference_data_changed(**kwargs) -> None:
    """A Kommune or a Thema was saved or deleted: ask the database again (now and after the
    commit). Connected in forms/apps.py."""
    cache.delete(_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(_CACHE_KEY))


def _missing_reference_data() -> list[str]:
    missing = []
    if not Kommune.objects.exists():
        missing.append(MISSING_KOMMUNEN)
    if not Thema.objects.filter(active=True).exists():
        missing.append(MISSING_THEMEN)
    return missing
