"""Starting a draft offer (empty, or as a copy of an earlier one), saving its own fields, and keeping the input
of a section that cannot be saved yet.

    offer_start(*, actor, call, organization, copy_from=None, request=None) -> Offer
    offer_update_fields(*, actor, offer, fields, revision=None, request=None) -> Offer
    offer_keep_draft_input(*, actor, offer, section, data) -> None
    offer_discard_draft_input(*, actor, offer, section, request=None) -> None

- ``fields`` of ``offer_update_fields``: any of the offer's own fields of sections I–VI (``validation.FIELD_SECTIONS``:
  task_form, contact_name/phone/email, title, start_date, end_date (``datetime.date`` or None),
  synthetic_description, results_description, experience, resources, payment, joint_roles, other_info).

Decisions: an organization may start several drafts in one call (``validation`` refuses filing a second offer);
a copy takes the sections, activities, results, cost lines and funding of the earlier offer, never its attachments,
partners or versions, with its dates and years moved by whole years into the new call's window when they do not fit
(years that fall outside are merged into the nearest year of the new task; costs borne by former partners fall to
the leading oferent); the contact person is the one who starts the offer.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.money import money
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
)
from razem.grants.services.offers.common import (
    ACTIVITY_TEXTS,
    EDITABLE_FIELDS,
    RESULT_TEXTS,
    _bump,
    _call,
    _check_length,
    _check_stale,
    _locked,
    _refresh,
    _text,
)
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for

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


# Saving the offer's own fields -------------------------------------------------------------------------------------


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


# Input that cannot be saved yet ------------------------------------------------------------------------------------


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
