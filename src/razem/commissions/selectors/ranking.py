"""The ranking of the offers by the voting members' average, with the requested and proposed amounts."""

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Sum

from razem.commissions.arithmetic import mean, quotient, split
from razem.commissions.models import Conflict, Member, Opinion, Proposal, Score
from razem.commissions.predicates import seat
from razem.commissions.selectors.common import grant_by_year, oferent_names, ranked_offers, requested_of, title_of
from razem.commissions.selectors.people import criteria_of
from razem.core.money import ZERO, money
from razem.grants.models import Call, CallFunds, Criterion, Offer


@dataclasses.dataclass
class Row:
    offer: Offer
    oferents: list[str]
    title: str
    requested: Decimal
    requested_by_year: dict[int, Decimal]
    average: Decimal | None
    scored: int
    expected: int
    criteria: list[Decimal | None]
    expert_average: Decimal | None
    experts_scored: int
    proposal: Decimal | None
    proposal_by_year: dict[int, Decimal]
    # Why the viewing member may not see the points: "conflict", "declaration" (not signed for it), "excluded".
    hidden: str = ""
    position: int | None = None

    @property
    def unscored(self) -> bool:
        return self.scored == 0


@dataclasses.dataclass(frozen=True)
class YearSums:
    year: int | None  # None: the whole call
    funds: Decimal
    requested: Decimal
    proposed: Decimal

    @property
    def over(self) -> bool:
        return self.proposed > self.funds

    @property
    def left(self) -> Decimal:
        return money(self.funds - self.proposed)


@dataclasses.dataclass(frozen=True)
class Ranking:
    call: Call
    criteria: list[Criterion]
    rows: list[Row]
    years: list[YearSums]
    total: YearSums
    voting: int
    experts: int
    opinion: Opinion | None

    @property
    def unscored(self) -> list[Row]:
        """The offers admitted now that no voting member has scored (the opinion cannot be adopted)."""
        return [r for r in self.rows if r.unscored and r.offer.status == Offer.Status.ADMITTED]

    @property
    def unproposed(self) -> list[Row]:
        return [r for r in self.rows if r.proposal is None and r.offer.status == Offer.Status.ADMITTED]

    @property
    def over(self) -> bool:
        return any(y.over for y in self.years)

    @property
    def adopted(self) -> bool:
        return self.opinion is not None and self.opinion.adopted_at is not None


def ranking(call: Call, viewer: Any = None) -> Ranking:
    criteria = criteria_of(call)
    criterion_ids = [c.pk for c in criteria]
    members = {m.pk: m for m in Member.objects.filter(call=call).only("id", "role", "excluded", "call_id")}
    voting_ids = {pk for pk, m in members.items() if m.votes}
    expert_ids = {pk for pk, m in members.items() if m.role == Member.Role.EXPERT and not m.excluded}
    conflicts = set(Conflict.objects.filter(member__call=call).values_list("member_id", "offer_id"))
    tally = _tally(call, len(criterion_ids), voting_ids, expert_ids, conflicts)
    offers = list(ranked_offers(call))
    proposals = dict(Proposal.objects.filter(offer__call=call).values_list("offer_id", "amount"))
    funds = {f.year: money(f.amount) for f in CallFunds.objects.filter(call=call)}
    opinion = Opinion.objects.filter(call=call).first()
    viewer_seat = seat(viewer, call) if viewer is not None else None
    hidden = _hidden(viewer_seat)

    result: list[Row] = []
    for offer in offers:
        row = _row(offer, criterion_ids, tally, proposals.get(offer.pk), call.realization_start.year)
        row.hidden = hidden(offer.pk)
        result.append(row)
    result.sort(key=lambda r: (r.average is None, -(r.average or ZERO), r.offer.number, r.offer.pk))
    previous: Decimal | None = None
    position = 0
    for n, row in enumerate(result, start=1):
        if row.average is None:
            break
        if row.average != previous:
            position, previous = n, row.average
        row.position = position
    return Ranking(
        call=call,
        criteria=criteria,
        rows=result,
        years=_years(call, funds, result),
        total=_total(funds, result),
        voting=len(voting_ids),
        experts=len(expert_ids),
        opinion=opinion,
    )


def _hidden(viewer_seat: Member | None) -> Any:
    """Why a viewer who sits on the commission may not see an offer's points ("" when they may): the members'
    rules hold for an officer who sits on it too (``commissions.view_scores``)."""

    def reason(offer_id: int) -> str:
        if viewer_seat is None:
            return ""
        if viewer_seat.excluded:
            return "excluded"
        if offer_id in viewer_seat.conflict_ids:  # type: ignore[attr-defined]
            return "conflict"
        if offer_id not in viewer_seat.declared_ids:  # type: ignore[attr-defined]
            return "declaration"
        return ""

    return reason


