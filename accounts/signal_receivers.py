"""Receivers of Django's signals for the audit log (accounts/audit.py) and for leavers
(accounts/leavers.py). Connected in AccountsConfig.ready()."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from accounts import audit, leavers
from accounts.models import Kontoereignis
from accounts.roles import ROLE_NAMES

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="kim-audit-login")
def log_sign_in(sender, request, user, **kwargs) -> None:
    backend = getattr(user, "backend", "") or ""
    audit.record(
        Kontoereignis.Art.ANMELDUNG,
        user=user,
        actor=user,
        request=request,
        detail=backend.rsplit(".", 1)[-1],
    )


@receiver(user_logged_out, dispatch_uid="kim-audit-logout")
def log_sign_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(Kontoereignis.Art.ABMELDUNG, user=user, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="kim-audit-login-failed")
def log_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    username = (credentials or {}).get("username")
    if not username:  # a wrong API token or a reset request: counted by the lockout only
        return
    audit.record(
        Kontoereignis.Art.FEHLANMELDUNG,
        user=User.objects.filter(**{User.USERNAME_FIELD: username}).first(),
        username=username,
        request=request,
    )


@receiver(pre_save, sender=User, dispatch_uid="kim-leavers-remember-active")
def remember_active(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._kim_was_active = None
        return
    instance._kim_was_active = (
        User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


@receiver(post_save, sender=User, dispatch_uid="kim-leavers-deactivated")
def on_activation_change(sender, instance, created, raw=False, **kwargs) -> None:
    was_active = getattr(instance, "_kim_was_active", None)
    if raw or created or was_active is None or was_active == instance.is_active:
        return
    if instance.is_active:
        audit.record(Kontoereignis.Art.REAKTIVIERUNG, user=instance)
        return
    sessions, tokens = leavers.end_access(instance)
    audit.record(
        Kontoereignis.Art.DEAKTIVIERUNG,
        user=instance,
        detail=f"{sessions} Sitzung(en) beendet, {tokens} API-Token widerrufen",
    )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="kim-audit-roles")
def log_role_change(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in ("post_add", "pre_remove", "pre_clear"):
        return
    if action == "pre_clear":
        kind = Kontoereignis.Art.ROLLE_ENTZOGEN
        pairs = (
            [(instance, g) for g in instance.groups.all()]
            if not reverse
            else [(u, instance) for u in instance.user_set.all()]
        )
    else:
        kind = (
            Kontoereignis.Art.ROLLE_ERTEILT
            if action == "post_add"
            else Kontoereignis.Art.ROLLE_ENTZOGEN
        )
        others = list(model.objects.filter(pk__in=pk_set or ()))
        pairs = [(instance, g) for g in others] if not reverse else [(u, instance) for u in others]
    for user, group in pairs:
        if not isinstance(group, Group):
            continue
        label = "Rolle" if group.name in ROLE_NAMES else "Gruppe"
        audit.record(kind, user=user, detail=f"{label} „{group.name}“")
