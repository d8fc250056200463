import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
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


# The session of a city officer remembers for a few minutes that the account has an authenticator app, so that the
# check costs no query on every request (tests/core/test_request_cycle.py pins it).
SECOND_FACTOR_SESSION_KEY = "razem_second_factor_seen"
SECOND_FACTOR_RECHECK_SECONDS = 300


def _now() -> int:
    return int(time.time())


def _forget_second_factor(sender: Any, request: Any = None, **kwargs: Any) -> None:
    """The authenticator app was turned off: the next request of this session checks the database again."""
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(SECOND_FACTOR_SESSION_KEY, None)


authenticator_removed.connect(_forget_second_factor, dispatch_uid="razem.accounts.forget_second_factor")


class StaffTwoFactorMiddleware:
    """City officers and administrators must enrol a TOTP second factor before doing anything else.

    Whether the account has one is read from the database at most every ``SECOND_FACTOR_RECHECK_SECONDS`` per session:
    the answer "yes" is kept in the session with the account's id and the time, written when the session is saved
    anyway (the sign-in) and refreshed when it has grown old (one session write per period). Turning the app off in
    this session forgets it at once; another session of the account (or an administrator removing the app) is caught
    within the period. Without an authenticator the database is asked on every request: the person is redirected.
    """

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
            _is_staff(user)
            and request.path not in self.allowed_paths()
            and not request.path.startswith(("/static/", "/media/"))
            and not self.has_second_factor(request, user)
        )
        if needs_factor:
            messages.warning(
                request,
                _("City staff accounts must use a second factor. Set up an authenticator app to continue."),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        response = self.get_response(request)
        self.remember(request)
        return response

    @staticmethod
    def has_second_factor(request: HttpRequest, user: Any) -> bool:
        session = request.session
        seen = session.get(SECOND_FACTOR_SESSION_KEY)
        if _fresh(seen, user):
            return True
        found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        request._razem_second_factor = found  # type: ignore[attr-defined]
        if found and seen is not None:
            session[SECOND_FACTOR_SESSION_KEY] = [user.pk, _now()]  # a memory grown old: refreshed
        elif not found:
            session.pop(SECOND_FACTOR_SESSION_KEY, None)
        return found

    @staticmethod
    def remember(request: HttpRequest) -> None:
        """When the session of a staff member is saved anyway (a sign-in), it remembers the second factor too."""
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)  # after a sign-in, the person who signed in
        if session is None or not session.modified or not _is_staff(user):
            return
        if _fresh(session.get(SECOND_FACTOR_SESSION_KEY), user):
            return
        found = getattr(request, "_razem_second_factor", None)
        if found is None:
            found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if found:
            session[SECOND_FACTOR_SESSION_KEY] = [user.pk, _now()]  # type: ignore[union-attr]


def _is_staff(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and getattr(user, "is_city_staff", False))


def _fresh(seen: Any, user: Any) -> bool:
    return (
        isinstance(seen, list)
        and len(seen) == 2
        and seen[0] == user.pk
        and 0 <= _now() - seen[1] < SECOND_FACTOR_RECHECK_SECONDS
    )
