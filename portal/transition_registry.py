"""Which ``portal.transitions.Machine`` changes the status of which model.

Kept apart from portal/transitions.py so that the models (portal.models' Verlaufseintrag for
the German status labels, the apps' models for their own machine) can look a machine up without
importing the mechanism, which imports them: no import cycle. Machines are added by
``portal.transitions.register`` (the apps call it from their transitions modules, loaded in
their ``AppConfig.ready``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

# model -> portal.transitions.Machine
MACHINES: dict[type[models.Model], Any] = {}


def machine_for(model_or_obj) -> Any | None:
    """The machine of a model class or instance (None if it has none)."""
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return MACHINES.get(model._meta.concrete_model)


def machine_for_content_type(content_type_id: int) -> Any | None:
    for model, machine in MACHINES.items():
        if ContentType.objects.get_for_model(model).pk == content_type_id:
            return machine
    return None


def machines() -> list[Any]:
    return list(MACHINES.values())
