"""Requests for the body's opinion: the city asks by a deadline of the law; silence after it is a waiver."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies import selectors
from razem.bodies.models import Body, OpinionRequest
from razem.core import audit
from razem.core.deadlines import deadline
from razem.core.notifications import notify_many

OPINION_DAYS = "council_opinion_days"  # the statutory value giving the days for an opinion (art. 41i ust. 2)


@transaction.atomic
def opinion_request_create(
    *,
    actor: User,
    body: Body,
    subject: str,
    received_on: datetime.date,
    due_on: datetime.date | None = None,
    description: str = "",
    legal_basis: str = "",
    statutory_code: str = OPINION_DAYS,
    document: Any = None,
    request: HttpRequest | None = None,
) -> OpinionRequest:
    """Ask the body for an opinion. Without ``due_on`` the deadline is the statutory one counted from receipt
    (``core.deadlines``), and its legal reference is the legal basis unless one is given. The members are told
    after the commit."""
    if due_on is None:
        rule = deadline(statutory_code, received_on)
        due_on = rule.date
        legal_basis = legal_basis or rule.legal_ref
    if due_on < received_on:
        raise ValidationError({"due_on": _("The opinion cannot be due before the request is received.")})
    item = OpinionRequest(
        body=body,
        subject=subject,
        description=description,
        received_on=received_on,
        due_on=due_on,
        legal_basis=legal_basis,
        created_by=actor,
    )
    item.full_clean(exclude=["document"])
    if document is not None:
        item.document.save(document.name, document, save=False)
    item.save()
    audit.record(
        actor=actor,
        action="bodies.opinion_request.created",
        obj=item,
        data={"body": body.pk, "due_on": due_on.isoformat()},
        request=request,
    )
    notify_many(
        kind="bodies/opinion_requested",
        audience=selectors.member_people(body=body).values_list("pk", flat=True),
        context={"item": item, "body": body},
        url=body.get_absolute_url(),
    )
    return item


@transaction.atomic
def opinion_requests_lapse(*, today: datetime.date | None = None) -> int:
    """Open requests past their deadline become "no opinion by the deadline" (silence is a waiver)."""
    today = today or timezone.localdate()
    lapsed = list(
        OpinionRequest.objects.select_for_update().filter(status=OpinionRequest.Status.OPEN, due_on__lt=today)
    )
    for item in lapsed:
        item.status = OpinionRequest.Status.WAIVED
        item.save(update_fields=["status"])
        audit.record(actor=None, action="bodies.opinion_request.lapsed", obj=item, data={"body": item.body_id})
    return len(lapsed)
