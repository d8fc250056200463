"""The rules of a call for offers, checked all at once before anything is saved (``validate_call``): the model's
own checks, the grant rules (shares, smallest and largest grant), the order of the dates, the public funds of each
budget year of the task's window, the criteria of choosing offers (the statutory ones of art. 15 ust. 1 cannot be
removed; the 4th only when the call includes support) and the required attachments.

The fields of a call the office fills in (``CALL_FIELDS``, ``CORRECTABLE_FIELDS`` in a correction) and the default
criteria of a new call (``default_criteria``) are named here too: the call's forms and the demo use them.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from razem.core.models import PublicBenefitArea
from razem.core.money import money, percent, pln
from razem.grants import schedule
from razem.grants.criteria import STATUTORY
from razem.grants.models import Call

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
