"""Preparing, editing, signing and terminating a contract (point 7 of issue 12).

    contract_prepare(*, actor, offer, terms=None, request=None) -> Contract
    contract_update(*, actor, contract, terms, request=None) -> Contract
    contract_sign(*, actor, contract, signed_on, scan=None, request=None) -> Contract
    contract_attach_scan(*, actor, contract, upload, request=None) -> Contract
    contract_terminate(*, actor, contract, reason, request=None) -> Contract

``terms`` holds what the office types (every key optional): ``number``, ``principal``, ``organ``,
``city_signatories``, ``place_of_signing``, ``bank_account``, ``signatories`` (a list per oferent, in the order of
the oferents, of {"name", "function"}), ``due_dates`` ({year: date}). The rest comes from the offer and the decision:
the title and dates of the version the contract annexes (the updated one after a partial award), the form of the
task, the grant per year (``grants.AwardYear``), the budget, the call's tolerance.

A contract is prepared only from an awarded offer whose update, after a partial award, is not awaited, and not for
an oferent who resigned (``contracts.prepare_contract`` says why not); once per offer.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.contracts import bank, plan
from razem.contracts import content as content_module
from razem.contracts.models import Contract, ContractTranche, default_organ
from razem.contracts.predicates import award_of
from razem.contracts.services import scans
from razem.contracts.workflows import CONTRACT, oferent_people
from razem.core import audit
from razem.core.money import ZERO, money
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.core.reference import statutory_value
from razem.grants.models import Offer, OfferVersion
from razem.organizations.models import Organization, Representative

NUMBER_PREFIX = "DOT"
TEXT_TERMS = ("principal", "organ", "city_signatories", "place_of_signing")


# Reading the offer --------------------------------------------------------------------------------------------


def annexed_version(offer: Offer) -> OfferVersion | None:
    """The filed version the contract annexes: the update after a partial award, else the current version."""
    award = award_of(offer)
    if award is not None and award.updated_version_id:
        return award.updated_version
    return offer.current_version


def oferent_organizations(offer: Offer) -> list[Organization]:
    """The lead oferent, then the partners who confirmed the joint offer (the order of the offer's form)."""
    from razem.grants.models import OfferPartner

    partners = offer.partners.select_related("organization").filter(status=OfferPartner.Status.CONFIRMED)
    return [offer.organization, *(p.organization for p in partners.order_by("invited_at", "id"))]


def default_signatories(offer: Offer, version: OfferVersion | None) -> list[list[dict[str, str]]]:
    """Who signs for each oferent: those who signed the offer, else the registry's representatives by the
    representation rule (one who may sign alone, or as many as must sign together)."""
    organizations = oferent_organizations(offer)
    signed = (version.content.get("signatories") if version else None) or []
    result: list[list[dict[str, str]]] = []
    for number, organization in enumerate(organizations, start=1):
        people = [
            {"name": row.get("full_name", ""), "function": row.get("function", "")}
            for row in signed
            if row.get("oferent") == number
        ]
        if not people:
            reps = list(Representative.objects.filter(organization=organization).order_by("position", "id"))
            alone = [r for r in reps if r.signs_alone]
            chosen = alone[:1] or reps[: organization.signatures_required]
            people = [{"name": r.full_name, "function": r.function} for r in chosen]
        result.append(people)
    return result


def award_years(offer: Offer, version: OfferVersion | None = None) -> dict[int, Decimal]:
    """The grant awarded per budget year (``grants.AwardYear``); without rows per year, the version's grant per
    year (a one-year award with its amount only counts as that year)."""
    award = award_of(offer)
    if award is not None:
        rows = {row.year: money(row.amount) for row in award.years.all()}
        if rows:
            return dict(sorted(rows.items()))
    version = version or annexed_version(offer)
    funding = (version.content.get("funding") if version else None) or {}
    years = {int(y): money(values.get("grant")) for y, values in funding.items()}
    if award is not None and len(years) <= 1:
        year = next(iter(years), offer.start_date.year if offer.start_date else timezone.localdate().year)
        return {year: money(award.amount)}
    return dict(sorted(years.items()))


def next_number(year: int | None = None) -> str:
    """The next free number of the year: ``DOT/<year>/<nnn>``, one more than the highest given."""
    year = year or timezone.localdate().year
    prefix = f"{NUMBER_PREFIX}/{year}/"
    taken = [0]
    for number in Contract.objects.filter(number__startswith=prefix).values_list("number", flat=True):
        tail = number[len(prefix) :]
        if tail.isdigit():
            taken.append(int(tail))
    return f"{prefix}{max(taken) + 1:03d}"


def defaults_for(offer: Offer) -> dict[str, Any]:
    """What the office starts from when preparing the contract of ``offer``."""
    version = annexed_version(offer)
    return {
        "number": next_number(),
        "principal": str(Contract._meta.get_field("principal").default),
        "organ": offer.call.organ if offer.call is not None else default_organ(),
        "city_signatories": "",
        "place_of_signing": str(Contract._meta.get_field("place_of_signing").default),
        "bank_account": "",
        "signatories": default_signatories(offer, version),
        "due_dates": {},
    }


# Checking what the office typed ------------------------------------------------------------------------------------


def clean_number(number: str, *, contract: Contract | None = None) -> str:
    """The number as typed (trimmed); refused when another contract has it."""
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) > Contract._meta.get_field("number").max_length:  # type: ignore[operator]
        raise ValidationError({"number": _("A contract number has at most 60 characters.")})
    other = Contract.objects.filter(number=number).select_related("offer__organization")
    if contract is not None and contract.pk:
        other = other.exclude(pk=contract.pk)
    taken = other.first()
    if taken is not None:
        raise ValidationError(
            {
                "number": _(
                    "The number %(number)s is already given to another contract (%(organization)s, “%(title)s”). "
                    "Choose another; the next free one is %(next)s."
                )
                % {
                    "number": number,
                    "organization": taken.offer.organization.name,
                    "title": taken.title,
                    "next": next_number(),
                }
            },
            code="duplicate_number",
        )
    return number


