"""The office's pages of the offers of a call (point 12): only filed (and withdrawn, marked) offers, never drafts; the
sums of the filed versions; the call's funds per year against the requested grants; the export (CSV, XLSX with a
sheet of cost lines); one offer with its versions, attachments and what changed; who may see them."""

import csv
import datetime
import io
from decimal import ROUND_CEILING, Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from razem.grants.models import Activity, CostLine, ExpectedResult, Funding, Offer, OfferAttachment, OfferPartner
from razem.grants.services import filing
from razem.organizations.models import Membership
from tests.factories import CallFactory, MembershipFactory, OfferFactory, OrganizationFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

D = Decimal


def _complete(offer: Offer, grants: dict[int, Decimal], own: dict[int, Decimal]) -> Offer:
    """Give ``offer`` one activity, one cost line and one funding row per year (the line's value = grant + own)."""
    for position, year in enumerate(sorted(grants), start=1):
        activity = Activity.objects.create(offer=offer, year=year, position=1, name=f"Warsztaty {year}")
        value = grants[year] + own[year]
        CostLine.objects.create(
            offer=offer, position=position, activity=activity, name=f"Wynagrodzenie trenera {year}",
            unit="godzina", unit_cost=value / 10, quantity=D("10"), year_amounts={str(year): str(value)},
        )  # fmt: skip
        Funding.objects.create(offer=offer, year=year, grant=grants[year], own_personal=own[year])
    ExpectedResult.objects.create(offer=offer, position=1, name="Uczestnicy", target_value="60", monitoring="Listy")
    return offer


def file_offer(
    call, grants: dict[int, Decimal], *, own: dict[int, Decimal] | None = None, title: str = "", partner=None
):
    """A complete offer of a new organization, filed through the filing service; returns (offer, the person)."""
    organization = OrganizationFactory()
    person = MembershipFactory(organization=organization, role=Membership.Role.ADMIN).user
    signatory = RepresentativeFactory(organization=organization)
    start, end = datetime.date(min(grants), 2, 1), datetime.date(max(grants), 11, 30)
    offer = OfferFactory(
        call=call, organization=organization, budget=False, title=title or f"Oferta {organization.name}",
        start_date=max(start, call.realization_start), end_date=min(end, call.realization_end),
    )  # fmt: skip
    _complete(
        offer, grants, own or {year: (grants[year] / 9).quantize(D("1"), rounding=ROUND_CEILING) for year in grants}
    )
    if partner is not None:
        OfferPartner.objects.create(
            offer=offer, organization=partner, status=OfferPartner.Status.CONFIRMED, confirmed_revision=0
        )
        offer.joint_roles = "Lider prowadzi warsztaty, partner spacery."
        offer.save()
        RepresentativeFactory(organization=partner)
        signatories = [signatory, *partner.representatives.all()]
    else:
        signatories = [signatory]
    filing.offer_file(
        actor=person, offer=offer, signatories=signatories, declarations=filing.default_declarations(offer)
    )
    offer.refresh_from_db()
    return offer, person


@pytest.fixture
def call(db):
    return CallFactory(max_grant=D("200000.00"), attachments=False)


@pytest.fixture
def multi_year(db):
    return CallFactory(
        max_grant=D("200000.00"), attachments=False,
        realization_start=datetime.date(2027, 2, 1), realization_end=datetime.date(2028, 11, 30),
        funds={2027: D("100000.00"), 2028: D("50000.00")},
    )  # fmt: skip


def _list(client, call, query: str = ""):
    return client.get(reverse("grants_staff:offers", args=[call.slug]) + query)


# What the list holds --------------------------------------------------------------------------------------------------


