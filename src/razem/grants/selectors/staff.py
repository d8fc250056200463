"""The office's reads of the offers of a call (point 12 of the issue): the filed offers with their sums, and the
requested grants against the call's funds, year by year.

The filed version is what counts: every figure comes from the offer's current ``OfferVersion`` (its ``content``,
as ``grants.content.offer_content`` froze it, and its ``total_cost`` / ``grant_requested``), never from the live
rows, which the oferent may be editing into a corrected version. Drafts (never filed) are not the office's: the
list holds the offers filed at least once that are filed now or were withdrawn (marked as such).

- ``call_for_office``: the call of the page, its funds prefetched;
- ``offers_for_office``: the list's queryset (one query per page with ``core.pagination``), annotated with what
  the columns sort by;
- ``funds_overview``: per year, the call's funds and the grants the filed offers request (one query for the
  funds, one for the requests);
- ``offer_for_office``: one offer with its versions and attachments;
- ``figures``: the sums of a version, read from its content.
"""

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, Prefetch, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from razem.core.money import ZERO, money, share
from razem.core.slugs import get_by_slug_or_404
from razem.grants.models import Call, CallFunds, Offer, OfferAttachment, OfferPartner, OfferVersion

SHOWN = (*Offer.FILED_STATES, Offer.Status.WITHDRAWN)
MONEY_OUTPUT = DecimalField(max_digits=16, decimal_places=2)
SHARE_OUTPUT = DecimalField(max_digits=7, decimal_places=2)


def call_for_office(slug: str) -> Call:
    return get_by_slug_or_404(
        Call.objects.prefetch_related(Prefetch("funds", CallFunds.objects.order_by("year"))), slug
    )


def _filed_text(*path: str) -> KeyTextTransform:
    """The text at ``path`` in the current version's content (``KT()`` would take ``current_version`` for the JSON
    field itself, so the transforms are nested by hand)."""
    *parents, last = path
    expression: Any = F("current_version__content")
    for key in parents:
        expression = KeyTransform(key, expression)
    return KeyTextTransform(last, expression)


def offers_for_office(call: Call) -> QuerySet[Offer]:
    """The offers of ``call`` filed at least once (in any state since: checked, decided, withdrawn), with their current
    version."""
    return (
        Offer.objects.filter(call=call, status__in=SHOWN, current_version__isnull=False)
        .select_related("organization", "current_version", "current_version__filed_by")
        .annotate(
            filed_title=_filed_text("task", "title"),
            own_share=Cast(_filed_text("budget", "shares", "own"), SHARE_OUTPUT),
        )
    )


def search_offers(offers: QuerySet[Offer], text: str) -> QuerySet[Offer]:
    """Offers whose number, title (as filed or as edited) or an oferent's name (lead or confirmed partner)
    contains ``text``, case-insensitively."""
    text = text.strip()
    if not text:
        return offers
    partners = OfferPartner.objects.filter(
        status=OfferPartner.Status.CONFIRMED, organization__name__icontains=text
    ).values("offer_id")
    return offers.filter(
        Q(number__icontains=text)
        | Q(title__icontains=text)
        | Q(filed_title__icontains=text)
        | Q(organization__name__icontains=text)
        | Q(organization__short_name__icontains=text)
        | Q(pk__in=partners)
    )


@dataclasses.dataclass(frozen=True)
class Figures:
    """The sums of one filed version (section V of its content)."""

    years: tuple[int, ...]
    total_cost: Decimal
    grant: Decimal
    grant_by_year: Mapping[int, Decimal]
    own_financial: Decimal
    own_personal: Decimal
    own_material: Decimal
    recipient_fees: Decimal

    @property
    def own_nonfinancial(self) -> Decimal:
        return money(self.own_personal + self.own_material)

    @property
    def own(self) -> Decimal:
        return money(self.own_financial + self.own_nonfinancial)

    def share_of(self, amount: Decimal) -> Decimal:
        return share(amount, self.total_cost)

    @property
    def own_share(self) -> Decimal:
        return self.share_of(self.own)

    @property
    def own_financial_share(self) -> Decimal:
        return self.share_of(self.own_financial)

    @property
    def own_nonfinancial_share(self) -> Decimal:
        return self.share_of(self.own_nonfinancial)

    @property
    def grant_share(self) -> Decimal:
        return self.share_of(self.grant)


def figures(version: OfferVersion) -> Figures:
    """The sums of ``version``: the budget as ``grants.budget`` computed it when the version was filed (read once
    per version object)."""
    cached = version.__dict__.get("_razem_figures")
    if cached is None:
        cached = version.__dict__["_razem_figures"] = _figures(version)
    return cached  # type: ignore[no-any-return]


