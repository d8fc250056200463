"""The proposed amounts, the record of the sitting and the adoption of the opinion (point 4): adopting is refused
while an admitted offer has no voting score or no proposed amount; it writes the points and the proposed grant on
the offers, freezes the scores and issues the protocol (who took part, the declarations with their time, the
conflicts, every score with its justification, the ranking, the proposed amounts) and the opinion as PDFs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.commissions import pdf
from razem.commissions.models import Member, Opinion, Proposal
from razem.commissions.services.opinion import opinion_adopt, opinion_save, proposals_save
from razem.core.models import DocumentSnapshot, LogEntry, Notification
from razem.grants.models import Offer
from tests.commissions.factories import admitted_offer, closed_call, give, seat
from tests.core.helpers import in_polish
from tests.grants.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def call(db):
    return closed_call()


def test_the_office_proposes_amounts_up_to_the_request(call, officer):
    first, second = admitted_offer(call, grant="8000.00"), admitted_offer(call, grant="5000.00")

    changed = proposals_save(actor=officer, call=call, amounts={first.pk: "7 500,50", second.pk: ""})

    assert changed == 1 and Proposal.objects.get(offer=first).amount == D("7500.50")
    assert not Proposal.objects.filter(offer=second).exists()
    proposals_save(actor=officer, call=call, amounts={first.pk: ""})
    assert not Proposal.objects.exists()
    assert LogEntry.objects.filter(action="commissions.proposals.saved").count() == 2


def test_a_proposal_above_the_request_or_negative_is_refused_and_nothing_saved(call, officer):
    first, second = admitted_offer(call, grant="8000.00"), admitted_offer(call, grant="5000.00")

    with pytest.raises(ValidationError) as excinfo:
        proposals_save(actor=officer, call=call, amounts={first.pk: "8000,01", second.pk: "-1", 999999: "5"})

    errors = excinfo.value.message_dict
    assert errors[f"amount_{first.pk}"] == [
        in_polish("Offer %(number)s requests %(requested)s: the commission cannot propose more.")
        % {"number": first.number, "requested": "8\u00a0000,00\u00a0zł"}
    ]
    assert errors[f"amount_{second.pk}"] == [in_polish("The amount cannot be negative.")]
    assert not Proposal.objects.exists()


def test_a_resident_cannot_propose(call, resident):
    offer = admitted_offer(call)
    with pytest.raises(ValidationError):
        proposals_save(actor=resident, call=call, amounts={offer.pk: "1"})
    assert not Proposal.objects.exists()


def test_the_sitting_is_recorded_with_the_members_present(call, officer):
    present = seat(call)
    excluded = seat(call, Member.Role.NGO, excluded=True)
    day = timezone.localdate()

    opinion = opinion_save(actor=officer, call=call, sat_on=day, place="Sala P1", present=[present], text="Opinia.")

    assert (opinion.sat_on, opinion.place, list(opinion.present.all())) == (day, "Sala P1", [present])
    with pytest.raises(ValidationError) as excinfo:
        opinion_save(actor=officer, call=call, sat_on=day, place="", present=[excluded], text="")
    assert "present" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        opinion_save(actor=officer, call=call, sat_on=day + datetime.timedelta(days=1), place="", present=[], text="")
    assert "sat_on" in excinfo.value.message_dict


def _ready(call, officer):
    """Two admitted offers scored by two voting members and an expert, with proposals and a recorded sitting."""
    first, second = admitted_offer(call, grant="8000.00"), admitted_offer(call, grant="6000.00")
    mayor = seat(call, signed=True)
    mayor.chair = True
    mayor.save()
    ngo = seat(call, Member.Role.NGO, signed=True, conflicts=[second])
    expert = seat(call, Member.Role.EXPERT, signed=True)
    give(mayor, first, [5, 4, 5, 4, 5, 4])  # 27
    give(ngo, first, [4, 4, 4, 4, 4, 4.5])  # 24.5
    give(expert, first, 1)
    give(mayor, second, 3)  # 18
    proposals_save(actor=officer, call=call, amounts={first.pk: "8000", second.pk: "0"})
    opinion_save(
        actor=officer, call=call, sat_on=timezone.localdate(), place="Sala Obrad", present=[mayor, ngo, expert],
        text="Komisja rekomenduje dofinansowanie oferty pierwszej.",
    )  # fmt: skip
    return first, second, mayor, ngo, expert


def test_adopting_writes_the_points_and_the_proposals_and_issues_the_pdfs(call, officer, media_root):
    first, second, mayor, ngo, expert = _ready(call, officer)

    opinion = opinion_adopt(actor=officer, call=call)

    assert opinion.adopted_at is not None and opinion.adopted_by == officer
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.points, first.proposed_grant) == (D("25.75"), D("8000.00"))
    assert (second.points, second.proposed_grant) == (D("18.00"), D("0.00"))
    assert DocumentSnapshot.objects.filter(kind=pdf.PROTOCOL, object_id=str(opinion.pk)).exists()
    assert DocumentSnapshot.objects.filter(kind=pdf.OPINION, object_id=str(opinion.pk)).exists()
    assert LogEntry.objects.filter(action="commissions.opinion.adopted").exists()
    assert Notification.objects.filter(kind="commissions/opinion_adopted").count() == 3
    assert not mayor.user.has_perm("commissions.score_offer", first)
    assert not officer.has_perm("commissions.prepare_opinion", call)


def test_the_protocol_holds_who_took_part_the_declarations_conflicts_scores_and_ranking(call, officer, media_root):
    first, second, mayor, ngo, expert = _ready(call, officer)
    opinion = opinion_adopt(actor=officer, call=call)

    snapshot = DocumentSnapshot.objects.get(kind=pdf.PROTOCOL, object_id=str(opinion.pk))
    text = " ".join(pdf_text(snapshot.file.read()).split())

    for name in (mayor.full_name, ngo.full_name, expert.full_name):
        assert name in text
    assert "Sala Obrad" in text
    assert "25,75" in text and "18,00" in text  # the averages
    assert "24,5" in text and "27" in text  # the members' totals
    assert "Uzasadnienie 1" in text  # a justification
    assert first.number in text and second.number in text
    assert "8 000,00" in text.replace("\u00a0", " ")
    assert "Jestem w zarządzie" not in text and "Zasiadam w zarządzie" not in text  # the nature stays in Razem
    opinion_text = pdf_text(DocumentSnapshot.objects.get(kind=pdf.OPINION, object_id=str(opinion.pk)).file.read())
    assert "Komisja rekomenduje" in " ".join(opinion_text.split())


def test_adopting_is_refused_while_an_admitted_offer_has_no_voting_score(call, officer):
    first, second, mayor, ngo, expert = _ready(call, officer)
    third = admitted_offer(call)
    give(expert, third, 5)  # an expert's points are not a voting score
    Proposal.objects.create(offer=third, amount=D("1"))

    with pytest.raises(ValidationError) as excinfo:
        opinion_adopt(actor=officer, call=call)

    title = third.current_version.content["task"]["title"]
    assert excinfo.value.messages == [
        in_polish("Offer %(number)s (%(title)s) has not been scored by any voting member.")
        % {"number": third.number, "title": title}
    ]
    assert Opinion.objects.get(call=call).adopted_at is None
    assert Offer.objects.filter(points__isnull=False).count() == 0


def test_adopting_is_refused_without_a_proposal_or_a_recorded_sitting(call, officer):
    offer = admitted_offer(call)
    member = seat(call, signed=True)
    give(member, offer, 3)
    with pytest.raises(ValidationError) as excinfo:
        opinion_adopt(actor=officer, call=call)
    assert excinfo.value.messages == [in_polish("Record the sitting first: its date and the members present.")]

    opinion_save(actor=officer, call=call, sat_on=timezone.localdate(), place="", present=[member], text="")
    with pytest.raises(ValidationError) as excinfo:
        opinion_adopt(actor=officer, call=call)
    assert excinfo.value.messages == [
        in_polish(
            "Offer %(number)s has no proposed amount: enter one (0 zł when the commission does not propose to fund it)."
        )
        % {"number": offer.number}
    ]
    assert Opinion.objects.get(call=call).adopted_at is None


def test_adopting_twice_is_refused(call, officer, media_root):
    _ready(call, officer)
    opinion_adopt(actor=officer, call=call)
    with pytest.raises(ValidationError):
        opinion_adopt(actor=officer, call=call)
    with pytest.raises(ValidationError):
        proposals_save(actor=officer, call=call, amounts={})
