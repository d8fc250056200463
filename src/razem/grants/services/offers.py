"""Writes of the offer editor: starting an offer, saving its sections, keeping input that cannot be saved yet, and
the partners of a joint offer. Used by the editor's views, the demo and the filing service.

    offer_start(*, actor, call, organization, copy_from=None, request=None) -> Offer
    offer_update_fields(*, actor, offer, fields, revision=None, request=None) -> Offer
    offer_replace_activities(*, actor, offer, rows, revision=None, request=None) -> Offer
    offer_replace_results(*, actor, offer, rows, revision=None, request=None, description=None) -> Offer
    offer_replace_budget(*, actor, offer, lines, funding, revision=None, request=None) -> Offer
    offer_keep_draft_input(*, actor, offer, section, data) -> None
    partner_invite(*, actor, offer, organization, request=None) -> OfferPartner
    partner_decide(*, actor, partner, accept, request=None) -> OfferPartner
    partner_remove(*, actor, partner, request=None) -> None

- ``fields`` of ``offer_update_fields``: any of the offer's own fields of sections I–VI (``validation.FIELD_SECTIONS``:
  task_form, contact_name/phone/email, title, start_date, end_date (``datetime.date`` or None),
  synthetic_description, results_description, experience, resources, payment, joint_roles, other_info).
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

A draft is saved however incomplete: what stops filing is listed by ``grants.validation.filing_problems``. Only
what cannot be stored is refused (a negative amount, an end before the start, a year outside the task, a partner
that is not one). Every save locks the offer, refuses a stale revision (someone else saved the same section after
the person's form was opened: ``code="stale"``), writes only when something changed, bumps the revision, clears the
section's kept input (``DraftInput``) and is audited as ``grants.offer.saved`` with its section. A save that lapses
a partner's confirmation (the budget, section VI or the partnership changed) tells that partner.

Decisions: an organization may start several drafts in one call (``validation`` refuses filing a second offer);
a copy takes the sections, activities, results, cost lines and funding of the earlier offer, never its attachments,
partners or versions, with its dates and years moved by whole years into the new call's window when they do not fit
(years that fall outside are merged into the nearest year of the new task; costs borne by former partners fall to
the leading oferent); the contact person is the one who starts the offer.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.money import money, pln
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants import validation
from razem.grants.budget import SOURCES
from razem.grants.models import (
    Activity,
    Call,
    CostLine,
    DraftInput,
    ExpectedResult,
    Funding,
    Offer,
    OfferPartner,
)
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for, people_acting_for

EDITABLE_FIELDS = tuple(validation.FIELD_SECTIONS)
ACTIVITY_TEXTS = ("name", "description", "target_group", "planned_period", "subcontracted_scope")
RESULT_TEXTS = ("name", "target_value", "monitoring")
MAX_AMOUNT = Decimal("999999999999.99")
MAX_QUANTITY = Decimal("9999999999.99")


# Shared steps ------------------------------------------------------------------------------------------------------


def _call(offer: Offer) -> Call:
    if offer.call is None:
        raise ValidationError(_("This offer does not belong to a call."))
    return offer.call


def _locked(offer: Offer) -> Offer:
    """The offer's row, locked for the rest of the transaction, read again (with its call and oferent)."""
    return Offer.objects.select_for_update(of=("self",)).select_related("call", "organization").get(pk=offer.pk)


def _refresh(target: Offer, source: Offer) -> Offer:
    """Copy what a save changed onto the caller's object, so that it shows the saved state."""
    for field in (*EDITABLE_FIELDS, "revision", "updated_at", "updated_by_id", "section_revisions"):
        setattr(target, field, getattr(source, field))
    for cache in ("_prefetched_objects_cache", "_razem_partner_ids"):
        target.__dict__.pop(cache, None)
    return target


