"""The one way to change the status of anything: declared transitions with a history.

Each stateful model declares a ``Machine``: its transitions as data (from, to, what the button
says, who may — a permission codename or a callable —, whether a reason is required, an optional
side effect). ``Machine.apply`` is the only code that writes a status: in one transaction it
locks the row, checks the transition, writes the new status with a conditional UPDATE (and the
version counter, if the model has one, so a decision taken on an outdated view is refused),
appends a ``portal.Verlaufseintrag`` (who, when, from, to, reason) and runs the side effects.
Receivers of ``transitioned`` hear of it in the same transaction (e.g. the search index).

Example (spaces/transitions.py declares the Sitzung's)::

    SITZUNG = register(Machine(
        model=Sitzung,
        noun="eine Sitzung",
        permission="spaces.change_sitzung",
        transitions=(
            Transition("geplant", "eingeladen", "Einladung versenden", effect=send_invitations),
            Transition("geplant", "abgesagt", "Absagen", reason_required=True),
            ...
        ),
    ))
    SITZUNG.apply(sitzung, "eingeladen", by=request.user)

A test (tests/portal/test_transitions_only.py) reads the source and fails if a status is
assigned anywhere else; at run time saving a registered model whose status was changed by hand
raises ``StatusChangedOutsideTransitions``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_init, post_save, pre_save
from django.dispatch import Signal
from django.utils import timezone

from portal.models import Verlaufseintrag
from portal.transition_registry import (  # noqa: F401 - re-exported
    MACHINES,
    machine_for,
    machine_for_content_type,
    machines,
)

# Sent inside the transaction of a status change, after it (like post_save, which a status
# change does not send): sender is the model class, with ``instance``, ``entry`` (the
# Verlaufseintrag) and ``transition``. Receivers that reach outside the database use on_commit.
transitioned = Signal()

Permission = str | Callable[[Any, models.Model], bool] | None


class TransitionRefused(Exception):
    """A status change that was not made; ``str(exc)`` is a German message saying why.

    ``code`` is one of ``unknown``, ``permission``, ``not_allowed``, ``same``, ``reason``,
    ``conflict``, ``missing`` (and whatever a machine's own checks add, e.g. ``draft``).
    """

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class StatusChangedOutsideTransitions(RuntimeError):
    """A registered model was saved with a status changed by hand, not by ``Machine.apply``."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    # What the button or menu entry says (German).
    action: str
    reason_required: bool = False
    # A permission codename ("app.codename"), a callable (user, obj) -> bool, or None for the
    # machine's default permission.
    permission: Permission = None
    # Runs inside the transaction after the status and the history row are written:
    # effect(obj, entry). Raise TransitionRefused to roll everything back.
    effect: Callable[[Any, Verlaufseintrag], None] | None = None


@dataclass(eq=False)
class Machine:
    model: type[models.Model]
    transitions: tuple[Transition, ...]
    # Default permission of the transitions (codename or callable (user, obj) -> bool).
    permission: Permission
    # The object in German messages: "ein Meldebogen" / "eine Sitzung" (noun), "Der Meldebogen"
    # / "Die Sitzung" (subject), "eines Meldebogens" / "einer Sitzung" (genitive).
    noun: str
    subject: str
    genitive: str
    field: str = "status"
    # An integer column counted up on every change (optimistic locking), if the model has one.
    version_field: str | None = None
    # Extra columns written with every change: updates(obj, target, now) -> {column: value}.
    updates: Callable[[Any, str, datetime.datetime], dict] | None = None
    # Builds the German refusal when the object changed in between (else a generic one).
    conflict: Callable[[Any], TransitionRefused] | None = None
    _by_pair: dict[tuple[str, str], Transition] = dataclass_field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_pair = {(t.source, t.target): t for t in self.transitions}

    # --- reading ---------------------------------------------------------------------------

    @property
    def statuses(self) -> dict[str, str]:
        return {
            str(value): str(label)
            for value, label in self.model._meta.get_field(self.field).choices
        }

    def label(self, status: str) -> str:
        return self.statuses.get(status, status)

    def targets(self, source: str) -> tuple[str, ...]:
        return tuple(t.target for t in self.transitions if t.source == source)

    def transition(self, source: str, target: str) -> Transition | None:
        return self._by_pair.get((source, target))

    def may(self, transition: Transition, user, obj=None) -> bool:
        """Whether ``user`` may make ``transition`` (on ``obj``, for callable permissions)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        rule = transition.permission if transition.permission is not None else self.permission
        if rule is None:
            return True
        if callable(rule):
            return bool(rule(user, obj))
        return user.has_perm(rule)

    def allowed(self, obj, user=None) -> list[Transition]:
        """Transitions out of ``obj``'s status, only those ``user`` may make if given."""
        status = getattr(obj, self.field)
        return [
            t
            for t in self.transitions
            if t.source == status and (user is None or self.may(t, user, obj))
        ]

    def history(self, obj) -> models.QuerySet[Verlaufseintrag]:
        """The object's Verlauf, oldest first, with the acting users."""
        return Verlaufseintrag.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk
        ).select_related("by")

    # --- checking --------------------------------------------------------------------------

    def _quoted(self, statuses: Iterable[str]) -> str:
        return ", ".join(f"„{self.label(s)}“" for s in statuses) or "keiner"

    def check(self, source: str, target: str, reason: str = "") -> Transition:
        """The transition from ``source`` to ``target``; raises TransitionRefused if there is
        none or it needs a reason that is missing."""
        if target not in self.statuses:
            raise TransitionRefused(f"„{target}“ ist kein Status {self.genitive}.", "unknown")
        if source == target:
            raise TransitionRefused(f"{self.subject} ist bereits „{self.label(target)}“.", "same")
        transition = self.transition(source, target)
        if transition is None:
            raise TransitionRefused(
                f"Von „{self.label(source)}“ kann {self.noun} nicht zu „{self.label(target)}“ "
                f"wechseln. Möglich sind: {self._quoted(self.targets(source))}.",
                "not_allowed",
            )
        if transition.reason_required and not (reason or "").strip():
            raise TransitionRefused(
                f"Für „{self.label(target)}“ ist eine Begründung nötig. Bitte tragen Sie sie ein.",
                "reason",
            )
        return transition

    # --- changing --------------------------------------------------------------------------

    def apply(
        self,
        obj,
        target: str,
        *,
        by,
        reason: str = "",
        expected_version: int | None = None,
        at: datetime.datetime | None = None,
        updates: dict | None = None,
        check_permission: bool = True,
    ) -> Verlaufseintrag:
        """Move ``obj`` to ``target``: the status, its history row and the side effects in one
        transaction. Raises ``TransitionRefused``; updates ``obj``'s attributes.

        ``expected_version``: the version the person saw (models with ``version_field``);
        ``at``: when it happened (default now; the demo dates its history back);
        ``updates``: further columns written with the status (e.g. a reference number);
        ``check_permission=False`` only for transitions the system makes on its own.
        """
        reason = (reason or "").strip()
        columns = [self.field] + ([self.version_field] if self.version_field else [])
        with transaction.atomic():
            current = (
                self.model._default_manager.select_for_update()
                .filter(pk=obj.pk)
                .values(*columns)
                .first()
            )
            if current is None:
                raise TransitionRefused(f"{self.subject} ist nicht mehr vorhanden.", "missing")
            if (
                self.version_field
                and expected_version is not None
                and current[self.version_field] != expected_version
            ):
                raise self._conflict(obj)
            source = current[self.field]
            transition = self.check(source, target, reason)
            if check_permission and not self.may(transition, by, obj):
                raise TransitionRefused(
                    f"Sie dürfen den Status nicht auf „{self.label(target)}“ setzen.",
                    "permission",
                )
            now = at or timezone.now()
            values = {self.field: target}
            if self.updates is not None:
                values.update(self.updates(obj, target, now))
            values.update(updates or {})
            condition = {"pk": obj.pk, self.field: source}
            if self.version_field:
                condition[self.version_field] = current[self.version_field]
                values[self.version_field] = F(self.version_field) + 1
            if self.model._default_manager.filter(**condition).update(**values) != 1:
                raise self._conflict(obj)
            entry = Verlaufseintrag.objects.create(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=obj.pk,
                from_status=source,
                to_status=target,
                by=by if getattr(by, "pk", None) else None,
                at=now,
                reason=reason,
            )
            for name, value in values.items():
                if name == self.version_field:
                    value = current[self.version_field] + 1
                setattr(obj, name, value)
            _remember(obj, self)
            if transition.effect is not None:
                transition.effect(obj, entry)
            transitioned.send(sender=self.model, instance=obj, entry=entry, transition=transition)
        return entry

    def _conflict(self, obj) -> TransitionRefused:
        if self.conflict is not None:
            return self.conflict(obj)
        return TransitionRefused(
            "Der Status wurde inzwischen von jemand anderem geändert. Ihre Änderung wurde nicht "
            "gespeichert, damit nichts überschrieben wird. Bitte prüfen Sie den aktuellen Stand.",
            "conflict",
        )