def test_the_list_shows_filed_and_withdrawn_offers_marked_and_never_drafts(officer_client, call):
    filed, _p = file_offer(call, {call.years[0]: D("9000.00")}, title="Seniorzy w sieci")
    withdrawn, person = file_offer(call, {call.years[0]: D("8000.00")}, title="Spacery po Kazimierzu")
    filing.offer_withdraw(actor=person, offer=withdrawn, reason="Zmiana planów")
    OfferFactory(call=call, title="Szkic, którego urząd nie widzi")
    OfferFactory(title="Oferta w innym konkursie")

    response = _list(officer_client, call)

    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert {o.pk for o in rows} == {filed.pk, withdrawn.pk}
    html = response.content.decode()
    assert "Seniorzy w sieci" in html and "Spacery po Kazimierzu" in html
    assert "Szkic, którego urząd nie widzi" not in html and "Oferta w innym konkursie" not in html
    assert html.count("badge text-bg-secondary") == 1  # the withdrawn one, marked
    # The filter by status.
    only = _list(officer_client, call, "?status=withdrawn")
    assert [o.pk for o in only.context["page"].object_list] == [withdrawn.pk]


def test_the_sums_are_those_of_the_filed_version_not_of_the_draft_being_corrected(officer_client, call):
    year = call.years[0]
    offer, _person = file_offer(call, {year: D("9000.00")}, own={year: D("1000.00")})
    # The oferent starts correcting the filed offer: the live rows change, the filed version does not.
    Funding.objects.filter(offer=offer).update(grant=D("40000.00"))
    Offer.objects.filter(pk=offer.pk).update(title="Tytuł w trakcie poprawiania")

    response = _list(officer_client, call)

    (row,) = response.context["page"].object_list
    assert row.figures.total_cost == D("10000.00")
    assert row.figures.grant == D("9000.00")
    assert row.figures.own == D("1000.00") and row.figures.own_share == D("10.00")
    assert row.filed_title == offer.current_version.content["task"]["title"] != "Tytuł w trakcie poprawiania"
    assert response.context["overview"].total.requested == D("9000.00")


def test_the_requested_grants_per_year_are_set_against_the_funds_and_over_subscription_is_shown(
    officer_client, multi_year
):
    file_offer(multi_year, {2027: D("40000.00"), 2028: D("30000.00")})
    file_offer(multi_year, {2027: D("45000.00"), 2028: D("25000.00")})
    _withdrawn, person = file_offer(multi_year, {2027: D("20000.00"), 2028: D("20000.00")})
    filing.offer_withdraw(actor=person, offer=_withdrawn)

    response = _list(officer_client, multi_year)

    overview = response.context["overview"]
    assert [(r.year, r.funds, r.requested, r.over) for r in overview.years] == [
        (2027, D("100000.00"), D("85000.00"), False),
        (2028, D("50000.00"), D("55000.00"), True),
    ]
    assert overview.years[0].balance == D("15000.00") and overview.years[0].ratio == D("85.00")
    assert overview.years[1].shortfall == D("5000.00") and overview.years[1].ratio == D("110.00")
    assert (overview.total.funds, overview.total.requested) == (D("150000.00"), D("140000.00"))
    assert (overview.filed, overview.withdrawn, overview.over) == (2, 1, True)
    html = response.content.decode()
    assert "Over-subscribed" in html or "Nadsubskrypcja" in html or "table-warning" in html
    assert "5\u00a0000,00\u00a0zł" in html  # what is missing in 2028


