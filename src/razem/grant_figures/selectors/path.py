"""The path of one call, for the section "Przebieg konkursu" on its public page: the announcement and its channels,
the offers filed and what they request, the competition commission, the results, the contracts signed, the reports
accepted and the sums returned. Six queries whatever the number of offers (the publications come with the call's
page, prefetched); the scope of each figure is ``scope``'s, so the path and the yearly figures agree.

A figure is shown only once it is public: the offers after the deadline, the results once published (with the
awards), the contracts, reports and returns after that."""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from razem.commissions.models import Member, Opinion
from razem.core.money import ZERO, money
from razem.grant_figures.expressions import MONEY
from razem.grant_figures.selectors import scope
from razem.grants.models import Call, Decision, Offer, Publication


@dataclasses.dataclass(frozen=True)
class OfferFigures:
    filed: int = 0
    requested: Decimal = ZERO
    rejected: int = 0
    funded: int = 0
    awarded: Decimal = ZERO
    not_funded: int = 0
    contracts: int = 0
    contracted: Decimal = ZERO


@dataclasses.dataclass(frozen=True)
class Commission:
    """The commission's composition (members not excluded, by role) and its sitting."""

    mayor: int = 0
    ngo: int = 0
    expert: int = 0
    sat_on: datetime.date | None = None

    @property
    def members(self) -> int:
        return self.mayor + self.ngo + self.expert


@dataclasses.dataclass(frozen=True)
class CallPath:
    call: Call
    phase: str
    announcement: list[Publication]
    results_publications: list[Publication]
    offers: OfferFigures
    commission: Commission
    decision: Decision | None
    reports_accepted: int
    to_return: Decimal
    returned: Decimal

    @property
    def deadline_passed(self) -> bool:
        return self.phase not in (Call.Phase.DRAFT, Call.Phase.OPEN)

    @property
    def results_public(self) -> bool:
        return self.decision is not None and self.decision.results_published_at is not None


def _offer_figures(call: Call) -> OfferFigures:
    """One query: the offers of ``call`` counted and summed, each with its award and contract (one-to-one)."""
    filed = scope.filed_offer()
    awarded = Q(award__isnull=False) & scope.public_award("award__", offer="")
    contracted = awarded & scope.signed_contract("contract__")
    # What an offer requested: as in the version the decision was made on, or as last filed.
    requested = Coalesce("award__version__grant_requested", "current_version__grant_requested", output_field=MONEY)
    sums = Offer.objects.filter(call=call).aggregate(
        filed=Count("pk", filter=filed),
        requested=Sum(requested, filter=filed),
        rejected=Count("pk", filter=Q(status=Offer.Status.REJECTED)),
        funded=Count("pk", filter=awarded),
        awarded=Sum("award__amount", filter=awarded),
        not_funded=Count("pk", filter=Q(status=Offer.Status.NOT_AWARDED)),
        contracts=Count("pk", filter=contracted),
        contracted=Sum("award__amount", filter=contracted),
    )
    return OfferFigures(
        filed=sums["filed"],
        requested=money(sums["requested"]),
        rejected=sums["rejected"],
        funded=sums["funded"],
        awarded=money(sums["awarded"]),
        not_funded=sums["not_funded"],
        contracts=sums["contracts"],
        contracted=money(sums["contracted"]),
    )


def _commission(call: Call) -> Commission:
    """Two queries: the members by role, the date of the sitting whose opinion was adopted."""
    roles = dict(
        Member.objects.filter(call=call, excluded=False)
        .order_by()
        .values_list("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    sat_on = Opinion.objects.filter(call=call, adopted_at__isnull=False).values_list("sat_on", flat=True).first()
    return Commission(
        mayor=roles.get(Member.Role.MAYOR, 0),
        ngo=roles.get(Member.Role.NGO, 0),
        expert=roles.get(Member.Role.EXPERT, 0),
        sat_on=sat_on,
    )


def call_path(call: Call, now: datetime.datetime | None = None) -> CallPath | None:
    """The path of a published call (None for a draft): six queries, the publications taken from the call's
    prefetched ``publications`` when the page fetched them."""
    now = now or timezone.now()
    phase = call.phase(now)
    if phase == Call.Phase.DRAFT:
        return None
    publications = list(call.publications.all())
    decision = Decision.objects.filter(call=call).first()
    returns = (
        scope.settlements()
        .filter(contract__offer__call=call)
        .aggregate(to_return=Sum("to_return"), returned=Sum("returned"))
    )
    return CallPath(
        call=call,
        phase=phase,
        announcement=[p for p in publications if p.subject == Publication.Subject.CALL],
        results_publications=[p for p in publications if p.subject == Publication.Subject.RESULTS],
        offers=_offer_figures(call),
        commission=_commission(call),
        decision=decision,
        reports_accepted=scope.accepted_reports().filter(contract__offer__call=call).count(),
        to_return=money(returns["to_return"]),
        returned=money(returns["returned"]),
    )


def path_context(call: Any, user: Any) -> dict[str, Any] | None:
    """The page section's context (``registry.PageSection``) for the call's public page."""
    path = call_path(call)
    return None if path is None else {"path": path, "steps": steps(path)}


# The steps ----------------------------------------------------------------------------------------------------------

DONE, CURRENT, UPCOMING = "done", "current", "upcoming"


def steps(path: CallPath) -> list[dict[str, Any]]:
    """The steps of the path in order, each ``{"key", "state"}`` (done, current or upcoming); a cancelled call
    ends with its cancellation after the offers."""
    call_phase = path.phase
    if call_phase == Call.Phase.CANCELLED:
        keys = ["announcement", "offers", "cancelled"]
        return [{"key": key, "state": DONE} for key in keys]
    keys = ["announcement", "offers", "commission", "results", "contracts", "reports"]
    if call_phase == Call.Phase.OPEN:
        current = "offers"
    elif not path.results_public:
        current = "commission" if path.commission.sat_on is None else "results"
    elif not path.offers.contracts:
        current = "contracts"
    else:
        current = "reports"
    position = keys.index(current)
    return [
        {"key": key, "state": DONE if n < position else CURRENT if n == position else UPCOMING}
        for n, key in enumerate(keys)
    ]
