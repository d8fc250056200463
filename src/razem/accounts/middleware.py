from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A signed-in person sees their preferred language unless they chose another with the switch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """City officers and administrators must enrol a TOTP second factor before doing anything else."""

    allowed_url_names = (
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "account_reauthenticate",
        "set_language",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed: frozenset[str] | None = None

    def allowed_paths(self) -> frozenset[str]:
        """Resolved once, on the first staff request (the URLconf is not ready when middleware is built)."""
        if self._allowed is None:
            self._allowed = frozenset(reverse(name) for name in self.allowed_url_names)
        return self._allowed

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        needs_factor = (
            user is not None
            and user.is_authenticated
            and getattr(user, "is_city_staff", False)
            and request.path not in self.allowed_paths()
            and not request.path.startswith(("/static/", "/media/"))
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        )
        if needs_factor:
            messages.warning(
                request,
                _("City staff accounts must use a second factor. Set up an authenticator app to continue."),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
