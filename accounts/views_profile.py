"""The person's own profile page: for now the choice how to be notified (portal.notifications).

Each section of the profile is a separate template include, so further sections can be added."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import notifications


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = notifications.preferences_form(request.user, request.POST)
        if form.is_valid():
            notifications.save_preferences(request.user, form.cleaned_data)
            messages.success(request, "Ihre Einstellungen zu Benachrichtigungen sind gespeichert.")
            return redirect("accounts:profile")
    else:
        form = notifications.preferences_form(request.user)
    return render(request, "accounts/profile.html", {"notification_form": form})
