"""The demo calls for offers (point 13): one open with drafts and two filed offers (one joint), a multi-year one, a
closed one with offers waiting for evaluation, a cancelled one; the demo NGO account can file its draft."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from razem.accounts.models import User
from razem.grants.content import content_checksum
from razem.grants.models import Call, CommissionNomination, Offer, OfferPartner, OfferVersion
from razem.grants.selectors.staff import funds_overview
from razem.grants.services import filing
from razem.grants.validation import filing_problems
from razem.organizations.models import Organization

pytestmark = pytest.mark.django_db

POD_WAWELEM = "Fundacja Pod Wawelem"
SPNH = "Stowarzyszenie Przyjaciół Nowej Huty"


def _call(slug_start: str) -> Call:
    return Call.objects.get(slug__startswith=slug_start)


def test_four_calls_like_krakows_open_closed_multi_year_and_cancelled(demo):
    now = timezone.now()
    seniors = _call("aktywizacja-seniorow-")
    civic = _call("centrum-obywatelskie-centrum-c-")
    sport = _call("sport-dzieci-mlodziez-")
    cancelled = _call("festiwal-wolontariatu-")

    assert seniors.phase() == Call.Phase.OPEN
    assert datetime.timedelta(days=18) < seniors.submission_deadline - now < datetime.timedelta(days=24)
    assert seniors.years == [timezone.localdate().year + 1]
    assert seniors.criteria.filter(statutory="art15_4").exists() and seniors.criteria.count() == 8
    assert seniors.required_attachments.count() == 3
    assert {p.channel for p in seniors.publications.all()} == {"razem", "bip", "notice_board"}
    assert (seniors.submission_deadline.date() - max(p.published_on for p in seniors.publications.all())).days >= 21

    assert civic.is_multi_year and len(civic.years) == 3
    assert [f.amount for f in civic.funds.order_by("year")] == [Decimal("600000"), Decimal("600000"), Decimal("300000")]
    assert civic.phase() == Call.Phase.CLOSED and civic.form == Call.Form.COMMISSIONING
    assert not civic.criteria.filter(statutory="art15_4").exists()

    assert sport.phase() == Call.Phase.CLOSED
    assert sport.offers.filter(current_version__isnull=False).count() == 5  # filed; their formal check under way

    assert cancelled.phase() == Call.Phase.CANCELLED
    assert cancelled.cancel_ground == Call.CancelGround.NO_OFFERS and "art. 18a" in cancelled.status_reason
    assert not cancelled.offers.exists()
    assert cancelled.submission_deadline < cancelled.cancelled_at < now
    assert cancelled.publications.filter(subject="cancellation").exists()


def test_the_open_call_has_drafts_two_filed_offers_one_joint_and_two_nominees(demo):
    seniors = _call("aktywizacja-seniorow-")
    offers = seniors.offers.select_related("organization")

    drafts = offers.filter(status=Offer.Status.DRAFT)
    assert drafts.count() >= 3
    assert drafts.filter(organization__name=POD_WAWELEM).exists()
    filed = list(offers.filter(status=Offer.Status.FILED))
    assert len(filed) == 2
    joint = [o for o in filed if o.partners.exists()]
    assert len(joint) == 1
    partner = joint[0].partners.get()
    assert partner.organization.name == SPNH and partner.status == OfferPartner.Status.CONFIRMED
    assert [o["name"] for o in joint[0].current_version.content["oferents"]][1] == SPNH
    nominations = CommissionNomination.objects.filter(call=seniors)
    assert nominations.count() == 2
    assert nominations.filter(status=CommissionNomination.Status.CONSENTED).count() == 1


def test_every_filed_version_was_filed_before_its_deadline_and_its_checksum_recomputes(demo):
    versions = OfferVersion.objects.select_related("offer__call")

    assert versions.count() >= 9
    # A version filed through a reopening (a correction, the update after a partial award) comes after the deadline.
    from razem.core.models import LogEntry

    reopened = LogEntry.objects.filter(action__in=["grants.offer.file_correction", "grants.offer.update_filed"])
    later = {(int(e.object_id), e.data.get("version")) for e in reopened}
    reopened_offers = {offer_id for offer_id, _number in later}
    for version in versions:
        assert content_checksum(version.content) == version.checksum
        if version.offer.call is None:  # a small grant (art. 19a) has no deadline
            continue
        if version.offer_id in reopened_offers and version.number > 1:
            continue
        assert version.filed_at <= version.offer.call.submission_deadline
        if version.offer_id not in reopened_offers:
            assert version.offer.filed_at <= version.offer.call.submission_deadline
        assert filing_problems(version.offer) == [] or version.offer.call.phase() != Call.Phase.OPEN


def test_the_multi_year_call_is_over_subscribed_as_the_office_sees_it(demo):
    overview = funds_overview(_call("centrum-obywatelskie-centrum-c-"))

    assert overview.filed == 2
    assert len(overview.years) == 3 and all(row.over for row in overview.years)


def test_the_demo_ngo_account_files_its_draft_in_the_open_call_through_the_filing_page(demo, client):
    president = User.objects.get(email="prezeska@razem.demo")
    organization = Organization.objects.get(name=POD_WAWELEM)
    draft = Offer.objects.get(call__slug__startswith="aktywizacja-seniorow-", organization=organization)
    signatory = organization.representatives.get(signs_alone=True)
    assert filing_problems(draft) == []
    assert organization.signatures_required == 2 and organization.representatives.count() == 3
    client.force_login(president)

    page = client.get(reverse("grants:offer_file", args=[draft.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("grants:offer_file", args=[draft.pk]),
        {
            f"signatories_{organization.pk}": [str(signatory.pk)],
            **filing.default_declarations(draft),
            "confirmed": "on",
        },
    )

    draft.refresh_from_db()
    assert draft.status == Offer.Status.FILED, response.content.decode()[:2000]
    assert response.status_code == 302
    assert response["Location"] == reverse("grants:receipt", args=[draft.pk, 1])
    version = draft.current_version
    assert version.checksum == content_checksum(version.content)
    assert version.content["signatories"][0]["full_name"] == "Katarzyna Wójcik"


def test_the_representative_of_the_partner_can_start_an_offer_of_its_own(demo):
    from razem.grants.services.offers import offer_start

    representative = User.objects.get(email="przedstawiciel@razem.demo")
    spnh = Organization.objects.get(name=SPNH)

    offer = offer_start(actor=representative, call=_call("aktywizacja-seniorow-"), organization=spnh)

    assert offer.status == Offer.Status.DRAFT and offer.contact_email == representative.email
    assert spnh.representatives.count() == 3 and spnh.signatures_required == 2


def test_the_sport_call_is_in_its_formal_check_one_offer_called_to_correct(demo, client):
    from razem.grants.models import CheckItem, CheckResult, CorrectionRequest
    from razem.grants.reopening import reopening

    sport = _call("sport-dzieci-mlodziez-")
    offers = {o.status: o for o in sport.offers.all()}
    statuses = sorted(sport.offers.values_list("status", flat=True))
    assert statuses == ["admitted", "admitted", "correcting", "filed", "rejected"]
    officer = User.objects.get(email="urzednik@razem.demo")
    assert (
        CheckItem.objects.filter(call=sport, code="in_time").exists()
        and CheckItem.objects.filter(call=sport).count() == 7
    )
    admitted = sport.offers.filter(status=Offer.Status.ADMITTED)
    assert all(o.checked_by == officer for o in admitted)
    assert all(
        CheckResult.objects.filter(offer=o, version=o.current_version, outcome="met").count() == 7 for o in admitted
    )
    correcting = offers[Offer.Status.CORRECTING]
    request = CorrectionRequest.objects.get(offer=correcting)
    today = timezone.localdate()
    assert request.status == CorrectionRequest.Status.OPEN and request.fields == ["zalaczniki"]
    assert today < request.due_date <= today + datetime.timedelta(days=5) and request.legal_ref
    opened = reopening(correcting)
    assert opened is not None and opened.sections == {"zalaczniki"}
    rejected = offers[Offer.Status.REJECTED]
    assert rejected.status_reason and CheckResult.objects.filter(offer=rejected, outcome="failed").exists()
    unchecked = offers[Offer.Status.FILED]
    assert not CheckResult.objects.filter(offer=unchecked).exists()

    client.force_login(officer)
    page = client.get(reverse("grants_staff:checks", args=[sport.slug]))
    assert page.status_code == 200 and correcting.number in page.content.decode()