def test_the_text_filter_finds_an_offer_by_number_title_or_an_oferent_and_the_list_sorts(officer_client, call):
    year = call.years[0]
    partner = OrganizationFactory(name="Fundacja Partnerska Zabłocie")
    joint, _p = file_offer(call, {year: D("20000.00")}, title="Akademia pokoleń", partner=partner)
    single, _p = file_offer(call, {year: D("5000.00")}, title="Kawiarenka cyfrowa")

    assert [o.pk for o in _list(officer_client, call, "?q=zabłocie").context["page"].object_list] == [joint.pk]
    assert [o.pk for o in _list(officer_client, call, "?q=KAWIARENKA").context["page"].object_list] == [single.pk]
    number = _list(officer_client, call, f"?q={single.number}").context["page"].object_list
    assert [o.pk for o in number] == [single.pk]
    by_grant = _list(officer_client, call, "?sortuj=-grant").context["page"].object_list
    assert [o.pk for o in by_grant] == [joint.pk, single.pk]
    by_title = _list(officer_client, call, "?sortuj=title").context["page"].object_list
    assert [o.pk for o in by_title] == [joint.pk, single.pk]
    page = _list(officer_client, call).content.decode()
    assert "Fundacja Partnerska Zabłocie" in page  # the partner, named in the oferent column


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_the_same_number_of_queries_for_3_and_30_offers(
    officer_client, call, count, django_assert_max_num_queries
):
    for n in range(count):
        file_offer(call, {call.years[0]: D("5000.00") + n})

    with django_assert_max_num_queries(9):
        response = _list(officer_client, call)

    assert response.status_code == 200 and len(response.context["page"].object_list) == count


