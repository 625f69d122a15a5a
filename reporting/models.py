"""The reporting app stores nothing of its own: it counts what forms, spaces and cycle hold.

``Berichtswesen`` has no table; it only carries the app's permission, which accounts/roles.py
gives the KIM-Koordination (superusers hold it anyway).
"""

from django.db import models


class Berichtswesen(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            (
                "view_berichte",
                "Darf Auswertungen, anonymisierte Exporte und Sachstandsberichte abrufen",
            )
        ]
        verbose_name = "Berichtswesen"
        verbose_name_plural = "Berichtswesen"

    def __str__(self) -> str:
        return "Berichtswesen"
