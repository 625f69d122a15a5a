"""Notifications: each person chooses per kind how to hear of it.

An app registers its kinds (``register("spaces.kommentar", "Neue Kommentare ...")``, in its
``AppConfig.ready``) and calls ``notify(user, kind, subject=..., body=..., about=[obj, ...])``
for each recipient it has already checked may see the item. Depending on the person's choice
(profile page, ``Benachrichtigungseinstellung``; the kind's default otherwise) the mail goes
out at once through portal.mail, is queued for the daily digest (``send_digests``, the
management command of the same name), or is dropped.

Privacy: a digest is assembled at send time, and every queued item is checked again: the
person must still be active and still see every object in ``about`` (the model's
``objects.visible_to(user)``), and the kind's own ``still_relevant`` check must hold (e.g. an
Aufgabe still open). Items that fail are dropped, never mailed.

A kind meant for some people only (e.g. the KIM-Koordination) names them with ``audience``
(a capability's ``allows``); the profile then offers its choice to them only.

``once_key``: a periodic job (reminders) passes a key per person and occasion; a second call
with the same key does nothing, whatever the person's choice, so running the job twice sends
nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.mail import send_later
from portal.models import Benachrichtigung, Benachrichtigungseinstellung

IMMEDIATE = "sofort"
DIGEST = "taeglich"
NONE = "keine"
MODES = (
    (IMMEDIATE, "Sofort per E-Mail"),
    (DIGEST, "Tägliche Zusammenfassung"),
    (NONE, "Keine E-Mail"),
)
MODE_KEYS = tuple(key for key, _label in MODES)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default: str = IMMEDIATE
    help_text: str = ""
    #: Extra check at digest time, after visibility: (user, objects) -> still worth sending.
    still_relevant: Callable[[object, list], bool] | None = None
    #: Who can receive the kind at all (user -> bool, e.g. a capability's ``allows``); the
    #: profile offers the choice only to them. None: everyone.
    audience: Callable[[object], bool] | None = None

    def offered_to(self, user) -> bool:
        return self.audience is None or bool(self.audience(user))


_kinds: dict[str, Kind] = {}


def register(
    key: str,
    label: str,
    *,
    default: str = IMMEDIATE,
    help_text: str = "",
    still_relevant: Callable[[object, list], bool] | None = None,
    audience: Callable[[object], bool] | None = None,
) -> Kind:
    """Register a kind of notification (idempotent, so ``ready`` may run twice)."""
    if default not in MODE_KEYS:
        raise ValueError(f"Unknown notification mode {default!r}")
    kind = Kind(key, label, default, help_text, still_relevant, audience)
    _kinds[key] = kind
    return kind


def kinds() -> list[Kind]:
    return list(_kinds.values())


def get_kind(key: str) -> Kind:
    return _kinds[key]


def preferences(user) -> dict[str, str]:
    """The person's choice per registered kind (defaults filled in)."""
    chosen = dict(
        Benachrichtigungseinstellung.objects.filter(user=user).values_list("kind", "mode")
    )
    return {
        kind.key: chosen.get(kind.key) if chosen.get(kind.key) in MODE_KEYS else kind.default
        for kind in kinds()
    }


def preference(user, key: str) -> str:
    mode = (
        Benachrichtigungseinstellung.objects.filter(user=user, kind=key)
        .values_list("mode", flat=True)
        .first()
    )
    return mode if mode in MODE_KEYS else get_kind(key).default


def save_preferences(user, chosen: dict[str, str]) -> None:
    for key, mode in chosen.items():
        if key not in _kinds or mode not in MODE_KEYS:
            continue
        Benachrichtigungseinstellung.objects.update_or_create(
            user=user, kind=key, defaults={"mode": mode}
        )


def _about(objects: Iterable) -> list[list]:
    return [[obj._meta.label_lower, obj.pk] for obj in objects]


