"""Annexes: later changes of a signed contract's dates or budget, each numbered, dated and with its reason.

    annex_prepare(*, actor, contract, reason, start_date, end_date, budget=None, request=None) -> ContractAnnex
    annex_update(*, actor, annex, reason, start_date, end_date, budget=None, request=None) -> ContractAnnex
    annex_sign(*, actor, annex, signed_on, scan=None, request=None) -> ContractAnnex
    annex_attach_scan(*, actor, annex, upload, request=None) -> ContractAnnex

``budget`` (None: the annex keeps the budget) is ``{"lines": [...], "funding": {year: {source: Decimal}}}``; a line
is ``{"category", "name", "unit", "unit_cost", "quantity", "year_amounts": {year: Decimal}, "partner_id",
"activity_id", "key"}`` where ``key`` (optional) names the form's fields of the line (``<key>_quantity``,
``<key>_<year>``), so that a refusal lands next to the figure it is about; the funding's fields are
``funding_<year>_<source>``.

The new budget is checked with the rules of ``grants.budget`` (each line's values per year add up to unit cost ×
units; in each year the sources equal the costs; the call's rules of the own contribution, the administrative costs
and the fees) and against the decision: the grant of each year may not exceed the grant awarded for that year.
The dates stay within the budget years of the contract (a small grant within its longest duration, art. 19a).
Signing applies the annex: the contract's dates and the grant of its tranches become the annex's, and
``contracts.plan.planned`` returns its budget from then on.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from razem.accounts.models import User
from razem.contracts import content as content_module
from razem.contracts import plan
from razem.contracts.models import Contract, ContractAnnex
from razem.contracts.services import scans
from razem.contracts.services.contracts import award_years
from razem.contracts.workflows import ANNEX
from razem.core import audit
from razem.core.money import money, pln
from razem.core.permissions import ensure
from razem.core.reference import statutory_value
from razem.grants import budget as grants_budget


class _Row:
    """A cost line or a year's funding as ``grants.budget.build`` reads it."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


def build_budget(contract: Contract, data: Mapping[str, Any]) -> tuple[grants_budget.Budget, list[str]]:
    """The budget typed for an annex, over the contract's years; with the form key of each line built."""
    years = contract.years
    lines, keys = [], []
    for row in data.get("lines") or []:
        lines.append(
            _Row(
                category=row.get("category") or "realization",
                name=str(row.get("name") or "").strip(),
                unit=str(row.get("unit") or "").strip(),
                unit_cost=money(row.get("unit_cost")),
                quantity=Decimal(row.get("quantity") or 0),
                year_amounts={
                    str(y): str(money(a)) for y, a in (row.get("year_amounts") or {}).items() if a not in (None, "")
                },
                partner_id=row.get("partner_id"),
                activity_id=row.get("activity_id"),
            )
        )
        keys.append(str(row.get("key") or ""))
    funding = [
        _Row(year=int(year), **{s: money(values.get(s)) for s in grants_budget.SOURCES})
        for year, values in (data.get("funding") or {}).items()
    ]
    return grants_budget.build(years, lines, funding), keys


def _field(problem: grants_budget.Problem, keys: list[str], years: list[int]) -> str:
    """The form field a problem of ``grants.budget.check`` belongs to."""
    parts = problem.field.split(".")
    if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit():
        key = keys[int(parts[1]) - 1] if int(parts[1]) <= len(keys) else ""
        if not key:
            return NON_FIELD_ERRORS
        return f"{key}_quantity" if parts[2] == "quantity" else f"{key}_{years[0]}"
    if parts[0] == "funding" and len(parts) == 3:
        return f"funding_{parts[1]}_{parts[2]}"
    return NON_FIELD_ERRORS


