"""The state of the commission's work and the calls whose commission is at work."""

import dataclasses
from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from razem.commissions.models import Conflict, Declaration, Member, Opinion, Score
from razem.commissions.predicates import RANKED
from razem.grants.models import Call, Criterion, Offer


@dataclasses.dataclass(frozen=True)
class Progress:
    members: int
    voting: int
    experts: int
    excluded: int
    sitting: int
    signed: int
    scores_given: int
    scores_expected: int
    offers: int
    opinion: Opinion | None
    without_ngo: bool


def progress(call: Call) -> Progress:
    """The state of the commission's work, for the office's overview and the panel: five queries."""
    members = list(Member.objects.filter(call=call).only("id", "role", "excluded", "call_id"))
    signed = set(Declaration.objects.filter(member__call=call).values_list("member_id", flat=True))
    offer_ids = set(Offer.objects.filter(call=call, status__in=RANKED).values_list("pk", flat=True))
    criteria = Criterion.objects.filter(call=call).count()
    conflicts = set(Conflict.objects.filter(member__call=call).values_list("member_id", "offer_id"))
    voting = [m for m in members if m.votes]
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for member_id, offer_id in Score.objects.filter(
        member__in=[m.pk for m in voting], offer_id__in=offer_ids
    ).values_list("member_id", "offer_id"):
        counts[(member_id, offer_id)] += 1
    given = sum(1 for key, n in counts.items() if criteria and n >= criteria and key not in conflicts)
    expected = sum(1 for m in voting for o in offer_ids if (m.pk, o) not in conflicts)
    return Progress(
        members=len(members),
        voting=len(voting),
        experts=sum(1 for m in members if m.role == Member.Role.EXPERT),
        excluded=sum(1 for m in members if m.excluded),
        sitting=sum(1 for m in members if not m.excluded),
        signed=sum(1 for m in members if not m.excluded and m.pk in signed),
        scores_given=given,
        scores_expected=expected,
        offers=len(offer_ids),
        opinion=Opinion.objects.filter(call=call).first(),
        without_ngo=bool(members) and not any(m.role == Member.Role.NGO and not m.excluded for m in members),
    )


def members_for_present(call: Call) -> QuerySet[Member]:
    """The members who may be recorded present at the sitting (not excluded)."""
    return Member.objects.filter(call=call, excluded=False).order_by("role", "full_name", "id")


def calls_with_commissions() -> QuerySet[Call]:
    """Calls with a commission whose opinion is not adopted yet, each with ``sitting`` (members not excluded) and
    ``signed`` (their declarations): one query (the panel's card, the daily job)."""
    adopted = Opinion.objects.filter(adopted_at__isnull=False).values("call_id")
    sitting = Q(commission_members__excluded=False)
    return (
        Call.objects.filter(commission_members__isnull=False)
        .exclude(pk__in=adopted)
        .exclude(status=Call.Status.CANCELLED)
        .annotate(
            sitting=Count("commission_members", filter=sitting, distinct=True),
            signed=Count("commission_members__declaration", filter=sitting, distinct=True),
        )
        .order_by("submission_deadline", "id")
    )


def declarations_of(call: Call) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(member__call=call)
        .select_related("member")
        .prefetch_related(Prefetch("member__conflicts", Conflict.objects.select_related("offer")))
        .order_by("signed_at", "id")
    )
