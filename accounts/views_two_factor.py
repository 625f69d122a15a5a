"""Setting up and entering the second factor (accounts/two_factor.py)."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
SESSION_CODES = "kim_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="Die sechs Ziffern aus Ihrer App oder einer Ihrer Wiederherstellungscodes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return "/"
    return target


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@never_cache
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user) and not user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False)
    form = CodeForm(request.POST if request.method == "POST" else None)
    form.fields["code"].help_text = "Die sechs Ziffern, die Ihre App jetzt anzeigt."
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                StaticDevice.objects.filter(user=user).delete()
                static = StaticDevice.objects.create(user=user, name="Wiederherstellungscodes")
                codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
                static.token_set.bulk_create([StaticToken(device=static, token=c) for c in codes])
            otp_login(request, device)
            request.session[SESSION_CODES] = codes
            return redirect(f"{_recovery_url()}?next={_next(request)}")
        form.add_error("code", "Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts.")
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next(request),
        },
    )


def _recovery_url() -> str:
    from django.urls import reverse

    return reverse("accounts:two_factor_recovery_codes")


@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(SESSION_CODES, None)
    if not codes:
        return redirect(_next(request))
    return render(
        request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request)}
    )


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user_has_device(user):
        return redirect("accounts:two_factor_setup")
    if user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    f"Sie haben einen Wiederherstellungscode benutzt; {left} sind übrig. "
                    "Richten Sie Ihre App neu ein, wenn Sie sie verloren haben.",
                )
            return redirect(_next(request))
        form.add_error(
            "code",
            "Der Code stimmt nicht oder ist abgelaufen. Nach mehreren Fehlversuchen müssen Sie "
            "etwas warten.",
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )
