"""What a locked-out editor sees: the admin's login page, saying why and for how long (django-axes calls this)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

LOCKED_STATUS = 429


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Too many failed logins for this username from your address. "
        f"Try again in {minutes} minutes, or ask an administrator to unlock it."
    )


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page with the lock's message (429), the form empty."""
    context = {
        **admin.site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "form": AdminAuthenticationForm(request),
        "lockout_message": lockout_message(),
        REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME) or reverse("admin:index"),
    }
    return render(request, "admin/login_locked.html", context, status=LOCKED_STATUS)
