"""The oferent's editor of a simplified offer: starting a draft, saving it, keeping what cannot be saved yet.

    small_grant_start(*, actor, organization, request=None) -> Offer
    small_grant_save(*, actor, offer, fields, activities, results, lines, revision=None, request=None) -> Offer
    small_grant_keep_input(*, actor, offer, data) -> None
    small_grant_discard_input(*, actor, offer, request=None) -> None

``fields`` of ``small_grant_save``: any of ``OFFER_FIELDS`` (the offer's own: task_form, contact_name/phone/email,
title, start_date, end_date (``datetime.date`` or None), synthetic_description, results_description, experience)
and of ``SMALL_GRANT_FIELDS`` (area: a ``PublicBenefitArea`` or None, place). ``activities``: dicts with name,
description, target_group, planned_period; ``results``: name, target_value, monitoring; ``lines``: name, unit,
quantity, unit_cost and grant (``Decimal``), own_kind (a ``CostShare.OwnKind``). The tables are replaced as a whole;
the cost lines fall wholly in the budget year (the year the task starts) and the ``Funding`` row of that year is
derived from them (``estimate``).

A draft saves however incomplete (``validation.filing_problems`` says what stops filing); refused, and nothing
saved, is only what cannot be stored: an end before the start, a grant part above its line's value, an invalid
e-mail address, too long a text, an unknown choice. Every save locks the offer, refuses a save that started from an
older revision after someone else saved (``code="stale"``), bumps the revision and is audited as
``small_grants.offer.saved``.
"""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.models import PublicBenefitArea
from razem.core.money import money, pln
from razem.core.permissions import ensure
from razem.grants.models import Activity, CostLine, DraftInput, ExpectedResult, Funding, Offer
from razem.grants.models.calls import TaskForm
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for
from razem.small_grants import estimate
from razem.small_grants.models import CostShare, SmallGrant
from razem.small_grants.validation import EDITOR_SECTION

OFFER_FIELDS = (
    "task_form",
    "contact_name",
    "contact_phone",
    "contact_email",
    "title",
    "start_date",
    "end_date",
    "synthetic_description",
    "results_description",
    "experience",
)
SMALL_GRANT_FIELDS = ("area", "place")
ACTIVITY_TEXTS = ("name", "description", "target_group", "planned_period")
RESULT_TEXTS = ("name", "target_value", "monitoring")
LINE_TEXTS = ("name", "unit")
MAX_ROWS = 50


def _locked(offer: Offer) -> Offer:
    return (
        Offer.objects.select_for_update(of=("self",))
        .select_related("organization", "small_grant", "small_grant__area")
        .get(pk=offer.pk)
    )


def _text(value: Any) -> str:
    return str(value or "").strip()


def _length(model: Any, field: str, value: str, key: str) -> None:
    limit = getattr(model._meta.get_field(field), "max_length", None)
    if limit and len(value) > limit:
        raise ValidationError(
            {key: _("At most %(max)s characters; this has %(length)s.") % {"max": limit, "length": len(value)}}
        )


@transaction.atomic
def small_grant_start(*, actor: User, organization: Organization, request: HttpRequest | None = None) -> Offer:
    """Start a draft simplified offer of ``organization``; the contact person is the one who starts it."""
    ensure(actor, "small_grants.start_offer")
    if not organizations_acted_for(user=actor).filter(pk=organization.pk).exists():
        raise ValidationError(
            {"organization": _("You can start an offer only for a verified organization you may act for.")}
        )
    offer = Offer.objects.create(
        kind=Offer.Kind.SMALL_GRANT,
        call=None,
        organization=organization,
        contact_name=actor.full_name,
        contact_email=actor.email,
        contact_phone=getattr(actor, "phone", "") or "",
        created_by=actor,
        updated_by=actor,
    )
    SmallGrant.objects.create(offer=offer)
    audit.record(
        actor=actor,
        action="small_grants.offer.started",
        obj=offer,
        data={"organization": organization.pk},
        request=request,
    )
    return offer