def _figures(version: OfferVersion) -> Figures:
    budget = (version.content or {}).get("budget") or {}
    sources = budget.get("sources") or {}
    by_year = budget.get("sources_by_year") or {}
    years = tuple(int(y) for y in budget.get("years") or sorted(by_year))
    return Figures(
        years=years,
        total_cost=money(budget.get("total_cost", version.total_cost)),
        grant=money(sources.get("grant", version.grant_requested)),
        grant_by_year={int(y): money((by_year.get(str(y)) or {}).get("grant")) for y in years},
        own_financial=money(sources.get("own_financial")),
        own_personal=money(sources.get("own_personal")),
        own_material=money(sources.get("own_material")),
        recipient_fees=money(sources.get("recipient_fees")),
    )


def oferent_names(version: OfferVersion) -> list[str]:
    """The oferents as filed: the lead first, then the partners who confirmed."""
    return [str(o.get("name", "")) for o in (version.content or {}).get("oferents") or []]


@dataclasses.dataclass(frozen=True)
class YearFunds:
    """One budget year of a call: its funds, the grants the filed offers request, and what that leaves."""

    year: int | None  # None: the whole call
    funds: Decimal
    requested: Decimal

    @property
    def balance(self) -> Decimal:
        """Funds left (positive) or missing (negative) if every request were granted in full."""
        return money(self.funds - self.requested)

    @property
    def over(self) -> bool:
        return self.requested > self.funds

    @property
    def shortfall(self) -> Decimal:
        """How much the requests exceed the funds (zero when they do not)."""
        return money(max(self.requested - self.funds, ZERO))

    @property
    def ratio(self) -> Decimal:
        """The requests as a percentage of the funds (above 100: over-subscribed)."""
        return share(self.requested, self.funds)


@dataclasses.dataclass(frozen=True)
class FundsOverview:
    years: list[YearFunds]
    total: YearFunds
    filed: int
    withdrawn: int

    @property
    def over(self) -> bool:
        return any(row.over for row in self.years)


def funds_overview(call: Call) -> FundsOverview:
    """The call's funds per year against the grants requested in the filed offers (withdrawn ones do not count).

    The request of each year comes from the filed version's budget (``sources_by_year``); a year an offer asks
    for but the call has no funds for is listed with zero funds."""
    funds = {row.year: money(row.amount) for row in call.funds.all()}
    requested: dict[int, Decimal] = {year: ZERO for year in funds}
    filed = withdrawn = 0
    rows = Offer.objects.filter(call=call, status__in=SHOWN, current_version__isnull=False).values_list(
        "status", "current_version__content__budget__sources_by_year"
    )
    for status, by_year in rows:
        if status == Offer.Status.WITHDRAWN:
            withdrawn += 1
            continue
        filed += 1
        for year, sources in _mapping(by_year).items():
            amount = money(_mapping(sources).get("grant"))
            requested[int(year)] = money(requested.get(int(year), ZERO) + amount)
    years = [YearFunds(year, funds.get(year, ZERO), requested[year]) for year in sorted(requested)]
    total = YearFunds(None, money(sum((r.funds for r in years), ZERO)), money(sum((r.requested for r in years), ZERO)))
    return FundsOverview(years=years, total=total, filed=filed, withdrawn=withdrawn)


def _mapping(value: Any) -> Mapping[str, Any]:
    if isinstance(value, str):  # a backend that returns the JSON text of a key
        import json

        value = json.loads(value)
    return value if isinstance(value, Mapping) else {}


def offer_for_office(call: Call, pk: int) -> Offer:
    """An offer of ``call`` the office may read (filed at least once: in any state after filing, the formal check and
    the decision included), or 404."""
    return get_object_or_404(
        Offer.objects.filter(call=call, current_version__isnull=False)
        .exclude(status=Offer.Status.DRAFT)
        .select_related("organization", "current_version", "current_version__filed_by", "filed_by")
        .prefetch_related(
            Prefetch("versions", OfferVersion.objects.select_related("filed_by").order_by("-number")),
            Prefetch("attachments", OfferAttachment.objects.select_related("requirement").order_by("uploaded_at")),
        ),
        pk=pk,
    )


def attachment_links(offer: Offer, version: OfferVersion) -> list[dict[str, Any]]:
    """The attachments listed in ``version`` with the stored file that has the same SHA-256 (for its link), if it
    is still there (a later correction may have replaced it)."""
    stored = {a.sha256: a for a in offer.attachments.all()}
    listed: Iterable[Mapping[str, Any]] = (version.content or {}).get("attachments") or []
    return [{**row, "stored": stored.get(str(row.get("sha256", "")))} for row in listed]
