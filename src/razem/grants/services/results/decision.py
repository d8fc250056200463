"""The Mayor's decision on a call: ``decision_record`` (see ``grants.services.results``)."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.deadlines import deadline
from razem.core.money import ZERO, money, pln, share
from razem.core.permissions import ensure
from razem.core.schedule import when
from razem.grants.models import Award, AwardYear, Call, Decision, Offer, OfferVersion
from razem.grants.selectors import results as selectors
from razem.grants.services.results.common import _add, _numbers, award_field
from razem.grants.workflows.calls import CALL
from razem.grants.workflows.results import AWARD


def _clean_header(number: str, made_on: datetime.date | None, call: Call, errors: dict[str, list[str]]) -> str:
    number = (number or "").strip()
    if not number:
        _add(errors, "number", _("Give the number of the order (zarządzenie) of the Mayor."))
    elif len(number) > 60:
        _add(errors, "number", _("The number of the order may have at most 60 characters."))
    today = timezone.localdate()
    if made_on is None:
        _add(errors, "made_on", _("Give the date of the order."))
    elif made_on > today:
        _add(errors, "made_on", _("The order is dated %(date)s, in the future.") % {"date": when(made_on)})
    elif made_on < timezone.localtime(call.submission_deadline).date():
        _add(
            errors,
            "made_on",
            _("The order is dated %(date)s, before the deadline for offers (%(deadline)s).")
            % {"date": when(made_on), "deadline": when(call.submission_deadline)},
        )
    return number


def _clean_awards(
    call: Call, admitted: list[Offer], awards: Mapping[Any, Mapping[Any, Any]], errors: dict[str, list[str]]
) -> dict[int, dict[int, Decimal]]:
    """The amounts per admitted offer and year, each checked against the offer's request of that year; then the sum
    of each year against the call's funds."""
    by_pk = {offer.pk: offer for offer in admitted}
    strangers = [int(pk) for pk in awards if int(pk) not in by_pk]
    if strangers:
        others = Offer.objects.filter(pk__in=strangers).order_by("number", "id")
        for other in others:
            _add(
                errors,
                NON_FIELD_ERRORS,
                _("Offer %(number)s is not among the offers admitted in this call (it is %(status)s).")
                % {"number": other.number or other.pk, "status": other.get_status_display().lower()},
            )
        if len(others) < len(strangers):
            _add(errors, NON_FIELD_ERRORS, _("The decision names an offer that does not exist."))
    cleaned: dict[int, dict[int, Decimal]] = {}
    for offer in admitted:
        requested = selectors.requested_by_year(offer.current_version)
        given = awards.get(offer.pk) or awards.get(str(offer.pk)) or {}  # type: ignore[call-overload]
        amounts: dict[int, Decimal] = {}
        for raw_year, raw_amount in given.items():
            year = int(raw_year)
            field = award_field(offer.pk, year)
            if raw_amount in (None, ""):
                continue
            amount = Decimal(raw_amount)
            if amount < 0:
                _add(errors, field, _("The amount cannot be negative."))
                continue
            if amount != money(amount):
                _add(errors, field, _("Give the amount to the grosz: at most two digits after the comma."))
                continue
            if not amount:
                continue
            if year not in requested or not requested[year]:
                _add(
                    errors,
                    field,
                    _("Offer %(number)s requests no grant for %(year)s.") % {"number": offer.number, "year": year},
                )
                continue
            if amount > requested[year]:
                _add(
                    errors,
                    field,
                    _(
                        "%(amount)s is more than offer %(number)s requests for %(year)s, %(requested)s; a grant may be "
                        "smaller than requested, never larger."
                    )
                    % {
                        "amount": pln(amount),
                        "number": offer.number,
                        "year": year,
                        "requested": pln(requested[year]),
                    },
                )
                continue
            amounts[year] = money(amount)
        total = money(sum(amounts.values(), ZERO))
        if total and call.min_grant is not None and total < call.min_grant:
            # The update must still meet the call's rules, the smallest grant among them: award it, or nothing.
            _add(
                errors,
                award_field(offer.pk, min(amounts)),
                _(
                    "%(amount)s for offer %(number)s is below the call's smallest grant, %(min)s: award at least "
                    "that, or nothing."
                )
                % {"amount": pln(total), "number": offer.number, "min": pln(call.min_grant)},
            )
        cleaned[offer.pk] = amounts
    for row in selectors.year_sums(selectors.call_funds(call), cleaned.values()):
        if row.over:
            _add(
                errors,
                NON_FIELD_ERRORS,
                _(
                    "In %(year)s the grants awarded add up to %(awarded)s, more than the call's funds for that year, "
                    "%(funds)s (by %(excess)s)."
                )
                % {"year": row.year, "awarded": pln(row.awarded), "funds": pln(row.funds), "excess": pln(row.excess)},
            )
    return cleaned


