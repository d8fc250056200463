"""Reports for the demo (point 12 of issue 12: a call "in reporting"), made through the services, once (the audit
log says when), after the contracts (the ``contracts`` loader).

The call in reporting is the call with the most signed contracts whose tasks have ended. On its contracts:

- the first whose final report is already past due is left without a report: the office sees it overdue (the
  final report is recorded as awaited, as the daily job does);
- the next one's final report is filed (spending 250 zł less of the grant than planned on its last cost line) and
  accepted by the office: the settlement claims the 250 zł not spent, and its return is recorded;
- the next one's final report is filed and returned for corrections.

When no call has ended tasks with signed contracts (the grants or contracts demo not loaded yet), nothing is made
and nothing is recorded: a later run tries again. Without a contract past its due date, the overdue report is a
partial report the office demanded earlier, now past due.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.accounts.models import User
from razem.contracts.models import Contract
from razem.core import demo as toolkit
from razem.core.money import money
from razem.grants.budget import SOURCES
from razem.organizations.selectors import people_acting_for
from razem.reports import jobs
from razem.reports.figures import plan_of
from razem.reports.models import Report, Settlement, SettlementReturn
from razem.reports.services import drafts, filing, review, settlement

LOADED = "reports.demo.loaded"
OFFICER = "urzednik@razem.demo"
SAVING = Decimal("250.00")
DECLARATIONS = {"status_unchanged": True, "true_information": True, "procurement": True, "data_protection": True}


def summary() -> dict[str, int]:
    return {
        "reports": Report.objects.count(),
        "reports_accepted": Report.objects.filter(status=Report.Status.ACCEPTED).count(),
        "settlements": Settlement.objects.count(),
        "returns": SettlementReturn.objects.count(),
    }


def contracts_in_reporting(today: datetime.date | None = None) -> list[Contract]:
    """The signed contracts of the call with the most ended tasks, the earliest ending first."""
    today = today or timezone.localdate()
    ended = list(
        Contract.objects.filter(status=Contract.Status.SIGNED, end_date__lt=today, offer__call__isnull=False)
        .select_related("offer__organization", "offer__call")
        .order_by("end_date", "pk")
    )
    by_call: dict[int, list[Contract]] = {}
    for contract in ended:
        by_call.setdefault(contract.offer.call_id, []).append(contract)  # type: ignore[arg-type]
    if not by_call:
        return []
    return max(by_call.values(), key=len)


def fill(report: Report, actor: Any, *, saving: Decimal = Decimal("0")) -> Report:
    """Save every part of the report, spending as planned less ``saving`` on the last line of the last year (and
    as much less of the grant)."""
    report = drafts.report_save_part(
        actor=actor,
        report=report,
        part=drafts.RESULTS,
        payload={
            "results_description": (
                "Zadanie zrealizowano zgodnie z harmonogramem. Z zajęć skorzystało więcej uczestników, niż "
                "planowano; wszystkie rezultaty osiągnięto."
            ),
            "activities_description": (
                "Zajęcia prowadzono w ustalonych terminach w Krakowie. Część materiałów kupiono taniej, niż "
                "zakładał kosztorys; różnica dotacji zostanie zwrócona."
            ),
            "results": {
                row.pk: {"achieved": row.planned or "osiągnięto", "measured": "listy obecności, ankiety"}
                for row in report.results.all()
            },
        },
    )
    rows = list(report.costs.order_by("year", "number"))
    costs = {(row.number, row.year): row.planned for row in rows}
    last_year = report.years[-1]
    cut = Decimal("0")
    last = next((row for row in reversed(rows) if row.year == last_year and row.planned), None)
    if last is not None and saving:
        cut = min(saving, last.planned)
        costs[(last.number, last.year)] = money(last.planned - cut)
    report = drafts.report_save_part(
        actor=actor,
        report=report,
        part=drafts.COSTS,
        payload={"costs": costs, "cost_remarks": "Materiały kupiono taniej niż planowano." if cut else ""},
    )
    plan = plan_of(report)
    sources: dict[int, dict[str, Any]] = {}
    for year in report.years:
        planned = plan.sources_in(year)
        sources[year] = {f: getattr(planned, f) for f in SOURCES}
        if year == last_year and cut:
            sources[year]["grant"] = max(money(planned.grant - cut), Decimal("0"))
    payload: dict[str, Any] = {"sources": sources}
    if not report.is_small:
        fees = [
            {
                "kind": "fee",
                "year": year,
                "description": "Opłaty uczestników za materiały",
                "amount": values["recipient_fees"],
            }
            for year, values in sources.items()
            if values["recipient_fees"]
        ]
        payload["income"] = fees
    return drafts.report_save_part(actor=actor, report=report, part=drafts.SOURCES_PART, payload=payload)


def _person(contract: Contract) -> User | None:
    return people_acting_for(contract.offer.organization).order_by("pk").first()


def build(officer: User) -> bool:
    today = timezone.localdate()
    contracts = contracts_in_reporting(today)
    if not contracts:
        return False
    overdue = next((c for c in contracts if drafts.final_due(c) < today), None)
    rest = [c for c in contracts if c is not overdue and _person(c) is not None]
    with toolkit.quietly():
        if rest:
            contract = rest[0]
            person = _person(contract)
            report = fill(drafts.report_start_final(actor=person, contract=contract), person, saving=SAVING)  # type: ignore[arg-type]
            filing.report_file(actor=person, report=report, declarations=DECLARATIONS)  # type: ignore[arg-type]
            report = review.report_accept(actor=officer, report=report)
            for due in Settlement.objects.filter(report=report, to_return__gt=0):
                settlement.settlement_return_record(
                    actor=officer,
                    settlement=due,
                    amount=due.to_return,
                    returned_on=today,
                    note="Przelew zwrotny na rachunek Gminy Miejskiej Kraków",
                )
        if len(rest) > 1:
            contract = rest[1]
            person = _person(contract)
            report = fill(drafts.report_start_final(actor=person, contract=contract), person)  # type: ignore[arg-type]
            filing.report_file(actor=person, report=report, declarations=DECLARATIONS)  # type: ignore[arg-type]
            review.report_ask_corrections(
                actor=officer,
                report=report,
                message=(
                    "Prosimy o uzupełnienie opisu sposobu mierzenia rezultatów (część I) oraz o wyjaśnienie, kto "
                    "prowadził zajęcia w październiku."
                ),
            )
        if overdue is None and len(rest) > 2:
            _overdue_partial(rest[2], officer, today)
        jobs.ensure_final_reports(today)
    return True


def _overdue_partial(contract: Contract, officer: User, today: datetime.date) -> None:
    """A partial report demanded earlier and now past due (when no final report is past due yet)."""
    delivered = max(contract.start_date, today - datetime.timedelta(days=60))
    due = review.earliest_partial_due(delivered)
    if due >= today:
        return
    year = contract.start_date.year
    review.report_demand(
        actor=officer,
        contract=contract,
        delivered_on=delivered,
        due_date=due,
        period_start=contract.start_date,
        period_end=min(contract.end_date, datetime.date(year, 12, 31)),
        note="Prosimy o sprawozdanie częściowe z pierwszych miesięcy realizacji zadania.",
    )


def load(demo: dict[str, Any]) -> dict[str, Any]:
    """The reports of the call in reporting, on the first run only (see the module doc)."""
    users = demo.get("users") or {}
    officer = users.get(OFFICER) or User.objects.filter(email=OFFICER).first()
    if officer is None:
        return {}
    toolkit.once(LOADED, lambda: build(officer), summary)
    return {}
