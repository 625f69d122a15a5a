"""The dashboard's Meldebogen statistics, computed and rendered once per data version.

The charts, their tables, the cross table and the anonymity findings of a period are the same
for everyone who may open the dashboard (the KIM-Koordination, ``reporting.view_berichte``):
nothing in them depends on who looks, and the permission is checked on every request before
the cache is read. They depend on the submitted Meldebögen (their status, month, Thema,
Kommunen, Zielgruppen, Rechtskreise and Hürden), the names and order of the Themen and
Kommunen, the confirmed findings of the anonymity check and the small-number threshold.

The cached fragments carry a version (portal/cache_versions.py) that every change of those rows
renews, at once and after the commit: saving or deleting a Meldebogen, a status change through
its machine (``portal.transitions.transitioned``, a queryset update without ``post_save``), a
change of a report's Kommunen, saving or deleting a Thema, a Kommune or a confirmed finding,
and every migration. The threshold, the period and the cross table's dimensions are part of
the key. Entries expire after an hour in any case (a deploy may change the templates).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from portal import cache_versions
from portal.transitions import transitioned
from reporting.disclosure import threshold
from reporting.statistics import Period

VERSION_KEY = "reporting:statistics-version"
TIMEOUT = 60 * 60


def statistics_changed(**_kwargs) -> None:
    """Receiver: rows behind the statistics changed; every cached fragment misses from now."""
    cache_versions.renew(VERSION_KEY)


def connect() -> None:
    """Connect the receivers (``ReportingConfig.ready``)."""
    from forms.models import ConfirmedFinding, Meldebogen, Thema
    from knowledge.models import Kommune

    for model in (Meldebogen, Thema, Kommune, ConfirmedFinding):
        uid = f"reporting-statistics-{model._meta.label_lower}"
        post_save.connect(statistics_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(statistics_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        statistics_changed,
        sender=Meldebogen.kommunen.through,
        dispatch_uid="reporting-statistics-kommunen",
    )
    transitioned.connect(
        statistics_changed, sender=Meldebogen, dispatch_uid="reporting-statistics-status"
    )
    post_migrate.connect(statistics_changed, dispatch_uid="reporting-statistics-migrate")


def statistics_fragments(
    period: Period, rows_key: str, columns_key: str, render: Callable[[], dict[str, str]]
) -> dict[str, str]:
    """``render()`` (the rendered statistics of the period), from the cache when the rows
    behind it have not changed since."""
    version = cache_versions.current(VERSION_KEY)
    key = (
        f"reporting:dashboard:{version}:{period.start.isoformat()}:{period.end.isoformat()}"
        f":{rows_key}:{columns_key}:{threshold()}"
    )
    found = cache.get(key)
    if found is None:
        found = render()
        cache.set(key, found, TIMEOUT)
    return found