def budget_problems(contract: Contract, budget: grants_budget.Budget, keys: list[str]) -> dict[str, list[str]]:
    """Every rule the annex's budget breaks, by form field."""
    errors: dict[str, list[str]] = {}
    years = list(budget.years)
    for n, line in enumerate(budget.lines, start=1):
        if not line.name or not line.unit:
            key = keys[n - 1] if n <= len(keys) else ""
            errors.setdefault(f"{key}_name" if key else NON_FIELD_ERRORS, []).append(
                _("Cost line %(n)s: give the kind of cost and its unit.") % {"n": n}
            )
    if not budget.lines:
        errors.setdefault(NON_FIELD_ERRORS, []).append(_("The budget needs at least one cost line."))
    for problem in grants_budget.check(budget, contract.offer.call):
        if problem.field == "grant":  # the call's smallest and largest grant: the decision governs the contract
            continue
        errors.setdefault(_field(problem, keys, years), []).append(problem.message)
    awarded = award_years(contract.offer, contract.version)
    for year in years:
        grant = budget.sources_in(year).grant
        limit = awarded.get(year)
        if limit is None and grant:
            errors.setdefault(f"funding_{year}_grant", []).append(
                _("No grant was awarded for %(year)s; the grant of that year must be zero.") % {"year": year}
            )
        elif limit is not None and grant > limit:
            errors.setdefault(f"funding_{year}_grant", []).append(
                _("The grant of %(year)s would be %(grant)s, above the %(award)s awarded for that year.")
                % {"year": year, "grant": pln(grant), "award": pln(limit)}
            )
    return errors


def _check(
    contract: Contract,
    *,
    reason: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    budget: Mapping[str, Any] | None,
) -> tuple[dict[str, Any], list[dict[str, str]], datetime.date, datetime.date]:
    """The annex's budget as JSON (or empty), its changes and its dates; every problem refused at once, on its
    field."""
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Say why the contract is changed; the annex states it.")]
    if start_date is None:
        errors["start_date"] = [_("Give the day the task starts.")]
    if end_date is None:
        errors["end_date"] = [_("Give the day the task ends.")]
    years = contract.years
    if start_date and end_date:
        if start_date > end_date:
            errors["end_date"] = [_("The task cannot end before it starts.")]
        elif start_date.year not in years or end_date.year not in years:
            errors.setdefault("end_date", []).append(
                _("An annex moves the dates within the budget years of the contract (%(years)s).")
                % {"years": ", ".join(map(str, years))}
            )
        elif contract.offer.kind == "small_grant":
            longest = int(statutory_value("small_grant_max_days", start_date))
            if (end_date - start_date).days + 1 > longest:
                errors.setdefault("end_date", []).append(
                    ngettext(
                        "A small grant's task lasts at most %(days)s day (art. 19a); these dates give %(count)s.",
                        "A small grant's task lasts at most %(days)s days (art. 19a); these dates give %(count)s.",
                        longest,
                    )
                    % {"days": longest, "count": (end_date - start_date).days + 1}
                )
    data: dict[str, Any] = {}
    changes: list[dict[str, str]] = []
    current = plan.planned(contract)
    if budget is not None:
        built, keys = build_budget(contract, budget)
        for field, messages in budget_problems(contract, built, keys).items():
            errors.setdefault(field, []).extend(messages)
        data = plan.as_data(built)
        if data == plan.as_data(current):
            data = {}
        else:
            changes += content_module.line_changes(current, built)
    if start_date and end_date:
        changes = (
            content_module.date_changes((contract.start_date, contract.end_date), (start_date, end_date)) + changes
        )
    if not errors and not changes:
        errors[NON_FIELD_ERRORS] = [_("The annex changes nothing: change the dates or the budget.")]
    if errors or start_date is None or end_date is None:
        raise ValidationError(errors)
    return data, changes, start_date, end_date


