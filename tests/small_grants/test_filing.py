"""The oferent's side: starting a draft, saving it (nothing typed is lost, what cannot be stored is refused), filing
it with its receipt (number, version, SHA-256, the day it must be published by), the PDF, withdrawing; and each
refusal at filing (incomplete, statements, signatories, the limits of art. 19a) with its message and nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.deadlines import add_working_days
from razem.core.models import LogEntry, Notification, StatutoryValue
from razem.core.money import pln
from razem.grants.models import Funding, Offer, OfferVersion
from razem.small_grants import content as content_module
from razem.small_grants import pdf
from razem.small_grants.models import CostShare, SmallGrant
from razem.small_grants.services import drafts, filing
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.small_grants.factories import DECLARATIONS, award_directly, draft, filed, set_estimate

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def refusal(offer, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        filed(offer, **kwargs)
    return caught.value.messages


def assert_nothing_filed(offer):
    fresh = Offer.objects.get(pk=offer.pk)
    assert fresh.status == Offer.Status.DRAFT and fresh.number == "" and fresh.current_version_id is None
    assert not OfferVersion.objects.filter(offer=offer).exists()
    assert SmallGrant.objects.get(offer=offer).received_on is None
    assert not LogEntry.objects.filter(action="small_grants.offer.file").exists()


# Starting and saving -------------------------------------------------------------------------------------------------


def test_a_representative_of_a_verified_organization_starts_a_draft():
    membership = MembershipFactory(representative=True)
    offer = drafts.small_grant_start(actor=membership.user, organization=membership.organization)
    assert offer.kind == Offer.Kind.SMALL_GRANT and offer.call is None and offer.status == Offer.Status.DRAFT
    assert offer.small_grant.organ == "Prezydent Miasta Krakowa"
    assert offer.contact_name == membership.user.full_name
    assert LogEntry.objects.filter(action="small_grants.offer.started", object_id=str(offer.pk)).exists()


def test_an_unverified_organization_or_a_plain_member_cannot_start_one():
    member = MembershipFactory(member=True)
    with pytest.raises(ValidationError) as caught:
        drafts.small_grant_start(actor=member.user, organization=member.organization)
    assert caught.value.messages == [in_polish("Only a person who may act for a verified organization can do this.")]
    pending = MembershipFactory(representative=True, organization=OrganizationFactory(status="pending"))
    with pytest.raises(ValidationError):
        drafts.small_grant_start(actor=pending.user, organization=pending.organization)
    assert not Offer.objects.exists()


def save(offer, actor=None, **overrides):
    payload = {
        "fields": {"title": "Festyn", "start_date": offer.start_date, "end_date": offer.end_date},
        "activities": [{"name": "Festyn", "target_group": "Mieszkańcy"}],
        "results": [],
        "lines": [
            {"name": "Scena", "unit": "dzień", "quantity": Decimal("2"), "unit_cost": Decimal("1500.00"),
             "grant": Decimal("2500.00"), "own_kind": "own_financial"},
            {"name": "Praca wolontariuszy", "unit": "godzina", "quantity": Decimal("40"),
             "unit_cost": Decimal("50.00"), "grant": Decimal("0"), "own_kind": "own_personal"},
        ],
    }  # fmt: skip
    payload.update(overrides)
    return drafts.small_grant_save(actor=actor or offer.filer, offer=offer, **payload)


def test_saving_replaces_the_tables_and_derives_the_funding_of_the_budget_year(offer):
    saved = save(offer)
    assert saved.revision == offer.revision + 1
    lines = list(saved.cost_lines.order_by("position"))
    assert [(line.name, line.year_amounts) for line in lines] == [
        ("Scena", {str(offer.start_date.year): "3000.00"}),
        ("Praca wolontariuszy", {str(offer.start_date.year): "2000.00"}),
    ]
    assert [s.grant for s in CostShare.objects.filter(line__offer=offer).order_by("line__position")] == [
        Decimal("2500.00"),
        Decimal("0.00"),
    ]
    funding = Funding.objects.get(offer=offer)
    assert funding.year == offer.start_date.year
    assert (funding.grant, funding.own_financial, funding.own_personal, funding.own_material) == (
        Decimal("2500.00"),
        Decimal("500.00"),
        Decimal("2000.00"),
        Decimal("0.00"),
    )
    assert saved.activities.get().name == "Festyn"


def test_a_grant_part_above_its_line_is_refused_and_nothing_is_saved(offer):
    before = list(CostShare.objects.filter(line__offer=offer).values_list("grant", flat=True))
    lines = [{"name": "Scena", "unit": "dzień", "quantity": Decimal("2"), "unit_cost": Decimal("1500.00"),
              "grant": Decimal("3000.01"), "own_kind": "own_financial"}]  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        save(offer, lines=lines)
    assert caught.value.message_dict == {
        "lines-0-grant": [
            in_polish(
                "Cost line %(n)s: the grant part, %(grant)s, is more than the line's value, %(value)s (unit cost × "
                "number of units)."
            )
            % {"n": 1, "grant": pln("3000.01"), "value": pln("3000.00")}
        ]
    }
    assert list(CostShare.objects.filter(line__offer=offer).values_list("grant", flat=True)) == before
    assert Offer.objects.get(pk=offer.pk).revision == offer.revision


def test_an_end_before_the_start_is_refused(offer):
    with pytest.raises(ValidationError) as caught:
        save(offer, fields={"start_date": offer.start_date, "end_date": offer.start_date - DAY})
    assert caught.value.message_dict == {"end_date": [in_polish("The end date is before the start date.")]}


def test_a_save_after_someone_else_saved_is_refused_as_stale(offer):
    colleague = MembershipFactory(organization=offer.organization, representative=True).user
    save(offer, actor=colleague)
    with pytest.raises(ValidationError) as caught:
        save(offer, revision=offer.revision)
    assert caught.value.code == "stale"


def test_a_filed_offer_can_no_longer_be_edited(offer):
    filed(offer)
    with pytest.raises(ValidationError) as caught:
        save(Offer.objects.get(pk=offer.pk), actor=offer.filer)
    assert caught.value.messages == [in_polish("This offer has been filed; it can no longer be changed.")]


# Filing --------------------------------------------------------------------------------------------------------------


def test_filing_freezes_the_offer_numbers_it_and_sends_the_receipt(offer):
    version = filed(offer)
    filer = offer.filer
    offer = Offer.objects.select_related("small_grant").get(pk=offer.pk)
    year = offer.start_date.year
    assert offer.status == Offer.Status.FILED and offer.number == f"MG/{year}/001"
    assert version.number == 1 and offer.current_version_id == version.pk
    assert version.checksum == content_module.content_checksum(version.content)
    assert version.grant_requested == Decimal("5000.00") and version.total_cost == Decimal("6000.00")
    assert version.content["call"] is None and version.content["kind"] == "small_grant"
    assert version.content["small_grant"]["estimate"]["grant"] == "5000.00"
    assert version.content["small_grant"]["place"] == "ul. Józefa, Kraków"
    today = timezone.localdate()
    assert offer.small_grant.received_on == today and offer.small_grant.year == year
    assert offer.small_grant.publication_due == add_working_days(today, 7)
    notice = Notification.objects.get(recipient=filer, kind="small_grants/filed")
    assert offer.number in notice.title and version.checksum in notice.body
    assert any(version.checksum in m.body for m in mail.outbox)


def test_numbers_follow_each_other_within_a_budget_year(plans):
    first, second = draft(), draft()
    filed(first)
    filed(second)
    year = first.start_date.year
    assert sorted(Offer.objects.values_list("number", flat=True)) == [f"MG/{year}/001", f"MG/{year}/002"]


def test_the_pdf_is_rendered_from_the_filed_version(offer, media_root):
    version = filed(offer)
    version.refresh_from_db()
    snapshot = pdf.offer_pdf(version=version)
    assert snapshot.size > 1000 and snapshot.kind == "small_grants.offer"
    assert pdf.offer_pdf(version=version).pk == snapshot.pk  # reused while unchanged


def test_an_incomplete_offer_is_refused_with_every_problem(offer):
    Offer.objects.filter(pk=offer.pk).update(title="", synthetic_description="")
    SmallGrant.objects.filter(offer=offer).update(place="")
    offer.refresh_from_db()
    messages = refusal(offer)
    assert in_polish("Give the title of the public task.") in messages
    assert in_polish("Say where the task will be done.") in messages
    assert in_polish("Describe the task: what will be done, for whom and how.") in messages
    assert_nothing_filed(offer)


def test_missing_statements_and_signatories_are_refused(offer):
    with pytest.raises(ValidationError) as caught:
        filing.small_grant_file(actor=offer.filer, offer=offer, signatories=[], declarations={})
    errors = caught.value.message_dict
    assert errors["confirmed"] == [in_polish("Tick the box to confirm the statements of section VII.")]
    assert errors[f"signatories_{offer.organization_id}"] == [
        in_polish("Choose who signs the offer for %(org)s.") % {"org": offer.organization.name}
    ]
    assert_nothing_filed(offer)


def test_a_person_of_another_organization_cannot_file(offer):
    stranger = MembershipFactory(representative=True).user
    assert refusal(offer, actor=stranger) == [
        in_polish("Only a person who may act for the oferent can file the offer.")
    ]
    assert_nothing_filed(offer)


def test_filing_twice_is_refused(offer):
    filed(offer)
    offer.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        filed(offer)
    assert caught.value.messages == [
        in_polish("This offer is %(status)s; it cannot be filed again.")
        % {"status": in_polish("Filed", "offer status").lower()}
    ]


def test_a_grant_above_the_limit_is_refused_at_filing(offer):
    set_estimate(offer, [("10000.01", "1", "10000.01")])
    messages = refusal(offer)
    assert messages == [
        in_polish("The grant of %(grant)s is above the most a small grant may give to one task, %(limit)s (%(ref)s).")
        % {"grant": pln("10000.01"), "limit": pln("10000"), "ref": "art. 19a ust. 1 pkt 1 u.d.p.p.w."}
    ]
    assert_nothing_filed(offer)


def test_exactly_the_limit_is_filed(offer):
    set_estimate(offer, [("10000.00", "1", "10000.00")])
    assert filed(offer).grant_requested == Decimal("10000.00")


def test_a_task_of_91_days_is_refused_and_one_of_90_is_filed(plans):
    too_long = draft(days=91)
    polish = in_polish(
        "The task lasts %(days)s days (%(start)s to %(end)s, both days counted); a small grant may "
        "fund a task of at most %(max)s days (%(ref)s)."
    )
    assert refusal(too_long)[0].startswith(polish.split("%")[0])
    assert "91" in refusal(too_long)[0]
    assert "91" in refusal(too_long)[0]
    assert_nothing_filed(too_long)
    assert filed(draft(days=90)).number == 1


def test_the_yearly_cap_of_the_organization_is_checked_at_filing(offer):
    award_directly(offer.organization, "15000.01", offer.start_date.year)
    messages = refusal(offer)
    assert len(messages) == 1 and "art. 19a ust. 1a u.d.p.p.w." in messages[0] and pln("20000.01") in messages[0]
    assert_nothing_filed(offer)


def test_a_year_without_a_plan_is_refused_at_filing():
    offer = draft()
    messages = refusal(offer)
    assert len(messages) == 1 and "art. 19a ust. 7 u.d.p.p.w." in messages[0]
    assert str(offer.start_date.year) in messages[0]
    assert_nothing_filed(offer)


def test_a_newer_statutory_value_valid_from_today_applies_to_filing(offer):
    set_estimate(offer, [("15000.00", "1", "15000.00")])
    tomorrow = timezone.localdate() + DAY
    StatutoryValue.objects.create(
        code="small_grant_max_amount", value=Decimal("20000"), unit="PLN", valid_from=tomorrow,
        legal_ref="art. 19a (projekt 2025)", description="Projekt 2025",
    )  # fmt: skip
    assert len(refusal(offer)) == 1  # not yet valid today
    StatutoryValue.objects.filter(valid_from=tomorrow).update(valid_from=timezone.localdate())
    assert filed(offer).grant_requested == Decimal("15000.00")


# Withdrawal ----------------------------------------------------------------------------------------------------------


def test_the_oferent_withdraws_a_filed_offer(offer):
    filed(offer)
    withdrawn = filing.small_grant_withdraw(actor=offer.filer, offer=Offer.objects.get(pk=offer.pk), reason="Zmiana")
    assert withdrawn.status == Offer.Status.WITHDRAWN and withdrawn.status_reason == "Zmiana"


def test_a_draft_cannot_be_withdrawn(offer):
    with pytest.raises(ValidationError):
        filing.small_grant_withdraw(actor=offer.filer, offer=offer)
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.DRAFT


def test_declarations_are_those_of_the_form(offer):
    version = filed(offer)
    assert version.content["declarations"] == {
        **{k: v for k, v in DECLARATIONS.items() if k != "confirmed"},
        "confirmed": True,
    }
    assert version.content["signatories"][0]["full_name"] == "Anna Prezes"
    assert UserFactory  # the factories module is importable for the other tests
