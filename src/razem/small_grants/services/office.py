"""The office's writes on small grants: the plan of grants of a budget year, the publication of an offer for
comments and the decision.

    year_plan_record(*, actor, year, planned_grants, note="", request=None) -> YearPlan
    small_grant_publish(*, actor, offer, publications, request=None) -> Offer
    small_grant_decide(*, actor, offer, accept, number, made_on, amount=None, reason="", request=None) -> Offer

- ``publications``: the BIP (date and address) and the notice board (date), as dicts with channel ("bip",
  "notice_board"), published_on, url, note; neither date in the future nor before the offer was received. Razem
  itself is recorded as published today, and the comment period runs from today to
  ``deadline("small_grant_comment_days", today)`` inclusive: anyone may comment until the end of that day.
- The decision comes only after the comment period (the day after its last day at the earliest, both by the
  clock and by the date of the decision). To award: the decision's number and date and the amount (more than zero,
  at most the grant requested); the limits of art. 19a are checked again, by the statutory values valid on the
  decision's date and with the amount awarded, under the row lock of the year's plan (so two decisions of one year
  are checked one after the other). It writes a ``grants.Decision`` (no call), a ``grants.Award`` (the version
  filed, the requested grant, no points, no update needed: the office may give less, the oferent covers the rest)
  and its ``AwardYear``. To refuse: the number, the date and the reason (the organization reads it); a
  ``Decision`` is written without an award. The oferent's people are told either way.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.deadlines import deadline
from razem.core.money import money, pln, share
from razem.core.permissions import ensure
from razem.core.schedule import when
from razem.core.workflow import Step
from razem.grants.models import Award, AwardYear, Decision, Offer
from razem.small_grants import limits
from razem.small_grants.models import SmallGrantPublication, YearPlan
from razem.small_grants.workflows import SMALL_GRANT

COMMENT_DAYS = "small_grant_comment_days"
ENTERED = (SmallGrantPublication.Channel.BIP, SmallGrantPublication.Channel.NOTICE_BOARD)
YEARS = (2000, 2100)


# The plan of a budget year ------------------------------------------------------------------------------------------


@transaction.atomic
def year_plan_record(
    *, actor: User, year: int, planned_grants: Decimal, note: str = "", request: HttpRequest | None = None
) -> YearPlan:
    """Record (or correct) the grants planned for NGO tasks in ``year``."""
    ensure(actor, "small_grants.manage_plans")
    if not YEARS[0] <= int(year) <= YEARS[1]:
        raise ValidationError({"year": _("Enter a budget year, e.g. %(year)s.") % {"year": timezone.localdate().year}})
    if planned_grants is None or planned_grants < 0:
        raise ValidationError({"planned_grants": _("The amount cannot be negative.")})
    planned = money(planned_grants)
    plan = YearPlan.objects.select_for_update().filter(year=year).first()
    before = str(plan.planned_grants) if plan is not None else None
    if plan is None:
        plan = YearPlan(year=year)
    plan.planned_grants = planned
    plan.note = str(note or "").strip()
    plan.recorded_by = actor
    plan.recorded_at = timezone.now()
    plan.save()
    audit.record(
        actor=actor,
        action="small_grants.year_plan.recorded",
        obj=plan,
        data={"year": plan.year, "before": before, "after": str(planned)},
        request=request,
    )
    return plan


# Publication --------------------------------------------------------------------------------------------------------


def _clean_publications(
    publications: Iterable[Mapping[str, Any]], *, received: datetime.date | None, today: datetime.date
) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    rows: dict[str, dict[str, Any]] = {}
    labels = dict(SmallGrantPublication.Channel.choices)
    for row in publications:
        channel = str(row.get("channel") or "")
        if channel not in ENTERED:
            errors.setdefault("__all__", []).append(
                _("Unknown channel of publication: %(channel)s.") % {"channel": channel}
            )
            continue
        published_on = row.get("published_on")
        url = str(row.get("url") or "").strip()
        note = str(row.get("note") or "").strip()[:300]
        if not published_on and not url and not note:
            continue
        if channel in rows:
            errors.setdefault(f"{channel}_published_on", []).append(_("This channel is given twice."))
            continue
        if not published_on:
            errors.setdefault(f"{channel}_published_on", []).append(_("Give the date of this publication."))
            continue
        if published_on > today:
            errors.setdefault(f"{channel}_published_on", []).append(
                _("%(date)s is in the future: record a publication once it has appeared.")
                % {"date": when(published_on)}
            )
            continue
        if received is not None and published_on < received:
            errors.setdefault(f"{channel}_published_on", []).append(
                _("%(date)s is before the offer was received (%(received)s).")
                % {"date": when(published_on), "received": when(received)}
            )
            continue
        if channel == SmallGrantPublication.Channel.BIP and not url:
            errors.setdefault("bip_url", []).append(_("Give the address of the offer in the BIP."))
            continue
        rows[channel] = {"channel": channel, "published_on": published_on, "url": url, "note": note}
    for channel in ENTERED:
        if channel not in rows and not any(key.startswith(channel) for key in errors):
            errors.setdefault(f"{channel}_published_on", []).append(
                _("The offer must also be published here (art. 19a ust. 3): %(channel)s. Give the date.")
                % {"channel": labels[channel]}
            )
    if errors:
        raise ValidationError(errors)
    return list(rows.values())


def record_publication(offer: Offer, step: Step) -> None:
    """The effect of ``publish`` (under the lock): the channels, the comment period."""
    small_grant = offer.small_grant
    today = timezone.localdate()
    actor = step.actor
    small_grant.published_on = today
    small_grant.comments_until = deadline(COMMENT_DAYS, today).date
    small_grant.published_at = timezone.now()
    small_grant.published_by = actor
    small_grant.save(update_fields=["published_on", "comments_until", "published_at", "published_by"])
    SmallGrantPublication.objects.create(
        small_grant=small_grant,
        channel=SmallGrantPublication.Channel.RAZEM,
        published_on=today,
        url=settings.RAZEM_BASE_URL + small_grant.get_absolute_url(),
        recorded_by=actor,
    )
    for row in step.data.get("rows", ()):
        SmallGrantPublication.objects.create(small_grant=small_grant, recorded_by=actor, **row)


@transaction.atomic
def small_grant_publish(
    *, actor: User, offer: Offer, publications: list[dict[str, Any]], request: HttpRequest | None = None
) -> Offer:
    """Publish a filed offer for comments (see the module's doc)."""
    offer = Offer.objects.select_related("small_grant").get(pk=offer.pk)
    refusal = SMALL_GRANT.refusal(offer, SMALL_GRANT["publish"], actor, "")
    if refusal is not None:
        raise refusal
    rows = _clean_publications(publications, received=offer.small_grant.received_on, today=timezone.localdate())
    published: Offer = SMALL_GRANT.take(offer, "publish", actor=actor, request=request, rows=rows)
    return published


# The decision -------------------------------------------------------------------------------------------------------


def check_decision(offer: Offer, step: Step) -> None:
    """The guard of ``award`` and ``reject`` (under the offer's lock): after the comment period, and for an award
    within every limit of art. 19a on the decision's date, under the lock of the year's plan."""
    small_grant = offer.small_grant
    made_on: datetime.date = step.data["made_on"]
    if small_grant.comments_until is not None and made_on <= small_grant.comments_until:
        raise ValidationError(
            {
                "made_on": _(
                    "The decision can be made only after the comment period, which ends on %(date)s; %(made_on)s "
                    "is not after it."
                )
                % {"date": when(small_grant.comments_until), "made_on": when(made_on)}
            }
        )
    if step.target != "awarded":
        return
    year = small_grant.year or limits.budget_year(offer.start_date) or made_on.year
    YearPlan.objects.select_for_update().filter(year=year).values_list("pk", flat=True).first()
    found = limits.refusals(
        organization=offer.organization,
        start=offer.start_date,
        end=offer.end_date,
        grant=step.data["amount"],
        day=made_on,
        exclude_offer_id=offer.pk,
        grant_field="amount",
    )
    if found:
        errors: dict[str, list[str]] = {}
        for refusal in found:
            errors.setdefault(refusal.field, []).append(refusal.message)
        raise ValidationError(errors)


def record_decision(offer: Offer, step: Step) -> None:
    """The effect of ``award`` and ``reject``: the decision, and for an award the grant and its year."""
    small_grant = offer.small_grant
    version = offer.current_version
    decision = Decision.objects.create(
        call=None,
        number=step.data["number"],
        made_on=step.data["made_on"],
        title=_("Small grant (art. 19a): %(number)s") % {"number": offer.number},
        note=step.reason,
        recorded_by=step.actor,
    )
    if step.target == "awarded":
        if version is None:  # pragma: no cover - only a filed offer is published and decided
            raise ValidationError(_("The offer was never filed."))
        amount = money(step.data["amount"])
        award = Award.objects.create(
            decision=decision,
            offer=offer,
            amount=amount,
            requested=version.grant_requested,
            points=None,
            version=version,
            grant_share=share(amount, version.total_cost),
            update=Award.Update.NOT_NEEDED,
        )
        year = small_grant.year or step.data["made_on"].year
        AwardYear.objects.create(award=award, year=year, amount=amount)
        offer._state.fields_cache["award"] = award
    small_grant.decision = decision
    small_grant.decided_at = timezone.now()
    small_grant.decided_by = step.actor
    small_grant.save(update_fields=["decision", "decided_at", "decided_by"])
    audit.record(
        actor=step.actor,
        action="small_grants.decision.recorded",
        obj=decision,
        data={"offer": offer.pk, "awarded": step.target == "awarded", "amount": str(step.data.get("amount") or "")},
    )


@transaction.atomic
def small_grant_decide(
    *,
    actor: User,
    offer: Offer,
    accept: bool,
    number: str,
    made_on: datetime.date | None,
    amount: Decimal | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Offer:
    """Award the grant (``accept``) or refuse it, after the comment period (see the module's doc)."""
    offer = Offer.objects.select_related("small_grant", "current_version", "organization").get(pk=offer.pk)
    name = "award" if accept else "reject"
    refusal = SMALL_GRANT.refusal(offer, SMALL_GRANT[name], actor, reason.strip())
    if refusal is not None:
        raise refusal
    errors: dict[str, str] = {}
    number = str(number or "").strip()
    if not number:
        errors["number"] = _("Give the number of the decision (the Mayor's order).")
    elif len(number) > Decision._meta.get_field("number").max_length:  # type: ignore[operator]
        errors["number"] = _("The number is too long.")
    today = timezone.localdate()
    if made_on is None:
        errors["made_on"] = _("Give the date of the decision.")
    elif made_on > today:
        errors["made_on"] = _("%(date)s is in the future: record a decision once it is made.") % {"date": when(made_on)}
    if accept:
        requested = offer.current_version.grant_requested if offer.current_version else Decimal("0")
        if amount is None or money(amount) <= 0:
            errors["amount"] = _("Give the amount awarded (more than zero).")
        elif money(amount) > requested:
            errors["amount"] = _(
                "The amount awarded, %(amount)s, is more than the grant requested, %(requested)s; the office may "
                "give less than requested, never more."
            ) % {"amount": pln(amount), "requested": pln(requested)}
    if errors:
        raise ValidationError(errors)
    decided: Offer = SMALL_GRANT.take(
        offer,
        name,
        actor=actor,
        reason=reason,
        request=request,
        number=number,
        made_on=made_on,
        amount=money(amount) if accept and amount is not None else None,
    )
    return decided