def _check_stale(offer: Offer, sections: Iterable[str], revision: int | None, actor: User) -> None:
    """Refuse when someone else saved one of ``sections`` after the revision the person's form was opened at."""
    if revision is None:
        return
    for section in sections:
        entry = (offer.section_revisions or {}).get(section) or {}
        if int(entry.get("revision") or 0) > revision and entry.get("by") != actor.pk:
            by = entry.get("by")
            person = User.objects.filter(pk=by).values_list("full_name", flat=True).first() if by else None
            at = entry.get("at")
            moment = timezone.localtime(datetime.datetime.fromisoformat(at)).strftime("%H:%M:%S") if at else ""
            raise ValidationError(
                _(
                    "%(person)s saved %(section)s at %(time)s, after you opened it, so your changes were not saved. "
                    "What you typed is kept: look at the section again, then save to replace their version."
                )
                % {
                    "person": person or _("Someone else"),
                    "section": validation.section_title(section),
                    "time": moment,
                },
                code="stale",
            )


def _bump(
    offer: Offer,
    *,
    actor: User,
    sections: list[str],
    fields: Iterable[str] = (),
    data: Mapping[str, Any] | None = None,
    request: HttpRequest | None,
) -> None:
    """Record a save: the next revision, who and when, the sections it touched, the audit entry; the kept input of
    those sections goes, and partners whose confirmation this save lapses are told."""
    before = _held_confirmations(offer) if set(sections) & set(validation.CONFIRMATION_SECTIONS) else None
    now = timezone.now()
    offer.revision += 1
    offer.updated_at = now
    offer.updated_by = actor
    revisions = dict(offer.section_revisions or {})
    for section in sections:
        revisions[section] = {"revision": offer.revision, "by": actor.pk, "at": now.isoformat()}
    offer.section_revisions = revisions
    offer.save(update_fields=[*fields, "revision", "updated_at", "updated_by", "section_revisions"])
    DraftInput.objects.filter(offer=offer, section__in=sections).delete()
    audit.record(
        actor=actor,
        action="grants.offer.saved",
        obj=offer,
        data={"section": ",".join(sections), "revision": offer.revision, **(data or {})},
        request=request,
    )
    if before:
        lapsed = [p for p in before if not validation.confirmation_holds(offer, p)]
        if lapsed:
            notify_many(
                kind="grants/partner_reconfirm",
                audience=people_acting_for([p.organization_id for p in lapsed]),
                context={"offer": offer, "lead": offer.organization},
                url=offer.get_absolute_url(),
                exclude=actor,
            )


def _held_confirmations(offer: Offer) -> list[OfferPartner]:
    partners = OfferPartner.objects.filter(offer=offer, status=OfferPartner.Status.CONFIRMED)
    return [p for p in partners if validation.confirmation_holds(offer, p)]


def _text(value: Any) -> str:
    return str(value or "").strip()


def _check_length(model: type[models.Model], field: str, value: str, key: str) -> None:
    limit = getattr(model._meta.get_field(field), "max_length", None)
    if limit and len(value) > limit:
        raise ValidationError(
            {key: _("At most %(max)s characters; this has %(length)s.") % {"max": limit, "length": len(value)}}
        )


