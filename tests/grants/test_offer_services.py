"""The offer editor's services: starting an offer (empty or as a copy), saving each section, the stale-revision
refusal, the input kept aside, and the attachments. Every refusal names its field and leaves nothing changed."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.models import LogEntry
from razem.grants.models import (
    Activity,
    Call,
    CostLine,
    DraftInput,
    ExpectedResult,
    Funding,
    Offer,
    OfferAttachment,
    OfferPartner,
    OfferVersion,
    RequiredAttachment,
)
from razem.grants.services import attachments as attachment_services
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import partners as offer_partners
from razem.grants.services.offers import tables as offer_tables
from razem.organizations.models import Organization
from tests.factories import CallFactory, MembershipFactory, OfferFactory, UserFactory
from tests.grants.offer_support import budget_rows, complete, lead, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def call():
    return CallFactory()


@pytest.fixture
def oferent():
    return lead("Fundacja Wiosna")


@pytest.fixture
def offer(call, oferent):
    organization, person = oferent
    return offer_drafts.offer_start(actor=person, call=call, organization=organization)


def snapshot(offer: Offer) -> tuple:
    offer = Offer.objects.get(pk=offer.pk)
    return (
        offer.revision,
        offer.title,
        offer.start_date,
        offer.end_date,
        list(offer.activities.values_list("pk", "year", "name")),
        list(offer.cost_lines.values_list("name", "unit_cost", "quantity", "year_amounts")),
        list(offer.funding.values_list("year", "grant", "own_financial")),
        list(offer.results.values_list("name", flat=True)),
    )


# Starting ---------------------------------------------------------------------------------------------------------


def test_an_offer_starts_with_the_contact_person_and_the_form_of_the_call(call, oferent):
    organization, person = oferent
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    assert (offer.call, offer.organization, offer.status) == (call, organization, Offer.Status.DRAFT)
    assert (offer.contact_name, offer.contact_email, offer.contact_phone) == (
        person.full_name,
        person.email,
        person.phone,
    )
    assert offer.task_form == call.form == "wspieranie"
    assert (offer.created_by, offer.revision) == (person, 0)
    entry = LogEntry.objects.get(action="grants.offer.started")
    assert entry.data == {"call": call.pk, "organization": organization.pk}


def test_a_call_that_allows_both_forms_leaves_the_choice_to_the_oferent(oferent):
    organization, person = oferent
    offer = offer_drafts.offer_start(actor=person, call=CallFactory(form=Call.Form.BOTH), organization=organization)
    assert offer.task_form == ""


def test_several_drafts_may_be_started_in_one_call(call, oferent):
    organization, person = oferent
    offer_drafts.offer_start(actor=person, call=call, organization=organization)
    offer_drafts.offer_start(actor=person, call=call, organization=organization)
    assert Offer.objects.filter(call=call, organization=organization).count() == 2


def test_only_an_organization_one_acts_for_can_start_an_offer(call, oferent):
    _organization, person = oferent
    other, _other_person = lead("Inna Fundacja")
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_start(actor=person, call=call, organization=other)
    assert error.value.message_dict["organization"] == [
        "You can start an offer only for a verified organization you may act for."
    ]
    assert not Offer.objects.exists()


def test_an_unverified_organization_cannot_start_an_offer(call):
    organization, person = lead("Fundacja Oczekująca", status=Organization.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_start(actor=person, call=call, organization=organization)
    assert "verified organization" in error.value.messages[0]
    assert not Offer.objects.exists()


def test_no_offer_is_started_after_the_deadline(call, oferent):
    organization, person = oferent
    call.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_start(actor=person, call=call, organization=organization)
    assert "the deadline has passed" in error.value.messages[0]
    assert not Offer.objects.exists()


def test_a_copy_takes_the_sections_and_moves_the_years_into_the_new_call(oferent, media_root):
    organization, person = oferent
    start = datetime.date(timezone.localdate().year + 1, 3, 1)
    old_call = CallFactory(realization_start=start, realization_end=start.replace(year=start.year + 1, month=6))
    source = offer_drafts.offer_start(actor=person, call=old_call, organization=organization)
    complete(source, person)
    partner_org, _partner_person = lead("Partner")
    offer_partners.partner_invite(actor=person, offer=source, organization=partner_org)
    new_start = start.replace(year=start.year + 2, month=2)
    new_call = CallFactory(realization_start=new_start, realization_end=new_start.replace(month=12))

    copy = offer_drafts.offer_start(actor=person, call=new_call, organization=organization, copy_from=source)

    assert copy.copied_from == source
    assert (copy.title, copy.experience, copy.payment) == (source.title, source.experience, source.payment)
    # Dates moved by two years, then kept inside the new window (a one-year task now).
    assert (copy.start_date, copy.end_date) == (new_start.replace(month=3), new_start.replace(month=12))
    assert copy.years == [new_start.year]
    # The two years of activities fall into the one year of the new task, in order.
    assert list(copy.activities.values_list("year", "position", "name")) == [
        (new_start.year, 0, f"Warsztaty {start.year}"),
        (new_start.year, 1, f"Warsztaty {start.year + 1}"),
    ]
    assert list(copy.results.values_list("name", flat=True)) == ["Przeszkoleni seniorzy"]
    [line] = copy.cost_lines.all()
    assert line.activity.offer == copy and line.activity.name == f"Warsztaty {start.year}"
    assert sum(Decimal(v) for v in line.year_amounts.values()) == Decimal("9000.00")
    assert set(line.year_amounts) == {str(new_start.year)}
    [funding] = copy.funding.all()
    assert (funding.year, funding.grant, funding.own_personal) == (new_start.year, Decimal("8000.00"), 1000)
    # Never the attachments, partners or versions.
    assert not copy.attachments.exists() and not copy.partners.exists() and not copy.versions.exists()
    assert LogEntry.objects.filter(action="grants.offer.started", data__copied_from=source.pk).exists()


def test_a_copy_keeps_dates_that_fit_the_new_window(call, oferent, offer):
    organization, person = oferent
    offer_drafts.offer_update_fields(
        actor=person, offer=offer, fields={"start_date": call.realization_start, "end_date": call.realization_end}
    )
    copy = offer_drafts.offer_start(actor=person, call=CallFactory(), organization=organization, copy_from=offer)
    assert (copy.start_date, copy.end_date) == (call.realization_start, call.realization_end)


def test_only_an_offer_of_the_same_organization_can_be_copied(call, oferent):
    organization, person = oferent
    other_org, other_person = lead("Obca Fundacja")
    MembershipFactory(organization=other_org, user=person, representative=True)
    foreign = offer_drafts.offer_start(actor=other_person, call=call, organization=other_org)
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_start(actor=person, call=call, organization=organization, copy_from=foreign)
    assert "copy_from" in error.value.message_dict
    assert Offer.objects.count() == 1


# Saving the sections ---------------------------------------------------------------------------------------------


def test_saving_fields_bumps_the_revision_and_is_audited_with_its_section(offer, oferent):
    _organization, person = oferent
    saved = offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "  Seniorzy w sieci "})
    assert (saved.title, saved.revision) == ("Seniorzy w sieci", 1)
    offer.refresh_from_db()
    assert (offer.title, offer.revision, offer.updated_by) == ("Seniorzy w sieci", 1, person)
    assert offer.section_revisions["zadanie"]["revision"] == 1
    entry = LogEntry.objects.get(action="grants.offer.saved")
    assert entry.data["section"] == "zadanie" and entry.data["fields"] == ["title"]


def test_saving_what_is_already_saved_writes_nothing(offer, oferent):
    _organization, person = oferent
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Tytuł"})
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Tytuł"})
    offer.refresh_from_db()
    assert offer.revision == 1
    assert LogEntry.objects.filter(action="grants.offer.saved").count() == 1


def test_a_save_from_an_older_revision_of_the_same_section_by_someone_else_is_refused(offer, oferent):
    organization, person = oferent
    colleague = UserFactory(full_name="Ewa Koleżanka")
    MembershipFactory(organization=organization, user=colleague, representative=True)
    opened_at = offer.revision
    offer_drafts.offer_update_fields(actor=colleague, offer=offer, fields={"title": "Tytuł Ewy"}, revision=opened_at)
    before = snapshot(offer)
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Mój tytuł"}, revision=opened_at)
    assert error.value.code == "stale"
    assert "Ewa Koleżanka saved" in error.value.messages[0]
    assert snapshot(offer) == before


def test_saves_of_other_sections_or_by_oneself_are_not_stale(offer, oferent):
    organization, person = oferent
    colleague = UserFactory()
    MembershipFactory(organization=organization, user=colleague, representative=True)
    opened_at = offer.revision
    offer_drafts.offer_update_fields(actor=colleague, offer=offer, fields={"experience": "Od 2015 r."}, revision=0)
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "A"}, revision=opened_at)
    # The answer of that save was lost: the next autosave still carries the old revision.
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "AB"}, revision=opened_at)
    offer.refresh_from_db()
    assert (offer.title, offer.experience, offer.revision) == ("AB", "Od 2015 r.", 3)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"end_date": datetime.date(2027, 1, 1), "start_date": datetime.date(2027, 5, 1)},
            "end_date",
            "The end date is before the start date.",
        ),  # noqa: E501
        ({"task_form": "powierzenie"}, "task_form", "Choose one of the forms the call allows."),
        ({"payment": "barter"}, "payment", "Choose one of the options."),
        ({"contact_email": "nie-email"}, "contact_email", "Enter a valid e-mail address."),
        ({"title": "x" * 301}, "title", "At most 300 characters; this has 301."),
    ],
)
def test_input_that_cannot_be_stored_is_refused_next_to_its_field(offer, oferent, fields, field, message):
    _organization, person = oferent
    before = snapshot(offer)
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_update_fields(actor=person, offer=offer, fields=fields)
    assert error.value.message_dict == {field: [message]}
    assert snapshot(offer) == before


def test_an_unknown_field_is_a_programming_error(offer, oferent):
    with pytest.raises(ValueError, match="status"):
        offer_drafts.offer_update_fields(actor=oferent[1], offer=offer, fields={"status": "filed"})


def test_activities_are_saved_by_year_and_keep_their_ids(offer, oferent):
    _organization, person = oferent
    year = offer.years[0]
    offer_tables.offer_replace_activities(
        actor=person, offer=offer, rows=[{"year": year, "name": "A"}, {"year": year, "name": "B"}]
    )
    a, b = Activity.objects.filter(offer=offer).order_by("position")
    lines, funding = budget_rows(offer, activity=b)
    offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=funding)
    # Remove A, rename B, add C: B keeps its id and its cost line.
    offer_tables.offer_replace_activities(
        actor=person,
        offer=offer,
        rows=[{"id": b.pk, "year": year, "name": "B2"}, {"year": year, "name": "C", "target_group": "dzieci"}],
    )
    rows = list(Activity.objects.filter(offer=offer).order_by("position").values_list("pk", "position", "name"))
    assert rows[0] == (b.pk, 0, "B2") and rows[1][1:] == (1, "C")
    assert not Activity.objects.filter(pk=a.pk).exists()
    assert CostLine.objects.get(offer=offer).activity_id == b.pk


def test_an_autosave_whose_answer_was_lost_does_not_add_the_row_twice(offer, oferent):
    _organization, person = oferent
    year = offer.years[0]
    offer_tables.offer_replace_activities(actor=person, offer=offer, rows=[{"year": year, "name": "Warszt"}])
    offer_tables.offer_replace_activities(actor=person, offer=offer, rows=[{"year": year, "name": "Warsztaty"}])
    assert list(Activity.objects.filter(offer=offer).values_list("name", flat=True)) == ["Warsztaty"]


def test_results_and_their_description_are_saved_together(offer, oferent):
    _organization, person = oferent
    offer_tables.offer_replace_results(
        actor=person,
        offer=offer,
        rows=[{"name": "R1", "target_value": "10", "monitoring": "lista"}],
        description="Opis rezultatów",
    )
    offer.refresh_from_db()
    assert offer.results_description == "Opis rezultatów" and offer.revision == 1
    assert list(ExpectedResult.objects.filter(offer=offer).values_list("name", flat=True)) == ["R1"]


def test_the_budget_is_saved_in_the_order_typed(offer, oferent):
    _organization, person = oferent
    year = offer.years[0]
    lines = [
        {"category": "administration", "name": "Księgowość", "unit": "mies.", "unit_cost": "100", "quantity": "3"},
        {"category": "realization", "name": "Trener", "unit": "godz.", "unit_cost": Decimal("150.50"), "quantity": 2},
    ]
    funding = [{"year": year, "grant": Decimal("500"), "own_financial": "101"}]
    offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=funding)
    assert list(CostLine.objects.filter(offer=offer).order_by("position").values_list("position", "name")) == [
        (0, "Księgowość"),
        (1, "Trener"),
    ]
    saved = Funding.objects.get(offer=offer)
    assert (saved.grant, saved.own_financial) == (Decimal("500.00"), Decimal("101.00"))
    assert LogEntry.objects.get(action="grants.offer.saved").data["section"] == "koszty"


@pytest.mark.parametrize(
    ("line", "funding", "field", "message"),
    [
        ({"unit_cost": "-1"}, {}, "lines.1.unit_cost", "The unit cost cannot be negative (-1)."),
        ({"quantity": "abc"}, {}, "lines.1.quantity", "Enter an amount, e.g. 1 234,50."),
        ({"unit_cost": "1.234"}, {}, "lines.1.unit_cost", "Give at most two digits after the decimal comma."),
        ({}, {"grant": "-5"}, "funding.{year}.grant", "The amount cannot be negative (-5)."),
        ({"year_amounts": {2031: "5"}}, {}, "lines.1.year_amounts", "2031 is not a year of the task ({year})."),
        ({"category": "inne"}, {}, "lines.1.category", "Choose the category of the cost."),
    ],
)
def test_a_budget_that_cannot_be_stored_is_refused_and_nothing_changes(offer, oferent, line, funding, field, message):
    _organization, person = oferent
    year = offer.years[0]
    good_lines, good_funding = budget_rows(offer)
    offer_tables.offer_replace_budget(actor=person, offer=offer, lines=good_lines, funding=good_funding)
    before = snapshot(offer)
    bad_lines = [{**good_lines[0], **line}]
    bad_funding = [{**good_funding[0], **funding}]
    with pytest.raises(ValidationError) as error:
        offer_tables.offer_replace_budget(actor=person, offer=offer, lines=bad_lines, funding=bad_funding)
    assert error.value.message_dict == {field.format(year=year): [message.format(year=year)]}
    assert snapshot(offer) == before


def test_costs_are_borne_only_by_oferenci_and_belong_to_activities_of_this_offer(offer, oferent, call):
    organization, person = oferent
    stranger, _stranger_person = lead("Obcy")
    other_offer = OfferFactory(call=call, organization=organization)
    foreign_activity = Activity.objects.create(offer=other_offer, year=offer.years[0], name="Cudze")
    lines, funding = budget_rows(offer)
    with pytest.raises(ValidationError) as error:
        offer_tables.offer_replace_budget(
            actor=person, offer=offer, lines=[{**lines[0], "partner": stranger}], funding=[]
        )
    assert error.value.message_dict == {"lines.1.partner": ["Choose an oferent of this offer."]}
    with pytest.raises(ValidationError) as error:
        offer_tables.offer_replace_budget(
            actor=person, offer=offer, lines=[{**lines[0], "activity": foreign_activity}], funding=[]
        )
    assert error.value.message_dict == {"lines.1.activity": ["Choose an activity of this offer."]}
    # The leading oferent named as the bearer is the default bearer.
    offer_tables.offer_replace_budget(
        actor=person, offer=offer, lines=[{**lines[0], "partner": organization}], funding=[]
    )
    assert CostLine.objects.get(offer=offer).partner_id is None
    assert not CostLine.objects.filter(offer=other_offer).exclude(name="Wynagrodzenie trenera").exists()


def test_saving_thirty_cost_lines_costs_a_fixed_number_of_queries(offer, oferent, django_assert_max_num_queries):
    _organization, person = oferent
    year = offer.years[0]
    activity = Activity.objects.create(offer=offer, year=year, name="Warsztaty")
    lines = [
        {"name": f"Koszt {n}", "unit": "szt.", "unit_cost": Decimal("100"), "quantity": n, "activity": activity}
        for n in range(1, 31)
    ]
    funding = [{"year": year, "grant": Decimal("40000"), "own_financial": Decimal("6500")}]
    with django_assert_max_num_queries(15):
        offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=funding)
    assert CostLine.objects.filter(offer=offer).count() == 30
    lines[5]["unit_cost"] = Decimal("101")
    with django_assert_max_num_queries(15):
        offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=funding)
    assert CostLine.objects.get(offer=offer, position=5).unit_cost == Decimal("101.00")


# Input kept aside -------------------------------------------------------------------------------------------------


def test_input_that_could_not_be_saved_is_kept_until_a_valid_save(offer, oferent):
    _organization, person = oferent
    offer_drafts.offer_keep_draft_input(
        actor=person, offer=offer, section="zadanie", data={"title": ["T"], "_reason": "invalid"}
    )
    offer_drafts.offer_keep_draft_input(actor=person, offer=offer, section="zadanie", data={"title": ["Ty"]})
    draft = DraftInput.objects.get(offer=offer, section="zadanie")
    assert (draft.data, draft.saved_by) == ({"title": ["Ty"]}, person)
    assert LogEntry.objects.filter(action="grants.offer.input_kept").count() == 1
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Tytuł"})
    assert not DraftInput.objects.filter(offer=offer).exists()


def test_a_valid_save_that_changes_nothing_still_clears_the_kept_input(offer, oferent):
    _organization, person = oferent
    offer_drafts.offer_keep_draft_input(
        actor=person, offer=offer, section="charakterystyka", data={"experience": ["x"]}
    )
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"experience": ""})
    assert not DraftInput.objects.exists()


# Attachments ------------------------------------------------------------------------------------------------------


def test_an_attachment_is_stored_privately_with_its_checksum(offer, oferent, media_root, settings):
    _organization, person = oferent
    requirement = offer.call.required_attachments.get()
    content = b"%PDF-1.4 statut"
    attachment = attachment_services.attachment_add(
        actor=person, offer=offer, upload=upload("../Statut fundacji.pdf", content), requirement=requirement
    )
    assert (attachment.name, attachment.size) == ("Statut fundacji.pdf", len(content))
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.file.storage is not None and attachment.file.read() == content
    assert not str(attachment.file.path).startswith(str(settings.MEDIA_ROOT))
    offer.refresh_from_db()
    assert offer.revision == 1 and offer.section_revisions["zalaczniki"]["by"] == person.pk


def test_a_file_that_is_not_a_document_is_refused(offer, oferent, media_root):
    _organization, person = oferent
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_add(actor=person, offer=offer, upload=upload("skrypt.exe", b"MZ"))
    assert "file" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_add(actor=person, offer=offer, upload=upload("udawany.pdf", b"GIF89a"))
    assert "does not match its extension" in error.value.message_dict["file"][0]
    other = RequiredAttachment.objects.create(call=CallFactory(), name="Cudzy")
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_add(actor=person, offer=offer, upload=upload(), requirement=other)
    assert "requirement" in error.value.message_dict
    assert not OfferAttachment.objects.exists()
    offer.refresh_from_db()
    assert offer.revision == 0


def test_an_attachment_can_be_deleted_unless_it_was_filed(offer, oferent, media_root):
    _organization, person = oferent
    first = attachment_services.attachment_add(actor=person, offer=offer, upload=upload())
    storage, name = first.file.storage, first.file.name
    attachment_services.attachment_delete(actor=person, attachment=first)
    assert not OfferAttachment.objects.exists() and not storage.exists(name)

    filed = attachment_services.attachment_add(actor=person, offer=offer, upload=upload())
    version = OfferVersion.objects.create(
        offer=offer, number=1, content={}, checksum="0" * 64, total_cost=0, grant_requested=0
    )
    Offer.objects.filter(pk=offer.pk).update(current_version=version, status=Offer.Status.FILED)
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_delete(actor=person, attachment=filed)
    assert "part of the filed version" in error.value.messages[0]
    assert OfferAttachment.objects.filter(pk=filed.pk).exists() and storage.exists(filed.file.name)


def test_someone_who_may_not_edit_cannot_attach_or_save(offer, media_root):
    stranger = UserFactory()
    for call_service in (
        lambda: attachment_services.attachment_add(actor=stranger, offer=offer, upload=upload()),
        lambda: offer_drafts.offer_update_fields(actor=stranger, offer=offer, fields={"title": "X"}),
        lambda: offer_drafts.offer_keep_draft_input(actor=stranger, offer=offer, section="zadanie", data={}),
    ):
        with pytest.raises(ValidationError) as error:
            call_service()
        assert error.value.messages == ["Only a person who may act for an oferent can edit this offer."]
    assert snapshot(offer)[0] == 0 and not DraftInput.objects.exists() and not OfferPartner.objects.exists()


# Concurrency (PostgreSQL) --------------------------------------------------------------------------------------


def _all_at_once(tasks: list, work) -> list:
    """Run ``work(task)`` for every task in its own thread and connection, all released together."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    start = threading.Barrier(len(tasks), timeout=60)

    def run(task):
        try:
            start.wait()
            return work(task)
        except ValidationError as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return list(pool.map(run, tasks))