def _apply_terms(
    contract: Contract, terms: Mapping[str, Any], organizations: list[Organization]
) -> dict[int, datetime.date | None]:
    """Set ``terms`` on ``contract`` (not saved); returns the due dates per year. Every problem is refused at once,
    each on its field."""
    errors: dict[str, list[str]] = {}
    if "number" in terms:
        try:
            contract.number = clean_number(terms["number"], contract=contract)
        except ValidationError as exc:
            errors.setdefault("number", []).extend(exc.messages)
    if "bank_account" in terms:
        try:
            contract.bank_account = bank.clean_account(terms["bank_account"])
        except ValidationError as exc:
            errors.setdefault("bank_account", []).extend(exc.messages)
    for field in TEXT_TERMS:
        if field in terms:
            setattr(contract, field, str(terms[field] or "").strip())
    for field in ("principal", "organ", "place_of_signing"):
        if not getattr(contract, field):
            errors.setdefault(field, []).append(_("This field is required."))
    if "signatories" in terms:
        people = list(terms["signatories"] or [])
        rows: list[dict[str, str]] = []
        for index, organization in enumerate(organizations):
            mine = [p for p in (people[index] if index < len(people) else []) if str(p.get("name", "")).strip()]
            if not mine:
                errors.setdefault(f"signatories_{index + 1}", []).append(
                    _("Name at least one person who signs for %(org)s.") % {"org": organization.name}
                )
            rows += [
                {
                    "name": str(p["name"]).strip(),
                    "function": str(p.get("function", "")).strip(),
                    "organization": organization.name,
                }
                for p in mine
            ]
        contract.oferent_signatories = rows
    due: dict[int, datetime.date | None] = {}
    for year, day in (terms.get("due_dates") or {}).items():
        year = int(year)
        if day is not None and day.year != year:
            errors.setdefault(f"due_{year}", []).append(
                _("The tranche of %(year)s is paid from that year's budget: give a day in %(year)s.") % {"year": year}
            )
        due[year] = day
    if errors:
        raise ValidationError(errors)
    return due


