"""The pages of reports: the oferent's list, report and parts (bad input refused next to its field, kept, nothing
saved), the live check, filing with the PDF; the office's list (filters, export, constant queries), review,
demand and settlement; the sections on the profile, the call's pages and the panel."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from razem.core.models import DocumentSnapshot
from razem.core.schedule import when
from razem.reports.models import Report, Settlement, SettlementReturn
from razem.reports.services import drafts, review
from tests.core.helpers import in_polish, in_polish_plural, text_of
from tests.factories import UserFactory
from tests.reports.factories import ended_call, file_report, fill, final_report, signed_contract

pytestmark = pytest.mark.django_db

D = Decimal
DAY = datetime.timedelta(days=1)


@pytest.fixture
def contract():
    return signed_contract()


@pytest.fixture
def oferent_client(client, contract):
    client.force_login(contract.filer)
    return client


def part_url(report, part):
    return reverse("reports:part", args=[report.pk, part])


# The oferent --------------------------------------------------------------------------------------------------------


def test_the_oferent_sees_the_contract_and_starts_the_final_report(oferent_client, contract):
    response = oferent_client.get(reverse("reports:index"))
    assert response.status_code == 200
    assert contract.number in text_of(response) and in_polish("Start the final report") in text_of(response)
    response = oferent_client.post(reverse("reports:start_final", args=[contract.pk]))
    report = Report.objects.get(contract=contract)
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    page = oferent_client.get(report.get_absolute_url())
    assert page.status_code == 200 and page.context["can_edit"] and page.context["can_file"]
    for part in drafts.PARTS:
        assert oferent_client.get(part_url(report, part)).status_code == 200


def test_strangers_get_404_and_partners_read_only(client, officer):
    contract = signed_contract(partner=True)
    report = final_report(contract)
    client.force_login(UserFactory())
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(contract.offer.partner.person)
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200 and not page.context["can_edit"] and not page.context["can_file"]
    refused = client.get(part_url(report, drafts.COSTS))
    assert refused.status_code == 403
    assert in_polish(
        "Only a person who may act for the leading oferent of the contract can prepare its report."
    ) in text_of(refused)


def test_a_part_is_saved_and_the_next_part_follows(oferent_client, contract):
    report = final_report(contract)
    year = contract.end_date.year
    response = oferent_client.post(
        part_url(report, drafts.COSTS), {f"c{year}_1": "8 999,50", "cost_remarks": "Taniej.", "next": "1"}
    )
    assert response.status_code == 302 and response.url == part_url(report, drafts.SOURCES_PART)
    row = report.costs.get()
    assert row.actual == D("8999.50") and Report.objects.get(pk=report.pk).cost_remarks == "Taniej."


def test_an_amount_that_is_not_a_number_is_refused_kept_and_nothing_saved(oferent_client, contract):
    report = final_report(contract)
    year = contract.end_date.year
    response = oferent_client.post(
        part_url(report, drafts.COSTS), {f"c{year}_1": "dziewięć tysięcy", "cost_remarks": "x"}
    )
    assert response.status_code == 400
    assert in_polish("Enter an amount in złoty, e.g. 1 234,50.") in text_of(response)
    assert 'value="dziewięć tysięcy"' in response.content.decode()
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.costs.get().actual is None and fresh.cost_remarks == "" and fresh.revision == 0
    assert fresh.unsaved[drafts.COSTS][f"c{year}_1"] == "dziewięć tysięcy"
    # Shown again, with its error, until saved or discarded.
    again = oferent_client.get(part_url(report, drafts.COSTS))
    assert again.context["kept"] and in_polish("Enter an amount in złoty, e.g. 1 234,50.") in text_of(again)
    oferent_client.post(part_url(report, drafts.COSTS), {"discard": "1"})
    assert Report.objects.get(pk=report.pk).unsaved == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fee1_description": "Opłaty za wycieczkę", "fee1_amount": ""}, "Give the amount of this row."),
        ({"other1_description": "", "other1_amount": "120"}, "Say what this amount is."),
        ({"fee1_description": "Opłaty", "fee1_amount": "-5"}, "The amount cannot be negative."),
        (
            {"fee1_description": "Opłaty", "fee1_amount": "5,001"},
            "Give the amount to the grosz: at most two digits after the comma.",
        ),
    ],
)
def test_bad_income_rows_are_refused_next_to_the_field(oferent_client, contract, data, message):
    report = final_report(contract)
    year = contract.end_date.year
    posted = {f"s{year}_grant": "8000", **{f"{k}{n}_year": str(year) for k in ("fee", "other") for n in (1, 2)}, **data}
    response = oferent_client.post(part_url(report, drafts.SOURCES_PART), posted)
    assert response.status_code == 400 and in_polish(message) in text_of(response)
    assert report.sources.get().grant is None and not report.income.exists()


def test_the_live_check_reads_what_the_form_holds(oferent_client, contract, client):
    report = final_report(contract)
    year = contract.end_date.year
    url = reverse("reports:checks", args=[report.pk, drafts.COSTS])
    response = oferent_client.post(url, {f"c{year}_1": "9900,01"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "check-deviations" in response.content.decode() and "9\xa0900,01\xa0zł" in text_of(response)
    assert report.costs.get().actual is None  # nothing saved
    # Without JavaScript: the whole part, with what was typed and a note.
    page = oferent_client.post(url, {f"c{year}_1": "9900,01"})
    assert page.status_code == 200 and page.context["note"] and 'value="9900,01"' in page.content.decode()


def test_filing_without_the_statements_is_refused_on_the_page(oferent_client, contract):
    report = fill(final_report(contract), contract.filer)
    response = oferent_client.post(reverse("reports:file", args=[report.pk]), {"true_information": "on"})
    assert response.status_code == 400
    assert in_polish("Confirm the statement on the personal data of the people named in the report.") in text_of(
        response
    )
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT


def test_filing_freezes_the_report_and_issues_its_pdf(oferent_client, contract, media_root):
    report = fill(final_report(contract), contract.filer)
    statements = {k: "on" for k in ("status_unchanged", "true_information", "procurement", "data_protection")}
    response = oferent_client.post(reverse("reports:file", args=[report.pk]), statements)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.FILED
    filing = report.filings.get()
    snapshot = DocumentSnapshot.objects.get(kind="reports.report", object_id=str(filing.pk))
    assert snapshot.file_sha256
    pdf = oferent_client.get(reverse("reports:filing_pdf", args=[report.pk, 1]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert DocumentSnapshot.objects.filter(kind="reports.report").count() == 1  # the same document, reused
    page = oferent_client.get(report.get_absolute_url())
    assert not page.context["can_edit"] and filing.checksum[:10] in text_of(page)


# The office ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("resident", 403), ("oferent", 403), ("officer", 200)]
)
def test_only_the_office_sees_its_pages(client, contract, officer, resident, who, expected):
    report = final_report(contract)
    people = {"resident": resident, "oferent": contract.filer, "officer": officer}
    if who in people:
        client.force_login(people[who])
    for url in (
        reverse("reports_staff:list"),
        reverse("reports_staff:detail", args=[report.pk]),
        reverse("reports_staff:contract", args=[contract.pk]),
        reverse("reports_staff:demand", args=[contract.pk]),
        reverse("reports_staff:settlement", args=[contract.pk]),
    ):
        assert client.get(url).status_code == expected, url


def _partials(contract, count):
    for n in range(count):
        day = contract.start_date + n * DAY
        Report.objects.create(
            contract=contract, kind=Report.Kind.PARTIAL, status=Report.Status.DEMANDED, period_start=day,
            period_end=day, demanded_at=day, due_date=day + 30 * DAY,
        )  # fmt: skip


def test_the_list_runs_the_same_queries_for_2_and_8_reports(officer_client, officer):
    counts = []
    for count in (2, 8):
        Report.objects.all().delete()
        contract = signed_contract()
        _partials(contract, count - 1)
        url = reverse("reports_staff:list")
        officer_client.get(url)  # the final report of the ended task is awaited now; the session warmed
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get(url)
        assert response.status_code == 200 and response.context["page"].paginator.count == Report.objects.count()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_list_filters_and_exports(officer_client, officer):
    overdue = signed_contract()
    other = signed_contract(title="Sport w dzielnicach")
    report = file_report(final_report(other), other.filer)
    url = reverse("reports_staff:list")
    response = officer_client.get(url, {"overdue": "tak"})
    assert [r.contract_id for r in response.context["page"].object_list] == [overdue.pk]
    response = officer_client.get(url, {"status": "filed"})
    assert [r.pk for r in response.context["page"].object_list] == [report.pk]
    response = officer_client.get(url, {"call": overdue.offer.call_id})
    assert [r.contract_id for r in response.context["page"].object_list] == [overdue.pk]
    response = officer_client.get(url, {"year": overdue.end_date.year, "q": "Sport"})
    assert [r.pk for r in response.context["page"].object_list] == [report.pk]
    response = officer_client.get(url, {"year": overdue.end_date.year + 5})
    assert list(response.context["page"].object_list) == []
    export = officer_client.get(url, {"eksport": "csv", "status": "filed"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export.status_code == 200 and other.number in text and overdue.number not in text


def test_the_office_accepts_a_report_and_settles_it(officer_client, officer):
    contract = signed_contract()
    year = contract.end_date.year
    report = file_report(
        final_report(contract), contract.filer, costs={(1, year): D("8750.00")}, sources={year: {"grant": D("7750.00")}}
    )
    url = reverse("reports_staff:detail", args=[report.pk])
    page = officer_client.get(url)
    assert page.status_code == 200 and page.context["can_review"]
    response = officer_client.post(url, {"action": "accept"})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Report.Status.ACCEPTED
    row = Settlement.objects.get(contract=contract)
    assert row.to_return == D("250.00")
    settlement_url = reverse("reports_staff:settlement", args=[contract.pk])
    too_much = officer_client.post(
        settlement_url, {"settlement": row.pk, "amount": "300", "returned_on": timezone.localdate().isoformat()}
    )
    assert too_much.status_code == 400
    assert in_polish("%(amount)s is more than the %(outstanding)s still to return for %(year)s.") % {
        "amount": "300,00\xa0zł",
        "outstanding": "250,00\xa0zł",
        "year": year,
    } in text_of(too_much)
    done = officer_client.post(
        settlement_url, {"settlement": row.pk, "amount": "250,00", "returned_on": timezone.localdate().isoformat()}
    )
    assert done.status_code == 302 and SettlementReturn.objects.get().amount == D("250.00")
    page = officer_client.get(settlement_url)
    assert page.context["form"] is None and in_polish(
        "The grant is settled: everything due has been returned."
    ) in text_of(page)


def test_the_office_returns_a_report_for_corrections(officer_client, officer, contract):
    report = file_report(final_report(contract), contract.filer)
    url = reverse("reports_staff:detail", args=[report.pk])
    early = timezone.localdate() + DAY
    response = officer_client.post(url, {"action": "corrections", "message": "Popraw.", "due_date": early.isoformat()})
    assert response.status_code == 400
    assert in_polish_plural(
        "The corrections may not be due before %(earliest)s (%(days)s day from today).",
        "The corrections may not be due before %(earliest)s (%(days)s days from today).",
        14,
    ) % {
        "earliest": when(timezone.localdate() + 14 * DAY),
        "days": 14,
    } in text_of(response)
    due = timezone.localdate() + 20 * DAY
    response = officer_client.post(
        url, {"action": "corrections", "message": "Popraw opis.", "due_date": due.isoformat()}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.CORRECTING and report.correction_due == due


def test_the_office_demands_a_partial_report(officer_client, contract):
    url = reverse("reports_staff:demand", args=[contract.pk])
    page = officer_client.get(url)
    assert page.status_code == 200 and page.context["form"].initial["period_start"] >= contract.start_date
    delivered = contract.start_date + 10 * DAY
    data = {
        "period_start": contract.start_date.isoformat(),
        "period_end": (contract.start_date + 90 * DAY).isoformat(),
        "delivered_on": delivered.isoformat(),
        "due_date": (delivered + 29 * DAY).isoformat(),
        "note": "Za I kwartał.",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 400
    assert in_polish_plural(
        "The report may not be due before %(earliest)s: at least %(days)s day after the demand is delivered (%(ref)s).",
        "The report may not be due before %(earliest)s: at least %(days)s days after the demand is delivered "
        "(%(ref)s).",
        30,
    ) % {"earliest": when(delivered + 30 * DAY), "days": 30, "ref": "art. 18 ust. 3 u.d.p.p.w."} in text_of(response)
    assert not Report.objects.exists()
    response = officer_client.post(url, {**data, "due_date": (delivered + 30 * DAY).isoformat()})
    assert response.status_code == 302
    assert Report.objects.get().demand_note == "Za I kwartał."
    hub = officer_client.get(reverse("reports_staff:contract", args=[contract.pk]))
    assert hub.status_code == 200 and len(hub.context["reports"]) == 1


# Sections on other pages --------------------------------------------------------------------------------------------


def test_the_profile_shows_the_organizations_reports(oferent_client, contract):
    report = final_report(contract)
    response = oferent_client.get(contract.offer.organization.get_absolute_url())
    assert response.status_code == 200 and report.get_absolute_url() in response.content.decode()


def test_the_calls_pages_and_the_panel_show_the_reports(client, officer_client, officer):
    contract = signed_contract()
    other = signed_contract(call=contract.offer.call)
    year = other.end_date.year
    report = file_report(
        final_report(other), other.filer, costs={(1, year): D("8900")}, sources={year: {"grant": D("7900")}}
    )
    review.report_accept(actor=officer, report=report)
    from razem.reports.services.settlement import settlement_return_record

    settlement_return_record(
        actor=officer, settlement=Settlement.objects.get(), amount=D("100"), returned_on=timezone.localdate()
    )
    call = contract.offer.call
    public = client.get(call.get_absolute_url())
    assert public.status_code == 200
    body = public.content.decode()
    assert 'id="call-reports"' in body and "100,00\xa0zł" in text_of(public)
    overview = officer_client.get(reverse("grants_staff:edit", args=[call.slug]))
    assert overview.status_code == 200
    assert f"{reverse('reports_staff:list')}?call={call.pk}" in overview.content.decode()
    panel = officer_client.get(reverse("panel:index"))
    assert panel.status_code == 200 and 'id="panel-reports"' in panel.content.decode()
    assert Report.objects.filter(contract=contract, kind="final").exists()  # awaited now, and overdue


def test_the_calls_tab_filters_a_call_whose_reports_are_not_due_yet(officer_client):
    running = signed_contract(call=ended_call(timezone.localdate().year + 1))
    response = officer_client.get(reverse("reports_staff:list"), {"call": running.offer.call_id})
    assert response.status_code == 200 and not response.context["form"].errors
    assert list(response.context["page"].object_list) == []