def _postgresql_only():
    from django.db import connection

    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL (run with DATABASE_URL=postgres://...)",
    )


@_postgresql_only()
@pytest.mark.django_db(transaction=True)
def test_two_colleagues_saving_one_section_at_once_one_is_told_the_other_saved():
    organization, person = lead("Fundacja Wiosna")
    colleague = UserFactory(full_name="Ewa Koleżanka")
    MembershipFactory(organization=organization, user=colleague, representative=True)
    offer = offer_drafts.offer_start(actor=person, call=CallFactory(), organization=organization)
    outcomes = _all_at_once(
        [(person, "Tytuł Piotra"), (colleague, "Tytuł Ewy")],
        lambda t: offer_drafts.offer_update_fields(
            actor=t[0], offer=Offer.objects.get(pk=offer.pk), fields={"title": t[1]}, revision=0
        ),  # noqa: E501
    )
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and refused[0].code == "stale"
    offer.refresh_from_db()
    assert offer.revision == 1 and offer.title in {"Tytuł Piotra", "Tytuł Ewy"}


@_postgresql_only()
@pytest.mark.django_db(transaction=True)
def test_autosaves_of_the_budget_arriving_at_once_leave_one_consistent_budget():
    organization, person = lead("Fundacja Wiosna")
    offer = offer_drafts.offer_start(actor=person, call=CallFactory(), organization=organization)
    year = offer.years[0]

    def save(n):
        lines = [
            {"name": f"Koszt {k}", "unit": "szt.", "unit_cost": Decimal(n + 1), "quantity": k} for k in range(1, 31)
        ]
        funding = [{"year": year, "grant": Decimal(n), "own_financial": 0}]
        return offer_tables.offer_replace_budget(
            actor=person, offer=Offer.objects.get(pk=offer.pk), lines=lines, funding=funding, revision=0
        )

    outcomes = _all_at_once(list(range(8)), save)
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert CostLine.objects.filter(offer=offer).count() == 30
    assert Funding.objects.filter(offer=offer).count() == 1
    unit_costs = set(CostLine.objects.filter(offer=offer).values_list("unit_cost", flat=True))
    assert len(unit_costs) == 1  # one save's lines, never a mixture
    offer.refresh_from_db()
    assert offer.revision == 8