def _amount(value: Any, key: str, *, limit: Decimal = MAX_AMOUNT, what: str = "") -> Decimal:
    """A non-negative figure with at most two decimal places (None and "" are zero)."""
    if value in (None, ""):
        return Decimal("0.00")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({key: _("Enter an amount, e.g. 1 234,50.")}) from exc
    if not number.is_finite():
        raise ValidationError({key: _("Enter an amount, e.g. 1 234,50.")})
    if number < 0:
        raise ValidationError(
            {key: _("%(what)s cannot be negative (%(value)s).") % {"what": what or _("The amount"), "value": number}}
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({key: _("Give at most two digits after the decimal comma.")})
    if number > limit:
        raise ValidationError({key: _("This figure is too large.")})
    return money(number)


# Starting an offer -------------------------------------------------------------------------------------------------


def _shifted(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _copied_dates(source: Offer, call: Call) -> tuple[datetime.date | None, datetime.date | None, int]:
    """The dates of a copy in ``call`` and by how many years they moved."""
    if source.start_date is None or source.end_date is None:
        return None, None, call.years[0] - source.years[0]
    if call.realization_start <= source.start_date and source.end_date <= call.realization_end:
        return source.start_date, source.end_date, 0
    delta = call.realization_start.year - source.start_date.year
    start = max(_shifted(source.start_date, delta), call.realization_start)
    end = min(_shifted(source.end_date, delta), call.realization_end)
    if start > end:
        start, end = call.realization_start, call.realization_end
    return start, end, delta


def _year_mapper(delta: int, years: list[int]) -> Any:
    def mapped(year: int) -> int:
        return min(max(int(year) + delta, years[0]), years[-1])

    return mapped


@transaction.atomic
def offer_start(
    *,
    actor: User,
    call: Call,
    organization: Organization,
    copy_from: Offer | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Start a draft offer of ``organization`` in ``call``, empty or as a copy of an earlier offer of the same
    organization; the contact person (II.2) is the one who starts it."""
    ensure(actor, "grants.start_offer", call)
    if not organizations_acted_for(user=actor).filter(pk=organization.pk).exists():
        raise ValidationError(
            {"organization": _("You can start an offer only for a verified organization you may act for.")}
        )
    if copy_from is not None and copy_from.organization_id != organization.pk:
        raise ValidationError(
            {"copy_from": _("Only an earlier offer of %(org)s can be copied.") % {"org": organization.name}}
        )
    forms = call.task_forms()
    offer = Offer(
        call=call,
        organization=organization,
        task_form=forms[0] if len(forms) == 1 else "",
        contact_name=actor.full_name,
        contact_email=actor.email,
        contact_phone=actor.phone,
        created_by=actor,
        updated_by=actor,
    )
    if copy_from is None:
        offer.save()
        audit.record(
            actor=actor,
            action="grants.offer.started",
            obj=offer,
            data={"call": call.pk, "organization": organization.pk},
            request=request,
        )
        return offer
    source = copy_from
    for field in (
        "title",
        "synthetic_description",
        "results_description",
        "experience",
        "resources",
        "payment",
        "joint_roles",
        "other_info",
    ):
        setattr(offer, field, getattr(source, field))
    if len(forms) > 1 and source.task_form in forms:
        offer.task_form = source.task_form
    offer.start_date, offer.end_date, delta = _copied_dates(source, call)
    offer.copied_from = source
    offer.save()
    to_year = _year_mapper(delta, offer.years)
    # III.4, keeping the order of each year; the cost lines follow their activities.
    activities: dict[int, Activity] = {}
    positions: dict[int, int] = {}
    for old in source.activities.order_by("year", "position", "pk"):
        year = to_year(old.year)
        positions[year] = positions.get(year, -1) + 1
        activities[old.pk] = Activity(
            offer=offer,
            year=year,
            position=positions[year],
            **{field: getattr(old, field) for field in ACTIVITY_TEXTS},
        )
    Activity.objects.bulk_create(activities.values())
    ExpectedResult.objects.bulk_create(
        ExpectedResult(offer=offer, position=r.position, **{f: getattr(r, f) for f in RESULT_TEXTS})
        for r in source.results.all()
    )
    lines = []
    for position, old_line in enumerate(source.cost_lines.order_by("position", "pk")):
        amounts: dict[str, Decimal] = {}
        for year, amount in (old_line.year_amounts or {}).items():
            key = str(to_year(int(year)))
            amounts[key] = money(amounts.get(key, Decimal("0")) + money(amount))
        lines.append(
            CostLine(
                offer=offer,
                position=position,
                category=old_line.category,
                activity=activities.get(old_line.activity_id) if old_line.activity_id else None,
                name=old_line.name,
                unit=old_line.unit,
                unit_cost=old_line.unit_cost,
                quantity=old_line.quantity,
                year_amounts={year: str(amount) for year, amount in amounts.items()},
            )
        )
    CostLine.objects.bulk_create(lines)
    funding: dict[int, Funding] = {}
    for old_row in source.funding.all():
        year = to_year(old_row.year)
        row = funding.setdefault(year, Funding(offer=offer, year=year))
        for source_name in SOURCES:
            setattr(row, source_name, money(getattr(row, source_name) + getattr(old_row, source_name)))
    Funding.objects.bulk_create(funding.values())
    audit.record(
        actor=actor,
        action="grants.offer.started",
        obj=offer,
        data={"call": call.pk, "organization": organization.pk, "copied_from": source.pk, "years_moved": delta},
        request=request,
    )
    return offer


# Saving sections ---------------------------------------------------------------------------------------------------


@transaction.atomic
def offer_update_fields(
    *,
    actor: User,
    offer: Offer,
    fields: Mapping[str, Any],
    revision: int | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Save the offer's own fields of sections I–VI (``EDITABLE_FIELDS``)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of the offer's sections: {sorted(unknown)}")
    locked = _locked(offer)
    ensure(actor, "grants.edit_offer", locked)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in {"start_date", "end_date"}:
            if value is not None and not isinstance(value, datetime.date):
                raise ValidationError({name: _("Enter a valid date.")})
            values[name] = value
        else:
            values[name] = _text(value)
            _check_length(Offer, name, values[name], name)
    if values.get("task_form") and values["task_form"] not in _call(locked).task_forms():
        raise ValidationError({"task_form": _("Choose one of the forms the call allows.")})
    if values.get("payment") and values["payment"] not in Offer.Payment.values:
        raise ValidationError({"payment": _("Choose one of the options.")})
    if values.get("contact_email"):
        try:
            validate_email(values["contact_email"])
        except ValidationError as exc:
            raise ValidationError({"contact_email": _("Enter a valid e-mail address.")}) from exc
    start = values.get("start_date", locked.start_date)
    end = values.get("end_date", locked.end_date)
    if start and end and start > end:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    sections = sorted({validation.FIELD_SECTIONS[name] for name in fields}, key=validation.ORDER.__getitem__)
    if not changed:
        DraftInput.objects.filter(offer=locked, section__in=sections).delete()
        return _refresh(offer, locked)
    _check_stale(locked, sections, revision, actor)
    for name in changed:
        setattr(locked, name, values[name])
    _bump(locked, actor=actor, sections=sections, fields=changed, data={"fields": changed}, request=request)
    return _refresh(offer, locked)


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


@transaction.atomic
def offer_keep_draft_input(*, actor: User, offer: Offer, section: str, data: dict[str, Any]) -> None:
    """Keep what was typed in ``section`` that could not be saved (invalid, or stale), to show it again with its
    errors until a valid save of the section replaces it. ``data`` is the form's data as JSON (keys starting with
    "_" are notes of the editor, e.g. "_reason")."""
    if section not in validation.SECTION_SLUGS:
        raise ValueError(f"Unknown section {section!r}")
    locked = _locked(offer)
    ensure(actor, "grants.edit_offer", locked)
    _draft, created = DraftInput.objects.update_or_create(
        offer=locked, section=section, defaults={"data": data, "saved_at": timezone.now(), "saved_by": actor}
    )
    if created:
        audit.record(actor=actor, action="grants.offer.input_kept", obj=locked, data={"section": section})


@transaction.atomic
def offer_discard_draft_input(*, actor: User, offer: Offer, section: str, request: HttpRequest | None = None) -> None:
    """Drop the input kept for ``section``: the section shows what is saved again."""
    locked = _locked(offer)
    ensure(actor, "grants.edit_offer", locked)
    deleted, _rows = DraftInput.objects.filter(offer=locked, section=section).delete()
    if deleted:
        audit.record(
            actor=actor, action="grants.offer.input_discarded", obj=locked, data={"section": section}, request=request
        )


# Partners of a joint offer -----------------------------------------------------------------------------------------


@transaction.atomic
def partner_invite(
    *, actor: User, offer: Offer, organization: Organization, request: HttpRequest | None = None
) -> OfferPartner:
    """Invite another organization into a joint offer (art. 14 ust. 2); its people accept or decline in Razem."""
    locked = _locked(offer)
    ensure(actor, "grants.invite_partner", locked, field="organization")
    if organization.pk == locked.organization_id:
        raise ValidationError({"organization": _("The leading oferent cannot be its own partner.")})
    if organization.status != Organization.Status.VERIFIED:
        raise ValidationError(
            {"organization": _("%(org)s is not a verified organization yet.") % {"org": organization.name}}
        )
    if not people_acting_for(organization).exists():
        raise ValidationError(
            {
                "organization": _(
                    "Nobody can act for %(org)s in Razem yet, so nobody could accept; ask them to join Razem first."
                )
                % {"org": organization.name}
            }
        )
    partner = OfferPartner.objects.select_for_update().filter(offer=locked, organization=organization).first()
    if partner is not None and partner.status != OfferPartner.Status.DECLINED:
        raise ValidationError(
            {"organization": _("%(org)s is already a partner of this offer.") % {"org": organization.name}}
        )
    now = timezone.now()
    if partner is None:
        partner = OfferPartner(offer=locked, organization=organization)
    partner.status = OfferPartner.Status.INVITED
    partner.invited_by, partner.invited_at = actor, now
    partner.decided_by, partner.decided_at, partner.confirmed_revision = None, None, None
    partner.save()
    _bump(
        locked,
        actor=actor,
        sections=[validation.PARTNERS],
        data={"invited": organization.pk},
        request=request,
    )
    audit.record(
        actor=actor,
        action="grants.offer.partner_invited",
        obj=locked,
        data={"organization": organization.pk},
        request=request,
    )
    notify_many(
        kind="grants/partner_invited",
        audience=people_acting_for(organization),
        context={"offer": locked, "partner": partner, "lead": locked.organization, "call": locked.call},
        url=locked.get_absolute_url(),
        exclude=actor,
    )
    _refresh(offer, locked)
    return partner


@transaction.atomic
def partner_decide(
    *, actor: User, partner: OfferPartner, accept: bool, request: HttpRequest | None = None
) -> OfferPartner:
    """The invited organization accepts (confirms the offer as it is now) or declines the joint offer. A partner
    who confirmed may confirm again after a change, or withdraw by declining."""
    offer = _locked(partner.offer)
    locked = OfferPartner.objects.select_for_update().select_related("organization").get(pk=partner.pk)
    locked.offer = offer
    ensure(actor, "grants.decide_partnership", locked)
    if locked.status == OfferPartner.Status.DECLINED:
        raise ValidationError(
            _("Your organization declined this joint offer; the leading oferent may invite it again.")
        )
    now = timezone.now()
    locked.decided_by, locked.decided_at = actor, now
    if accept:
        locked.status = OfferPartner.Status.CONFIRMED
        locked.confirmed_revision = offer.revision
        locked.save(update_fields=["status", "decided_by", "decided_at", "confirmed_revision"])
        audit.record(
            actor=actor,
            action="grants.offer.partner_confirmed",
            obj=offer,
            data={"organization": locked.organization_id, "revision": offer.revision},
            request=request,
        )
    else:
        locked.status = OfferPartner.Status.DECLINED
        locked.confirmed_revision = None
        locked.save(update_fields=["status", "decided_by", "decided_at", "confirmed_revision"])
        _bump(
            offer,
            actor=actor,
            sections=[validation.PARTNERS],
            data={"declined": locked.organization_id},
            request=request,
        )
        audit.record(
            actor=actor,
            action="grants.offer.partner_declined",
            obj=offer,
            data={"organization": locked.organization_id},
            request=request,
        )
    notify_many(
        kind="grants/partner_accepted" if accept else "grants/partner_declined",
        audience=people_acting_for(offer.organization),
        context={"offer": offer, "partner": locked, "organization": locked.organization},
        url=offer.get_absolute_url(),
        exclude=actor,
    )
    partner.status, partner.confirmed_revision = locked.status, locked.confirmed_revision
    partner.decided_by, partner.decided_at = locked.decided_by, locked.decided_at
    return locked


@transaction.atomic
def partner_remove(*, actor: User, partner: OfferPartner, request: HttpRequest | None = None) -> None:
    """The leading oferent takes a partner out of the joint offer (one who does not answer, say); the costs it
    bore stay in the budget and are reported until they are given to an oferent."""
    offer = _locked(partner.offer)
    ensure(actor, "grants.invite_partner", offer)
    locked = OfferPartner.objects.select_for_update().select_related("organization").filter(pk=partner.pk).first()
    if locked is None or locked.offer_id != offer.pk:
        raise ValidationError(_("This organization is not a partner of the offer."))
    organization = locked.organization
    locked.delete()
    _bump(offer, actor=actor, sections=[validation.PARTNERS], data={"removed": organization.pk}, request=request)
    audit.record(
        actor=actor,
        action="grants.offer.partner_removed",
        obj=offer,
        data={"organization": organization.pk},
        request=request,
    )
    notify_many(
        kind="grants/partner_removed",
        audience=people_acting_for(organization),
        context={"offer": offer, "organization": organization, "lead": offer.organization},
        url="",
        exclude=actor,
    )
