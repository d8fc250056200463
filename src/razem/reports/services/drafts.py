"""Preparing a report: starting the final report, saving a part of the form, keeping input that cannot be saved.

A part is saved whole (``report_save_part``) when its form is valid; input that is not (an amount that is not a
number, a description without its amount) is refused by the form with messages next to the fields and kept
(``report_keep_unsaved``) so that the page shows it again until it is saved or discarded. The rows follow the
contract's plan (``sync_rows``): a row for each planned line in each year of the report (where the line has a
value in that year), the sources of each year and, except in a small grant's report, the results of the offer's
table (III.6).
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.contracts.models import Contract
from razem.core import audit
from razem.core.deadlines import deadline
from razem.core.money import money
from razem.core.permissions import ensure
from razem.grants.budget import SOURCES
from razem.reports.figures import plan_of
from razem.reports.models import CostRow, IncomeRow, Report, ResultRow, SourceRow
from razem.reports.workflows import REPORT

# The parts of the form, in order: their slugs (in the addresses) and which form of report has them.
RESULTS = "rezultaty"
COSTS = "koszty"
SOURCES_PART = "zrodla"
INFO = "informacje"
PARTS = (RESULTS, COSTS, SOURCES_PART, INFO)
SMALL_PARTS = (RESULTS, COSTS, SOURCES_PART)


def parts_of(report: Report) -> tuple[str, ...]:
    return SMALL_PARTS if report.is_small else PARTS


def final_due(contract: Contract) -> Any:
    """The day the final report is due: ``grant_report_days`` after the task ends (art. 18 ust. 1)."""
    return deadline("grant_report_days", contract.end_date).date


def sync_rows(report: Report) -> None:
    """Make the report's rows follow the plan: add the lines and years planned, update their names and planned
    values, mark rows of lines the plan no longer has (kept while they hold an amount, else removed)."""
    plan = plan_of(report)
    years = report.years
    existing = {(row.number, row.year): row for row in report.costs.all()}
    wanted = {}
    for year in years:
        for line in plan.lines:
            if year in line.year_amounts:
                wanted[(line.number, year)] = line
    for (number, year), line in wanted.items():
        values: dict[str, Any] = {
            "name": line.name[:300],
            "category": line.category,
            "partner_id": line.partner_id,
            "planned": money(line.year_amounts[year]),
            "in_plan": True,
        }
        row = existing.get((number, year))
        if row is None:
            CostRow.objects.create(report=report, number=number, year=year, **values)
        elif any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            row.save()
    for key, row in existing.items():
        if key in wanted:
            continue
        if row.actual:
            if row.in_plan or row.planned:
                row.in_plan, row.planned = False, Decimal("0")
                row.save(update_fields=["in_plan", "planned"])
        else:
            row.delete()
    have = set(report.sources.values_list("year", flat=True))
    SourceRow.objects.bulk_create([SourceRow(report=report, year=y) for y in years if y not in have])
    report.sources.exclude(year__in=years).delete()
    if report.is_small:
        return
    results = {result_row.result_id: result_row for result_row in report.results.all()}
    for result in report.contract.offer.results.all():
        result_row = results.get(result.pk)
        fields: dict[str, Any] = {
            "position": result.position,
            "name": result.name[:300],
            "planned": result.target_value[:200],
        }
        if result_row is None:
            ResultRow.objects.create(report=report, result=result, **fields)
        elif any(getattr(result_row, name) != given for name, given in fields.items()):
            for name, given in fields.items():
                setattr(result_row, name, given)
            result_row.save()


def _prefill_from_partials(report: Report) -> None:
    """A new final report takes the figures of the accepted partial reports of the same years (whole years)."""
    partials = Report.objects.filter(
        contract=report.contract, kind=Report.Kind.PARTIAL, status=Report.Status.ACCEPTED
    ).order_by("period_end")
    for partial in partials:
        costs = {(row.number, row.year): row.actual for row in partial.costs.all()}
        for row in report.costs.filter(year__in=partial.years):
            if (row.number, row.year) in costs:
                row.actual = costs[(row.number, row.year)]
                row.save(update_fields=["actual"])
        for source in partial.sources.all():
            SourceRow.objects.filter(report=report, year=source.year).update(
                **{field: getattr(source, field) for field in SOURCES}
            )


def report_start_final(*, actor: User, contract: Contract, request: HttpRequest | None = None) -> Report:
    """The final report of ``contract``, started by a person acting for its leading oferent (being prepared,
    due ``grant_report_days`` after the task ends; the figures of accepted partial reports filled in)."""
    with transaction.atomic():
        locked = Contract.objects.select_for_update().select_related("offer__organization").get(pk=contract.pk)
        ensure(actor, "reports.start_final_report", locked)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    contract=locked,
                    kind=Report.Kind.FINAL,
                    status=Report.Status.DRAFT,
                    period_start=locked.start_date,
                    period_end=locked.end_date,
                    due_date=final_due(locked),
                    created_by=actor,
                    updated_by=actor,
                )
        except IntegrityError:
            raise ValidationError(_("The final report of this contract has already been started.")) from None
        sync_rows(report)
        _prefill_from_partials(report)
        audit.record(
            actor=actor,
            action="reports.report.started",
            obj=report,
            data={"kind": report.kind, "contract": locked.pk, "due": report.due_date.isoformat()},
            request=request,
        )
    return report


def _apply_results(report: Report, payload: Mapping[str, Any]) -> None:
    report.results_description = str(payload.get("results_description") or "").strip()
    report.activities_description = str(payload.get("activities_description") or "").strip()
    rows = {row.pk: row for row in report.results.all()}
    for pk, values in (payload.get("results") or {}).items():
        row = rows.get(int(pk))
        if row is None:
            continue
        row.achieved = str(values.get("achieved") or "").strip()[:200]
        row.measured = str(values.get("measured") or "").strip()
        row.comment = str(values.get("comment") or "").strip()
        row.save(update_fields=["achieved", "measured", "comment"])


def _apply_costs(report: Report, payload: Mapping[str, Any]) -> None:
    amounts = payload.get("costs") or {}
    for row in report.costs.all():
        key = (row.number, row.year)
        if key not in amounts:
            continue
        value = amounts[key]
        value = money(value) if value is not None else None
        if row.actual != value:
            row.actual = value
            row.save(update_fields=["actual"])
    report.cost_remarks = str(payload.get("cost_remarks") or "").strip()


def _income_problems(report: Report, rows: list[Mapping[str, Any]]) -> None:
    years = set(report.years)
    for row in rows:
        if int(row.get("year") or 0) not in years:
            raise ValidationError(
                _("Income can be reported only for the years of the report: %(years)s.")
                % {"years": ", ".join(map(str, sorted(years)))}
            )
        if not str(row.get("description") or "").strip() or row.get("amount") is None:
            raise ValidationError(_("Each row of income needs its description and its amount."))


def _apply_sources(report: Report, payload: Mapping[str, Any]) -> None:
    values = payload.get("sources") or {}
    for row in report.sources.all():
        given = values.get(row.year)
        if given is None:
            continue
        for field in SOURCES:
            if field in given:
                amount = given[field]
                setattr(row, field, money(amount) if amount is not None else None)
        row.save()
    if report.is_small or "income" not in payload:
        return
    rows = list(payload.get("income") or [])
    _income_problems(report, rows)
    report.income.all().delete()
    IncomeRow.objects.bulk_create(
        [
            IncomeRow(
                report=report,
                kind=row["kind"],
                year=int(row["year"]),
                position=position,
                description=str(row["description"]).strip()[:500],
                amount=money(row["amount"]),
            )
            for position, row in enumerate(rows, start=1)
            if row["kind"] in IncomeRow.Kind.values
        ]
    )


def _apply_info(report: Report, payload: Mapping[str, Any]) -> None:
    report.additional_info = str(payload.get("additional_info") or "").strip()


APPLY = {RESULTS: _apply_results, COSTS: _apply_costs, SOURCES_PART: _apply_sources, INFO: _apply_info}


def report_save_part(
    *,
    actor: User,
    report: Report,
    part: str,
    payload: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Report:
    """Save one part of the report as the form gives it (a draft may be incomplete); an awaited report becomes
    being prepared. Refused, and nothing changed, when the person may not edit the report (not acting for the
    leading oferent; filed or accepted) or the input cannot be stored."""
    if part not in PARTS:
        raise ValidationError(_("This part of the report does not exist."))
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("contract__offer__organization").get(pk=report.pk)
        ensure(actor, "reports.edit_report", locked)
        if part not in parts_of(locked):
            raise ValidationError(_("This part of the report does not exist."))
        if locked.status == Report.Status.DEMANDED:
            locked = REPORT.take(locked, "start", actor=actor, request=request)
        sync_rows(locked)
        APPLY[part](locked, payload)
        unsaved = dict(locked.unsaved or {})
        unsaved.pop(part, None)
        locked.unsaved = unsaved
        locked.revision += 1
        locked.updated_at, locked.updated_by = timezone.now(), actor
        locked.save()
        audit.record(
            actor=actor,
            action="reports.report.saved",
            obj=locked,
            data={"part": part, "revision": locked.revision},
            request=request,
        )
    return locked


def report_keep_unsaved(*, actor: User, report: Report, part: str, data: Mapping[str, Any]) -> None:
    """Keep what the person typed in a part that could not be saved, to show it again with its errors."""
    if part not in PARTS:
        return
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        ensure(actor, "reports.edit_report", locked)
        unsaved = dict(locked.unsaved or {})
        unsaved[part] = dict(data)
        locked.unsaved = unsaved
        locked.save(update_fields=["unsaved"])


def report_discard_unsaved(*, actor: User, report: Report, part: str) -> None:
    """Forget the input kept for a part: the part shows what is saved."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        ensure(actor, "reports.edit_report", locked)
        unsaved = dict(locked.unsaved or {})
        if unsaved.pop(part, None) is not None:
            locked.unsaved = unsaved
            locked.save(update_fields=["unsaved"])
