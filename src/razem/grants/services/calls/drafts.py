"""The draft of a call for offers: creating it and changing it until it is published, with its public funds per
year, criteria and required attachments saved in place (rows keep their ids).

``call_create(*, actor, data, funds, criteria, attachments, request=None) -> Call`` and
``call_update(*, actor, call, data, funds, criteria, attachments, request=None) -> Call``: see ``grants.services.calls``
for the data they take. A published call changes only through a correction (``grants.services.calls.changes``).
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.models import PublicBenefitArea
from razem.core.text import slugify_pl
from razem.grants.models import Call, CallFunds, Criterion, RequiredAttachment
from razem.grants.services.calls.rules import CALL_FIELDS, validate_call
from razem.grants.workflows.calls import MANAGE
from razem.organizations.models import fold


def _areas(value: Any) -> list[PublicBenefitArea]:
    items = list(value or [])
    ids = [getattr(item, "pk", item) for item in items]
    return list(PublicBenefitArea.objects.filter(pk__in=ids))


def _unique_slug(call: Call) -> str:
    base = slugify_pl((call.number or call.title or "konkurs").replace("/", "-"), max_length=70, default="konkurs")
    slug, n = base, 1
    while Call.objects.filter(slug=slug).exclude(pk=call.pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _search_text(call: Call, areas: Iterable[PublicBenefitArea]) -> str:
    parts = [call.number, call.title, call.task_kind, call.department, *(a.name for a in areas)]
    return " ".join(fold(p) for p in parts if p)


def _apply(call: Call, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for field in fields:
        if field in data:
            value = data[field]
            if isinstance(value, str) and field not in {"slug"}:
                value = value.strip()
            setattr(call, field, value)


# Saving the rows ----------------------------------------------------------------------------------------------------


def _save_funds(call: Call, funds: Mapping[int, Decimal]) -> None:
    CallFunds.objects.filter(call=call).exclude(year__in=list(funds)).delete()
    for year, amount in funds.items():
        CallFunds.objects.update_or_create(call=call, year=year, defaults={"amount": amount})


def _save_criteria(call: Call, criteria: Sequence[Mapping[str, Any]]) -> None:
    """In place: rows with an id keep it (scores of the next step will point at them)."""
    existing = {c.pk: c for c in Criterion.objects.filter(call=call)}
    by_code = {c.statutory: c for c in existing.values() if c.statutory}
    kept: set[int] = set()
    for position, row in enumerate(criteria, start=1):
        item = existing.get(row.get("id") or 0) or (by_code.get(row["statutory"]) if row["statutory"] else None)
        if item is None or item.pk in kept:
            item = Criterion(call=call)
        item.position, item.name, item.max_points, item.statutory = (
            position,
            row["name"],
            row["max_points"],
            row["statutory"],
        )
        item.save()
        kept.add(item.pk)
    Criterion.objects.filter(call=call).exclude(pk__in=kept).delete()


def _save_attachments(call: Call, attachments: Sequence[Mapping[str, Any]]) -> None:
    existing = {a.pk: a for a in RequiredAttachment.objects.filter(call=call)}
    kept: set[int] = set()
    for position, row in enumerate(attachments, start=1):
        item = existing.get(row.get("id") or 0)
        if item is None or item.pk in kept:
            item = RequiredAttachment(call=call)
        item.position, item.name, item.description, item.mandatory = (
            position,
            row["name"],
            row["description"],
            row["mandatory"],
        )
        item.save()
        kept.add(item.pk)
    RequiredAttachment.objects.filter(call=call).exclude(pk__in=kept).delete()


def _save(
    call: Call,
    areas: list[PublicBenefitArea],
    funds: Mapping[int, Decimal],
    criteria: Sequence[Mapping[str, Any]],
    attachments: Sequence[Mapping[str, Any]],
) -> Call:
    call.search_text = _search_text(call, areas)
    try:
        with transaction.atomic():
            call.save()
    except IntegrityError as error:
        raise ValidationError({"number": _("Another call already has this number or address.")}) from error
    call.areas.set(areas)
    _save_funds(call, funds)
    _save_criteria(call, criteria)
    _save_attachments(call, attachments)
    return call


# The draft ----------------------------------------------------------------------------------------------------------


def _ensure_manager(actor: User, call: Call | None = None) -> None:
    if not actor.has_perm(MANAGE, call):
        raise ValidationError(_("Only the city office prepares calls for offers."), code="denied")


@transaction.atomic
def call_create(
    *,
    actor: User,
    data: dict[str, Any],
    funds: dict[int, Decimal],
    criteria: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
    request: HttpRequest | None = None,
) -> Call:
    _ensure_manager(actor)
    call = Call(created_by=actor, status=Call.Status.DRAFT)
    _apply(call, data, CALL_FIELDS)
    if not call.slug:
        call.slug = _unique_slug(call)
    areas = _areas(data.get("areas"))
    clean_funds, clean_criteria, clean_attachments = validate_call(
        call, areas=areas, funds=funds, criteria=criteria, attachments=attachments
    )
    _save(call, areas, clean_funds, clean_criteria, clean_attachments)
    audit.record(actor=actor, action="grants.call.created", obj=call, data={"number": call.number}, request=request)
    return call


@transaction.atomic
def call_update(
    *,
    actor: User,
    call: Call,
    data: dict[str, Any],
    funds: dict[int, Decimal],
    criteria: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
    request: HttpRequest | None = None,
) -> Call:
    _ensure_manager(actor, call)
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if locked.status != Call.Status.DRAFT:
        raise ValidationError(
            _("This call is published: change it only through a correction notice, before its deadline.")
        )
    _apply(locked, data, CALL_FIELDS)
    if not locked.slug:
        locked.slug = _unique_slug(locked)
    areas = _areas(data["areas"]) if "areas" in data else list(locked.areas.all())
    clean_funds, clean_criteria, clean_attachments = validate_call(
        locked, areas=areas, funds=funds, criteria=criteria, attachments=attachments
    )
    _save(locked, areas, clean_funds, clean_criteria, clean_attachments)
    audit.record(actor=actor, action="grants.call.updated", obj=locked, request=request)
    return locked
