"""Nominations of NGO members of the competition commission (Kraków's practice: the call recruits them).

``nomination_create(*, actor, call, organization, data: dict, request=None) -> CommissionNomination``
    A person acting for a verified organization nominates someone while the call recruits (``grants.nominate_member``):
    ``data`` holds ``full_name``, ``email``, ``phone`` and ``qualifications``. The nominee gets an e-mail with a link
    to consent or decline; only the SHA-256 of the link's token is stored. The returned nomination carries the token
    in ``nomination.token`` (not stored), for the demo and the tests. The same e-mail cannot be nominated twice in a
    call while an earlier nomination of it is awaiting consent or consented.

``nomination_answer(*, token, accept: bool, user=None) -> CommissionNomination``
    The nominee's answer through the link (no account needed; a signed-in ``user`` whose e-mail is the nominee's is
    linked to the nomination). The nominating organization is told.

``nomination_withdraw(*, actor, nomination, request=None) -> CommissionNomination``
    The nominating organization withdraws a nomination still awaiting consent or consented; the nominee is told.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify_many, queue_email
from razem.core.permissions import ensure
from razem.grants.models import Call, CommissionNomination
from razem.grants.models.calls import hash_token
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for, people_acting_for

ACTIVE = (CommissionNomination.Status.AWAITING_CONSENT, CommissionNomination.Status.CONSENTED)


def _email_nominee(nomination: CommissionNomination, kind: str, context: dict[str, Any]) -> None:
    """One e-mail to an address that may have no account (so not a notification), in the nominee's language."""
    recipient = User.objects.filter(email__iexact=nomination.email, is_active=True).first()
    language = (recipient.preferred_language if recipient else "") or settings.LANGUAGE_CODE
    context = {
        "nomination": nomination,
        "call": nomination.call,
        "organization": nomination.organization,
        "site_name": settings.RAZEM_SITE_NAME,
        "base_url": settings.RAZEM_BASE_URL,
        "office": settings.RAZEM_OFFICE,
        **context,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"notifications/{kind}/title.txt", context).split())
        body = render_to_string(f"notifications/{kind}/body.txt", context).strip()
        queue_email(
            to=nomination.email,
            subject=subject,
            body_text=body + "\n\n--\n" + str(settings.RAZEM_SITE_NAME) + "\n",
            recipient=recipient,
            kind=kind,
            language=language,
        )