def representation_warnings(contract: Contract) -> list[str]:
    """Where the people named to sign for an oferent are fewer than its representation rule asks, and none of them
    may sign alone per the registry (a proxy may still sign with a power of attorney: a warning, not a refusal)."""
    warnings = []
    for organization in oferent_organizations(contract.offer):
        named = [s for s in contract.oferent_signatories or [] if s.get("organization") == organization.name]
        alone = {
            r.full_name.strip().lower()
            for r in Representative.objects.filter(organization=organization, signs_alone=True)
        }
        if any(s["name"].strip().lower() in alone for s in named):
            continue
        if named and len(named) < organization.signatures_required:
            warnings.append(
                _(
                    "%(org)s is represented by %(required)s persons signing together (its representation rule: "
                    "“%(rule)s”); the contract names %(count)s. Check who signs, or attach a power of attorney."
                )
                % {
                    "org": organization.name,
                    "required": organization.signatures_required,
                    "rule": organization.representation_rule or _("no rule recorded"),
                    "count": len(named),
                }
            )
    return warnings


# Preparing and editing ---------------------------------------------------------------------------------------------


def _save_numbered(contract: Contract) -> None:
    """Save; a number another contract took meanwhile (a concurrent transaction passed the same check) is refused
    as a duplicate, not as a database error."""
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:
        if contract.number and Contract.objects.filter(number=contract.number).exclude(pk=contract.pk).exists():
            clean_number(contract.number, contract=contract)
        raise


def _tell_prepared(contract: Contract) -> None:
    notify_many(
        kind="contracts/prepared",
        audience=oferent_people(contract),
        context={
            "contract": contract,
            "title": contract.title,
            "number": contract.number,
            "grant": str(money(sum((t.amount for t in contract.tranches.all()), ZERO))),
        },
        url=contract.get_absolute_url(),
    )


@transaction.atomic
def contract_prepare(
    *, actor: User, offer: Offer, terms: Mapping[str, Any] | None = None, request: HttpRequest | None = None
) -> Contract:
    """The contract of an awarded ``offer``, prepared for signing (a draft), with its tranches per year; the people
    acting for the oferents are told. Refused, and nothing made, before the decision, while the update after a
    partial award is awaited, for an oferent who resigned, when the offer has a contract, or on bad ``terms``."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    ensure(actor, "contracts.prepare_contract", locked)
    version = annexed_version(locked)
    content = version.content if version is not None else {}
    task = content.get("task") or {}
    start = datetime.date.fromisoformat(task["start_date"]) if task.get("start_date") else locked.start_date
    end = datetime.date.fromisoformat(task["end_date"]) if task.get("end_date") else locked.end_date
    if start is None or end is None:
        raise ValidationError(_("The offer has no dates of the task; the contract cannot be prepared."))
    call = locked.call
    form = locked.task_form or (call.task_forms()[0] if call is not None else "wspieranie")
    contract = Contract(
        offer=locked,
        version=version,
        form=form,
        title=(task.get("title") or locked.title)[:300],
        start_date=start,
        end_date=end,
        organ=call.organ if call is not None else default_organ(),
        tolerance=(
            call.report_tolerance
            if call is not None
            else statutory_value("report_tolerance_percent", timezone.localdate())
        ),
        budget=plan.from_content(locked, content) if content.get("costs") else {},
        created_by=actor,
        created_at=timezone.now(),
        updated_at=timezone.now(),
    )
    organizations = oferent_organizations(locked)
    merged = {**defaults_for(locked), "number": "", **(terms or {})}
    due = _apply_terms(contract, merged, organizations)
    _save_numbered(contract)
    amounts = award_years(locked, version)
    ContractTranche.objects.bulk_create(
        [
            ContractTranche(contract=contract, year=year, amount=amount, due_date=due.get(year))
            for year, amount in amounts.items()
        ]
    )
    audit.record(
        actor=actor,
        action="contracts.contract.prepared",
        obj=contract,
        data={
            "offer": locked.pk,
            "number": contract.number,
            "version": version.number if version else None,
            "grant": {str(y): str(a) for y, a in amounts.items()},
        },
        request=request,
    )
    _tell_prepared(contract)
    return contract


def _locked(contract: Contract) -> Contract:
    # FOR UPDATE OF the contract only: PostgreSQL refuses to lock the nullable side of the join to the call.
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("offer__organization", "offer__call")
        .get(pk=contract.pk)
    )


@transaction.atomic
def contract_update(
    *, actor: User, contract: Contract, terms: Mapping[str, Any], request: HttpRequest | None = None
) -> Contract:
    """Change a draft contract: its number, the city's side, the bank account, who signs, the payment days."""
    locked = _locked(contract)
    ensure(actor, "contracts.edit_contract", locked)
    before = {f: getattr(locked, f) for f in ("number", "bank_account", *TEXT_TERMS)}
    before_people = list(locked.oferent_signatories or [])
    due = _apply_terms(locked, terms, oferent_organizations(locked.offer))
    locked.updated_at = timezone.now()
    _save_numbered(locked)
    changed = [f for f, value in before.items() if getattr(locked, f) != value]
    if locked.oferent_signatories != before_people:
        changed.append("oferent_signatories")
    for tranche in locked.tranches.all():
        if tranche.year in due and tranche.due_date != due[tranche.year]:
            tranche.due_date = due[tranche.year]
            tranche.save(update_fields=["due_date"])
            changed.append(f"due_{tranche.year}")
    if changed:
        audit.record(
            actor=actor,
            action="contracts.contract.updated",
            obj=locked,
            data={"changed": changed, "number": locked.number},
            request=request,
        )
    return locked