# Who may see ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("resident", 403), ("oferent", 403), ("officer", 200), ("administrator", 200)],
)
def test_only_city_staff_see_the_offers_of_a_call(client, call, resident, officer, administrator, who, expected):
    offer, oferent = file_offer(call, {call.years[0]: D("9000.00")})
    people = {"resident": resident, "oferent": oferent, "officer": officer, "administrator": administrator}
    if who in people:
        client.force_login(people[who])
    urls = [
        reverse("grants_staff:offers", args=[call.slug]),
        reverse("grants_staff:offers", args=[call.slug]) + "?eksport=csv",
        reverse("grants_staff:offer", args=[call.slug, offer.pk]),
        reverse("grants_staff:offer_changes", args=[call.slug, offer.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert "/konto/" in response["Location"] or "login" in response["Location"]


def test_a_draft_or_an_offer_of_another_call_is_not_found_for_the_office(officer_client, call):
    draft = OfferFactory(call=call)
    other, _p = file_offer(CallFactory(attachments=False), {call.years[0]: D("9000.00")})
    filed, _p = file_offer(call, {call.years[0]: D("9000.00")})

    assert officer_client.get(reverse("grants_staff:offer", args=[call.slug, draft.pk])).status_code == 404
    assert officer_client.get(reverse("grants_staff:offer", args=[call.slug, other.pk])).status_code == 404
    assert officer_client.get(reverse("grants_staff:offers", args=["nie-ma-takiego"])).status_code == 404
    assert (
        officer_client.get(reverse("grants_staff:offer", args=[call.slug, filed.pk]) + "?wersja=7").status_code == 404
    )
    assert officer_client.get(reverse("grants_staff:offer", args=[call.slug, filed.pk])).status_code == 200


# The export ---------------------------------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_has_one_row_per_offer_with_its_figures_per_year_and_is_audited(officer_client, officer, multi_year):
    from razem.core.models import LogEntry

    first, _p = file_offer(
        multi_year, {2027: D("40000.00"), 2028: D("30000.00")}, own={2027: D("5000"), 2028: D("4000")}
    )
    OfferFactory(call=multi_year, title="Szkic")

    rows = _csv(_list(officer_client, multi_year, "?eksport=csv"))

    header, *body = rows
    assert header[:3] == ["Offer number", "Oferent(s)", "Title of the task"] or header[0] in {"Numer oferty"}
    assert len(body) == 1
    row = dict(zip(header, body[0], strict=True))
    version = first.current_version
    assert row[header[0]] == first.number
    assert row[header[1]] == first.organization.name
    assert body[0][header.index(header[2])] == version.content["task"]["title"]
    values = body[0]
    assert "79000,00" in values  # total cost: 40 000 + 30 000 + 5 000 + 4 000
    assert "40000,00" in values and "30000,00" in values and "70000,00" in values  # grant 2027, 2028, total
    assert "9000,00" in values  # own contribution
    assert version.checksum in values and str(version.number) in values
    assert LogEntry.objects.filter(action="grants.offer.exported", actor=officer).exists()


def test_the_xlsx_has_the_offers_and_a_sheet_of_their_cost_lines(officer_client, call):
    from openpyxl import load_workbook

    year = call.years[0]
    partner = OrganizationFactory(name="Stowarzyszenie Partner")
    joint, _p = file_offer(call, {year: D("20000.00")}, own={year: D("3000.00")}, partner=partner)
    single, _p = file_offer(call, {year: D("5000.00")}, own={year: D("1000.00")})
    CostLine.objects.filter(offer=single).update(name="=SUM(A1:A9)")  # a live change: the filed line counts

    response = _list(officer_client, call, "?eksport=xlsx&sortuj=number")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    offers, lines = workbook.worksheets
    offer_rows = [[c.value for c in row] for row in offers.iter_rows()]
    assert len(offer_rows) == 3
    assert [r[0] for r in offer_rows[1:]] == sorted([joint.number, single.number])
    joint_row = next(r for r in offer_rows if r[0] == joint.number)
    assert joint_row[1] == f"{joint.organization.name}; Stowarzyszenie Partner"
    assert "23000,00" in joint_row and "20000,00" in joint_row and "3000,00" in joint_row
    line_rows = [[c.value for c in row] for row in lines.iter_rows()]
    assert len(line_rows) == 1 + 2  # the header and one cost line per offer
    single_line = next(r for r in line_rows if r[0] == single.number)
    assert single_line[1] == single.organization.name
    assert single_line[5] == f"Wynagrodzenie trenera {year}"  # as filed
    assert single_line[6] == "godzina" and single_line[9] == "6000,00"
    assert all(cell.data_type in {"s", "n"} for row in lines.iter_rows() for cell in row)


# One offer ----------------------------------------------------------------------------------------------------------


def test_the_offer_page_renders_the_filed_version_with_its_versions_pdf_and_attachments(
    officer_client, call, media_root
):
    year = call.years[0]
    offer, person = file_offer(call, {year: D("9000.00")}, title="Seniorzy w sieci")
    attachment = OfferAttachment.objects.create(
        offer=offer, name="statut.pdf", size=4, sha256="a" * 64, file=ContentFile(b"%PDF", name="statut.pdf")
    )
    Offer.objects.filter(pk=offer.pk).update(title="Seniorzy w sieci 2.0")
    offer.refresh_from_db()
    filing.offer_file(
        actor=person, offer=offer, signatories=list(offer.organization.representatives.all()),
        declarations=filing.default_declarations(offer),
    )  # fmt: skip

    response = officer_client.get(reverse("grants_staff:offer", args=[call.slug, offer.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    versions = list(offer.versions.order_by("number"))
    assert len(versions) == 2
    for version in versions:
        assert version.checksum in html
        assert reverse("grants:version_pdf", args=[offer.pk, version.number]) in html
    assert "Seniorzy w sieci 2.0" in html
    assert reverse("grants:attachment", args=[offer.pk, attachment.pk]) in html
    for heading in ("I. ", "II. ", "III. ", "IV. ", "V.A", "V.B", "VI. ", "VII. "):
        assert heading in html
    older = officer_client.get(reverse("grants_staff:offer", args=[call.slug, offer.pk]) + "?wersja=1")
    assert "Seniorzy w sieci 2.0" not in older.content.decode().split('<h2 class="h3')[-1]

    changes = officer_client.get(reverse("grants_staff:offer_changes", args=[call.slug, offer.pk]))

    assert changes.status_code == 200
    assert (changes.context["old"].number, changes.context["new"].number) == (1, 2)
    labels = [c.label for c in changes.context["changes"]]
    assert any("III.1" in label for label in labels)
    assert "Seniorzy w sieci 2.0" in changes.content.decode()
