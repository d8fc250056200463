"""Reads of the decision, the results, the questions and the update (grants II), each page in a fixed number of
queries.

Every figure of an offer is its current filed version's (``OfferVersion.content``), as on the office's other pages.

- ``split_amount(amount, weights)``: an amount split over the years in proportion to ``weights`` (the grant requested
  per year), half up to the grosz, the remainder in the last year, and never above a year's weight;
- ``requested_by_year(version)``: the grant a filed version requests per year;
- ``call_funds(call)``: the call's funds per year;
- ``candidates(call)``: the rows of the decision page: before the decision, the admitted offers with their points,
  requests and the commission's proposal split per year (the prefill); after it, the offers it considered with their
  awards and the state of their updates;
- ``year_sums(funds, amounts)``: per year, the funds against the sum of the amounts (the page's live sums);
- ``decision_for(call)``: the decision with its publications;
- ``results_of(call)``: the public results (funded, not funded, the count of offers rejected formally);
- ``questions_of(call)`` / ``questions_of_offer(offer)`` / ``unanswered_count(call)``: the questions about the
  decision;
- ``update_state(award)``: "awaited", "overdue", "filed", "resigned" or "not_needed".
"""

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from razem.core.deadlines import days_of
from razem.core.money import ZERO, money
from razem.grants.models import Award, AwardYear, Call, Decision, Offer, OfferVersion, Publication, Question

CONSIDERED = (Offer.Status.AWARDED, Offer.Status.NOT_AWARDED, Offer.Status.RESIGNED)
# Offers the formal check has not finished with: the decision waits for them.
UNCHECKED = (Offer.Status.FILED, Offer.Status.CORRECTING)


# Arithmetic -------------------------------------------------------------------------------------------------------