def _clean_fields(fields: Mapping[str, Any], locked: Offer) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = set(fields) - set(OFFER_FIELDS) - set(SMALL_GRANT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of the simplified offer: {sorted(unknown)}")
    offer_values: dict[str, Any] = {}
    grant_values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in {"start_date", "end_date"}:
            if value is not None and not isinstance(value, datetime.date):
                raise ValidationError({name: _("Enter a valid date.")})
            offer_values[name] = value
        elif name == "area":
            if value is not None and not isinstance(value, PublicBenefitArea):
                raise ValidationError({"area": _("Choose one of the public-benefit areas.")})
            grant_values["area"] = value
        elif name == "place":
            grant_values["place"] = _text(value)
        else:
            offer_values[name] = _text(value)
            _length(Offer, name, offer_values[name], name)
    if offer_values.get("task_form") and offer_values["task_form"] not in TaskForm.values:
        raise ValidationError({"task_form": _("Choose one of the options.")})
    if offer_values.get("contact_email"):
        try:
            validate_email(offer_values["contact_email"])
        except ValidationError as exc:
            raise ValidationError({"contact_email": _("Enter a valid e-mail address.")}) from exc
    start = offer_values.get("start_date", locked.start_date)
    end = offer_values.get("end_date", locked.end_date)
    if start and end and start > end:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    return offer_values, grant_values


def _rows(rows: Sequence[Mapping[str, Any]], texts: tuple[str, ...], model: Any, key: str) -> list[dict[str, str]]:
    cleaned = []
    for number, row in enumerate(rows):
        values = {field: _text(row.get(field)) for field in texts}
        if not any(values.values()):
            continue
        for field, value in values.items():
            _length(model, field, value, f"{key}-{number}-{field}")
        cleaned.append(values)
    if len(cleaned) > MAX_ROWS:
        raise ValidationError({key: _("At most %(max)s rows.") % {"max": MAX_ROWS}})
    return cleaned


def _amount(value: Any, key: str) -> Decimal:
    if value in (None, ""):
        return Decimal("0.00")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({key: _("Enter an amount, e.g. 1 234,50.")}) from exc
    if not number.is_finite() or number < 0:
        raise ValidationError({key: _("The amount cannot be negative.")})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({key: _("Give at most two digits after the decimal comma.")})
    return number


def _lines(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    kinds = set(CostShare.OwnKind.values)
    for number, row in enumerate(rows):
        key = f"lines-{number}"
        texts = {field: _text(row.get(field)) for field in LINE_TEXTS}
        quantity = _amount(row.get("quantity"), f"{key}-quantity")
        unit_cost = money(_amount(row.get("unit_cost"), f"{key}-unit_cost"))
        grant = money(_amount(row.get("grant"), f"{key}-grant"))
        own_kind = _text(row.get("own_kind")) or CostShare.OwnKind.FINANCIAL
        if not any(texts.values()) and not quantity and not unit_cost and not grant:
            continue
        for field, text in texts.items():
            _length(CostLine, field, text, f"{key}-{field}")
        if own_kind not in kinds:
            raise ValidationError({f"{key}-own_kind": _("Choose one of the options.")})
        value = money(unit_cost * quantity)
        if grant > value:
            raise ValidationError(
                {
                    f"{key}-grant": _(
                        "Cost line %(n)s: the grant part, %(grant)s, is more than the line's value, %(value)s "
                        "(unit cost × number of units)."
                    )
                    % {"n": number + 1, "grant": pln(grant), "value": pln(value)}
                }
            )
        cleaned.append({**texts, "quantity": quantity, "unit_cost": unit_cost, "grant": grant, "own_kind": own_kind})
    if len(cleaned) > MAX_ROWS:
        raise ValidationError({"lines": _("At most %(max)s rows.") % {"max": MAX_ROWS}})
    return cleaned


def _check_stale(offer: Offer, revision: int | None, actor: User) -> None:
    if revision is None or offer.revision <= revision or offer.updated_by_id in (None, actor.pk):
        return
    person = User.objects.filter(pk=offer.updated_by_id or 0).values_list("full_name", flat=True).first()
    raise ValidationError(
        _(
            "%(person)s saved this offer at %(time)s, after you opened it, so your changes were not saved. What you "
            "typed is kept: look at the offer again, then save to replace their version."
        )
        % {
            "person": person or _("Someone else"),
            "time": timezone.localtime(offer.updated_at).strftime("%H:%M:%S"),
        },
        code="stale",
    )


@transaction.atomic
def small_grant_save(
    *,
    actor: User,
    offer: Offer,
    fields: Mapping[str, Any],
    activities: Sequence[Mapping[str, Any]],
    results: Sequence[Mapping[str, Any]],
    lines: Sequence[Mapping[str, Any]],
    revision: int | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Save the whole simplified offer (see the module's doc); returns the offer as saved."""
    locked = _locked(offer)
    ensure(actor, "small_grants.edit_offer", locked)
    offer_values, grant_values = _clean_fields(fields, locked)
    activity_rows = _rows(activities, ACTIVITY_TEXTS, Activity, "activities")
    result_rows = _rows(results, RESULT_TEXTS, ExpectedResult, "results")
    line_rows = _lines(lines)
    _check_stale(locked, revision, actor)
    small_grant = locked.small_grant
    for name, value in offer_values.items():
        setattr(locked, name, value)
    for name, value in grant_values.items():
        setattr(small_grant, name, value)
    small_grant.save()
    year = locked.start_date.year if locked.start_date else timezone.localdate().year
    Activity.objects.filter(offer=locked).delete()
    Activity.objects.bulk_create(
        Activity(offer=locked, year=year, position=position, **row) for position, row in enumerate(activity_rows)
    )
    ExpectedResult.objects.filter(offer=locked).delete()
    ExpectedResult.objects.bulk_create(
        ExpectedResult(offer=locked, position=position, **row) for position, row in enumerate(result_rows)
    )
    CostLine.objects.filter(offer=locked).delete()
    Funding.objects.filter(offer=locked).delete()
    for position, row in enumerate(line_rows):
        line = CostLine.objects.create(
            offer=locked,
            position=position,
            category=CostLine.Category.REALIZATION,
            name=row["name"],
            unit=row["unit"],
            unit_cost=row["unit_cost"],
            quantity=row["quantity"],
            year_amounts={str(year): str(money(row["unit_cost"] * row["quantity"]))},
        )
        CostShare.objects.create(line=line, grant=row["grant"], own_kind=row["own_kind"])
    if line_rows:
        figures = estimate.build(SimpleNamespace(**row) for row in line_rows)
        Funding.objects.create(offer=locked, year=year, **figures.funding())
    now = timezone.now()
    locked.revision += 1
    locked.updated_at = now
    locked.updated_by = actor
    locked.save()
    DraftInput.objects.filter(offer=locked, section=EDITOR_SECTION).delete()
    audit.record(
        actor=actor,
        action="small_grants.offer.saved",
        obj=locked,
        data={
            "revision": locked.revision,
            "activities": len(activity_rows),
            "results": len(result_rows),
            "lines": len(line_rows),
        },
        request=request,
    )
    return locked


@transaction.atomic
def small_grant_keep_input(*, actor: User, offer: Offer, data: dict[str, Any]) -> None:
    """Keep what was typed that could not be saved (invalid or stale), to show it again with its errors until a
    valid save replaces it."""
    locked = _locked(offer)
    ensure(actor, "small_grants.edit_offer", locked)
    _draft, created = DraftInput.objects.update_or_create(
        offer=locked, section=EDITOR_SECTION, defaults={"data": data, "saved_at": timezone.now(), "saved_by": actor}
    )
    if created:
        audit.record(actor=actor, action="small_grants.offer.input_kept", obj=locked)


@transaction.atomic
def small_grant_discard_input(*, actor: User, offer: Offer, request: HttpRequest | None = None) -> None:
    locked = _locked(offer)
    ensure(actor, "small_grants.edit_offer", locked)
    deleted, _rows_deleted = DraftInput.objects.filter(offer=locked, section=EDITOR_SECTION).delete()
    if deleted:
        audit.record(actor=actor, action="small_grants.offer.input_discarded", obj=locked, request=request)
