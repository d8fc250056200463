"""The commission's people: its composition, who can be appointed, and what a member's pages read."""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from razem.accounts.models import User
from razem.commissions.models import Conflict, Member, Score
from razem.commissions.predicates import RANKED
from razem.commissions.selectors.common import NOT_TAKING_PART, ROLE_ORDER, oferent_names, ranked_offers, title_of
from razem.grants.models import Call, CommissionNomination, Criterion, Offer, OfferPartner

# The composition -------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Composition:
    call: Call
    members: list[Member]

    @property
    def sitting(self) -> list[Member]:
        return [m for m in self.members if not m.excluded]

    @property
    def voting(self) -> list[Member]:
        return [m for m in self.members if m.votes]

    @property
    def mayor(self) -> list[Member]:
        return [m for m in self.members if m.role == Member.Role.MAYOR]

    @property
    def ngo(self) -> list[Member]:
        return [m for m in self.members if m.role == Member.Role.NGO and not m.excluded]

    @property
    def experts(self) -> list[Member]:
        return [m for m in self.members if m.role == Member.Role.EXPERT]

    @property
    def excluded(self) -> list[Member]:
        return [m for m in self.members if m.excluded]

    @property
    def chair(self) -> Member | None:
        return next((m for m in self.members if m.chair), None)

    @property
    def without_ngo(self) -> bool:
        """Appointed, and no nominee of an organization sits on it (art. 15 ust. 2da)."""
        return bool(self.members) and not self.ngo

    @property
    def exclusion_grounds(self) -> list[tuple[str, int]]:
        """Each ground of exclusion (its label) with how many nominees it excluded."""
        counts: dict[str, int] = defaultdict(int)
        for member in self.excluded:
            counts[member.get_exclusion_ground_display() or member.exclusion_reason] += 1
        return sorted(counts.items())

    @property
    def signed(self) -> int:
        return sum(1 for m in self.sitting if getattr(m, "declaration", None) is not None)


def composition(call: Call) -> Composition:
    members = list(Member.objects.filter(call=call).select_related("user", "declaration", "nomination__organization"))
    members.sort(key=lambda m: (not m.chair, ROLE_ORDER.get(m.role, 9), m.excluded, m.full_name.lower(), m.pk))
    return Composition(call=call, members=members)


def seats_of(user: Any) -> list[Member]:
    """The person's seats, the latest call first, with the call and the declaration."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Member.objects.filter(user=user)
        .select_related("call", "declaration")
        .order_by("-call__submission_deadline", "-pk")
    )


# Who can be appointed ----------------------------------------------------------------------------------------------


def takes_part(call: Call, organization_ids: Iterable[int]) -> dict[int, tuple[Offer, bool]]:
    """For each of the organizations that takes part in the competition: one of its offers (the first by number)
    and whether it leads it (else it is a partner, confirmed or invited). An offer takes part when it is neither
    a draft nor withdrawn. Two queries."""
    ids = set(organization_ids)
    if not ids:
        return {}
    offers = Offer.objects.filter(call=call).exclude(status__in=NOT_TAKING_PART)
    found: dict[int, tuple[Offer, bool]] = {}
    for offer in offers.filter(organization_id__in=ids).order_by("number", "id"):
        found.setdefault(offer.organization_id, (offer, True))
    partners = (
        OfferPartner.objects.filter(offer__in=offers, organization_id__in=ids)
        .exclude(status=OfferPartner.Status.DECLINED)
        .select_related("offer")
        .order_by("offer__number", "offer_id")
    )
    for partner in partners:
        found.setdefault(partner.organization_id, (partner.offer, False))
    return found


def account_of(nomination: CommissionNomination, accounts: Mapping[str, User] | None = None) -> User | None:
    """The nominee's account: the one linked to the nomination, else the active account with its e-mail."""
    if nomination.nominee_id is not None and nomination.nominee is not None and nomination.nominee.is_active:
        return nomination.nominee
    if accounts is not None:
        return accounts.get(nomination.email.lower())
    return User.objects.filter(email__iexact=nomination.email, is_active=True).first()


