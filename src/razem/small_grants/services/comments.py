"""Comments on a published small-grant offer (art. 19a ust. 4: anyone, within the comment period).

    comment_add(*, actor, offer, text, name="", email="", request=None) -> Comment
    comment_hide(*, actor, comment, reason, request=None) -> Comment

Anyone may comment: a signed-in person under the name of their account (linked to it), anyone else under the name
they give, or none ("anonymous"); the e-mail address is optional and only the office sees it. A comment is public at
once (the office does not approve comments in advance, so the period is the same for everyone); the office may hide
an abusive one (insults, personal data, spam) with a reason, which the page shows in its place. A comment after the
last day of the period is refused with that day.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.permissions import ensure
from razem.grants.models import Offer
from razem.small_grants.models import Comment, SmallGrant

MAX_TEXT = 5000


@transaction.atomic
def comment_add(
    *,
    actor: Any,
    offer: Offer,
    text: str,
    name: str = "",
    email: str = "",
    request: HttpRequest | None = None,
) -> Comment:
    """Add a comment to a published offer in its comment period (see the module's doc)."""
    small_grant = SmallGrant.objects.select_for_update().select_related("offer").get(offer=offer)
    ensure(actor, "small_grants.comment_offer", small_grant.offer)
    text = str(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": _("At most %(max)s characters; this has %(length)s.") % {"max": MAX_TEXT, "length": len(text)}}
        )
    signed_in = getattr(actor, "is_authenticated", False)
    name = str(name or "").strip()[:200]
    email = str(email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    if signed_in:
        name = name or actor.full_name
        email = email or actor.email
    comment = Comment.objects.create(
        small_grant=small_grant,
        author=actor if signed_in else None,
        name=name,
        email=email,
        text=text,
        created_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="small_grants.comment.added",
        obj=comment,
        data={"offer": offer.pk, "signed_in": bool(signed_in)},
        request=request,
    )
    return comment


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str, request: HttpRequest | None = None) -> Comment:
    """Hide an abusive comment from the public page, saying why (the office keeps it)."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    ensure(actor, "small_grants.hide_comment", locked)
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the comment is hidden; the page shows it in its place.")})
    locked.hidden_at = timezone.now()
    locked.hidden_by = actor
    locked.hidden_reason = reason
    locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit.record(
        actor=actor,
        action="small_grants.comment.hidden",
        obj=locked,
        data={"offer": locked.small_grant.offer_id, "reason": reason},
        request=request,
    )
    return locked