def _clean(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    clean = {
        "full_name": str(data.get("full_name") or "").strip(),
        "email": str(data.get("email") or "").strip().lower(),
        "phone": str(data.get("phone") or "").strip(),
        "qualifications": str(data.get("qualifications") or "").strip(),
    }
    if not clean["full_name"]:
        errors["full_name"] = [_("Give the nominee's full name.")]
    elif len(clean["full_name"]) > 200:
        errors["full_name"] = [_("The name is longer than 200 characters.")]
    try:
        validate_email(clean["email"])
    except ValidationError:
        errors["email"] = [_("Give the nominee's e-mail address: the request for consent is sent there.")]
    if len(clean["phone"]) > 32:
        errors["phone"] = [_("The phone number is longer than 32 characters.")]
    if not clean["qualifications"]:
        errors["qualifications"] = [
            _("Describe the nominee's experience and qualifications in the field of the task: the office reads it.")
        ]
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def nomination_create(
    *,
    actor: User,
    call: Call,
    organization: Organization,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> CommissionNomination:
    ensure(actor, "grants.nominate_member", call)
    if organization is None or not organizations_acted_for(user=actor).filter(pk=organization.pk).exists():
        raise ValidationError(
            {"organization": _("You can nominate only on behalf of a verified organization you may act for.")}
        )
    clean = _clean(data)
    locked = Call.objects.select_for_update().get(pk=call.pk)
    ensure(actor, "grants.nominate_member", locked)
    taken = CommissionNomination.objects.filter(call=locked, email__iexact=clean["email"], status__in=ACTIVE).first()
    if taken is not None:
        raise ValidationError(
            {
                "email": _(
                    "%(email)s is already nominated to the commission of this call (%(status)s). A person is "
                    "nominated once; the office sees every nomination."
                )
                % {"email": clean["email"], "status": taken.get_status_display().lower()}
            }
        )
    token = CommissionNomination.new_token()
    nominee = User.objects.filter(email__iexact=clean["email"], is_active=True).first()
    try:
        with transaction.atomic():
            nomination = CommissionNomination.objects.create(
                call=locked,
                organization=organization,
                nominee=nominee,
                nominated_by=actor,
                token_hash=hash_token(token),
                **clean,
            )
    except IntegrityError as error:
        raise ValidationError({"email": _("This person is already nominated in this call.")}) from error
    audit.record(
        actor=actor,
        action="grants.nomination.created",
        obj=nomination,
        data={"call": locked.number, "organization": organization.name, "email": clean["email"]},
        request=request,
    )
    link = settings.RAZEM_BASE_URL + reverse("grants:nomination_consent", args=[token])
    _email_nominee(nomination, "grants/nomination_consent", {"link": link, "nominated_by": actor})
    nomination.token = token  # type: ignore[attr-defined]
    return nomination


def nomination_by_token(token: str) -> CommissionNomination | None:
    if not token:
        return None
    return (
        CommissionNomination.objects.select_related("call", "organization").filter(token_hash=hash_token(token)).first()
    )


@transaction.atomic
def nomination_answer(*, token: str, accept: bool, user: Any = None) -> CommissionNomination:
    found = nomination_by_token(token)
    if found is None:
        raise ValidationError(_("This link is not valid. Ask the organization that nominated you to check it."))
    nomination = (
        CommissionNomination.objects.select_for_update().select_related("call", "organization").get(pk=found.pk)
    )
    S = CommissionNomination.Status
    if nomination.status == S.WITHDRAWN:
        raise ValidationError(_("The organization has withdrawn this nomination; there is nothing to answer."))
    if nomination.status != S.AWAITING_CONSENT:
        raise ValidationError(
            _("You have already answered: %(status)s.") % {"status": nomination.get_status_display().lower()}
        )
    call = nomination.call
    if call.status != Call.Status.ANNOUNCED:
        raise ValidationError(
            _("The call is %(status)s; the nomination can no longer be answered.")
            % {"status": call.get_status_display().lower()}
        )
    signed_in = user if getattr(user, "is_authenticated", False) else None
    if signed_in is not None and signed_in.email.lower() == nomination.email.lower():
        nomination.nominee = signed_in
    elif nomination.nominee_id is None:
        nomination.nominee = User.objects.filter(email__iexact=nomination.email, is_active=True).first()
    nomination.status = S.CONSENTED if accept else S.DECLINED
    nomination.consented_at = timezone.now() if accept else None
    nomination.save(update_fields=["status", "consented_at", "nominee"])
    audit.record(
        actor=signed_in,
        action="grants.nomination.consented" if accept else "grants.nomination.declined",
        obj=nomination,
        data={"call": call.number},
    )
    notify_many(
        kind="grants/nomination_answered",
        audience=people_acting_for(nomination.organization),
        context={"call": call, "nomination": nomination, "accepted": accept},
        url=call.get_absolute_url() + "#komisja",
    )
    return nomination


@transaction.atomic
def nomination_withdraw(
    *, actor: User, nomination: CommissionNomination, request: HttpRequest | None = None
) -> CommissionNomination:
    ensure(actor, "grants.withdraw_nomination", nomination)
    locked = (
        CommissionNomination.objects.select_for_update().select_related("call", "organization").get(pk=nomination.pk)
    )
    if locked.status not in ACTIVE:
        raise ValidationError(
            _("This nomination is %(status)s; it cannot be withdrawn.")
            % {"status": locked.get_status_display().lower()}
        )
    if locked.call.status != Call.Status.ANNOUNCED:
        raise ValidationError(
            _("The call is %(status)s; its nominations can no longer be changed.")
            % {"status": locked.call.get_status_display().lower()}
        )
    previous = locked.status
    locked.status = CommissionNomination.Status.WITHDRAWN
    locked.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="grants.nomination.withdrawn",
        obj=locked,
        data={"from": previous, "call": locked.call.number},
        request=request,
    )
    _email_nominee(locked, "grants/nomination_withdrawn", {})
    return locked
