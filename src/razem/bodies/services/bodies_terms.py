"""The body and its terms of office."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies.models import Body, Term
from razem.bodies.services._common import day_text, save_clean
from razem.core import audit

BODY_FIELDS = (
    "name", "short_name", "slug", "kind", "theme", "description", "department", "legal_basis", "parent",
    "contact_email", "contact_phone", "visibility", "joining", "seats", "is_active",
)  # fmt: skip


@transaction.atomic
def body_save(
    *,
    actor: User,
    data: dict[str, Any],
    body: Body | None = None,
    areas: Iterable[Any] | None = None,
    regulations: Any = None,
    request: HttpRequest | None = None,
) -> Body:
    """Create or change a body; ``regulations`` is a checked upload (``validate_document``) replacing the old file."""
    created = body is None
    body = body or Body()
    for field in BODY_FIELDS:
        if field in data:
            setattr(body, field, data[field])
    if body.parent_id and body.pk and body.parent_id == body.pk:
        raise ValidationError({"parent": _("A body cannot be a part of itself.")})
    body.full_clean(exclude=["regulations"])
    if regulations is not None:
        old = body.regulations.name
        body.regulations.save(regulations.name, regulations, save=False)
        if old:
            storage = body.regulations.storage
            transaction.on_commit(lambda: storage.delete(old))
    body.save()
    if areas is not None:
        body.areas.set(areas)
    audit.record(
        actor=actor,
        action="bodies.body.created" if created else "bodies.body.updated",
        obj=body,
        data={"fields": [f for f in BODY_FIELDS if f in data], "regulations": regulations is not None},
        request=request,
    )
    return body


@transaction.atomic
def term_create(*, actor: User, body: Body, data: dict[str, Any], request: HttpRequest | None = None) -> Term:
    term = Term(body=body, **{k: data[k] for k in ("number", "name", "starts_on", "ends_on") if k in data})
    overlapping = body.terms.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=term.starts_on),
        **({"starts_on__lte": term.ends_on} if term.ends_on else {}),
    )
    clash = overlapping.first()
    if clash:
        raise ValidationError(
            {"starts_on": _("The term overlaps %(term)s (%(start)s – %(end)s).")
             % {"term": clash.name, "start": day_text(clash.starts_on), "end": day_text(clash.ends_on)}}
        )  # fmt: skip
    if body.terms.filter(number=term.number).exists():
        raise ValidationError({"number": _("This body already has a term with this number.")})
    save_clean(term)
    audit.record(actor=actor, action="bodies.term.created", obj=term, data={"body": body.pk}, request=request)
    return term


@transaction.atomic
def term_update(*, actor: User, term: Term, data: dict[str, Any], request: HttpRequest | None = None) -> Term:
    for field in ("name", "starts_on", "ends_on"):
        if field in data:
            setattr(term, field, data[field])
    save_clean(term)
    audit.record(actor=actor, action="bodies.term.updated", obj=term, data={"body": term.body_id}, request=request)
    return term


def current_term(body: Body, day: datetime.date | None = None) -> Term | None:
    """The term that covers ``day`` (today by default), the latest if several do."""
    day = day or timezone.localdate()
    return (
        body.terms.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("-starts_on")
        .first()
    )
