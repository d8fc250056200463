import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from razem.accounts import services
from razem.accounts.export import personal_data
from razem.accounts.forms import DeleteAccountForm, ProfileForm
from razem.accounts.http import AuthenticatedHttpRequest
from razem.accounts.roles import person_roles
from razem.core import audit
from razem.core.access import require_perm
from razem.core.selectors import notification_list_for


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    recent = notification_list_for(user=request.user)[:5]
    return render(
        request, "accounts/dashboard.html", {"recent_notifications": recent, "roles": person_roles(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    require_perm(request, "accounts.change_user", user)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            actor=user, user=user, request=request, **{f: form.cleaned_data[f] for f in form.Meta.fields}
        )
        translation.activate(user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            "django_language",
            user.preferred_language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    require_perm(request, "accounts.export_user", user)
    if request.GET.get("download"):
        data = personal_data(user)
        audit.record(actor=user, action="accounts.user.data_exported", obj=user, request=request)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        filename = f"razem-dane-osobowe-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "accounts/data_export.html")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    require_perm(request, "accounts.delete_user", user)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            anonymised = services.user_delete_account(actor=user, user=user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Sign out as the anonymised account: the sign-out is audited and must not bring the name back.
            request.user = anonymised
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also remembers the choice in a signed-in person's profile."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if (
        request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and language != request.user.preferred_language
    ):
        services.user_update_profile(
            actor=request.user, user=request.user, request=request, preferred_language=language
        )
    return response
