"""Saving the tables of an offer: the plan and schedule of activities (III.4), the results (III.5–III.6) and the
cost calculation with the sources of funding (V).

    offer_replace_activities(*, actor, offer, rows, revision=None, request=None) -> Offer
    offer_replace_results(*, actor, offer, rows, revision=None, request=None, description=None) -> Offer
    offer_replace_budget(*, actor, offer, lines, funding, revision=None, request=None) -> Offer

- ``rows`` of ``offer_replace_activities`` (III.4, every year at once, in order): year, name, description,
  target_group, planned_period, subcontracted_scope and, for a row already saved, its ``id`` (the cost lines keep
  pointing at it). A row without an id takes over the saved activity at the same place of the same year when no
  other row claims it, so that an autosave whose answer was lost does not add the row twice.
- ``rows`` of ``offer_replace_results`` (III.6): name, target_value, monitoring; ``description`` is III.5.
- ``lines`` of ``offer_replace_budget`` (V.A, in order): category ("realization" or "administration"), name, unit,
  unit_cost and quantity (``Decimal``), year_amounts ({year: Decimal}, may be empty in a one-year offer), partner
  (an ``Organization`` bearing the cost in a joint offer, None for the leading oferent) and activity (an
  ``Activity`` of this offer, or None). ``funding`` (V.B): one dict per year with year, grant, own_financial,
  own_personal, own_material, recipient_fees.

Each table is replaced as a whole, in one save; nothing is written when nothing changed.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core.money import money, pln
from razem.core.permissions import ensure
from razem.grants.budget import SOURCES
from razem.grants.models import (
    Activity,
    CostLine,
    DraftInput,
    ExpectedResult,
    Funding,
    Offer,
    OfferPartner,
)
from razem.grants.services.offers.common import (
    ACTIVITY_TEXTS,
    MAX_QUANTITY,
    RESULT_TEXTS,
    _amount,
    _bump,
    _check_length,
    _check_stale,
    _locked,
    _refresh,
    _text,
)


def _year(value: Any, key: str) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({key: _("Enter a year.")}) from exc
    if not 2000 <= year <= 2100:
        raise ValidationError({key: _("Enter a year.")})
    return year


@transaction.atomic
def offer_replace_activities(
    *,
    actor: User,
    offer: Offer,
    rows: list[dict[str, Any]],
    revision: int | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Save the plan and schedule of activities (III.4) of every year at once, in the order given."""
    locked = _locked(offer)
    ensure(actor, "grants.edit_offer", locked)
    existing = {a.pk: a for a in Activity.objects.filter(offer=locked)}

    def state(activity: Activity) -> tuple[Any, ...]:
        return (activity.year, activity.position, *(getattr(activity, f) for f in ACTIVITY_TEXTS))

    before = {pk: state(a) for pk, a in existing.items()}
    cleaned: list[tuple[int | None, int, dict[str, str]]] = []
    for number, row in enumerate(rows, start=1):
        year = _year(row.get("year"), f"activities.{number}.year")
        texts = {field: _text(row.get(field)) for field in ACTIVITY_TEXTS}
        for field, value in texts.items():
            _check_length(Activity, field, value, f"activities.{number}.{field}")
        pk = row.get("id")
        cleaned.append((int(pk) if pk and int(pk) in existing else None, year, texts))
    claimed = {pk for pk, _year_, _texts in cleaned if pk is not None}
    at_place = {(a.year, a.position): a for a in existing.values() if a.pk not in claimed}
    keep: list[Activity] = []
    new: list[Activity] = []
    positions: dict[int, int] = {}
    for pk, year, texts in cleaned:
        positions[year] = positions.get(year, -1) + 1
        position = positions[year]
        activity = existing.get(pk) if pk is not None else at_place.pop((year, position), None)
        if activity is None:
            new.append(Activity(offer=locked, year=year, position=position, **texts))
            continue
        at_place.pop((activity.year, activity.position), None)
        activity.year, activity.position = year, position
        for field, value in texts.items():
            setattr(activity, field, value)
        keep.append(activity)
    kept_ids = {a.pk for a in keep}
    removed = [pk for pk in existing if pk not in kept_ids]
    changed = [a for a in keep if before.get(a.pk) != state(a)]
    if not new and not removed and not changed:
        DraftInput.objects.filter(offer=locked, section="dzialania").delete()
        return _refresh(offer, locked)
    _check_stale(locked, ["dzialania"], revision, actor)
    if removed:
        Activity.objects.filter(pk__in=removed).delete()
    if changed:
        Activity.objects.bulk_update(changed, ["year", "position", *ACTIVITY_TEXTS])
    if new:
        Activity.objects.bulk_create(new)
    _bump(locked, actor=actor, sections=["dzialania"], data={"rows": len(rows)}, request=request)
    return _refresh(offer, locked)


