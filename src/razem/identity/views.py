"""Thin views of the login.gov.pl service provider. Every page answers 404 while the feature is switched off."""

import logging
import secrets
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.identity import saml, services
from razem.identity.forms import LinkEmailForm
from razem.identity.models import ConsumedMessage, GovIdentity

log = logging.getLogger(__name__)

REQUEST_KEY = "identity_request"  # the outstanding AuthnRequest: its id, when, where to go after
PENDING_KEY = "identity_pending"  # a checked identity waiting to be linked
SESSION_KEY = "identity_session"  # NameID and SessionIndex, for Single Logout
PENDING_MAX_AGE = 30 * 60
REQUEST_MAX_AGE = 10 * 60


def enabled_only[F: Callable[..., Any]](view: F) -> F:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.RAZEM_LOGINGOVPL_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_MAX_AGE:
        request.session.pop(PENDING_KEY, None)
        return None
    return dict(pending)


@enabled_only
@require_GET
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    """The signed AuthnRequest, sent by an auto-submitted POST form (a button when JavaScript is off)."""
    authn = saml.authn_request()
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    request.session[REQUEST_KEY] = {"id": authn.request_id, "at": time.time(), "next": next_url}
    response = render(request, "identity/login_redirect.html", {"authn": authn})
    policy: dict[str, Any] = settings.SECURE_CSP
    csp = {key: list(value) for key, value in policy.items()}
    csp["form-action"] = [*csp.get("form-action", []), saml.form_origin(authn.destination)]
    return csp_override(csp)(lambda _request: response)(request)


def _refuse(request: HttpRequest, reason: str) -> HttpResponse:
    log.warning("login.gov.pl answer refused: %s", reason)
    services.gov_identity_refused(reason=reason, request=request)
    return render(request, "identity/failed.html", status=400)


@csrf_exempt  # the IdP sends the browser here with SAMLart; the artifact is checked with the IdP itself
@enabled_only
@require_http_methods(["GET", "POST"])
@never_cache
def acs(request: HttpRequest) -> HttpResponse:
    """Assertion consumer (Artifact binding): resolve SAMLart with the IdP over SOAP, then sign in or link."""
    artifact = request.POST.get("SAMLart") if request.method == "POST" else request.GET.get("SAMLart")
    outstanding = request.session.pop(REQUEST_KEY, None)
    if not artifact:
        return _refuse(request, "no SAMLart")
    if not outstanding or time.time() - outstanding.get("at", 0) > REQUEST_MAX_AGE:
        return _refuse(request, "no outstanding AuthnRequest in this session")
    if not services.consume_once(kind=ConsumedMessage.Kind.ARTIFACT, digest=saml.artifact_digest(artifact)):
        return _refuse(request, "artifact used before")
    try:
        response = saml.resolve_artifact(artifact, request_id=outstanding["id"])
        if not services.consume_once(
            kind=ConsumedMessage.Kind.ASSERTION, digest=saml.artifact_digest(saml.assertion_id(response))
        ):
            return _refuse(request, "assertion used before")
        person = saml.person_from(response)
    except saml.SamlError as error:
        return _refuse(request, str(error))

    request.session[SESSION_KEY] = {"name_id": person.name_id, "session_index": person.session_index}
    identity = GovIdentity.objects.select_related("user").filter(identifier_hash=person.identifier_hash).first()
    if identity is not None and identity.user.is_active:
        if request.user.is_authenticated and request.user.pk != identity.user_id:
            messages.error(request, _("This login.gov.pl identity is already linked to another account."))
            return redirect("identity:manage")
        services.gov_identity_signed_in(identity=identity, request=request)
        # allauth's login flow: staff still pass their second factor (docs/login-gov-pl.md).
        return perform_login(
            request, identity.user, email_verification="none", redirect_url=outstanding.get("next") or None
        )
    if request.user.is_authenticated:
        try:
            services.gov_identity_link(user=request.user, identifier_hash=person.identifier_hash, request=request)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your account is now linked to login.gov.pl."))
        return redirect("identity:manage")
    request.session[PENDING_KEY] = {
        "hash": person.identifier_hash,
        "name": person.full_name,
        "nonce": secrets.token_urlsafe(16),
        "at": time.time(),
    }
    return redirect("identity:link")


@enabled_only
@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    return HttpResponse(saml.metadata_xml(), content_type="application/samlmetadata+xml")


@enabled_only
@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Sign out here and, by Single Logout over SOAP, at login.gov.pl."""
    session = request.session.get(SESSION_KEY) or {}
    user = request.user if request.user.is_authenticated else None
    if session.get("name_id"):
        ended = saml.logout(name_id=session["name_id"], session_index=session.get("session_index", ""))
        from razem.core import audit

        audit.record(
            actor=user, action="identity.gov_identity.logged_out", obj=user, data={"idp": ended}, request=request
        )
    auth.logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@enabled_only
@never_cache
def manage(request: HttpRequest) -> HttpResponse:
    """What login.gov.pl means here, the link of the signed-in person, and the way to link or unlink."""
    identity = GovIdentity.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    return render(request, "identity/manage.html", {"identity": identity, "pending": _pending(request)})


@enabled_only
@require_http_methods(["GET", "POST"])
@never_cache
def link(request: HttpRequest) -> HttpResponse:
    """After login.gov.pl, for a person not signed in: the e-mail of their account, or of a new one."""
    pending = _pending(request)
    if pending is None:
        messages.info(request, _("Sign in with login.gov.pl first."))
        return redirect("identity:manage")
    form = LinkEmailForm(request.POST or None)
    sent_to = ""
    if request.method == "POST" and form.is_valid():
        services.gov_identity_request_link(email=form.cleaned_data["email"], nonce=pending["nonce"], request=request)
        sent_to = form.cleaned_data["email"]
        form = LinkEmailForm()
    return render(request, "identity/link.html", {"form": form, "pending": pending, "sent_to": sent_to})


@enabled_only
@require_http_methods(["GET", "POST"])
@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: shown first (a mail scanner's GET changes nothing), done by the button."""
    try:
        content = services.read_link_token(token)
    except signing.SignatureExpired:
        return render(request, "identity/confirm.html", {"problem": "expired"}, status=400)
    except signing.BadSignature:
        raise Http404 from None
    pending = _pending(request)
    if pending is None or not secrets.compare_digest(pending["nonce"], str(content.get("n", ""))):
        return render(request, "identity/confirm.html", {"problem": "browser"}, status=400)
    if request.method == "GET":
        return render(
            request, "identity/confirm.html", {"existing": content.get("u") is not None, "email": content["e"]}
        )
    try:
        user = services.gov_identity_confirm_link(
            email=content["e"],
            user_id=content.get("u"),
            identifier_hash=pending["hash"],
            full_name=pending.get("name", ""),
            request=request,
        )
    except ValidationError as error:
        return render(request, "identity/confirm.html", {"problem": "invalid", "error": error.messages[0]}, status=400)
    request.session.pop(PENDING_KEY, None)
    identity = GovIdentity.objects.get(user=user)
    services.gov_identity_signed_in(identity=identity, request=request)
    messages.success(request, _("Your account is now linked to login.gov.pl."))
    return perform_login(request, user, email_verification="none", redirect_url=reverse("identity:manage"))


@enabled_only
@login_required
@require_POST
def unlink(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        services.gov_identity_unlink(actor=request.user, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your account is no longer linked to login.gov.pl."))
    return HttpResponseRedirect(reverse("identity:manage"))