@dataclasses.dataclass
class _Tally:
    """The sums the ranking needs, per offer: the totals of the complete, unconflicted cards of the voting members
    and of the experts, the voting members' points summed per criterion over those cards, and how many voting
    members may score the offer (those without a conflict)."""

    voters: dict[int, list[Decimal]]
    advisers: dict[int, list[Decimal]]
    by_criterion: dict[tuple[int, int], Decimal]
    expected: dict[int, int]


def _tally(
    call: Call, criteria: int, voting_ids: set[int], expert_ids: set[int], conflicts: set[tuple[int, int]]
) -> _Tally:
    """Summed in the database (two queries; a third only when a voting member's scores of an offer miss a
    criterion, which happens only if a criterion was added after scoring began): 300 offers × 9 members ×
    6 criteria are 16,200 scores, but 2,700 cards and 1,800 per-criterion sums."""
    voters: dict[int, list[Decimal]] = defaultdict(list)
    advisers: dict[int, list[Decimal]] = defaultdict(list)
    incomplete: set[tuple[int, int]] = set()
    cards = (
        Score.objects.filter(member__call=call)
        .values("member_id", "offer_id")
        .annotate(total=Sum("points"), n=Count("id"))
        .values_list("member_id", "offer_id", "total", "n")
        .order_by()
    )
    for member_id, offer_id, total, n in cards:
        if (member_id, offer_id) in conflicts:
            continue
        if not criteria or n < criteria:
            if member_id in voting_ids:
                incomplete.add((member_id, offer_id))
            continue
        if member_id in voting_ids:
            voters[offer_id].append(total)
        elif member_id in expert_ids:
            advisers[offer_id].append(total)
    by_criterion: dict[tuple[int, int], Decimal] = {}
    conflicted = Conflict.objects.filter(member_id=OuterRef("member_id"), offer_id=OuterRef("offer_id"))
    sums = (
        Score.objects.filter(member_id__in=voting_ids, offer__call=call)
        .exclude(Exists(conflicted))
        .values("offer_id", "criterion_id")
        .annotate(total=Sum("points"))
        .values_list("offer_id", "criterion_id", "total")
        .order_by()
    )
    for offer_id, criterion_id, total in sums:
        by_criterion[(offer_id, criterion_id)] = total
    # The points of an incomplete card are in those sums: take them out.
    leave_out = incomplete
    if leave_out:
        extra = Score.objects.filter(
            member_id__in={m for m, _o in leave_out}, offer_id__in={o for _m, o in leave_out}
        ).values_list("member_id", "offer_id", "criterion_id", "points")
        for member_id, offer_id, criterion_id, points in extra:
            if (member_id, offer_id) in leave_out and (offer_id, criterion_id) in by_criterion:
                by_criterion[(offer_id, criterion_id)] -= points
    expected: dict[int, int] = defaultdict(lambda: len(voting_ids))
    for member_id, offer_id in conflicts:
        if member_id in voting_ids:
            expected[offer_id] -= 1
    return _Tally(voters=voters, advisers=advisers, by_criterion=by_criterion, expected=expected)


def _row(offer: Offer, criterion_ids: list[int], tally: _Tally, proposal: Decimal | None, year: int) -> Row:
    requested_by_year = grant_by_year(offer, year)
    requested = requested_of(offer)
    voters = tally.voters.get(offer.pk, [])
    advisers = tally.advisers.get(offer.pk, [])
    count = len(voters)
    return Row(
        offer=offer,
        oferents=oferent_names(offer),
        title=title_of(offer),
        requested=requested,
        requested_by_year=requested_by_year,
        average=mean(voters),
        scored=count,
        expected=tally.expected[offer.pk],
        criteria=[quotient(tally.by_criterion.get((offer.pk, c), ZERO), count) for c in criterion_ids],
        expert_average=mean(advisers),
        experts_scored=len(advisers),
        proposal=money(proposal) if proposal is not None else None,
        proposal_by_year=split(proposal, requested_by_year) if proposal is not None else {},
    )


def _years(call: Call, funds: Mapping[int, Decimal], rows: list[Row]) -> list[YearSums]:
    years = set(funds) | {y for r in rows for y in r.requested_by_year}
    return [
        YearSums(
            year=year,
            funds=funds.get(year, ZERO),
            requested=money(sum((r.requested_by_year.get(year, ZERO) for r in rows), ZERO)),
            proposed=money(sum((r.proposal_by_year.get(year, ZERO) for r in rows), ZERO)),
        )
        for year in sorted(years)
    ]


def _total(funds: Mapping[int, Decimal], rows: list[Row]) -> YearSums:
    return YearSums(
        year=None,
        funds=money(sum(funds.values(), ZERO)),
        requested=money(sum((r.requested for r in rows), ZERO)),
        proposed=money(sum((r.proposal or ZERO for r in rows), ZERO)),
    )
