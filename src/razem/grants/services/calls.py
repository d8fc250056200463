"""Writes of calls for offers: the draft, its publication, corrections and the cancellation (art. 13, 18a).

The signatures other parts of the app (the demo, the offer editor's tests) call:

``call_create(*, actor, data: dict, funds: dict[int, Decimal], criteria: list[dict], attachments: list[dict],
request=None) -> Call``
    A draft. ``data`` holds the fields of ``grants.models.Call`` by name (``CALL_FIELDS``; ``slug`` may be left out:
    it is made from the number) and ``areas`` (public-benefit areas or their ids, at least one). ``funds`` maps each
    budget year of the realization window to its public funds (every year of the window, none outside). Each of
    ``criteria`` is ``{"name", "max_points", "statutory"}`` (``statutory`` is the code of an art. 15 ust. 1 criterion,
    whose wording then comes from ``grants.criteria``, or empty for the office's own); every statutory criterion
    the call's form needs must be there (``default_criteria(form)`` gives them with their default points), and the
    4th only when the form includes support (wspieranie). Each of ``attachments`` is ``{"name", "description",
    "mandatory"}``. An ``id`` in a criterion or an attachment updates that row in place (``call_update``).

``call_update(*, actor, call, data, funds, criteria, attachments, request=None) -> Call``
    The same, for a draft.

``call_publish(*, actor, call, publications: list[dict], request=None) -> Call``
    Records the statutory publications (art. 13 ust. 3): each ``{"channel", "published_on", "url", "note"}`` with
    the channel ``bip`` (its address required), ``notice_board`` (both required) or ``press`` (optional, art. 13
    ust. 4); the publication in Razem is recorded with today's date. The deadline is refused when it is less than
    ``deadline("offer_submission_days", <the last publication>)``. The representatives of verified organizations
    working in the call's areas are told (``grants/call_opened``).

``call_correct(*, actor, call, data, funds, criteria, attachments, notice: str, request=None) -> Correction``
    A change of an announced call before its deadline, with a correction notice: stores the changes as shown,
    bumps ``Call.sequence``, and tells the organizations with a draft or filed offer (``grants/call_corrected``).

``call_cancel(*, actor, call, ground, reason, publications=(), request=None) -> Call``
    Art. 18a: after the deadline, on one of the two grounds, with a reason; records the publications given (subject
    "cancellation") and the one in Razem, and tells the organizations with offers (``grants/call_cancelled``).

Every refusal is a ``ValidationError`` naming its field ("funds", "criteria", "attachments" for the rows) and the
figures; nothing is saved then.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.models import PublicBenefitArea
from razem.core.money import money, percent, pln
from razem.core.notifications import notify_many
from razem.core.schedule import when
from razem.grants import schedule
from razem.grants.criteria import STATUTORY
from razem.grants.models import Call, CallFunds, Correction, Criterion, Publication, RequiredAttachment
from razem.grants.selectors.calls import people_with_offers
from razem.grants.workflows.calls import CALL, MANAGE
from razem.organizations.models import fold

CALL_FIELDS = (
    "number", "slug", "title", "organ", "task_kind", "form", "department", "department_email", "description",
    "min_grant", "max_grant", "own_share_min", "own_financial_share_min", "own_nonfinancial_share_min",
    "recipient_fees_allowed", "admin_costs_max", "grant_rules", "realization_start", "realization_end", "place",
    "venue", "conditions", "results_table_required", "submission_deadline", "evaluation_mode", "choice_date",
    "same_kind_this_year", "same_kind_last_year", "same_kind_note", "recruits_commission", "nominations_close",
)  # fmt: skip
# A correction changes everything but the call's identity (its number and address).
CORRECTABLE_FIELDS = tuple(f for f in CALL_FIELDS if f not in {"number", "slug"})
SHARE_FIELDS = ("own_share_min", "own_financial_share_min", "own_nonfinancial_share_min", "admin_costs_max")
MONEY_FIELDS = ("min_grant", "max_grant", "same_kind_this_year", "same_kind_last_year")
DEFAULT_POINTS = Decimal("5")
MAX_POINTS = Decimal("100")
MAX_BUDGET_YEARS = 10
STATUTORY_NAMES = {code: name for code, name, _support in STATUTORY}
SUPPORT_ONLY = {code for code, _name, support in STATUTORY if support}
HUNDRED = Decimal("100")
ENTERED_CHANNELS = (Publication.Channel.BIP, Publication.Channel.NOTICE_BOARD, Publication.Channel.PRESS)


# The rules of a call ------------------------------------------------------------------------------------------------


def includes_support(form: str) -> bool:
    return form in {Call.Form.SUPPORT, Call.Form.BOTH}


def statutory_codes(form: str) -> list[str]:
    """The statutory criteria a call of this form must have (the 4th only for support)."""
    return [code for code, _name, support in STATUTORY if not support or includes_support(form)]


def default_criteria(form: str, points: Decimal = DEFAULT_POINTS) -> list[dict[str, Any]]:
    """The statutory criteria of a new call of this form, each with ``points``."""
    return [
        {"name": str(STATUTORY_NAMES[code]), "max_points": points, "statutory": code} for code in statutory_codes(form)
    ]


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_grant_rules(call: Call, errors: dict[str, list[str]]) -> None:
    for field in SHARE_FIELDS:
        value = getattr(call, field)
        if value is not None and not (Decimal("0") <= value <= HUNDRED):
            _add(errors, field, _("A share is between 0 and 100 %%; %(value)s is not.") % {"value": percent(value)})
    for field in MONEY_FIELDS:
        value = getattr(call, field)
        if value is not None and value < 0:
            _add(errors, field, _("An amount cannot be negative."))
    if call.min_grant is not None and call.max_grant is not None and call.min_grant > call.max_grant:
        _add(
            errors,
            "max_grant",
            _("The largest grant (%(max)s) cannot be smaller than the smallest grant (%(min)s).")
            % {"max": pln(call.max_grant), "min": pln(call.min_grant)},
        )
    parts = (call.own_financial_share_min or Decimal("0")) + (call.own_nonfinancial_share_min or Decimal("0"))
    if parts > (call.own_share_min or Decimal("0")) and "own_share_min" not in errors:
        _add(
            errors,
            "own_share_min",
            _(
                "The least financial (%(financial)s) and non-financial (%(nonfinancial)s) contributions add up to "
                "%(parts)s, more than the least own contribution (%(own)s): raise the least own contribution to at "
                "least %(parts)s or lower its parts."
            )
            % {
                "financial": percent(call.own_financial_share_min or 0),
                "nonfinancial": percent(call.own_nonfinancial_share_min or 0),
                "parts": percent(parts),
                "own": percent(call.own_share_min or 0),
            },
        )


def _check_dates(call: Call, errors: dict[str, list[str]]) -> None:
    try:
        schedule.validate(call)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                _add(errors, field, message)
    if call.realization_start and call.realization_end and "realization_end" not in errors:
        years = call.realization_end.year - call.realization_start.year + 1
        if years > MAX_BUDGET_YEARS:
            _add(
                errors,
                "realization_end",
                _("The task would run over %(years)s budget years (%(start)s–%(end)s); check the dates.")
                % {"years": years, "start": call.realization_start.year, "end": call.realization_end.year},
            )
    if call.recruits_commission is False:
        call.nominations_close = None


def _window_years(call: Call) -> list[int]:
    if not call.realization_start or not call.realization_end or call.realization_start > call.realization_end:
        return []
    return call.years


def _check_funds(call: Call, funds: Mapping[int, Any], errors: dict[str, list[str]]) -> dict[int, Decimal]:
    years = _window_years(call)
    clean: dict[int, Decimal] = {}
    for year, amount in sorted(funds.items()):
        value = Decimal(amount) if amount not in (None, "") else None
        if value is None:
            continue
        if value < 0:
            _add(errors, "funds", _("The funds for %(year)s cannot be negative.") % {"year": year})
            continue
        if years and year not in years:
            _add(
                errors,
                "funds",
                _("The funds for %(year)s lie outside the task's window (%(start)s–%(end)s): remove them.")
                % {"year": year, "start": years[0], "end": years[-1]},
            )
            continue
        clean[int(year)] = money(value)
    for year in years:
        if year not in clean and not any(str(year) in m for m in errors.get("funds", [])):
            _add(errors, "funds", _("Enter the public funds for %(year)s (0 if none).") % {"year": year})
    total = money(sum(clean.values(), Decimal("0")))
    if not errors.get("funds") and total <= 0:
        _add(errors, "funds", _("The call must have public funds: enter the amount for at least one year."))
    if call.max_grant is not None and total > 0 and call.max_grant > total and "max_grant" not in errors:
        _add(
            errors,
            "max_grant",
            _("The largest grant (%(max)s) is more than all the call's funds (%(total)s).")
            % {"max": pln(call.max_grant), "total": pln(total)},
        )
    return clean


def _check_criteria(
    call: Call, criteria: Sequence[Mapping[str, Any]], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    clean: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, row in enumerate(criteria, start=1):
        code = (row.get("statutory") or "").strip()
        name = str(row.get("name") or "").strip()
        points = row.get("max_points")
        if code:
            if code not in STATUTORY_NAMES:
                _add(errors, "criteria", _("Criterion %(n)s: unknown statutory criterion.") % {"n": number})
                continue
            if code in seen:
                _add(errors, "criteria", _("Criterion %(n)s repeats a statutory criterion.") % {"n": number})
                continue
            if code in SUPPORT_ONLY and not includes_support(call.form):
                _add(
                    errors,
                    "criteria",
                    _(
                        "The criterion of the planned share of own or other funds (art. 15 ust. 1 pkt 4) applies "
                        "only to support (wspieranie); this call is for commissioning: remove it."
                    ),
                )
                continue
            seen.add(code)
            name = str(STATUTORY_NAMES[code])
        elif not name:
            _add(errors, "criteria", _("Criterion %(n)s has no name.") % {"n": number})
            continue
        try:
            value = Decimal(points) if points not in (None, "") else None
        except ArithmeticError:
            value = None
        label = name if len(name) <= 60 else name[:57] + "…"
        if value is None:
            _add(errors, "criteria", _("Give the most points of the criterion “%(name)s”.") % {"name": label})
            continue
        if not (Decimal("0") < value <= MAX_POINTS) or value != value.quantize(Decimal("0.1")):
            _add(
                errors,
                "criteria",
                _("The most points of the criterion “%(name)s” must be more than 0 and at most %(max)s, to 0.1.")
                % {"name": label, "max": MAX_POINTS},
            )
            continue
        clean.append({"id": row.get("id"), "name": name, "max_points": value, "statutory": code})
    for code in statutory_codes(call.form or ""):
        if code not in seen and not any("art. 15" in m and "pkt 4" in m for m in errors.get("criteria", [])):
            _add(
                errors,
                "criteria",
                _("The statutory criterion “%(name)s” cannot be removed (art. 15 ust. 1).")
                % {"name": STATUTORY_NAMES[code]},
            )
    return clean


def _check_attachments(attachments: Sequence[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    clean: list[dict[str, Any]] = []
    for number, row in enumerate(attachments, start=1):
        name = str(row.get("name") or "").strip()
        if not name:
            _add(errors, "attachments", _("Required attachment %(n)s has no name.") % {"n": number})
            continue
        if len(name) > 300:
            _add(
                errors, "attachments", _("The name of attachment %(n)s is longer than 300 characters.") % {"n": number}
            )
            continue
        clean.append(
            {
                "id": row.get("id"),
                "name": name,
                "description": str(row.get("description") or "").strip(),
                "mandatory": bool(row.get("mandatory", True)),
            }
        )
    return clean


def _areas(value: Any) -> list[PublicBenefitArea]:
    items = list(value or [])
    ids = [getattr(item, "pk", item) for item in items]
    return list(PublicBenefitArea.objects.filter(pk__in=ids))


def _unique_slug(call: Call) -> str:
    base = slugify((call.number or call.title or "konkurs").replace("/", "-"))[:70] or "konkurs"
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


def validate_call(
    call: Call,
    *,
    areas: list[PublicBenefitArea],
    funds: Mapping[int, Any],
    criteria: Sequence[Mapping[str, Any]],
    attachments: Sequence[Mapping[str, Any]],
) -> tuple[dict[int, Decimal], list[dict[str, Any]], list[dict[str, Any]]]:
    """Every rule of the call at once: the model's own checks, the grant rules, the order of the dates, the funds
    per year, the criteria and the attachments. Returns the clean rows; raises one ``ValidationError`` whose dict
    names every field that fails."""
    errors: dict[str, list[str]] = {}
    try:
        call.full_clean(exclude=["areas"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                _add(errors, field, message)
    if not areas:
        _add(errors, "areas", _("Choose at least one public-benefit area of the task (art. 4)."))
    _check_grant_rules(call, errors)
    _check_dates(call, errors)
    clean_funds = _check_funds(call, funds, errors)
    clean_criteria = _check_criteria(call, criteria, errors)
    clean_attachments = _check_attachments(attachments, errors)
    if errors:
        raise ValidationError(errors)
    return clean_funds, clean_criteria, clean_attachments


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


# Publications -------------------------------------------------------------------------------------------------------


def _clean_publications(
    publications: Iterable[Mapping[str, Any]], *, required: Iterable[str], today: datetime.date
) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    rows: dict[str, dict[str, Any]] = {}
    labels = dict(Publication.Channel.choices)
    for row in publications:
        channel = str(row.get("channel") or "")
        if channel not in ENTERED_CHANNELS:
            _add(errors, "__all__", _("Unknown channel of publication: %(channel)s.") % {"channel": channel})
            continue
        published_on = row.get("published_on")
        url = str(row.get("url") or "").strip()
        note = str(row.get("note") or "").strip()
        if not published_on and not url and not note:
            continue  # an empty optional channel
        if channel in rows:
            _add(errors, f"{channel}_published_on", _("This channel is given twice."))
            continue
        if not published_on:
            _add(errors, f"{channel}_published_on", _("Give the date of this publication."))
            continue
        if isinstance(published_on, datetime.datetime):
            published_on = timezone.localtime(published_on).date()
        if published_on > today:
            _add(
                errors,
                f"{channel}_published_on",
                _("%(date)s is in the future: record a publication once it has appeared.")
                % {"date": when(published_on)},
            )
            continue
        if channel == Publication.Channel.BIP and not url:
            _add(errors, "bip_url", _("Give the address of the announcement in the BIP."))
            continue
        rows[channel] = {"channel": channel, "published_on": published_on, "url": url, "note": note[:300]}
    for channel in required:
        if channel not in rows and not any(k.startswith(channel) for k in errors):
            _add(
                errors,
                f"{channel}_published_on",
                _("The call must also be published here (art. 13 ust. 3): %(channel)s. Give the date.")
                % {"channel": labels[channel]},
            )
    if errors:
        raise ValidationError(errors)
    return list(rows.values())


def _record_publications(
    call: Call, subject: str, rows: Iterable[Mapping[str, Any]], actor: User, today: datetime.date
) -> None:
    Publication.objects.create(
        call=call,
        subject=subject,
        channel=Publication.Channel.RAZEM,
        published_on=today,
        url=settings.RAZEM_BASE_URL + call.get_absolute_url(),
        recorded_by=actor,
    )
    for row in rows:
        Publication.objects.create(call=call, subject=subject, recorded_by=actor, **row)


def last_publication(call: Call, subject: str = Publication.Subject.CALL) -> datetime.date | None:
    found = Publication.objects.filter(call=call, subject=subject).aggregate(last=Max("published_on"))["last"]
    return found  # type: ignore[no-any-return]


def earliest_deadline(last: datetime.date) -> Any:
    """The earliest deadline a call published last on ``last`` may have (``core.deadlines.Deadline``)."""
    from razem.core.deadlines import deadline

    return deadline("offer_submission_days", last)


@transaction.atomic
def call_publish(
    *, actor: User, call: Call, publications: list[dict[str, Any]], request: HttpRequest | None = None
) -> Call:
    refusal = CALL.refusal(call, CALL["publish"], actor, "")
    if refusal is not None:
        raise refusal
    today = timezone.localdate()
    rows = _clean_publications(
        publications, required=(Publication.Channel.BIP, Publication.Channel.NOTICE_BOARD), today=today
    )
    last = max([today, *(row["published_on"] for row in rows)])
    now = timezone.now()
    if call.recruits_commission and call.nominations_close and call.nominations_close <= now:
        raise ValidationError(
            {
                "nominations_close": _(
                    "Nominations to the commission would close on %(when)s, before the publication: move the date "
                    "in the call's form."
                )
                % {"when": when(call.nominations_close)}
            }
        )
    published = CALL.take(call, "publish", actor=actor, request=request, last_publication=last)
    _record_publications(published, Publication.Subject.CALL, rows, actor, today)
    return published  # type: ignore[no-any-return]


# Corrections --------------------------------------------------------------------------------------------------------


def _shown(call: Call, field: str, value: Any) -> str:
    """A value as the call's page shows it."""
    if value is None or value == "":
        return "—"
    choices = getattr(Call._meta.get_field(field), "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if field in SHARE_FIELDS:
        return percent(value)
    if field in MONEY_FIELDS:
        return pln(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime | datetime.date):
        return when(value)
    return str(value)


def _label(field: str) -> str:
    return str(getattr(Call._meta.get_field(field), "verbose_name", field)).capitalize()


def points_text(value: Any) -> str:
    """Points as people write them: "5", "2,5"."""
    text = f"{Decimal(value).quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _criteria_text(rows: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(f"{row['name']} ({points_text(row['max_points'])} pkt)" for row in rows) or "—"


def _attachments_text(rows: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(f"{row['name']}{'' if row['mandatory'] else ' (' + _('optional') + ')'}" for row in rows) or "—"


def _changes(
    before: dict[str, Any], after: dict[str, Any], call: Call, old: dict[str, Any], new: dict[str, Any]
) -> list[dict[str, str]]:
    """The changes of a correction as the page shows them, in the office's language (the notice is official)."""
    changes: list[dict[str, str]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for field in CORRECTABLE_FIELDS:
            if before[field] != after[field]:
                changes.append(
                    {
                        "field": field,
                        "label": _label(field),
                        "old": _shown(call, field, before[field]),
                        "new": _shown(call, field, after[field]),
                    }
                )
        if old["areas"] != new["areas"]:
            changes.append(
                {
                    "field": "areas",
                    "label": _("Public-benefit areas"),
                    "old": "; ".join(old["areas"]),
                    "new": "; ".join(new["areas"]),
                }
            )
        for year in sorted(set(old["funds"]) | set(new["funds"])):
            a, b = old["funds"].get(year), new["funds"].get(year)
            if a != b:
                changes.append(
                    {
                        "field": f"funds.{year}",
                        "label": _("Public funds for %(year)s") % {"year": year},
                        "old": pln(a) if a is not None else "—",
                        "new": pln(b) if b is not None else "—",
                    }
                )
        if _criteria_text(old["criteria"]) != _criteria_text(new["criteria"]):
            changes.append(
                {
                    "field": "criteria",
                    "label": _("Criteria of choosing offers"),
                    "old": _criteria_text(old["criteria"]),
                    "new": _criteria_text(new["criteria"]),
                }
            )
        old_attachments, new_attachments = _attachments_text(old["attachments"]), _attachments_text(new["attachments"])
        if [(a["name"], a["description"], a["mandatory"]) for a in old["attachments"]] != [
            (a["name"], a["description"], a["mandatory"]) for a in new["attachments"]
        ]:
            changes.append(
                {
                    "field": "attachments",
                    "label": _("Required attachments"),
                    "old": old_attachments,
                    "new": new_attachments,
                }
            )
    return changes


def _rows_of(call: Call) -> dict[str, Any]:
    return {
        "areas": sorted(str(a) for a in call.areas.all()),
        "funds": {f.year: f.amount for f in CallFunds.objects.filter(call=call)},
        "criteria": [
            {"name": c.name, "max_points": c.max_points, "statutory": c.statutory}
            for c in Criterion.objects.filter(call=call).order_by("position", "id")
        ],
        "attachments": [
            {"name": a.name, "description": a.description, "mandatory": a.mandatory}
            for a in RequiredAttachment.objects.filter(call=call).order_by("position", "id")
        ],
    }


@transaction.atomic
def call_correct(
    *,
    actor: User,
    call: Call,
    data: dict[str, Any],
    funds: dict[int, Decimal],
    criteria: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
    notice: str,
    request: HttpRequest | None = None,
) -> Correction:
    _ensure_manager(actor, call)
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if locked.status != Call.Status.ANNOUNCED:
        raise ValidationError(
            _("This call is %(status)s; only an announced call can be corrected.")
            % {"status": locked.get_status_display().lower()}
        )
    now = timezone.now()
    if now > locked.submission_deadline:
        raise ValidationError(
            _("Offers were accepted until %(deadline)s; after the deadline the call can no longer be corrected.")
            % {"deadline": when(locked.submission_deadline)}
        )
    notice = (notice or "").strip()
    before = {field: getattr(locked, field) for field in CORRECTABLE_FIELDS}
    old_rows = _rows_of(locked)
    old_deadline = locked.submission_deadline
    _apply(locked, data, CORRECTABLE_FIELDS)
    areas = _areas(data["areas"]) if "areas" in data else list(locked.areas.all())
    errors: dict[str, list[str]] = {}
    try:
        clean_funds, clean_criteria, clean_attachments = validate_call(
            locked, areas=areas, funds=funds, criteria=criteria, attachments=attachments
        )
    except ValidationError as error:
        errors.update(error.message_dict)
        clean_funds, clean_criteria, clean_attachments = {}, [], []
    if not notice:
        _add(
            errors,
            "notice",
            _("Write the correction notice: what changes and why. It is published on the call's page."),
        )
    if locked.submission_deadline != old_deadline and locked.submission_deadline <= now:
        _add(errors, "submission_deadline", _("The new deadline has already passed: give a later one."))
    if (
        locked.recruits_commission
        and locked.nominations_close
        and locked.nominations_close != before["nominations_close"]
        and locked.nominations_close <= now
        and "nominations_close" not in errors
    ):
        _add(errors, "nominations_close", _("Nominations cannot close in the past: give a later date."))
    if locked.submission_deadline != old_deadline and "submission_deadline" not in errors:
        last = last_publication(locked) or timezone.localdate(locked.published_at or now)
        problem = schedule.deadline_problem(locked.submission_deadline, last)
        if problem is not None:
            for message in problem.message_dict["submission_deadline"]:
                _add(errors, "submission_deadline", message)
    if errors:
        raise ValidationError(errors)
    after = {field: getattr(locked, field) for field in CORRECTABLE_FIELDS}
    new_rows = {
        "areas": sorted(str(a) for a in areas),
        "funds": dict(clean_funds),
        "criteria": clean_criteria,
        "attachments": clean_attachments,
    }
    changes = _changes(before, after, locked, old_rows, new_rows)
    if not changes:
        raise ValidationError(_("Nothing has changed: change something in the call, then publish the correction."))
    locked.sequence += 1
    _save(locked, areas, clean_funds, clean_criteria, clean_attachments)
    number = (Correction.objects.filter(call=locked).aggregate(n=Max("number"))["n"] or 0) + 1
    correction = Correction.objects.create(
        call=locked, number=number, published_at=now, notice=notice, changes=changes, published_by=actor
    )
    audit.record(
        actor=actor,
        action="grants.call.corrected",
        obj=locked,
        data={"number": number, "fields": [c["field"] for c in changes], "reason": notice},
        request=request,
    )
    notify_many(
        kind="grants/call_corrected",
        audience=people_with_offers(locked),
        context={"call": locked, "correction": correction},
        url=locked.get_absolute_url() + f"#korekta-{number}",
        exclude=actor,
    )
    return correction


# Cancellation -------------------------------------------------------------------------------------------------------


@transaction.atomic
def call_cancel(
    *,
    actor: User,
    call: Call,
    ground: str,
    reason: str,
    publications: Sequence[dict[str, Any]] = (),
    request: HttpRequest | None = None,
) -> Call:
    refusal = CALL.refusal(call, CALL["cancel"], actor, (reason or "").strip())
    if refusal is not None:
        raise refusal
    today = timezone.localdate()
    rows = _clean_publications(publications, required=(), today=today)
    cancelled = CALL.take(call, "cancel", actor=actor, reason=reason, request=request, ground=ground)
    _record_publications(cancelled, Publication.Subject.CANCELLATION, rows, actor, today)
    return cancelled  # type: ignore[no-any-return]
