import logging
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation.trans_real import parse_accept_lang_header

from razem.core import logging as request_logging

_request_logger = logging.getLogger("razem.request")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Polish unless the visitor chose English with the switch (a cookie): the browser's language is not used.

    A city's site speaks Polish by default; English is one click away and remembered.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def error_language(request: HttpRequest) -> str:
    """The language of an error page: the visitor's choice (the switch's cookie, or a signed-in person's profile
    as UserLanguageMiddleware applied it); without a choice, English for an address under /en/ (an old or guessed
    English link) or for a browser that prefers English to Polish; else Polish.

    Ordinary pages ignore the browser's language (LocaleMiddleware): the site is Polish until the visitor switches.
    An error page is often the first page a visitor sees, from a link elsewhere, and must be understood at once.
    Reads no session and no database (the 500 page uses it).
    """
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in languages:
        return chosen
    user = request.__dict__.get("user")
    if user is not None and not (isinstance(user, SimpleLazyObject) and user._wrapped is empty):  # type: ignore[attr-defined]
        preferred = getattr(request, "LANGUAGE_CODE", "")
        if getattr(user, "is_authenticated", False) and preferred in languages:
            return preferred
    if request.path == "/en" or request.path.startswith("/en/"):
        return "en"
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        language = code.split("-")[0].lower()
        if language in languages:
            return language
    return settings.LANGUAGE_CODE


# A NUL byte or a lone UTF-16 surrogate is never part of what a person types: PostgreSQL refuses a NUL in text and a
# lone surrogate cannot be encoded as UTF-8, so either would fail deep in a query or a template instead of here.
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


def _unwritable(values: Iterable[tuple[str, list[str]]]) -> bool:
    return any(_UNWRITABLE.search(key) or any(_UNWRITABLE.search(v) for v in vs) for key, vs in values)


class RejectUnwritableInputMiddleware:
    """A request whose address, query or form data holds a NUL byte or a lone surrogate gets the 400 page.

    Uploaded files are not looked at (a file may hold any byte), only the form's text values and their names.
    Django decodes the query and form data with ``errors="replace"``, so a broken UTF-8 sequence usually arrives as
    U+FFFD (let through); the surrogate check covers a server or caller that hands over decoded text as it is.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            _UNWRITABLE.search(request.path)
            or _unwritable(request.GET.lists())
            or (request.method == "POST" and _unwritable(request.POST.lists()))
        ):
            raise BadRequest("NUL byte or lone surrogate in the request")
        return self.get_response(request)


class RequestLogMiddleware:
    """Gives each request an id and writes one structured ``razem.request`` line when its response is ready.

    The id is the ``X-Request-ID`` header when a trusted proxy sits in front (RAZEM_TRUSTED_PROXY_COUNT > 0) and the
    value looks like an id, else a new one; it is sent back in the response's ``X-Request-ID`` header and put on every
    log line of the request (razem.core.logging). The line holds the method, the path without its query string, the
    status, the duration in milliseconds and a pseudonym of the account (or none): no address, no query, no names.
    """

    header = "X-Request-ID"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trusted = settings.ALLAUTH_TRUSTED_PROXY_COUNT > 0
        request_id = (trusted and request_logging.accepted_request_id(request.headers.get(self.header))) or (
            request_logging.new_request_id()
        )
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_logging.request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[self.header] = request_id
            _request_logger.log(
                logging.WARNING if response.status_code >= 500 else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": _user_pseudonym(request),
                },
            )
            return response
        finally:
            request_logging.request_id.reset(token)


def _user_pseudonym(request: HttpRequest) -> str | None:
    """The hashed id of the signed-in account, without loading it when nothing in the request did."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:  # type: ignore[attr-defined]
        return None
    try:
        return request_logging.hashed_user_id(user.pk) if user.is_authenticated else None
    except Exception:  # noqa: BLE001 - the log line must never turn a response into an error
        return None
