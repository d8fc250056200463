"""The services of reports: the final report started by the oferent, the parts saved, filing with its checks (each
refusal in Polish, nothing changed), the office's demand of a partial report (due at least 30 days after the
demand is delivered), acceptance with the settlement, corrections and filing again, and the returns."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.models import LogEntry, Notification
from razem.core.schedule import when
from razem.grants.content import content_checksum
from razem.reports.models import CostRow, Report, ReportFiling, Settlement, SettlementReturn
from razem.reports.services import drafts, filing, review, settlement
from tests.core.helpers import in_polish, in_polish_plural
from tests.factories import UserFactory
from tests.reports.factories import (
    DECLARATIONS,
    ended_call,
    file_report,
    fill,
    final_report,
    signed_contract,
)

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = timezone.localdate


def messages_of(call, *args, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.messages


def errors_of(call, *args, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.message_dict


def two_lines() -> dict:
    """A budget of 10 000 zł: trainer 1 000, room 9 000; grant 8 000 (80 %), own financial 2 000."""
    year = TODAY().year - 1
    return {
        "lines": [
            {"name": "Trener", "unit_cost": "1000.00", "year_amounts": {year: "1000.00"}},
            {"name": "Sala", "unit_cost": "9000.00", "year_amounts": {year: "9000.00"}},
        ],
        "funding": {year: {"grant": "8000.00", "own_financial": "2000.00"}},
    }


# Starting and saving ----------------------------------------------------------------------------------------------


def test_the_oferent_starts_the_final_report_due_30_days_after_the_task(officer):
    contract = signed_contract()
    report = final_report(contract)
    assert report.kind == Report.Kind.FINAL and report.status == Report.Status.DRAFT
    assert (report.period_start, report.period_end) == (contract.start_date, contract.end_date)
    assert report.due_date == contract.end_date + datetime.timedelta(days=30)
    assert [(r.number, r.year, r.planned) for r in report.costs.all()] == [(1, contract.end_date.year, D("9000.00"))]
    assert report.sources.count() == 1 and report.results.count() == 1
    assert LogEntry.objects.filter(action="reports.report.started", object_id=str(report.pk)).exists()

    again = messages_of(drafts.report_start_final, actor=contract.filer, contract=contract)
    assert again == [in_polish("The final report of this contract has already been started.")]
    assert Report.objects.filter(contract=contract).count() == 1


def test_only_the_lead_oferents_people_start_and_edit_a_report(officer):
    contract = signed_contract()
    stranger = UserFactory()
    refusal = in_polish("Only a person who may act for the leading oferent of the contract can prepare its report.")
    assert messages_of(drafts.report_start_final, actor=stranger, contract=contract) == [refusal]
    assert messages_of(drafts.report_start_final, actor=officer, contract=contract) == [refusal]
    assert not Report.objects.exists()
    report = final_report(contract)
    payload = {"results_description": "x", "activities_description": "y", "results": {}}
    assert messages_of(
        drafts.report_save_part, actor=stranger, report=report, part=drafts.RESULTS, payload=payload
    ) == [refusal]
    assert Report.objects.get(pk=report.pk).results_description == ""


def test_no_report_under_a_contract_not_signed():
    contract = signed_contract(status="draft")
    refusal = in_polish("The contract is not signed, or no longer in force: no report is due under it.")
    assert messages_of(drafts.report_start_final, actor=contract.filer, contract=contract) == [refusal]


def test_a_draft_saves_incomplete_and_an_awaited_report_becomes_being_prepared(officer):
    contract = signed_contract()
    report = _demand(contract, officer)
    assert report.status == Report.Status.DEMANDED
    saved = drafts.report_save_part(
        actor=contract.filer, report=report, part=drafts.COSTS, payload={"costs": {}, "cost_remarks": "Na razie nic."}
    )
    assert saved.status == Report.Status.DRAFT and saved.cost_remarks == "Na razie nic." and saved.revision == 1
    assert saved.costs.get().actual is None
    assert LogEntry.objects.filter(action="reports.report.start").exists()


def test_the_final_report_takes_the_figures_of_the_accepted_partial_reports(officer):
    call = ended_call(TODAY().year - 2, end_year=TODAY().year - 1)
    contract = signed_contract(call=call)
    first = contract.start_date.year
    partial = review.report_demand(
        actor=officer, contract=contract, delivered_on=datetime.date(first, 12, 1),
        due_date=datetime.date(first + 1, 1, 15), period_start=contract.start_date,
        period_end=datetime.date(first, 12, 31),
    )  # fmt: skip
    assert partial.years == [first] and [r.year for r in partial.costs.all()] == [first]
    partial = file_report(
        partial, contract.filer, costs={(1, first): D("8999.00")}, sources={first: {"grant": D("7999.00")}}
    )
    review.report_accept(actor=officer, report=partial)
    assert not Settlement.objects.exists()  # a partial report settles nothing
    final = final_report(contract)
    assert final.costs.get(year=first).actual == D("8999.00")
    assert final.sources.get(year=first).grant == D("7999.00")


# Filing -------------------------------------------------------------------------------------------------------------


def test_a_complete_report_is_filed_frozen_with_its_checksum(officer):
    contract = signed_contract()
    report = fill(final_report(contract), contract.filer)
    result = filing.report_file(actor=contract.filer, report=report, declarations=DECLARATIONS)
    report.refresh_from_db()
    assert report.status == Report.Status.FILED and report.filed_by == contract.filer and report.filed_at
    assert result.number == 1 and result.checksum == content_checksum(result.content) == report.checksum
    assert result.content["kind"] == "final" and result.content["form"] == "2018"
    assert result.content["costs"][0]["actual"] == "9000.00"
    assert result.content["declarations"] == dict.fromkeys(DECLARATIONS, True)
    assert Notification.objects.filter(kind="reports/filed", recipient=contract.filer).exists()


def assert_not_filed(report):
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.status == Report.Status.DRAFT and fresh.filed_at is None and fresh.content is None
    assert not ReportFiling.objects.filter(report=report).exists()
    assert not LogEntry.objects.filter(action="reports.report.file").exists()


def test_an_incomplete_report_is_refused_with_every_problem():
    contract = signed_contract()
    report = final_report(contract)
    messages = messages_of(filing.report_file, actor=contract.filer, report=report, declarations={})
    year = contract.end_date.year
    assert in_polish("Part I: describe the results achieved.") in messages
    assert (
        in_polish("Line %(n)s (%(name)s), %(year)s: give the amount actually spent (0 if nothing was spent).")
        % {"n": 1, "name": "Wynagrodzenie trenera", "year": year}
        in messages
    )
    assert in_polish("Give the grant spent in %(year)s (0 if none was spent).") % {"year": year} in messages
    assert in_polish("Confirm that the information in the report is true.") in messages
    assert_not_filed(report)


def test_a_statement_not_ticked_is_refused_next_to_it():
    contract = signed_contract()
    report = fill(final_report(contract), contract.filer)
    errors = errors_of(
        filing.report_file, actor=contract.filer, report=report, declarations={**DECLARATIONS, "procurement": False}
    )
    assert errors == {
        "procurement": [
            in_polish("Confirm that purchases were made under the public procurement rules where they apply.")
        ]
    }
    assert_not_filed(report)


def test_a_line_beyond_the_tolerance_is_refused_unless_declared_and_explained():
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = fill(final_report(contract), contract.filer, costs={(1, year): D("1100.01"), (2, year): D("8899.99")})
    errors = errors_of(filing.report_file, actor=contract.filer, report=report, declarations=DECLARATIONS)
    line = in_polish(
        "Line %(n)s (%(name)s), %(year)s: %(actual)s spent against %(planned)s planned, more than the tolerance of "
        "%(tolerance)s allows (at most %(limit)s)."
    ) % {
        "n": 1, "name": "Trener", "year": year, "actual": "1\xa0100,01\xa0zł", "planned": "1\xa0000,00\xa0zł",
        "tolerance": "10,00\xa0%", "limit": "1\xa0100,00\xa0zł",
    }  # fmt: skip
    assert line in errors["__all__"]
    assert errors["declare_deviations"][0] == in_polish(
        "The report shows deviations from the plan (listed above). Correct the figures or ask the office for "
        "an annex; if the figures are true, explain the deviations in the remarks on the costs and tick this "
        "box: the part of the grant they concern will be returned."
    )
    assert_not_filed(report)
    # Declared without an explanation: refused.
    errors = errors_of(
        filing.report_file, actor=contract.filer, report=report, declarations=DECLARATIONS, declare_deviations=True
    )
    assert errors == {
        "declare_deviations": [
            in_polish("Explain the deviations in the remarks on the costs (part II.1) before filing them.")
        ]
    }
    assert_not_filed(report)
    # Declared and explained: filed, and the deviation recorded.
    report = fill(
        report, contract.filer, costs={(1, year): D("1100.01"), (2, year): D("8899.99")}, remarks="Trener droższy."
    )
    filing.report_file(actor=contract.filer, report=report, declarations=DECLARATIONS, declare_deviations=True)
    report.refresh_from_db()
    assert report.status == Report.Status.FILED and report.deviations_declared
    assert [p["kind"] for p in report.content["problems"]] == ["deviation"]


def test_a_line_exactly_at_the_tolerance_files_without_a_declaration():
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = file_report(
        final_report(contract), contract.filer, costs={(1, year): D("1100.00"), (2, year): D("8900.00")}
    )
    assert report.status == Report.Status.FILED and not report.deviations_declared


def test_sources_that_do_not_balance_are_refused_even_declared():
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = fill(final_report(contract), contract.filer, sources={year: {"own_financial": D("1999.99")}})
    messages = messages_of(
        filing.report_file, actor=contract.filer, report=report, declarations=DECLARATIONS, declare_deviations=True
    )
    assert (
        in_polish(
            "In %(year)s the sources of funding add up to %(sources)s, but the costs actually spent are %(cost)s; "
            "they must be equal."
        )
        % {"year": year, "sources": "9\xa0999,99\xa0zł", "cost": "10\xa0000,00\xa0zł"}
        in messages
    )
    assert_not_filed(report)


def test_more_grant_spent_than_received_is_refused():
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = fill(
        final_report(contract), contract.filer, sources={year: {"grant": D("8000.01"), "own_financial": D("1999.99")}}
    )
    messages = messages_of(filing.report_file, actor=contract.filer, report=report, declarations=DECLARATIONS)
    assert (
        in_polish("In %(year)s the grant spent, %(spent)s, is more than the grant received, %(received)s.")
        % {"year": year, "spent": "8\xa0000,01\xa0zł", "received": "8\xa0000,00\xa0zł"}
        in messages
    )
    assert_not_filed(report)


def test_input_kept_unsaved_stops_the_filing():
    contract = signed_contract()
    report = fill(final_report(contract), contract.filer)
    drafts.report_keep_unsaved(actor=contract.filer, report=report, part=drafts.COSTS, data={"c2026_1": "dużo"})
    messages = messages_of(filing.report_file, actor=contract.filer, report=report, declarations=DECLARATIONS)
    assert messages == [
        in_polish("%(part)s holds input that was not saved; correct and save it, or discard it, before filing.")
        % {"part": in_polish("Part II.1. The costs")}
    ]
    drafts.report_discard_unsaved(actor=contract.filer, report=report, part=drafts.COSTS)
    filing.report_file(actor=contract.filer, report=report, declarations=DECLARATIONS)
    assert Report.objects.get(pk=report.pk).status == Report.Status.FILED


def test_a_filed_report_cannot_be_changed_or_filed_again():
    contract = signed_contract()
    report = file_report(final_report(contract), contract.filer)
    refusal = in_polish("The report was filed and awaits the office's review; it cannot be changed now.")
    assert messages_of(
        drafts.report_save_part, actor=contract.filer, report=report, part=drafts.INFO, payload={"additional_info": "x"}
    ) == [refusal]
    assert messages_of(filing.report_file, actor=contract.filer, report=report, declarations=DECLARATIONS) == [
        in_polish("This report is %(status)s; it cannot be filed now.")
        % {"status": in_polish("Filed, awaiting review", "report status").lower()}
    ]
    assert ReportFiling.objects.filter(report=report).count() == 1


# The office: demand, review ----------------------------------------------------------------------------------------


def _demand(contract, officer, **kwargs) -> Report:
    year = contract.start_date.year
    delivered = kwargs.pop("delivered_on", contract.start_date + datetime.timedelta(days=60))
    values = {
        "delivered_on": delivered,
        "due_date": delivered + datetime.timedelta(days=30),
        "period_start": contract.start_date,
        "period_end": min(contract.end_date, datetime.date(year, 6, 30)),
        **kwargs,
    }
    return review.report_demand(actor=officer, contract=contract, **values)


def test_the_office_demands_a_partial_report_due_at_least_30_days_after_delivery(officer):
    contract = signed_contract()
    delivered = contract.start_date + datetime.timedelta(days=60)
    earliest = delivered + datetime.timedelta(days=30)
    errors = errors_of(
        _demand, contract, officer, delivered_on=delivered, due_date=earliest - datetime.timedelta(days=1)
    )
    assert errors == {
        "due_date": [
            in_polish_plural(
                "The report may not be due before %(earliest)s: at least %(days)s day after the demand is delivered "
                "(%(ref)s).",
                "The report may not be due before %(earliest)s: at least %(days)s days after the demand is delivered "
                "(%(ref)s).",
                30,
            )
            % {"earliest": when(earliest), "days": 30, "ref": "art. 18 ust. 3 u.d.p.p.w."}
        ]
    }
    assert not Report.objects.exists()
    report = _demand(contract, officer, delivered_on=delivered, due_date=earliest)
    assert report.status == Report.Status.DEMANDED and report.kind == Report.Kind.PARTIAL
    assert report.demanded_at == delivered and report.due_date == earliest and report.demanded_by == officer
    assert Notification.objects.filter(kind="reports/demanded", recipient=contract.filer).exists()


def test_a_demand_outside_the_task_across_years_or_overlapping_is_refused(officer):
    call = ended_call(TODAY().year - 2, end_year=TODAY().year - 1)
    contract = signed_contract(call=call)
    outside = errors_of(_demand, contract, officer, period_start=contract.start_date - datetime.timedelta(days=1))
    assert outside == {
        "period_start": [
            in_polish("The period must lie within the task, %(start)s – %(end)s.")
            % {"start": when(contract.start_date), "end": when(contract.end_date)}
        ]
    }
    across = errors_of(_demand, contract, officer, period_end=datetime.date(contract.start_date.year + 1, 1, 31))
    assert across == {
        "period_end": [
            in_polish("A partial report covers a period within one budget year: begin and end it in the same year.")
        ]
    }
    first = _demand(contract, officer)
    overlap = errors_of(_demand, contract, officer, period_start=first.period_end)
    assert overlap == {
        "period_start": [
            in_polish("A partial report for %(start)s – %(end)s was already demanded; the periods may not overlap.")
            % {"start": when(first.period_start), "end": when(first.period_end)}
        ]
    }
    assert Report.objects.count() == 1


def test_only_the_office_demands_reports_and_reviews_them(officer):
    contract = signed_contract()
    assert messages_of(_demand, contract, contract.filer) == [in_polish("Only the city office can demand a report.")]
    report = file_report(final_report(contract), contract.filer)
    assert messages_of(review.report_accept, actor=contract.filer, report=report) == [
        in_polish("Only the city office reviews reports.")
    ]
    assert Report.objects.get(pk=report.pk).status == Report.Status.FILED


def test_corrections_need_a_message_and_a_due_date_no_earlier_than_practice(officer):
    contract = signed_contract()
    report = file_report(final_report(contract), contract.filer)
    missing = errors_of(review.report_ask_corrections, actor=officer, report=report, message="  ")
    assert missing == {"reason": [in_polish("Say what the oferent must correct; the organization reads it.")]}
    earliest = TODAY() + datetime.timedelta(days=14)
    early = errors_of(
        review.report_ask_corrections,
        actor=officer,
        report=report,
        message="Uzupełnij opis.",
        due_date=earliest - datetime.timedelta(days=1),
    )
    assert early == {
        "due_date": [
            in_polish_plural(
                "The corrections may not be due before %(earliest)s (%(days)s day from today).",
                "The corrections may not be due before %(earliest)s (%(days)s days from today).",
                14,
            )
            % {"earliest": when(earliest), "days": 14}
        ]
    }
    assert Report.objects.get(pk=report.pk).status == Report.Status.FILED
    returned = review.report_ask_corrections(actor=officer, report=report, message="Uzupełnij opis.")
    assert returned.status == Report.Status.CORRECTING
    assert returned.correction_message == "Uzupełnij opis." and returned.correction_due == earliest
    assert Notification.objects.filter(kind="reports/corrections", recipient=contract.filer).exists()
    # The oferent corrects and files again: a second filing.
    drafts.report_save_part(
        actor=contract.filer, report=returned, part=drafts.INFO, payload={"additional_info": "Uzupełniono."}
    )
    filing.report_file(actor=contract.filer, report=returned, declarations=DECLARATIONS)
    again = Report.objects.get(pk=report.pk)
    assert again.status == Report.Status.FILED and again.filings.count() == 2
    assert again.content["additional_info"] == "Uzupełniono."
    assert again.filings.get(number=1).checksum != again.checksum
    review.report_accept(actor=officer, report=again)
    assert Report.objects.get(pk=report.pk).status == Report.Status.ACCEPTED


def test_only_a_filed_report_is_accepted(officer):
    contract = signed_contract()
    report = final_report(contract)
    assert messages_of(review.report_accept, actor=officer, report=report) == [
        in_polish("Only a filed report can be accepted; this one is %(status)s.")
        % {"status": in_polish("Being prepared", "report status").lower()}
    ]


# Settlement and returns ---------------------------------------------------------------------------------------------


def test_accepting_the_final_report_settles_the_unspent_grant(officer):
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = file_report(
        final_report(contract),
        contract.filer,
        costs={(2, year): D("8750.00")},
        sources={year: {"grant": D("7750.00"), "own_financial": D("2000.00")}},
        remarks="Sala tańsza.",
    )
    review.report_accept(actor=officer, report=report)
    (row,) = Settlement.objects.filter(contract=contract)
    assert (row.year, row.grant_received, row.grant_spent, row.unspent) == (year, D("8000"), D("7750"), D("250"))
    assert (row.breach, row.to_return, row.returned, row.outstanding) == (D("0"), D("250"), D("0"), D("250"))
    assert Notification.objects.filter(kind="reports/accepted", recipient=contract.filer).exists()
    assert LogEntry.objects.filter(action="reports.settlement.computed").count() == 1


def test_a_declared_rise_of_the_grants_share_is_returned(officer):
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    # 9 000 spent, 7 600 of it grant (84,44 %): the plan's 80 % allow 7 200
    report = file_report(
        final_report(contract),
        contract.filer,
        costs={(2, year): D("8000.00")},
        sources={year: {"grant": D("7600.00"), "own_financial": D("1400.00")}},
        remarks="Mniejszy wkład własny.",
        declare=True,
    )
    assert report.deviations_declared
    review.report_accept(actor=officer, report=report)
    row = Settlement.objects.get(contract=contract)
    assert (row.unspent, row.allowed_grant, row.breach, row.to_return) == (D("400"), D("7200"), D("400"), D("800"))


def test_returns_are_recorded_in_parts_until_settled(officer):
    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = file_report(
        final_report(contract),
        contract.filer,
        costs={(2, year): D("8750.00")},
        sources={year: {"grant": D("7750.00")}},
    )
    review.report_accept(actor=officer, report=report)
    row = Settlement.objects.get(contract=contract)
    yesterday = TODAY() - datetime.timedelta(days=1)
    settlement.settlement_return_record(actor=officer, settlement=row, amount=D("100.00"), returned_on=yesterday)
    row.refresh_from_db()
    assert (row.returned, row.outstanding, row.returned_on, row.is_settled) == (D("100"), D("150"), yesterday, False)

    too_much = errors_of(
        settlement.settlement_return_record, actor=officer, settlement=row, amount=D("150.01"), returned_on=TODAY()
    )
    assert too_much == {
        "amount": [
            in_polish("%(amount)s is more than the %(outstanding)s still to return for %(year)s.")
            % {"amount": "150,01\xa0zł", "outstanding": "150,00\xa0zł", "year": year}
        ]
    }
    nothing = errors_of(
        settlement.settlement_return_record, actor=officer, settlement=row, amount=D("0"), returned_on=TODAY()
    )
    assert nothing == {"amount": [in_polish("Give the amount returned: more than zero.")]}
    tomorrow = TODAY() + datetime.timedelta(days=1)
    future = errors_of(
        settlement.settlement_return_record, actor=officer, settlement=row, amount=D("10"), returned_on=tomorrow
    )
    assert future == {
        "returned_on": [in_polish("The return cannot be dated after today (%(today)s).") % {"today": when(TODAY())}]
    }
    not_staff = messages_of(
        settlement.settlement_return_record, actor=contract.filer, settlement=row, amount=D("10"), returned_on=TODAY()
    )
    assert not_staff == [in_polish("Only the city office records the returns of a grant.")]
    assert SettlementReturn.objects.count() == 1

    settlement.settlement_return_record(actor=officer, settlement=row, amount=D("150.00"), returned_on=TODAY())
    row.refresh_from_db()
    assert (row.returned, row.outstanding, row.returned_on, row.is_settled) == (D("250"), D("0"), TODAY(), True)
    settled = messages_of(
        settlement.settlement_return_record, actor=officer, settlement=row, amount=D("1"), returned_on=TODAY()
    )
    assert settled == [in_polish("This year's grant is settled: nothing is left to return.")]


def test_a_multi_year_contract_is_settled_per_year(officer):
    call = ended_call(TODAY().year - 2, end_year=TODAY().year - 1)
    first, second = call.years
    contract = signed_contract(
        call=call,
        lines=[{"name": "Trener", "unit_cost": "2000.00", "year_amounts": {first: "1000.00", second: "1000.00"}}],
        funding={
            first: {"grant": "900.00", "own_financial": "100.00"},
            second: {"grant": "900.00", "own_financial": "100.00"},
        },
    )
    report = final_report(contract)
    assert [(r.number, r.year) for r in report.costs.all()] == [(1, first), (1, second)]
    report = file_report(
        report,
        contract.filer,
        costs={(1, second): D("900.00")},
        sources={second: {"grant": D("810.00"), "own_financial": D("90.00")}},
    )
    review.report_accept(actor=officer, report=report)
    rows = list(Settlement.objects.filter(contract=contract).order_by("year"))
    assert [(s.year, s.to_return) for s in rows] == [(first, D("0")), (second, D("90"))]


# The plan: annexes, small grants, joint offers ----------------------------------------------------------------------


def test_an_annex_that_changes_the_plan_moves_the_limits_and_the_rows():
    from razem.contracts import plan as plan_module

    contract = signed_contract(**two_lines())
    year = contract.end_date.year
    report = fill(final_report(contract), contract.filer, costs={(1, year): D("1500.00"), (2, year): D("8500.00")})
    # Before the annex the trainer's 1 500 exceeds 1 100.
    assert ("costs", "deviation") in {(p["field"].split(".")[0], p["kind"]) for p in _problems(report)}
    budget = plan_module.as_data(plan_module.planned(contract))
    budget["lines"][0]["unit_cost"] = "1500.00"
    budget["lines"][0]["year_amounts"] = {str(year): "1500.00"}
    budget["lines"][1]["unit_cost"] = "8500.00"
    budget["lines"][1]["year_amounts"] = {str(year): "8500.00"}
    contract.budget = budget
    contract.save(update_fields=["budget"])
    report = Report.objects.get(pk=report.pk)
    drafts.report_save_part(actor=contract.filer, report=report, part=drafts.INFO, payload={"additional_info": ""})
    assert CostRow.objects.get(report=report, number=1).planned == D("1500.00")
    assert _problems(Report.objects.get(pk=report.pk)) == []


def _problems(report):
    from razem.reports import finance
    from razem.reports.figures import figures_of

    return [{"field": p.field, "kind": p.kind} for p in finance.check(figures_of(report))]


def test_a_small_grants_report_is_the_simplified_form_with_the_statutory_tolerance(officer):
    contract = signed_contract(small=True)
    report = final_report(contract)
    assert report.is_small and drafts.parts_of(report) == (drafts.RESULTS, drafts.COSTS, drafts.SOURCES_PART)
    assert not report.results.exists()
    year = contract.end_date.year
    # 9 000 planned, 10 % (report_tolerance_percent): 9 900 passes without an annex.
    report = file_report(
        report, contract.filer, costs={(1, year): D("9900.00")}, sources={year: {"own_personal": D("1900.00")}}
    )
    assert report.status == Report.Status.FILED
    assert report.content["form"] == "2018-uproszczone" and report.content["small"] is True
    assert report.content["results"] == [] and report.content["split"] == []
    info = messages_of(
        drafts.report_save_part,
        actor=contract.filer,
        report=Report.objects.get(pk=report.pk),
        part=drafts.INFO,
        payload={},
    )
    assert info  # filed: not editable


def test_a_joint_offers_report_splits_the_costs_between_oferents(officer):
    contract = signed_contract(partner=True)
    partner = contract.offer.partner
    year = contract.end_date.year
    from razem.grants.models import CostLine

    CostLine.objects.filter(offer=contract.offer).update(partner=partner.organization)
    report = file_report(final_report(contract), contract.filer)
    assert report.content["joint"] is True
    assert [row["name"] for row in report.content["split"]] == [
        contract.offer.organization.name,
        partner.organization.name,
    ]
    assert report.content["split"][1]["years"][str(year)] == {"planned": "9000.00", "actual": "9000.00"}
    assert report.content["costs"][0]["oferent"] == partner.organization.name
