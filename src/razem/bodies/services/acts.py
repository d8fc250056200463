"""Acts of a body: resolutions, opinions and positions, numbered per term and kind."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies.models import Act, Body, OpinionRequest, Term
from razem.bodies.services.bodies_terms import current_term
from razem.core import audit

ACT_FIELDS = (
    "kind", "title", "adopted_on", "concerns", "summary", "votes_for", "votes_against", "votes_abstaining",
    "sitting", "request",
)  # fmt: skip


@transaction.atomic
def act_record(
    *,
    actor: User,
    body: Body,
    data: dict[str, Any],
    number: int | None = None,
    document: Any = None,
    request: HttpRequest | None = None,
) -> Act:
    """Record a resolution, opinion or position; numbered per term and kind (the next free number if not given).
    Its ``sitting`` is a meeting of the body (``body.meetings``); an act answering a request marks it answered."""
    act = Act(body=body, created_by=actor)
    for field in ACT_FIELDS:
        if field in data:
            setattr(act, field, data[field])
    term = data.get("term") or (current_term(body, act.adopted_on) if act.adopted_on else None)
    if term is None:
        raise ValidationError({"adopted_on": _("No term of this body covers this date; add the term first.")})
    if term.body_id != body.pk or (act.adopted_on and not term.covers(act.adopted_on)):
        raise ValidationError({"adopted_on": _("The date must lie within the term %(term)s.") % {"term": term.name}})
    act.term = Term.objects.select_for_update().get(pk=term.pk)  # numbers are given one at a time per term
    same = Act.objects.filter(term=term, kind=act.kind)
    if number is None:
        number = (same.aggregate(m=Max("number"))["m"] or 0) + 1
    elif same.filter(number=number).exists():
        raise ValidationError(
            {"number": _("%(kind)s no. %(number)s already exists in the term %(term)s.")
             % {"kind": act.get_kind_display(), "number": number, "term": term.name}}
        )  # fmt: skip
    act.number = number
    if act.sitting_id and act.sitting.body_id != body.pk:  # type: ignore[union-attr]
        raise ValidationError({"sitting": _("This meeting is not a sitting of this body.")})
    if act.request_id and act.request.body_id != body.pk:  # type: ignore[union-attr]
        raise ValidationError({"request": _("This request was sent to another body.")})
    act.full_clean(exclude=["document", "number", "term"])
    if document is not None:
        act.document.save(document.name, document, save=False)
    try:
        with transaction.atomic():
            act.save()
    except IntegrityError as exc:
        raise ValidationError({"number": _("This number is already taken in the term.")}) from exc
    if act.request_id:
        OpinionRequest.objects.filter(pk=act.request_id).update(status=OpinionRequest.Status.ANSWERED)
    audit.record(
        actor=actor,
        action="bodies.act.recorded",
        obj=act,
        data={"body": body.pk, "kind": act.kind, "number": act.number, "term": term.pk},
        request=request,
    )
    return act
