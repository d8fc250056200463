"""Writes for login.gov.pl identities: link, unlink, sign-in, a new account; every one audited."""

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import queue_email
from razem.identity.models import ConsumedMessage, GovIdentity

LINK_SALT = "razem.identity.link"
LINK_MAX_AGE = 60 * 60  # seconds: the e-mailed link works for an hour, and only in the browser that asked for it


def consume_once(*, kind: str, digest: str) -> bool:
    """Record an artifact or an assertion as used; False when it was used before (a replay)."""
    try:
        with transaction.atomic():
            ConsumedMessage.objects.create(kind=kind, digest=digest)
    except IntegrityError:
        return False
    return True


def environment() -> str:
    return str(settings.RAZEM_LOGINGOVPL["environment"])


@transaction.atomic
def gov_identity_link(*, user: User, identifier_hash: str, request: HttpRequest | None = None) -> GovIdentity:
    locked = User.objects.select_for_update().get(pk=user.pk)
    other = GovIdentity.objects.filter(identifier_hash=identifier_hash).select_related("user").first()
    if other is not None and other.user_id != locked.pk:
        raise ValidationError(_("This login.gov.pl identity is already linked to another account."))
    if other is not None:
        return other
    if GovIdentity.objects.filter(user=locked).exists():
        raise ValidationError(_("Your account is already linked to another login.gov.pl identity. Unlink it first."))
    identity = GovIdentity.objects.create(user=locked, identifier_hash=identifier_hash, environment=environment())
    audit.record(
        actor=locked,
        action="identity.gov_identity.linked",
        obj=locked,
        data={"environment": identity.environment},
        request=request,
    )
    return identity


@transaction.atomic
def gov_identity_unlink(*, actor: User, user: User, request: HttpRequest | None = None) -> None:
    deleted, _rows = GovIdentity.objects.filter(user=user).delete()
    if not deleted:
        raise ValidationError(_("Your account is not linked to login.gov.pl."))
    audit.record(actor=actor, action="identity.gov_identity.unlinked", obj=user, request=request)


@transaction.atomic
def gov_identity_signed_in(*, identity: GovIdentity, request: HttpRequest | None = None) -> GovIdentity:
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_login_at"])
    audit.record(
        actor=identity.user,
        action="identity.gov_identity.logged_in",
        obj=identity.user,
        data={"environment": identity.environment},
        request=request,
    )
    return identity


def gov_identity_refused(*, reason: str, request: HttpRequest | None = None) -> None:
    """A login.gov.pl answer refused (bad signature, replay, unsolicited): audited with the technical reason."""
    with transaction.atomic():
        audit.record(
            actor=None, action="identity.gov_identity.login_refused", data={"reason": reason[:300]}, request=request
        )


@transaction.atomic
def gov_identity_request_link(*, email: str, nonce: str, request: HttpRequest | None = None) -> None:
    """E-mail a link that confirms the address: to link the identity to the account with that confirmed address,
    or, when there is none, to open a new account with it. The same answer is shown either way (no enumeration)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    token = signing.dumps({"n": nonce, "e": email, "u": user.pk if user else None}, salt=LINK_SALT)
    url = settings.RAZEM_BASE_URL + reverse("identity:confirm", args=[token])
    language = (user.preferred_language if user else "") or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"url": url, "existing": user is not None, "site_name": settings.RAZEM_SITE_NAME}
        subject = _("Link login.gov.pl to your account") if user is not None else _("Open an account with login.gov.pl")
        body = render_to_string("identity/email/link.txt", context)
    queue_email(to=email, subject=subject, body_text=body, recipient=user, kind="identity/link", language=language)
    audit.record(
        actor=None,
        action="identity.gov_identity.link_requested",
        obj=user,
        data={"existing_account": user is not None},
        request=request,
    )


def read_link_token(token: str) -> dict[str, Any]:
    """The content of an e-mailed link; ``signing.BadSignature`` (or ``SignatureExpired``) when not valid."""
    return dict(signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE))


@transaction.atomic
def gov_identity_confirm_link(
    *, email: str, user_id: int | None, identifier_hash: str, full_name: str, request: HttpRequest | None = None
) -> User:
    """The person opened the e-mailed link: the address is theirs. Link to that account (confirming the address),
    or open a new account with the confirmed address and the name from login.gov.pl."""
    if user_id is not None:
        user = User.objects.select_for_update().get(pk=user_id, is_active=True)
        if user.email.lower() != email:
            raise ValidationError(_("This link is no longer valid. Ask for a new one."))
    else:
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("This link is no longer valid. Ask for a new one."))
        user = User.objects.create_user(email=email, full_name=full_name or email.split("@")[0])
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        if user.preferred_language not in dict(settings.LANGUAGES):
            user.preferred_language = settings.LANGUAGE_CODE
        user.save(update_fields=["preferred_language"])
        audit.record(actor=user, action="identity.gov_identity.account_created", obj=user, request=request)
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=email, defaults={"email": email, "primary": True, "verified": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    gov_identity_link(user=user, identifier_hash=identifier_hash, request=request)
    return user