def split_amount(amount: Decimal, weights: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """``amount`` split over the years of ``weights`` in proportion to them, each part half up to the grosz and the
    remainder in the last year. No part exceeds its year's weight when ``amount`` does not exceed their sum (a grosz
    that would is moved to an earlier year with room). With no weight at all, everything falls in the first year."""
    years = sorted(weights)
    if not years:
        return {}
    amount = money(amount)
    whole = money(sum((money(weights[y]) for y in years), ZERO))
    if not whole:
        return {y: (amount if n == 0 else ZERO) for n, y in enumerate(years)}
    parts: dict[int, Decimal] = {}
    for year in years[:-1]:
        parts[year] = money(amount * money(weights[year]) / whole)
    parts[years[-1]] = money(amount - sum(parts.values(), ZERO))
    # Rounding the earlier years up may leave the last one below zero: take the grosze back from the latest others.
    if parts[years[-1]] < 0:
        deficit, parts[years[-1]] = -parts[years[-1]], ZERO
        for other in reversed(years[:-1]):
            taken = min(parts[other], deficit)
            parts[other] -= taken
            deficit -= taken
            if not deficit:
                break
    if amount <= whole:
        # Rounding may leave the last year a few grosze above its weight: move them to years with room.
        for year in reversed(years):
            excess = parts[year] - money(weights[year])
            if excess <= 0:
                continue
            parts[year] -= excess
            for other in years:
                room = money(weights[other]) - parts[other]
                if other == year or room <= 0:
                    continue
                moved = min(room, excess)
                parts[other] += moved
                excess -= moved
                if not excess:
                    break
            parts[year] += excess  # only when nothing had room (impossible while amount <= whole)
    return {y: money(parts[y]) for y in years}


def requested_by_year(version: OfferVersion | None) -> dict[int, Decimal]:
    """The grant ``version`` requests in each budget year (V.B as filed: ``content["funding"]``, else the budget)."""
    if version is None:
        return {}
    content = version.content or {}
    funding = content.get("funding") or {}
    if funding:
        return {int(y): money((row or {}).get("grant")) for y, row in funding.items()}
    by_year = (content.get("budget") or {}).get("sources_by_year") or {}
    return {int(y): money((row or {}).get("grant")) for y, row in by_year.items()}


def oferent_names(version: OfferVersion | None) -> list[str]:
    return [str(o.get("name", "")) for o in ((version.content or {}) if version else {}).get("oferents") or []]


def filed_title(offer: Offer) -> str:
    version = offer.current_version
    task = ((version.content or {}) if version else {}).get("task") or {}
    return str(task.get("title") or offer.title)


def call_funds(call: Call) -> dict[int, Decimal]:
    return {row.year: money(row.amount) for row in call.funds.all()}


@dataclasses.dataclass(frozen=True)
class YearSum:
    year: int
    funds: Decimal
    awarded: Decimal

    @property
    def over(self) -> bool:
        return self.awarded > self.funds

    @property
    def left(self) -> Decimal:
        return money(self.funds - self.awarded)

    @property
    def excess(self) -> Decimal:
        return money(max(self.awarded - self.funds, ZERO))


def year_sums(funds: Mapping[int, Decimal], amounts: Iterable[Mapping[int, Decimal | None]]) -> list[YearSum]:
    """Per year (those with funds and those awarded in), the funds against the sum of ``amounts``."""
    totals: dict[int, Decimal] = {year: ZERO for year in funds}
    for row in amounts:
        for year, amount in row.items():
            totals[year] = money(totals.get(year, ZERO) + money(amount))
    return [YearSum(year, money(funds.get(year, ZERO)), totals[year]) for year in sorted(totals)]


# The decision page ---------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Candidate:
    """An offer on the decision page: what the office decides on (or decided)."""

    offer: Offer
    names: list[str]
    title: str
    points: Decimal | None
    proposed: Decimal | None
    requested: Decimal
    requested_by_year: dict[int, Decimal]
    prefill: dict[int, Decimal]
    award: Award | None = None
    awarded_by_year: dict[int, Decimal] = dataclasses.field(default_factory=dict)
    state: str = ""

    @property
    def awarded(self) -> Decimal:
        return self.award.amount if self.award is not None else ZERO

    @property
    def partial(self) -> bool:
        return self.award is not None and self.award.is_partial


def prefill(proposed: Decimal | None, requested: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """The commission's proposal split per year in proportion to the requests (capped at the request; none: 0)."""
    if proposed is None or proposed <= 0:
        return {year: ZERO for year in requested}
    whole = money(sum(requested.values(), ZERO))
    return split_amount(min(money(proposed), whole) if whole else money(proposed), requested)


def _candidate_offers(call: Call, statuses: Sequence[str], *, versions: bool = False) -> QuerySet[Offer]:
    related = ["organization", "current_version", "award"]
    if versions:
        related += ["award__version", "award__updated_version"]
    return (
        Offer.objects.filter(call=call, status__in=statuses, current_version__isnull=False)
        .select_related(*related)
        .prefetch_related(Prefetch("award__years", AwardYear.objects.order_by("year")))
        .order_by("number", "id")
    )


def candidates(call: Call, *, today: datetime.date | None = None) -> list[Candidate]:
    """The admitted offers (before the decision) or the offers it considered (after), best points first."""
    decided = decision_for(call) is not None
    today = today or timezone.localdate()
    rows = []
    for offer in _candidate_offers(call, CONSIDERED if decided else (Offer.Status.ADMITTED,), versions=decided):
        # The requests as decided on: the version the award was made on (an update files a later one).
        award = award_of(offer) if decided else None
        version = award.version if award is not None else offer.current_version
        requested = requested_by_year(version)
        rows.append(
            Candidate(
                offer=offer,
                names=oferent_names(offer.current_version),
                title=filed_title(offer),
                points=offer.points,
                proposed=offer.proposed_grant,
                requested=money(sum(requested.values(), ZERO)),
                requested_by_year=requested,
                prefill=prefill(offer.proposed_grant, requested),
                award=award,
                awarded_by_year={y.year: y.amount for y in award.years.all()} if award else {},
                state=update_state(award, today) if award else "",
            )
        )
    rows.sort(key=lambda c: (-(c.points if c.points is not None else Decimal("-1")), c.offer.number, c.offer.pk))
    return rows


def waiting_offers(call: Call) -> dict[str, list[Offer]]:
    """The offers that keep the decision waiting: still in the formal check ("unchecked"), and admitted without the
    commission's opinion ("no_opinion")."""
    offers = Offer.objects.filter(call=call, status__in=(*UNCHECKED, Offer.Status.ADMITTED)).order_by("number", "id")
    found: dict[str, list[Offer]] = {"unchecked": [], "no_opinion": []}
    for offer in offers.only("pk", "number", "title", "status", "points"):
        if offer.status in UNCHECKED:
            found["unchecked"].append(offer)
        elif offer.points is None:
            found["no_opinion"].append(offer)
    return found


def rejected_count(call: Call) -> int:
    return Offer.objects.filter(call=call, status=Offer.Status.REJECTED).count()


def decision_for(call: Call) -> Decision | None:
    """The decision on ``call`` (cached on the call), or None."""
    from razem.grants.rules_results import decision_of

    return decision_of(call)


def update_state(award: Award | None, today: datetime.date | None = None) -> str:
    if award is None:
        return ""
    if award.update == Award.Update.AWAITED:
        today = today or timezone.localdate()
        return "overdue" if award.update_due is not None and award.update_due < today else "awaited"
    return str(award.update)


def update_counts(rows: Iterable[Candidate]) -> dict[str, int]:
    counts = {"awaited": 0, "overdue": 0, "filed": 0, "resigned": 0}
    for row in rows:
        if row.state in counts:
            counts[row.state] += 1
    return counts


def publications_of(call: Call, subject: str = Publication.Subject.RESULTS) -> list[Publication]:
    return list(Publication.objects.filter(call=call, subject=subject).order_by("published_on", "channel"))


# The public results -----------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ResultRow:
    number: str
    names: list[str]
    title: str
    points: Decimal | None
    amount: Decimal
    by_year: list[Decimal]
    resigned: bool


@dataclasses.dataclass(frozen=True)
class Results:
    call: Call
    decision: Decision
    publications: list[Publication]
    years: list[int]
    funded: list[ResultRow]
    not_funded: list[ResultRow]
    rejected: int
    totals: list[Decimal]
    total: Decimal

    @property
    def multi_year(self) -> bool:
        return len(self.years) > 1

    @property
    def published(self) -> bool:
        return self.decision.results_published_at is not None


def results_of(call: Call) -> Results | None:
    """The results of ``call`` as published (or as they will be, for the office's preview): None before the
    decision. Five queries: the decision, the publications, the offers with their awards and versions, the years of
    the awards, the count of offers rejected formally."""
    decision = decision_for(call)
    if decision is None:
        return None
    offers = list(_candidate_offers(call, CONSIDERED))
    awarded = {
        offer.pk: {y.year: y.amount for y in award.years.all()} for offer in offers if (award := award_of(offer))
    }
    years = sorted(set(call.years).union(*(set(by_year) for by_year in awarded.values())))
    funded, not_funded = [], []
    totals = {year: ZERO for year in years}
    for offer in offers:
        award = award_of(offer)
        by_year = awarded.get(offer.pk, {})
        row = ResultRow(
            number=offer.number,
            names=oferent_names(offer.current_version),
            title=filed_title(offer),
            points=offer.points,
            amount=award.amount if award is not None else ZERO,
            by_year=[money(by_year.get(year, ZERO)) for year in years],
            resigned=offer.status == Offer.Status.RESIGNED,
        )
        if award is not None:
            funded.append(row)
            for year, amount in by_year.items():
                totals[year] = money(totals.get(year, ZERO) + amount)
        else:
            not_funded.append(row)

    def order(row: ResultRow) -> tuple[Any, ...]:
        return (-(row.points if row.points is not None else Decimal("-1")), row.number)

    funded.sort(key=order)
    not_funded.sort(key=order)
    return Results(
        call=call,
        decision=decision,
        publications=publications_of(call),
        years=years,
        funded=funded,
        not_funded=not_funded,
        rejected=rejected_count(call),
        totals=[totals[year] for year in years],
        total=money(sum(totals.values(), ZERO)),
    )


def award_of(offer: Offer) -> Award | None:
    try:
        return offer.award  # type: ignore[no-any-return]
    except Award.DoesNotExist:
        return None


# Questions ----------------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class QuestionRow:
    question: Question
    waiting: int  # days since it was asked (until answered)
    late: bool  # unanswered beyond the office's practice window


def questions_of(call: Call, *, today: datetime.date | None = None) -> list[QuestionRow]:
    """The questions about the decision on ``call``: unanswered first (the longest waiting first), then answered."""
    today = today or timezone.localdate()
    window = days_of("question_answer_days", today)
    rows = []
    questions = Question.objects.filter(call=call).select_related("offer", "offer__organization", "asked_by")
    for question in questions.order_by("asked_at", "id"):
        asked = timezone.localtime(question.asked_at).date()
        end = timezone.localtime(question.answered_at).date() if question.answered_at else today
        waiting = (end - asked).days
        rows.append(QuestionRow(question, waiting, not question.answered_at and waiting > window))
    rows.sort(key=lambda r: (bool(r.question.answered_at), r.question.asked_at))
    return rows


def questions_of_offer(offer: Offer) -> list[Question]:
    return list(Question.objects.filter(offer=offer).select_related("asked_by").order_by("asked_at", "id"))


def unanswered_count(call: Call) -> int:
    return Question.objects.filter(call=call, answered_at__isnull=True).count()