# --- registry and the run-time guard -------------------------------------------------------

_MACHINES = MACHINES
_LOADED = "_transitions_loaded_status"


def register(machine: Machine) -> Machine:
    """Make ``machine`` the way to change its model's status; guards the model's saves."""
    _MACHINES[machine.model] = machine
    post_init.connect(_remember_on_init, sender=machine.model, weak=False)
    post_save.connect(_remember_on_save, sender=machine.model, weak=False)
    pre_save.connect(_guard, sender=machine.model, weak=False)
    return machine


def _remember(obj, machine: Machine) -> None:
    obj.__dict__[_LOADED] = obj.__dict__.get(machine.field)


def _remember_on_init(sender, instance, **kwargs) -> None:
    machine = _MACHINES.get(sender)
    if machine is not None:
        _remember(instance, machine)


def _remember_on_save(sender, instance, **kwargs) -> None:
    _remember_on_init(sender, instance)


def _guard(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Refuse to save a status that was changed by assignment instead of ``Machine.apply``.

    Objects being created may start in any status (the demo, imports); fixtures (``raw``) too.
    """
    machine = _MACHINES.get(sender)
    if machine is None or raw or instance._state.adding:
        return
    if update_fields is not None and machine.field not in update_fields:
        return
    current = instance.__dict__.get(machine.field)
    if current is None or current == instance.__dict__.get(_LOADED):
        return
    # The instance may just be stale (refresh_from_db after another change): ask the database.
    stored = (
        sender._default_manager.filter(pk=instance.pk).values_list(machine.field, flat=True).first()
    )
    if stored is not None and stored != current:
        raise StatusChangedOutsideTransitions(
            f"{sender.__name__} {instance.pk}: status {stored!r} -> {current!r} must go through "
            "portal.transitions (Machine.apply)."
        )
    _remember(instance, machine)


# --- the status field in admin forms --------------------------------------------------------


class TransitionFormMixin:
    """For Wagtail admin model forms of a registered model that show its status field.

    The field offers only the current status and the transitions the user may make; a
    "Begründung" field goes with it; saving makes the change through ``Machine.apply`` (after
    the other fields are saved), so the admin leaves a Verlauf too. New objects start in the
    status chosen (no history yet).
    """

    reason_field = "status_begruendung"
    # Collected by Django's form metaclass (it reads ``declared_fields`` along the MRO), so
    # the models' panels can show it: FieldPanel(TransitionFormMixin.reason_field).
    declared_fields = {
        reason_field: forms.CharField(
            label="Begründung der Statusänderung",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Nötig, wenn der neue Status eine Begründung verlangt; steht im Verlauf.",
        )
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._machine = machine_for(self._meta.model)
        status_field = self.fields.get(self._machine.field)
        if status_field is None or self.instance._state.adding:
            return
        current = getattr(self.instance, self._machine.field)
        user = getattr(self, "for_user", None)
        # Transitions with side effects (sending invitations, ...) have their own button on the
        # object's page; the admin form offers the plain ones.
        allowed = {current} | {
            t.target for t in self._machine.allowed(self.instance, user) if t.effect is None
        }
        status_field.choices = [(v, label) for v, label in status_field.choices if v in allowed]

    def _status_change(self) -> tuple[str, str] | None:
        if self.instance._state.adding or self._machine.field not in self.cleaned_data:
            return None
        source = self.initial.get(self._machine.field)
        target = self.cleaned_data[self._machine.field]
        return (source, target) if source != target else None

    def clean(self) -> dict:
        cleaned = super().clean()
        change = self._status_change()
        if change is not None:
            try:
                self._machine.check(*change, cleaned.get(self.reason_field, ""))
            except TransitionRefused as exc:
                self.add_error(
                    self.reason_field if exc.code == "reason" else self._machine.field, exc.message
                )
        return cleaned

    def save(self, commit: bool = True):
        change = self._status_change()
        if change is None:
            return super().save(commit=commit)
        # Save everything else with the old status, then change it through the machine.
        setattr(self.instance, self._machine.field, change[0])
        with transaction.atomic():
            instance = super().save(commit=commit)
            if not commit:
                instance.save()
                self.save_m2m()
            try:
                self._machine.apply(
                    instance,
                    change[1],
                    by=getattr(self, "for_user", None),
                    reason=self.cleaned_data.get(self.reason_field, ""),
                )
            except TransitionRefused as exc:
                raise forms.ValidationError(exc.message) from exc
        return instance


class InlineTransitionsFormMixin:
    """For Wagtail admin forms whose inline panels (modelcluster formsets, also nested) hold
    objects of a registered model with their status field, e.g. the Aktivitäten of an
    Ergebnisziel.

    Each inline status field offers the current status and the transitions the user may make
    (new objects start in the status chosen); saving writes everything else with the old
    status, then changes each status through ``Machine.apply`` with a Verlauf row, all in one
    transaction. Transitions that need a reason or have side effects are not offered inline.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        for machine, form in self._inline_status_forms():
            field = form.fields[machine.field]
            if form.instance._state.adding:
                continue
            current = getattr(form.instance, machine.field)
            allowed = {current} | {
                t.target
                for t in machine.allowed(form.instance, user)
                if t.effect is None and not t.reason_required
            }
            field.choices = [(v, label) for v, label in field.choices if v in allowed]

    def _inline_status_forms(self, form=None):
        """(machine, child form) for every inline form of a registered model with a status."""
        for formset in getattr(form or self, "formsets", {}).values():
            machine = machine_for(formset.model)
            for child in formset.forms:
                if machine is not None and machine.field in child.fields:
                    yield machine, child
                yield from self._inline_status_forms(child)

    def _inline_status_changes(self) -> list[tuple[Machine, Any, str, str]]:
        changes = []
        for machine, form in self._inline_status_forms():
            if form.instance._state.adding or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get("DELETE") or machine.field not in form.cleaned_data:
                continue
            source = form.initial.get(machine.field)
            target = form.cleaned_data[machine.field]
            if source != target:
                changes.append((machine, form, source, target))
        return changes

    def is_valid(self) -> bool:
        valid = super().is_valid()
        user = getattr(self, "for_user", None)
        for machine, form, source, target in self._inline_status_changes():
            try:
                transition = machine.check(source, target)
                if not machine.may(transition, user, form.instance):
                    raise TransitionRefused(
                        f"Sie dürfen den Status nicht auf „{machine.label(target)}“ setzen.",
                        "permission",
                    )
            except TransitionRefused as exc:
                form.add_error(machine.field, exc.message)
                valid = False
        return valid

    def save(self, commit: bool = True):
        changes = self._inline_status_changes()
        if not changes:
            return super().save(commit=commit)
        # Save everything with the old statuses, then change them through the machines.
        for machine, form, source, _target in changes:
            setattr(form.instance, machine.field, source)
        with transaction.atomic():
            instance = super().save(commit=commit)
            if not commit:
                instance.save()
                self.save_m2m()
            for machine, form, _source, target in changes:
                try:
                    machine.apply(form.instance, target, by=getattr(self, "for_user", None))
                except TransitionRefused as exc:
                    raise forms.ValidationError(exc.message) from exc
        return instance