def notify(
    user,
    key: str,
    *,
    subject: str,
    body: str,
    url: str = "",
    about: Iterable = (),
    once_key: str = "",
    mail_kind: str = "",
    attachments: Iterable[tuple[str, str, str]] = (),
) -> str | None:
    """Notify ``user`` (already checked to see ``about``) of one event of kind ``key``.

    Returns the mode used, or None when nothing was done (no address, or ``once_key`` already
    used)."""
    if not (user.is_active and user.email):
        return None
    kind = get_kind(key)
    mode = preference(user, key)
    if once_key or mode == DIGEST:
        row = Benachrichtigung(
            user=user,
            kind=key,
            mode=mode,
            subject=str(subject)[:300],
            body=body,
            url=url[:500],
            about=_about(about),
            once_key=once_key,
        )
        if mode != DIGEST:
            row.sent_at = timezone.now()
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            return None  # this occasion was handled before
    if mode == IMMEDIATE:
        message = EmailMessage(subject=subject, body=body, to=[user.email])
        for attachment in attachments:
            message.attach(*attachment)
        send_later([message], kind=mail_kind or kind.label)
    return mode


def _objects(about: list) -> list | None:
    """The objects an item is about, or None when one of them is gone."""
    result = []
    for label, pk in about:
        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            return None
        result.append(obj)
    return result


def still_visible(item: Benachrichtigung) -> bool:
    """Whether the person may still read everything the item is about (checked at send time)."""
    user = item.user
    if not (user.is_active and user.email):
        return False
    objects = _objects(item.about)
    if objects is None:
        return False
    for obj in objects:
        manager = type(obj)._default_manager
        if not hasattr(manager, "visible_to"):
            return False  # cannot prove visibility: never mail it
        if not manager.visible_to(user).filter(pk=obj.pk).exists():
            return False
    kind = _kinds.get(item.kind)
    if kind is None:
        return False
    return kind.still_relevant is None or kind.still_relevant(user, objects)


def send_digests(now=None) -> int:
    """One mail per person with every queued digest item still visible; returns the number of
    mails. Each item is marked sent (or dropped) so that it is never sent twice."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        pending = list(
            Benachrichtigung.objects.select_for_update()
            .filter(mode=DIGEST, sent_at__isnull=True)
            .select_related("user")
            .order_by("user_id", "kind", "created_at", "pk")
        )
        per_user: dict[int, list[Benachrichtigung]] = defaultdict(list)
        for item in pending:
            per_user[item.user_id].append(item)
        messages, dropped = [], []
        for items in per_user.values():
            user = items[0].user
            visible = []
            for item in items:
                (visible if still_visible(item) else dropped).append(item)
            if not visible:
                continue
            groups: dict[str, list[Benachrichtigung]] = defaultdict(list)
            for item in visible:
                groups[item.kind].append(item)
            context = {
                "recipient": user,
                "groups": [
                    (_kinds[key].label, group) for key, group in groups.items() if key in _kinds
                ],
                "count": len(visible),
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            messages.append(
                EmailMessage(
                    subject=f"{settings.WAGTAIL_SITE_NAME}: Ihre tägliche Zusammenfassung "
                    f"({len(visible)} Neuigkeiten)",
                    body=render_to_string("portal/mail/zusammenfassung.txt", context),
                    to=[user.email],
                )
            )
        if messages:
            send_later(messages, kind="Tägliche Zusammenfassung")
            sent = len(messages)
        Benachrichtigung.objects.filter(pk__in=[item.pk for item in pending]).update(sent_at=now)
        Benachrichtigung.objects.filter(pk__in=[item.pk for item in dropped]).update(dropped=True)
    return sent


def preferences_form(user, data=None):
    """A form with one radio group per registered kind the person can receive (profile page)."""
    from django import forms

    current = preferences(user)
    form = forms.Form(data=data, prefix="benachrichtigung")
    for kind in kinds():
        if not kind.offered_to(user):
            continue
        form.fields[kind.key] = forms.ChoiceField(
            label=kind.label,
            help_text=kind.help_text,
            choices=MODES,
            initial=current[kind.key],
            widget=forms.RadioSelect,
            error_messages={"required": "Bitte wählen Sie, wie Sie benachrichtigt werden."},
        )
    return form
