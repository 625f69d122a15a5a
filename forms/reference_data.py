"""The reference lists a Meldebogen needs (Kommunen, active Themen), and what to say when an
installation lacks them (the wizard's notice, the API's 422)."""

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


def missing_reference_data() -> list[str]:
    """German sentences naming the reference lists a report needs but the portal lacks."""
    missing = []
    if not Kommune.objects.exists():
        missing.append(MISSING_KOMMUNEN)
    if not Thema.objects.filter(active=True).exists():
        missing.append(MISSING_THEMEN)
    return missing