def _check_offers(call: Call, errors: dict[str, list[str]]) -> list[Offer]:
    """The admitted offers of ``call``; the offers that keep the decision waiting are refused by name."""
    waiting = selectors.waiting_offers(call)
    if waiting["unchecked"]:
        _add(
            errors,
            NON_FIELD_ERRORS,
            _("The formal check of %(offers)s is not finished; the decision comes after it.")
            % {"offers": _numbers(waiting["unchecked"])},
        )
    if waiting["no_opinion"]:
        _add(
            errors,
            NON_FIELD_ERRORS,
            _("The commission has not given its opinion on %(offers)s; the decision comes after it.")
            % {"offers": _numbers(waiting["no_opinion"])},
        )
    admitted = list(
        Offer.objects.filter(call=call, status=Offer.Status.ADMITTED, current_version__isnull=False)
        .select_related("current_version")
        .order_by("number", "id")
    )
    if not admitted and not waiting["unchecked"]:
        _add(
            errors,
            NON_FIELD_ERRORS,
            _(
                "No offer in this call was admitted after the formal check, so there is nothing to decide; if none "
                "meets the requirements, cancel the call (art. 18a)."
            ),
        )
    return admitted


def decision_record(
    *,
    actor: User,
    call: Call,
    number: str,
    made_on: datetime.date | None,
    awards: Mapping[Any, Mapping[Any, Any]],
    title: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> Decision:
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        ensure(actor, "grants.decide_call", locked)
        errors: dict[str, list[str]] = {}
        number = _clean_header(number, made_on, locked, errors)
        admitted = _check_offers(locked, errors)
        amounts = _clean_awards(locked, admitted, awards, errors)
        if errors:
            raise ValidationError(errors)
        assert made_on is not None  # noqa: S101 - refused above
        decision = Decision.objects.create(
            call=locked,
            number=number,
            made_on=made_on,
            title=(title or "").strip()[:300],
            note=(note or "").strip(),
            recorded_by=actor,
        )
        due = deadline("award_update_days", max(made_on, timezone.localdate())).date
        funded = partial = 0
        for offer in admitted:
            per_year = amounts.get(offer.pk, {})
            total = money(sum(per_year.values(), ZERO))
            if not total:
                AWARD.take(offer, "not_award", actor=actor, request=request)
                continue
            version: OfferVersion = offer.current_version  # type: ignore[assignment]
            is_partial = total < money(version.grant_requested)
            award = Award.objects.create(
                decision=decision,
                offer=offer,
                amount=total,
                requested=money(version.grant_requested),
                points=offer.points,
                version=version,
                grant_share=share(money(version.grant_requested), money(version.total_cost)),
                update=Award.Update.AWAITED if is_partial else Award.Update.NOT_NEEDED,
                update_due=due if is_partial else None,
            )
            AwardYear.objects.bulk_create(
                [AwardYear(award=award, year=year, amount=amount) for year, amount in sorted(per_year.items())]
            )
            AWARD.take(offer, "award", actor=actor, request=request)
            funded += 1
            partial += is_partial
        CALL.take(locked, "decide", actor=actor, request=request)
        sums = selectors.year_sums(selectors.call_funds(locked), amounts.values())
        audit.record(
            actor=actor,
            action="grants.decision.recorded",
            obj=decision,
            data={
                "call": locked.pk,
                "number": number,
                "made_on": made_on.isoformat(),
                "offers": len(admitted),
                "funded": funded,
                "partial": partial,
                "awarded": {str(row.year): str(row.awarded) for row in sums},
            },
            request=request,
        )
    call.status = locked.status
    return decision