@transaction.atomic
def annex_prepare(
    *,
    actor: User,
    contract: Contract,
    reason: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    budget: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> ContractAnnex:
    """The next annex of a signed contract, prepared for signing."""
    locked = Contract.objects.select_for_update().get(pk=contract.pk)
    ensure(actor, "contracts.prepare_annex", locked)
    data, changes, start, end = _check(locked, reason=reason, start_date=start_date, end_date=end_date, budget=budget)
    number = (locked.annexes.aggregate(m=Max("number"))["m"] or 0) + 1
    annex = ContractAnnex.objects.create(
        contract=locked,
        number=number,
        reason=reason.strip(),
        start_date=start,
        end_date=end,
        budget=data,
        changes=changes,
        created_by=actor,
        created_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="contracts.annex.prepared",
        obj=annex,
        data={"contract": locked.pk, "number": number, "changes": [c["label"] for c in changes]},
        request=request,
    )
    return annex


@transaction.atomic
def annex_update(
    *,
    actor: User,
    annex: ContractAnnex,
    reason: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    budget: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> ContractAnnex:
    """Change an annex that is not signed yet."""
    contract = Contract.objects.select_for_update().get(pk=annex.contract_id)
    locked = ContractAnnex.objects.select_for_update().get(pk=annex.pk)
    locked.contract = contract
    ensure(actor, "contracts.edit_annex", locked)
    data, changes, start, end = _check(contract, reason=reason, start_date=start_date, end_date=end_date, budget=budget)
    locked.reason, locked.start_date, locked.end_date = reason.strip(), start, end
    locked.budget, locked.changes = data, changes
    locked.save()
    audit.record(
        actor=actor,
        action="contracts.annex.updated",
        obj=locked,
        data={"contract": contract.pk, "number": locked.number, "changes": [c["label"] for c in changes]},
        request=request,
    )
    return locked


def signing_problems(annex: ContractAnnex, *, signed_on: datetime.date | None) -> None:
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the day the annex was signed.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The day of signing cannot be in the future.")})
    signed = annex.contract.signed_on
    if signed is not None and signed_on < signed:
        raise ValidationError(
            {
                "signed_on": _("The annex cannot be signed before the contract (%(date)s).")
                % {"date": signed.strftime("%d.%m.%Y")}
            }
        )


def apply(annex: ContractAnnex, *, actor: Any, signed_on: datetime.date, scan: dict[str, Any] | None) -> None:
    """Under the lock: freeze the annex and make the contract say what it says (its dates, the grant per year)."""
    contract = Contract.objects.select_for_update().get(pk=annex.contract_id)
    annex.contract = contract
    annex.signed_on = signed_on
    annex.content = content_module.annex_content(annex)
    annex.content_sha256 = content_module.checksum(annex.content)
    if scan:
        scans.assign(annex, scan)
    before = {"start_date": str(contract.start_date), "end_date": str(contract.end_date)}
    contract.start_date, contract.end_date = annex.start_date, annex.end_date
    contract.updated_at = timezone.now()
    contract.save(update_fields=["start_date", "end_date", "updated_at"])
    grants: dict[str, str] = {}
    if annex.budget:
        new = plan.from_data(annex.budget, contract.years)
        for tranche in contract.tranches.all():
            amount = new.sources_in(tranche.year).grant
            if tranche.amount != amount:
                grants[str(tranche.year)] = f"{tranche.amount} → {amount}"
                tranche.amount = amount
                tranche.save(update_fields=["amount"])
    audit.record(
        actor=actor,
        action="contracts.contract.annexed",
        obj=contract,
        data={"annex": annex.number, "dates": before, "grant": grants},
    )


def annex_sign(
    *,
    actor: User,
    annex: ContractAnnex,
    signed_on: datetime.date | None,
    scan: Any = None,
    request: HttpRequest | None = None,
) -> ContractAnnex:
    """Record that the annex was signed: the contract takes its dates and grant per year, its budget becomes the
    plan (``contracts.plan.planned``), and the people acting for the oferents are told."""
    signed: ContractAnnex = scans.sign(
        ANNEX, annex, actor=actor, signed_on=signed_on, scan=scan, folder="contracts/annexes",
        action="contracts.annex.scan_attached", request=request,
    )  # fmt: skip
    return signed


def annex_attach_scan(
    *, actor: User, annex: ContractAnnex, upload: Any, request: HttpRequest | None = None
) -> ContractAnnex:
    """Keep the scan of the signed annex (a later one replaces it on the page; both stay in the audit log)."""
    attached: ContractAnnex = scans.attach(
        lambda: ContractAnnex.objects.select_for_update().get(pk=annex.pk), annex, actor=actor,
        permission="contracts.attach_annex_scan", upload=upload, folder="contracts/annexes",
        action="contracts.annex.scan_attached", request=request,
    )  # fmt: skip
    return attached
