"""After a partial award: the update (a ``grants.reopening`` provider, its check and what filing it does) or the
resignation (see ``grants.services.results``)."""

from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.models import User
from razem.core import audit
from razem.core.money import GROSZ, ZERO, money, percent, pln, share
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants import budget as budget_module
from razem.grants.models import Award, Offer, OfferVersion
from razem.grants.reopening import Reopening
from razem.grants.validation import Issue
from razem.grants.workflows.results import AWARD

UPDATE = "update"
UPDATE_SECTIONS = frozenset({"dzialania", "koszty"})


def offer_resign(*, actor: User, offer: Offer, reason: str = "", request: HttpRequest | None = None) -> Offer:
    """Resign from the grant awarded (refused, and nothing changed, when resigned already or not awarded)."""
    ensure(actor, "grants.resign_award", offer)
    resigned: Offer = AWARD.take(offer, "resign", actor=actor, reason=reason, request=request)
    offer.status = resigned.status
    return resigned


def least_total_cost(amount: Decimal, grant_share: Decimal) -> Decimal:
    """The smallest total cost (to the grosz) in which ``amount`` is at most ``grant_share`` per cent, as
    ``core.money.share`` rounds it."""
    amount = money(amount)
    if grant_share <= 0 or amount <= 0:
        return amount
    high = (amount * 100 / grant_share).quantize(GROSZ, rounding=ROUND_CEILING)
    low = max(amount, (amount * 100 / (grant_share + Decimal("0.005"))).quantize(GROSZ) - GROSZ)
    while share(amount, high) > grant_share:  # never more than a grosz or two
        high += GROSZ
    # The smallest cost that passes lies in (low, high]: halve the interval on whole grosze.
    lo, hi = int(low * 100), int(high * 100)
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if share(amount, Decimal(middle) / 100) <= grant_share:
            hi = middle
        else:
            lo = middle
    return money(Decimal(hi) / 100)


def update_problems(offer: Offer) -> list[Issue]:
    """What stops the update from being filed besides the usual filing problems: the grant differs from the award
    (in total or in a year), the grant's share of the total cost rose, or a rule of the call is broken."""
    award = Award.objects.prefetch_related("years").filter(offer_id=offer.pk).first()
    if award is None:
        return []
    call = offer.call
    lines = sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk))
    figures = budget_module.build(offer.years, lines, offer.funding.all())
    years = list(figures.years)
    issues: list[Issue] = []
    if figures.grant != award.amount:
        issues.append(
            Issue(
                "koszty",
                "grant",
                _(
                    "The grant in the update is %(grant)s; it must equal the grant awarded, %(award)s (V.B, the "
                    "planned grant)."
                )
                % {"grant": pln(figures.grant), "award": pln(award.amount)},
            )
        )
    awarded = {row.year: row.amount for row in award.years.all()}
    if len(set(years) | set(awarded)) > 1:
        for year in sorted(set(years) | set(awarded)):
            grant = figures.sources_in(year).grant
            if grant != awarded.get(year, ZERO):
                issues.append(
                    Issue(
                        "koszty",
                        f"funding.{year}.grant",
                        _(
                            "In %(year)s the grant in the update is %(grant)s; the decision awards %(award)s for "
                            "that year."
                        )
                        % {"year": year, "grant": pln(grant), "award": pln(awarded.get(year, ZERO))},
                    )
                )
    if figures.total_cost and share(figures.grant, figures.total_cost) > award.grant_share:
        issues.append(
            Issue(
                "koszty",
                f"funding.{years[0]}.own_financial" if years else "lines",
                _(
                    "The grant is %(share)s of the total cost; it may not rise above %(max)s, its share in the offer "
                    "as awarded. With a grant of %(grant)s the total cost must be at least %(least)s: keep the own "
                    "contribution, do not cut it with the grant."
                )
                % {
                    "share": percent(share(figures.grant, figures.total_cost)),
                    "max": percent(award.grant_share),
                    "grant": pln(award.amount),
                    "least": pln(least_total_cost(award.amount, award.grant_share)),
                },
            )
        )
    for problem in budget_module.check(figures, call):
        if problem.field == "grant":
            continue  # the grant is the award's, checked above (a smaller grant than the call's least is decided)
        issues.append(Issue("koszty", problem.field, problem.message))
    return issues


def update_filed(offer: Offer, version: OfferVersion, actor: Any) -> None:
    """Filing the update (under the offer's lock): the award has it; the office is told."""
    award = Award.objects.select_for_update().get(offer_id=offer.pk)
    award.update = Award.Update.FILED
    award.updated_version = version
    award.save(update_fields=["update", "updated_version"])
    audit.record(
        actor=actor,
        action="grants.award.update_filed",
        obj=award,
        data={"offer": offer.pk, "version": version.number, "checksum": version.checksum},
    )
    call = offer.call
    notify_many(
        kind="grants/update_filed",
        audience=User.objects.city_staff(),
        context={"offer": offer, "call": call, "award": award, "version": version},
        url=reverse("grants_staff:offer", args=[call.slug, offer.pk]) if call is not None else "",
    )


UPDATE_LABEL = gettext_lazy("Update the schedule and the budget to the grant awarded")


def update_reopening(offer: Any) -> Reopening | None:
    """The update of an offer awarded less than requested, until it is filed (or the oferent resigns)."""
    if offer is None or getattr(offer, "status", None) != Offer.Status.AWARDED:
        return None
    award = Award.objects.filter(offer_id=offer.pk, update=Award.Update.AWAITED).only("update_due").first()
    if award is None or award.update_due is None:
        return None
    from razem.core.reference import statutory_record

    return Reopening(
        kind=UPDATE,
        label=UPDATE_LABEL,
        sections=UPDATE_SECTIONS,
        due=award.update_due,
        legal_ref=str(statutory_record("award_update_days", award.update_due).legal_ref),
        check=update_problems,
        after_file=update_filed,
        target_status=Offer.Status.AWARDED,
    )
