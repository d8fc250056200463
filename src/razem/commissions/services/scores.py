"""A member's scores of one offer.

``scores_save(*, actor, offer, points, justifications, request=None) -> list[Score]``
    ``points`` and ``justifications`` map each criterion of the call (its id) to what the member typed. Every
    criterion needs points from 0 to its maximum, to one decimal place ("4,5"), and a justification; anything
    wrong is refused field by field and nothing is saved. The member must be allowed to score the offer
    (``commissions.score_offer``: declaration signed and covering it, no conflict with it, not excluded, opinion
    not adopted). Saving again replaces the member's scores of the offer.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.commissions import predicates
from razem.commissions.arithmetic import ONE_DECIMAL, has_one_decimal_at_most, parse_points, points_text
from razem.commissions.models import Member, Score
from razem.core import audit
from razem.core.permissions import ensure
from razem.grants.models import Call, Criterion, Offer

MAX_JUSTIFICATION = 5000


def check(
    criteria: list[Criterion], points: Mapping[int, Any], justifications: Mapping[int, Any]
) -> tuple[dict[int, Decimal], dict[int, str]]:
    """The points and the justification per criterion, or ValidationError naming every field that is wrong."""
    errors: dict[str, list[str]] = {}
    clean: dict[int, Decimal] = {}
    texts: dict[int, str] = {}
    for criterion in criteria:
        typed = points.get(criterion.pk)
        value = parse_points(typed)
        key = f"points_{criterion.pk}"
        maximum = points_text(criterion.max_points)
        if typed in (None, "") or (isinstance(typed, str) and not typed.strip()):
            errors[key] = [_("Give the points for this criterion, from 0 to %(max)s.") % {"max": maximum}]
        elif value is None:
            errors[key] = [_("Write the points as a number, e.g. 4,5.")]
        elif value < 0:
            errors[key] = [_("Points cannot be negative: give from 0 to %(max)s.") % {"max": maximum}]
        elif value > criterion.max_points:
            errors[key] = [
                _("At most %(max)s points for this criterion; you gave %(given)s.")
                % {"max": maximum, "given": points_text(value)}
            ]
        elif not has_one_decimal_at_most(value):
            errors[key] = [_("Give the points to one decimal place at most, e.g. 4,5.")]
        else:
            clean[criterion.pk] = value.quantize(ONE_DECIMAL)
        text = str(justifications.get(criterion.pk) or "").strip()
        if not text:
            errors[f"justification_{criterion.pk}"] = [_("Justify the points you give for this criterion.")]
        elif len(text) > MAX_JUSTIFICATION:
            errors[f"justification_{criterion.pk}"] = [
                _("The justification is longer than %(count)s characters.") % {"count": MAX_JUSTIFICATION}
            ]
        texts[criterion.pk] = text
    if errors:
        raise ValidationError(errors)
    return clean, texts


@transaction.atomic
def scores_save(
    *,
    actor: User,
    offer: Offer,
    points: Mapping[int, Any],
    justifications: Mapping[int, Any],
    request: HttpRequest | None = None,
) -> list[Score]:
    predicates.changed()
    ensure(actor, "commissions.score_offer", offer)
    if offer.call_id is None:  # pragma: no cover - the permission needs a call
        raise ValidationError(_("This offer does not belong to a call."))
    call = Call.objects.select_for_update().get(pk=offer.call_id)
    predicates.changed()
    offer.call = call
    ensure(actor, "commissions.score_offer", offer)  # again under the call's lock: the opinion may be adopting
    criteria = list(Criterion.objects.filter(call=call).order_by("position", "id"))
    if not criteria:
        raise ValidationError(_("The call has no criteria of choosing offers: the office must add them first."))
    clean, texts = check(criteria, points, justifications)
    member = Member.objects.get(call=call, user=actor)
    existing = {s.criterion_id: s for s in Score.objects.filter(member=member, offer=offer)}
    now = timezone.now()
    saved: list[Score] = []
    before = {str(c): str(s.points) for c, s in existing.items()}
    for criterion in criteria:
        score = existing.get(criterion.pk) or Score(member=member, offer=offer, criterion=criterion)
        score.points = clean[criterion.pk]
        score.justification = texts[criterion.pk]
        score.updated_at = now
        saved.append(score)
    Score.objects.bulk_create([s for s in saved if s.pk is None])
    Score.objects.bulk_update([s for s in saved if s.pk is not None], ["points", "justification", "updated_at"])
    total = sum((s.points for s in saved), Decimal(0))
    audit.record(
        actor=actor,
        action="commissions.score.saved",
        obj=offer,
        data={
            "call": call.number,
            "member": member.pk,
            "points": {str(s.criterion_id): str(s.points) for s in saved},
            "before": before,
            "total": str(total),
        },
        request=request,
    )
    predicates.changed()
    return saved
