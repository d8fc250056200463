"""Filing an offer (grants.services.filing): the frozen version, the number, the receipt, and every refusal of the
issue's "Bad input" that concerns filing, each checking its message and that nothing changed."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from razem.core.models import LogEntry
from razem.core.schedule import when
from razem.grants import content
from razem.grants.models import Offer, OfferPartner, OfferVersion
from razem.grants.services.filing import default_declarations, offer_file, offer_withdraw
from razem.organizations.models import Membership, Organization
from tests.core.helpers import in_polish
from tests.factories import CallFactory, MembershipFactory, RepresentativeFactory, UserFactory
from tests.grants.filing_factories import DECLARATIONS, add_partner, complete_offer

pytestmark = pytest.mark.django_db


def file(offer, *, actor=None, signatories=None, declarations=None):
    return offer_file(
        actor=actor or offer.filer,
        offer=offer,
        signatories=[offer.signatory] if signatories is None else signatories,
        declarations=DECLARATIONS if declarations is None else declarations,
    )


def refusal(offer, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        file(offer, **kwargs)
    return caught.value.messages


def deadline_passed(deadline) -> str:
    return in_polish("Offers could be filed until %(deadline)s; the deadline has passed.") % {
        "deadline": when(deadline)
    }


def choose_signatory(organization) -> str:
    return in_polish("Choose who signs the offer for %(org)s.") % {"org": organization.name}


def assert_nothing_filed(offer):
    fresh = Offer.objects.get(pk=offer.pk)
    assert fresh.status == Offer.Status.DRAFT
    assert fresh.number == "" and fresh.current_version_id is None and fresh.filed_at is None
    assert not OfferVersion.objects.filter(offer=offer).exists()
    assert not LogEntry.objects.filter(action__startswith="grants.offer.").exists()


# Filing ------------------------------------------------------------------------------------------------------------


def test_filing_freezes_a_version_with_its_number_checksum_and_receipt():
    offer = complete_offer()
    mail.outbox.clear()

    version = file(offer)

    offer.refresh_from_db()
    assert offer.status == Offer.Status.FILED and offer.current_version == version
    assert offer.number == f"{offer.call.number}/001"
    assert offer.filed_by == offer.filer and offer.filed_at == version.filed_at
    assert version.number == 1 and version.filed_by == offer.filer
    assert version.checksum == content.content_checksum(version.content) and len(version.checksum) == 64
    assert version.total_cost == Decimal("9000.00") and version.grant_requested == Decimal("8000.00")
    assert version.content["signatories"][0]["full_name"] == "Anna Prezes"
    assert version.content["declarations"] == {
        "taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": True,
    }  # fmt: skip
    entry = LogEntry.objects.get(action="grants.offer.file")
    assert entry.data == {"from": "draft", "to": "filed"}
    assert LogEntry.objects.filter(action="grants.offer_version.filed", data__checksum=version.checksum).exists()
    receipt = next(m for m in mail.outbox if m.to == [offer.filer.email])
    assert offer.number in receipt.subject
    assert version.checksum in receipt.body and offer.number in receipt.body
    assert f"/konkursy/oferty/{offer.pk}/wersje/1/potwierdzenie/" in receipt.body


def test_offer_numbers_are_sequential_per_call():
    first = complete_offer()
    second = complete_offer(call=first.call)
    elsewhere = complete_offer()

    file(first), file(second), file(elsewhere)

    numbers = [Offer.objects.get(pk=o.pk).number for o in (first, second, elsewhere)]
    assert numbers == [f"{first.call.number}/001", f"{first.call.number}/002", f"{elsewhere.call.number}/001"]


def test_a_correction_is_a_new_version_and_keeps_the_number():
    offer = complete_offer()
    file(offer)
    Offer.objects.filter(pk=offer.pk).update(title="Seniorzy w sieci 2.0")
    offer.refresh_from_db()

    second = file(offer)

    offer.refresh_from_db()
    assert second.number == 2 and offer.current_version == second and offer.status == Offer.Status.FILED
    assert offer.number.endswith("/001")
    first = offer.versions.get(number=1)
    assert first.content["task"]["title"] == "Seniorzy w sieci"  # the first version stays as filed
    changes = content.diff(first.content, second.content)
    assert [(c.old, c.new) for c in changes] == [("Seniorzy w sieci", "Seniorzy w sieci 2.0")]
    assert LogEntry.objects.filter(action="grants.offer.correct").count() == 1


def test_filing_twice_without_a_change_files_nothing_the_second_time():
    offer = complete_offer()
    version = file(offer)
    offer.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        file(offer)

    assert caught.value.code == "unchanged"
    unchanged = gettext("Nothing changed since version %(number)s, filed on %(when)s; it stays the filed version.")
    assert caught.value.messages[0].startswith(unchanged.split("%(number)s")[0] + "1")
    assert list(offer.versions.values_list("pk", flat=True)) == [version.pk]
    assert LogEntry.objects.filter(action__in=["grants.offer.file", "grants.offer.correct"]).count() == 1


def test_a_joint_offer_is_signed_for_each_oferent_and_the_receipt_reaches_the_partner():
    offer = complete_offer()
    partner = add_partner(offer)
    mail.outbox.clear()

    messages = refusal(offer)  # the lead's signatory only
    assert choose_signatory(partner.organization) in messages

    version = file(offer, signatories=[offer.signatory, partner.signatory])

    assert version.content["joint"] is True
    assert [o["name"] for o in version.content["oferents"]] == [offer.organization.name, "Fundacja Partnerska"]
    assert {m.to[0] for m in mail.outbox} >= {offer.filer.email, partner.person.email}


# The deadline, by the server clock, to the second -----------------------------------------------------------------


def test_the_deadline_is_judged_to_the_second_by_the_server_clock():
    deadline = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    offer = complete_offer(call=CallFactory(submission_deadline=deadline))

    with mock.patch("django.utils.timezone.now", return_value=deadline + datetime.timedelta(seconds=1)):
        messages = refusal(offer)
    assert messages == [deadline_passed(deadline)]
    assert_nothing_filed(offer)

    with mock.patch("django.utils.timezone.now", return_value=deadline):
        version = file(offer)
    assert version.filed_at == deadline


def test_a_call_whose_deadline_passed_a_second_ago_refuses_and_shows_the_deadline_in_warsaw_time():
    deadline = timezone.now() - datetime.timedelta(seconds=1)
    offer = complete_offer(call=CallFactory(submission_deadline=deadline))

    messages = refusal(offer)

    local = timezone.localtime(deadline)
    assert str(local.tzinfo) == "Europe/Warsaw"
    assert messages == [deadline_passed(deadline)]
    assert local.strftime("%H:%M") in messages[0]
    assert_nothing_filed(offer)


# Who may file ------------------------------------------------------------------------------------------------------


def test_an_unverified_organization_cannot_file():
    offer = complete_offer()
    Organization.objects.filter(pk=offer.organization_id).update(status=Organization.Status.PENDING)
    offer.organization.refresh_from_db()

    assert refusal(offer) == [in_polish("Only a verified organization can file an offer.")]
    assert_nothing_filed(offer)


@pytest.mark.parametrize("role", ["member", "requested", "stranger", "partner"])
def test_a_person_without_the_right_to_act_for_the_lead_cannot_file(role):
    offer = complete_offer()
    person = UserFactory()
    if role == "member":
        MembershipFactory(organization=offer.organization, user=person, role=Membership.Role.MEMBER)
    elif role == "requested":
        MembershipFactory(organization=offer.organization, user=person, representative=True, requested=True)
    elif role == "partner":
        person = add_partner(offer).person

    assert refusal(offer, actor=person) == [
        in_polish("Only a person who may act for the leading oferent can file the offer.")
    ]
    assert_nothing_filed(offer)


# What the offer lacks ----------------------------------------------------------------------------------------------


def test_without_the_required_attachment_filing_is_refused():
    offer = complete_offer()
    offer.attachments.all().delete()

    assert refusal(offer) == [in_polish("Attach the required document: %(name)s.") % {"name": "Statut organizacji"}]
    assert_nothing_filed(offer)


def test_an_incomplete_offer_is_refused_with_every_problem_listed():
    offer = complete_offer()
    Offer.objects.filter(pk=offer.pk).update(title="", experience="")
    offer.refresh_from_db()

    messages = refusal(offer)

    assert in_polish("Give the title of the public task (III.1).") in messages
    assert in_polish("Describe the oferent's earlier activity (IV.1).") in messages
    assert_nothing_filed(offer)


def test_without_the_declarations_filing_is_refused_statement_by_statement():
    offer = complete_offer()

    with pytest.raises(ValidationError) as caught:
        file(offer, declarations={})

    errors = caught.value.message_dict
    assert errors["taxes"] == [in_polish("Statement 3: say whether the oferent owes taxes (does not owe / owes).")]
    assert errors["social_insurance"] == [
        in_polish("Statement 4: say whether the oferent owes social insurance contributions.")
    ]
    assert errors["register"] == [
        in_polish("Statement 5: say whether section II agrees with the KRS or with another register.")
    ]
    assert errors["confirmed"] == [in_polish("Tick the box to confirm the statements of section VII.")]
    assert_nothing_filed(offer)


def test_an_unticked_confirmation_alone_is_refused():
    offer = complete_offer()

    with pytest.raises(ValidationError) as caught:
        file(offer, declarations={**DECLARATIONS, "confirmed": ""})

    assert caught.value.message_dict == {
        "confirmed": [in_polish("Tick the box to confirm the statements of section VII.")]
    }
    assert_nothing_filed(offer)


def test_owing_taxes_is_declared_as_such():
    offer = complete_offer()

    version = file(offer, declarations={**DECLARATIONS, "taxes": "zalega"})

    assert version.content["declarations"]["taxes"] == "zalega"


def test_a_joint_offer_whose_partner_has_not_confirmed_cannot_be_filed():
    offer = complete_offer()
    partner = add_partner(offer, status=OfferPartner.Status.INVITED)

    messages = refusal(offer)

    assert in_polish("%(org)s has not confirmed the joint offer yet.") % {"org": partner.organization.name} in messages
    assert_nothing_filed(offer)


# Signatories -------------------------------------------------------------------------------------------------------


def test_one_signature_where_the_rule_requires_two_is_refused_naming_the_rule():
    offer = complete_offer(signs_alone=False)
    rule = "Do reprezentowania stowarzyszenia upoważnionych jest dwóch członków zarządu działających łącznie."
    Organization.objects.filter(pk=offer.organization_id).update(representation_rule=rule, signatures_required=2)
    second = RepresentativeFactory(organization=offer.organization, full_name="Jan Skarbnik", signs_alone=False)
    offer.organization.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        file(offer)

    assert caught.value.message_dict == {
        f"signatories_{offer.organization_id}": [
            in_polish(
                "%(org)s is represented by %(required)s persons signing together (its representation rule: "
                "“%(rule)s”); you chose %(chosen)s: %(names)s. Choose %(required)s, or one who may sign alone."
            )
            % {"org": offer.organization.name, "required": 2, "rule": rule, "chosen": 1, "names": "Anna Prezes"}
        ]
    }
    assert_nothing_filed(offer)

    version = file(offer, signatories=[offer.signatory, second])
    assert [s["full_name"] for s in version.content["signatories"]] == ["Anna Prezes", "Jan Skarbnik"]


def test_one_who_may_sign_alone_is_enough_whatever_the_number_required():
    offer = complete_offer()
    Organization.objects.filter(pk=offer.organization_id).update(signatures_required=3)
    offer.organization.refresh_from_db()

    assert file(offer).number == 1


def test_an_organization_without_representatives_recorded_is_told_where_to_record_them():
    offer = complete_offer()
    offer.organization.representatives.all().delete()

    with pytest.raises(ValidationError) as caught:
        file(offer, signatories=[])

    (message,) = caught.value.message_dict[f"signatories_{offer.organization_id}"]
    url = f"/organizacje/{offer.organization_id}/reprezentacja/"
    assert message == in_polish(
        "%(org)s has no people entitled to represent it recorded in Razem. Its administrator records them "
        "(with the representation rule of its KRS entry or statute) on the page “Representation” (%(url)s)."
    ) % {"org": offer.organization.name, "url": url}
    assert url in message
    assert_nothing_filed(offer)


def test_no_signatory_chosen_is_refused():
    offer = complete_offer()

    with pytest.raises(ValidationError) as caught:
        file(offer, signatories=[])

    assert caught.value.message_dict == {f"signatories_{offer.organization_id}": [choose_signatory(offer.organization)]}
    assert_nothing_filed(offer)


def test_a_signatory_of_another_organization_is_refused():
    offer = complete_offer()
    stranger = RepresentativeFactory(full_name="Obca Osoba")

    messages = refusal(offer, signatories=[offer.signatory, stranger])

    stranger_refused = in_polish("A chosen signatory does not represent any oferent of this offer: %(names)s.")
    assert stranger_refused % {"names": "Obca Osoba"} in messages
    assert_nothing_filed(offer)


# Withdrawing -------------------------------------------------------------------------------------------------------


def test_a_filed_offer_can_be_withdrawn_before_the_deadline_with_a_reason():
    offer = complete_offer()
    file(offer)
    offer.refresh_from_db()
    mail.outbox.clear()

    withdrawn = offer_withdraw(actor=offer.filer, offer=offer, reason="Zmiana planów zarządu.")

    assert withdrawn.status == Offer.Status.WITHDRAWN and withdrawn.withdrawn_at is not None
    assert withdrawn.status_reason == "Zmiana planów zarządu." and withdrawn.versions.count() == 1
    assert LogEntry.objects.get(action="grants.offer.withdraw").data["reason"] == "Zmiana planów zarządu."
    assert any("Zmiana planów zarządu." in m.body for m in mail.outbox)
    withdrawn.filer, withdrawn.signatory = offer.filer, offer.signatory
    status = in_polish("Withdrawn", "offer status").lower()
    refused = in_polish("This offer was %(status)s; it cannot be filed again.") % {"status": status}
    assert refusal(withdrawn) == [refused]


def test_a_draft_cannot_be_withdrawn():
    offer = complete_offer()

    with pytest.raises(ValidationError) as caught:
        offer_withdraw(actor=offer.filer, offer=offer)

    draft = in_polish("Draft", "offer status").lower()
    assert caught.value.messages == [
        in_polish("Only a filed offer can be withdrawn (this one: %(status)s).") % {"status": draft}
    ]
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.DRAFT


def test_after_the_deadline_a_filed_offer_can_be_neither_withdrawn_nor_corrected():
    offer = complete_offer()
    file(offer)
    offer.refresh_from_db()
    deadline = offer.call.submission_deadline

    with mock.patch("django.utils.timezone.now", return_value=deadline + datetime.timedelta(seconds=1)):
        with pytest.raises(ValidationError) as caught:
            offer_withdraw(actor=offer.filer, offer=offer)
        assert caught.value.messages == [deadline_passed(deadline)]
        Offer.objects.filter(pk=offer.pk).update(title="Poprawka po terminie")
        offer.refresh_from_db()
        assert refusal(offer) == [deadline_passed(deadline)]

    offer.refresh_from_db()
    assert offer.status == Offer.Status.FILED and offer.versions.count() == 1


def test_the_usual_declarations_follow_the_lead_oferents_register():
    offer = complete_offer()
    assert default_declarations(offer)["register"] == "inna ewidencja"  # the factory's organization has no KRS
    Organization.objects.filter(pk=offer.organization_id).update(krs="0000123456", register_type="krs")
    offer.organization.refresh_from_db()
    assert default_declarations(offer) == DECLARATIONS


# Concurrency (PostgreSQL: real concurrent transactions) ------------------------------------------------------------


def _at_once(jobs):
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(jobs), timeout=20)
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _needs_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.mark.django_db(transaction=True)
def test_offers_filed_at_the_same_moment_in_one_call_get_distinct_sequential_numbers():
    _needs_postgresql()
    first = complete_offer()
    offers = [first, *(complete_offer(call=first.call) for _ in range(3))]

    outcomes = _at_once([lambda offer=offer: file(offer) for offer in offers])

    assert all(isinstance(o, OfferVersion) for o in outcomes), outcomes
    numbers = sorted(Offer.objects.filter(call=first.call).values_list("number", flat=True))
    assert numbers == [f"{first.call.number}/{n:03d}" for n in range(1, 5)]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_at_the_same_moment_files_one_version():
    _needs_postgresql()
    offer = complete_offer()
    twin = Offer.objects.get(pk=offer.pk)
    twin.filer, twin.signatory = offer.filer, offer.signatory

    outcomes = _at_once([lambda: file(offer), lambda: file(twin)])

    versions = [o for o in outcomes if isinstance(o, OfferVersion)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(versions) == 1 and len(refusals) == 1, outcomes
    assert refusals[0].code == "unchanged"
    assert OfferVersion.objects.filter(offer=offer).count() == 1