@transaction.atomic
def offer_replace_results(
    *,
    actor: User,
    offer: Offer,
    rows: list[dict[str, Any]],
    revision: int | None = None,
    request: HttpRequest | None = None,
    description: str | None = None,
) -> Offer:
    """Save the results table (III.6), and with ``description`` the expected results (III.5), together."""
    locked = _locked(offer)
    ensure(actor, "grants.edit_offer", locked)
    cleaned = []
    for number, row in enumerate(rows, start=1):
        texts = {field: _text(row.get(field)) for field in RESULT_TEXTS}
        for field, value in texts.items():
            _check_length(ExpectedResult, field, value, f"results.{number}.{field}")
        cleaned.append(texts)
    fields: list[str] = []
    if description is not None:
        text = _text(description)
        if text != locked.results_description:
            locked.results_description = text
            fields.append("results_description")
    saved = [{f: getattr(r, f) for f in RESULT_TEXTS} for r in ExpectedResult.objects.filter(offer=locked)]
    if saved == cleaned and not fields:
        DraftInput.objects.filter(offer=locked, section="rezultaty").delete()
        return _refresh(offer, locked)
    _check_stale(locked, ["rezultaty"], revision, actor)
    if saved != cleaned:
        ExpectedResult.objects.filter(offer=locked).delete()
        ExpectedResult.objects.bulk_create(
            ExpectedResult(offer=locked, position=position, **texts) for position, texts in enumerate(cleaned)
        )
    _bump(locked, actor=actor, sections=["rezultaty"], fields=fields, data={"rows": len(rows)}, request=request)
    return _refresh(offer, locked)


def _oferent_ids(offer: Offer) -> set[int]:
    partners = OfferPartner.objects.filter(offer=offer).exclude(status=OfferPartner.Status.DECLINED)
    return {offer.organization_id, *partners.values_list("organization_id", flat=True)}