# Signing ---------------------------------------------------------------------------------------------------------


def signing_problems(contract: Contract, *, signed_on: datetime.date | None) -> None:
    """Refuse to record the signing of a contract that is not complete, or on an impossible day."""
    missing: list[str] = []
    if not contract.number:
        missing.append(_("its number"))
    if not contract.bank_account:
        missing.append(_("the bank account for the grant"))
    if not contract.city_signatories.strip():
        missing.append(_("who signs for the city"))
    if not contract.oferent_signatories:
        missing.append(_("who signs for the oferent"))
    undated = [str(t.year) for t in contract.tranches.all() if t.due_date is None]
    if undated:
        missing.append(_("the payment day of the tranche of %(years)s") % {"years": ", ".join(undated)})
    errors: dict[str, list[str]] = {}
    if missing:
        errors[NON_FIELD_ERRORS] = [
            _("Before the signing is recorded, give the contract %(missing)s (Edit the contract).")
            % {"missing": "; ".join(missing)}
        ]
    if signed_on is None:
        errors["signed_on"] = [_("Give the day the contract was signed.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("The day of signing cannot be in the future.")]
    else:
        award = award_of(contract.offer)
        made_on = award.decision.made_on if award is not None else None
        if made_on is not None and signed_on < made_on:
            errors["signed_on"] = [
                _("The contract cannot be signed before the decision of %(date)s.")
                % {"date": made_on.strftime("%d.%m.%Y")}
            ]
    if errors:
        raise ValidationError(errors)


def freeze(contract: Contract, *, signed_on: datetime.date, scan: dict[str, Any] | None) -> None:
    """Under the lock: the day of signing, the content as signed and its SHA-256, the scan if one came."""
    contract.signed_on = signed_on
    contract.updated_at = timezone.now()
    contract.content = content_module.contract_content(contract)
    contract.content_sha256 = content_module.checksum(contract.content)
    if scan:
        scans.assign(contract, scan)


def contract_sign(
    *,
    actor: User,
    contract: Contract,
    signed_on: datetime.date | None,
    scan: Any = None,
    request: HttpRequest | None = None,
) -> Contract:
    """Record that the contract was signed on ``signed_on`` (with the scan, if given): its content is frozen, and
    the people acting for the oferents are told."""
    signed: Contract = scans.sign(
        CONTRACT, contract, actor=actor, signed_on=signed_on, scan=scan, folder="contracts",
        action="contracts.contract.scan_attached", request=request,
    )  # fmt: skip
    return signed


def contract_attach_scan(
    *, actor: User, contract: Contract, upload: Any, request: HttpRequest | None = None
) -> Contract:
    """Keep the scan of the signed contract. A later scan replaces it on the page; the earlier file stays in the
    storage and the audit log keeps the checksums of both."""
    attached: Contract = scans.attach(
        lambda: _locked(contract), contract, actor=actor, permission="contracts.attach_scan", upload=upload,
        folder="contracts", action="contracts.contract.scan_attached", request=request,
    )  # fmt: skip
    return attached


def contract_terminate(*, actor: User, contract: Contract, reason: str, request: HttpRequest | None = None) -> Contract:
    """Terminate the contract (or withdraw a draft) with a reason the oferent reads."""
    terminated: Contract = CONTRACT.take(contract, "terminate", actor=actor, reason=reason, request=request)
    return terminated