def nominations_to_appoint(call: Call) -> list[CommissionNomination]:
    """The consented nominations of the call not yet appointed, each with ``account`` (None: no account in Razem)
    and ``taking_part`` (the offer through which the nominating organization takes part, or None)."""
    nominations = list(
        CommissionNomination.objects.filter(
            call=call, status=CommissionNomination.Status.CONSENTED, member__isnull=True
        )
        .select_related("organization", "nominee")
        .order_by("full_name", "id")
    )
    emails = {n.email.lower() for n in nominations if n.nominee_id is None}
    accounts = {u.email.lower(): u for u in User.objects.filter(email__in=emails, is_active=True)} if emails else {}
    part = takes_part(call, {n.organization_id for n in nominations})
    for nomination in nominations:
        nomination.account = account_of(nomination, accounts)  # type: ignore[attr-defined]
        nomination.taking_part = part.get(nomination.organization_id)  # type: ignore[attr-defined]
    return nominations


def staff_to_appoint(call: Call) -> QuerySet[User]:
    """The city's staff not yet on the commission (the representatives of the Mayor are chosen from them)."""
    return User.objects.city_staff().exclude(commission_seats__call=call).order_by("full_name", "email")


# A member's pages ----------------------------------------------------------------------------------------------------


def undeclared_offers(member: Member) -> list[Offer]:
    """The offers the member's declaration does not cover yet (all of them before signing)."""
    declared = getattr(member, "declared_ids", None)
    if declared is None:
        declaration = getattr(member, "declaration", None)
        declared = set(declaration.offers.values_list("pk", flat=True)) if declaration is not None else set()
    offers = ranked_offers(member.call).filter(status=Offer.Status.ADMITTED).exclude(pk__in=declared)
    return list(offers)


@dataclasses.dataclass(frozen=True)
class MemberOffer:
    offer: Offer
    oferents: list[str]
    title: str
    conflict: bool
    scored: bool


def member_offers(member: Member, criteria_count: int) -> list[MemberOffer]:
    """The offers the member's declaration covers, each with whether the member declared a conflict with it and
    whether the member has scored it on every criterion. Two queries (with the seat's)."""
    declared = member.declared_ids  # type: ignore[attr-defined]
    conflicts = member.conflict_ids  # type: ignore[attr-defined]
    offers = list(ranked_offers(member.call).filter(pk__in=declared))
    counts: dict[int, int] = defaultdict(int)
    for offer_id in Score.objects.filter(member=member).values_list("offer_id", flat=True):
        counts[offer_id] += 1
    return [
        MemberOffer(
            offer=o,
            oferents=oferent_names(o),
            title=title_of(o),
            conflict=o.pk in conflicts,
            scored=criteria_count > 0 and counts.get(o.pk, 0) >= criteria_count,
        )
        for o in offers
    ]


def offer_for_member(call: Call, pk: int) -> Offer:
    """An offer of ``call`` the commission evaluates, with its current version, or 404."""
    return get_object_or_404(
        Offer.objects.filter(call=call, status__in=RANKED, current_version__isnull=False).select_related(
            "call", "organization", "current_version"
        ),
        pk=pk,
    )


def criteria_of(call: Call) -> list[Criterion]:
    return list(Criterion.objects.filter(call=call).order_by("position", "id"))


@dataclasses.dataclass(frozen=True)
class MemberScore:
    member: Member
    total: Decimal
    points: list[Decimal]  # in the order of the criteria


def offer_scores(offer: Offer, criteria: list[Criterion]) -> list[MemberScore]:
    """Every member's complete scores of ``offer`` (the members who declared a conflict with it have none that
    count, and are left out), voting members first."""
    conflicted = set(Conflict.objects.filter(offer=offer).values_list("member_id", flat=True))
    by_member: dict[int, dict[int, Score]] = defaultdict(dict)
    members: dict[int, Member] = {}
    for score in Score.objects.filter(offer=offer).select_related("member"):
        if score.member_id in conflicted:
            continue
        by_member[score.member_id][score.criterion_id] = score
        members[score.member_id] = score.member
    wanted = {c.pk for c in criteria}
    rows = [
        MemberScore(
            member=members[m],
            total=sum((s.points for c, s in scores.items() if c in wanted), Decimal(0)),
            points=[scores[c.pk].points for c in criteria],
        )
        for m, scores in by_member.items()
        if wanted and wanted <= set(scores)
    ]
    rows.sort(key=lambda r: (not r.member.votes, ROLE_ORDER.get(r.member.role, 9), r.member.full_name.lower()))
    return rows