@transaction.atomic
def offer_replace_budget(
    *,
    actor: User,
    offer: Offer,
    lines: list[dict[str, Any]],
    funding: list[dict[str, Any]],
    revision: int | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Save the cost calculation: the cost lines (V.A) and the sources of funding of each year (V.B)."""
    locked = _locked(offer)
    ensure(actor, "grants.edit_offer", locked)
    years = locked.years
    categories = CostLine.Category.values
    oferenci: set[int] | None = None
    wanted_activities: dict[int, str] = {}
    new_lines: list[CostLine] = []
    for number, row in enumerate(lines, start=1):
        key = f"lines.{number}"
        category = row.get("category") or CostLine.Category.REALIZATION
        if category not in categories:
            raise ValidationError({f"{key}.category": _("Choose the category of the cost.")})
        name, unit = _text(row.get("name")), _text(row.get("unit"))
        _check_length(CostLine, "name", name, f"{key}.name")
        _check_length(CostLine, "unit", unit, f"{key}.unit")
        unit_cost = _amount(row.get("unit_cost"), f"{key}.unit_cost", what=_("The unit cost"))
        quantity = _amount(row.get("quantity"), f"{key}.quantity", limit=MAX_QUANTITY, what=_("The number of units"))
        amounts: dict[str, str] = {}
        for year, value in (row.get("year_amounts") or {}).items():
            if value in (None, ""):
                continue
            number_year = _year(year, f"{key}.year_amounts")
            if number_year not in years:
                raise ValidationError(
                    {
                        f"{key}.year_amounts": _("%(year)s is not a year of the task (%(years)s).")
                        % {"year": number_year, "years": ", ".join(map(str, years))}
                    }
                )
            amounts[str(number_year)] = str(_amount(value, f"{key}.y{number_year}", what=_("The value of a year")))
        partner = row.get("partner")
        partner_id = getattr(partner, "pk", partner) or None
        if partner_id == locked.organization_id:
            partner_id = None
        if partner_id is not None:
            oferenci = _oferent_ids(locked) if oferenci is None else oferenci
            if partner_id not in oferenci:
                raise ValidationError({f"{key}.partner": _("Choose an oferent of this offer.")})
        activity = row.get("activity")
        activity_id = getattr(activity, "pk", activity) or None
        if category == CostLine.Category.ADMINISTRATION:
            activity_id = None
        if activity_id is not None:
            wanted_activities[int(activity_id)] = f"{key}.activity"
        new_lines.append(
            CostLine(
                offer=locked,
                position=number - 1,
                category=category,
                activity_id=activity_id,
                partner_id=partner_id,
                name=name,
                unit=unit,
                unit_cost=unit_cost,
                quantity=quantity,
                year_amounts=amounts,
            )
        )
    if wanted_activities:
        found = set(Activity.objects.filter(offer=locked, pk__in=wanted_activities).values_list("pk", flat=True))
        for activity_id, key in wanted_activities.items():
            if activity_id not in found:
                raise ValidationError({key: _("Choose an activity of this offer.")})
    new_funding: dict[int, Funding] = {}
    for row in funding:
        year = _year(row.get("year"), "funding")
        if year not in years:
            raise ValidationError(
                {
                    f"funding.{year}": _("%(year)s is not a year of the task (%(years)s).")
                    % {"year": year, "years": ", ".join(map(str, years))}
                }
            )
        if year in new_funding:
            raise ValidationError({f"funding.{year}": _("The funding of %(year)s is given twice.") % {"year": year}})
        new_funding[year] = Funding(
            offer=locked,
            year=year,
            **{name: _amount(row.get(name), f"funding.{year}.{name}") for name in SOURCES},
        )

    line_fields = ("position", "category", "activity_id", "partner_id", "name", "unit", "unit_cost", "quantity")

    def line_state(values: tuple[Any, ...], amounts: Mapping[Any, Any]) -> tuple[Any, ...]:
        *head, unit_cost, quantity = values
        shares = tuple(sorted((str(y), str(money(a))) for y, a in (amounts or {}).items()))
        return (*head, money(unit_cost), Decimal(quantity).quantize(Decimal("0.01")), shares)

    # What is saved, read as plain values (cheaper than rows for an autosave that may change nothing).
    saved_lines = [
        line_state(tuple(row[:-1]), row[-1])
        for row in CostLine.objects.filter(offer=locked)
        .order_by("position", "pk")
        .values_list(*line_fields, "year_amounts")
    ]
    typed_lines = [line_state(tuple(getattr(line, f) for f in line_fields), line.year_amounts) for line in new_lines]
    saved_funding = [
        (row[0], *(money(v) for v in row[1:]))
        for row in Funding.objects.filter(offer=locked).order_by("year").values_list("year", *SOURCES)
    ]
    typed_funding = [
        (year, *(money(getattr(new_funding[year], name)) for name in SOURCES)) for year in sorted(new_funding)
    ]
    lines_changed = saved_lines != typed_lines
    funding_changed = saved_funding != typed_funding
    if not lines_changed and not funding_changed:
        DraftInput.objects.filter(offer=locked, section="koszty").delete()
        return _refresh(offer, locked)
    _check_stale(locked, ["koszty"], revision, actor)
    if lines_changed:
        CostLine.objects.filter(offer=locked).delete()
        CostLine.objects.bulk_create(new_lines)
    if funding_changed:
        Funding.objects.filter(offer=locked).delete()
        Funding.objects.bulk_create(new_funding[y] for y in sorted(new_funding))
    total = sum((line.unit_cost * line.quantity for line in new_lines), Decimal("0"))
    _bump(
        locked,
        actor=actor,
        sections=["koszty"],
        data={"lines": len(new_lines), "total_cost": pln(total)},
        request=request,
    )
    return _refresh(offer, locked)
