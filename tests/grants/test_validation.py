"""What stops filing (``grants.validation.filing_problems``): a complete offer has nothing; each thing taken away
from it is reported in its section, on its field, in words that name the field and the figure."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from razem.grants.models import Activity, Call, CostLine, DraftInput, ExpectedResult, Funding, Offer, RequiredAttachment
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import partners as offer_partners
from razem.grants.validation import Issue, filing_problems
from tests.factories import CallFactory
from tests.grants.offer_support import complete, lead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "media_root")]


@pytest.fixture
def people():
    return lead("Fundacja Wiosna")


@pytest.fixture
def ready(people):
    organization, person = people
    offer = offer_drafts.offer_start(actor=person, call=CallFactory(), organization=organization)
    return complete(offer, person)


def problems(offer: Offer) -> list[tuple[str, str]]:
    return [(i.section, i.field) for i in filing_problems(Offer.objects.get(pk=offer.pk))]


def messages(offer: Offer) -> list[str]:
    return [i.message for i in filing_problems(Offer.objects.get(pk=offer.pk))]


def test_a_complete_offer_can_be_filed(ready):
    assert filing_problems(ready) == []


def test_an_empty_offer_lists_every_section_in_the_order_of_the_form(people):
    organization, person = people
    call = CallFactory()
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    year = call.years[0]
    requirement = call.required_attachments.get()
    assert problems(offer) == [
        ("zadanie", "title"),
        ("zadanie", "start_date"),
        ("zadanie", "end_date"),
        ("zadanie", "synthetic_description"),
        ("dzialania", f"activities.{year}"),
        ("rezultaty", "results_description"),
        ("rezultaty", "results"),
        ("charakterystyka", "experience"),
        ("charakterystyka", "resources"),
        ("koszty", "lines"),
        ("koszty", "grant"),
        ("inne", "payment"),
        ("zalaczniki", f"requirement.{requirement.pk}"),
    ]
    assert all(isinstance(issue, Issue) for issue in filing_problems(offer))


@pytest.mark.parametrize(
    ("change", "section", "field"),
    [
        ({"title": ""}, "zadanie", "title"),
        ({"synthetic_description": " "}, "zadanie", "synthetic_description"),
        ({"contact_name": ""}, "podstawowe", "contact_name"),
        ({"contact_phone": "", "contact_email": ""}, "podstawowe", "contact_phone"),
        ({"results_description": ""}, "rezultaty", "results_description"),
        ({"experience": ""}, "charakterystyka", "experience"),
        ({"resources": ""}, "charakterystyka", "resources"),
        ({"payment": ""}, "inne", "payment"),
        ({"start_date": None}, "zadanie", "start_date"),
    ],
)
def test_each_required_field_is_named(ready, change, section, field):
    Offer.objects.filter(pk=ready.pk).update(**change)
    assert problems(ready) == [(section, field)]


def test_one_way_to_reach_the_contact_person_is_enough(ready):
    Offer.objects.filter(pk=ready.pk).update(contact_phone="")
    assert problems(ready) == []


def test_the_dates_must_lie_in_the_calls_window(ready):
    call = ready.call
    early = call.realization_start - datetime.timedelta(days=1)
    Offer.objects.filter(pk=ready.pk).update(start_date=early)
    found = filing_problems(Offer.objects.get(pk=ready.pk))
    assert [(i.section, i.field) for i in found][0] == ("zadanie", "start_date")
    assert date_format(call.realization_start) in found[0].message and date_format(early) in found[0].message
    late = call.realization_end + datetime.timedelta(days=1)
    Offer.objects.filter(pk=ready.pk).update(start_date=call.realization_start, end_date=late)
    assert ("zadanie", "end_date") in problems(ready)


def test_every_year_of_the_task_needs_an_activity(people):
    organization, person = people
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    call = CallFactory(realization_start=start, realization_end=start.replace(year=start.year + 2, month=6))
    offer = complete(offer_drafts.offer_start(actor=person, call=call, organization=organization), person)
    assert problems(offer) == []
    Activity.objects.filter(offer=offer, year=start.year + 1).delete()
    assert problems(offer) == [("dzialania", f"activities.{start.year + 1}")]
    assert messages(offer) == [f"Plan at least one activity for {start.year + 1} (III.4)."]


def test_activities_outside_the_years_of_the_task_and_without_a_name(ready):
    year = ready.years[0]
    Activity.objects.create(offer=ready, year=year + 3, position=0, name="Za późno")
    Activity.objects.create(offer=ready, year=year, position=5, name="")
    assert problems(ready) == [
        ("dzialania", f"activities.{year + 3}"),
        ("dzialania", f"activities.{year}.2.name"),
    ]
    assert f"planned for {year + 3}, outside the years of the task ({year})" in messages(ready)[0]


def test_the_results_table_only_when_the_call_requires_it(ready):
    ExpectedResult.objects.filter(offer=ready).delete()
    assert problems(ready) == [("rezultaty", "results")]
    Call.objects.filter(pk=ready.call_id).update(results_table_required=False)
    assert problems(ready) == []
    ExpectedResult.objects.create(offer=ready, name="Wynik", target_value="", monitoring="ankieta")
    assert problems(ready) == [("rezultaty", "results.1.target_value")]


def test_a_cost_line_without_unit_or_quantity(ready):
    CostLine.objects.filter(offer=ready).update(unit="")
    assert problems(ready) == [("koszty", "lines.1.unit")]
    CostLine.objects.filter(offer=ready).update(unit="godzina", quantity=0)
    found = problems(ready)
    # The missing quantity is said once, in its own words, and the budget no longer adds up.
    assert found[0] == ("koszty", "lines.1.quantity")
    assert found.count(("koszty", "lines.1.quantity")) == 1
    assert messages(ready)[0] == "Cost line 1: give the number of units."


def test_costs_of_the_activities_name_their_activity(ready):
    CostLine.objects.filter(offer=ready).update(activity=None)
    assert problems(ready) == [("koszty", "lines.1.activity")]
    CostLine.objects.filter(offer=ready).update(category=CostLine.Category.ADMINISTRATION)
    found = problems(ready)
    assert ("koszty", "lines.1.activity") not in found
    assert ("koszty", "lines.administration") in found  # 100 % administrative costs, above the call's 20 %


def test_the_budget_rules_of_the_call_are_reported_in_section_v(ready):
    Funding.objects.filter(offer=ready).update(grant=Decimal("60000"), own_personal=Decimal("7000"))
    CostLine.objects.filter(offer=ready).update(unit_cost=Decimal("6700"))
    found = filing_problems(Offer.objects.get(pk=ready.pk))
    assert [(i.section, i.field) for i in found] == [("koszty", "grant")]
    assert "60\u00a0000,00\u00a0zł" in found[0].message and "50\u00a0000,00\u00a0zł" in found[0].message


def test_a_joint_offer_needs_the_roles_and_every_partners_confirmation(ready, people):
    _organization, person = people
    partner_org, partner_person = lead("Partner")
    partner = offer_partners.partner_invite(actor=person, offer=ready, organization=partner_org)
    assert problems(ready) == [("inne", "joint_roles"), ("partnerzy", f"partner.{partner.pk}")]
    assert "Partner has not confirmed the joint offer yet." in messages(ready)
    offer_drafts.offer_update_fields(actor=person, offer=ready, fields={"joint_roles": "Partner prowadzi zajęcia."})
    offer_partners.partner_decide(actor=partner_person, partner=partner, accept=True)
    assert problems(ready) == []
    offer_partners.partner_decide(actor=partner_person, partner=partner, accept=False)
    assert problems(ready) == []  # a declined partner is no longer an oferent


def test_costs_borne_by_a_former_partner_are_reported(ready, people):
    _organization, person = people
    partner_org, _partner_person = lead("Partner")
    offer_partners.partner_invite(actor=person, offer=ready, organization=partner_org)
    CostLine.objects.filter(offer=ready).update(partner=partner_org)
    partner = ready.partners.get()
    offer_partners.partner_remove(actor=person, partner=partner)
    assert problems(ready) == [("koszty", "lines.1.partner")]


def test_only_mandatory_attachments_are_required(ready):
    optional = RequiredAttachment.objects.create(call=ready.call, position=2, name="Rekomendacje", mandatory=False)
    assert problems(ready) == []
    mandatory = RequiredAttachment.objects.create(call=ready.call, position=3, name="Budżet szczegółowy")
    assert problems(ready) == [("zalaczniki", f"requirement.{mandatory.pk}")]
    assert messages(ready) == ["Attach the required document: Budżet szczegółowy."]
    assert optional.pk


def test_unsaved_input_stops_filing_in_its_section(ready, people):
    DraftInput.objects.create(offer=ready, section="koszty", data={"lines-0-unit_cost": ["abc"]})
    assert problems(ready) == [("koszty", "draft")]


def test_the_form_of_the_task_when_the_call_allows_both(ready):
    Call.objects.filter(pk=ready.call_id).update(form=Call.Form.BOTH)
    Offer.objects.filter(pk=ready.pk).update(task_form="")
    assert problems(ready) == [("podstawowe", "task_form")]
    Offer.objects.filter(pk=ready.pk).update(task_form="powierzenie")
    assert problems(ready) == []


def test_an_organization_files_one_offer_per_call(ready, people):
    organization, person = people
    second = complete(offer_drafts.offer_start(actor=person, call=ready.call, organization=organization), person)
    assert problems(second) == []
    Offer.objects.filter(pk=ready.pk).update(status=Offer.Status.FILED, number="TEST/001")
    assert problems(second) == [("podstawowe", "organization")]
    assert "already filed offer TEST/001" in messages(second)[0]
    # The filed offer itself may be corrected by a new version.
    assert problems(ready) == []
