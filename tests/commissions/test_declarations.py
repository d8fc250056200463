"""The declaration of impartiality (point 3): signed in Razem before any offer is seen, covering the admitted
offers with the conflicts declared (each with its nature), completed for offers admitted later; a conflicted
member cannot open, score or see the scores of that offer; an excluded nominee can do nothing."""

import pytest
from django.core.exceptions import ValidationError

from razem.commissions.models import Conflict, Declaration, Member
from razem.commissions.services.declarations import declaration_sign
from razem.core.models import LogEntry
from razem.core.permissions import why_not
from tests.commissions.factories import admitted_offer, closed_call, seat
from tests.core.helpers import in_polish
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    return closed_call()


def test_signing_covers_the_admitted_offers_and_records_the_conflicts(call):
    first, second = admitted_offer(call), admitted_offer(call)
    member = seat(call)
    user = member.user

    declaration = declaration_sign(
        actor=user, call=call, answers={first.pk: (False, ""), second.pk: (True, "Jestem w zarządzie.")}, confirmed=True
    )

    assert set(declaration.offers.all()) == {first, second} and declaration.amended_at is None
    assert call.number in declaration.text and "art. 24" in declaration.text
    (conflict,) = Conflict.objects.all()
    assert (conflict.member, conflict.offer, conflict.reason) == (member, second, "Jestem w zarządzie.")
    assert LogEntry.objects.get(action="commissions.declaration.signed").data["conflicts"] == [second.number]
    assert user.has_perm("commissions.view_offer", first)
    assert not user.has_perm("commissions.view_offer", second)
    refusal = in_polish(
        "You declared a conflict of interest with this offer (art. 24 KPA): you cannot open it, score it or see its "
        "scores."
    )
    assert why_not(user, "commissions.view_offer", second) == refusal
    assert why_not(user, "commissions.score_offer", second) == refusal
    assert why_not(user, "commissions.view_scores", second) == refusal


def test_a_ticked_offer_needs_the_nature_of_the_conflict_and_nothing_is_saved(call):
    offer = admitted_offer(call)
    member = seat(call)

    with pytest.raises(ValidationError) as excinfo:
        declaration_sign(actor=member.user, call=call, answers={offer.pk: (True, "  ")}, confirmed=True)

    assert excinfo.value.message_dict[f"nature_{offer.pk}"] == [
        in_polish("Describe the nature of the conflict with offer %(number)s.") % {"number": offer.number}
    ]
    assert not Declaration.objects.exists() and not Conflict.objects.exists()


def test_a_nature_without_the_tick_and_no_confirmation_are_refused(call):
    offer = admitted_offer(call)
    member = seat(call)

    with pytest.raises(ValidationError) as excinfo:
        declaration_sign(actor=member.user, call=call, answers={offer.pk: (False, "coś")}, confirmed=False)

    errors = excinfo.value.message_dict
    assert f"conflict_{offer.pk}" in errors
    assert errors["confirm"] == [in_polish("Confirm that you make this declaration: tick the box above the button.")]
    assert not Declaration.objects.exists()


def test_an_offer_admitted_later_needs_the_declaration_completed(call):
    first = admitted_offer(call)
    member = seat(call)
    user = member.user
    declaration_sign(actor=user, call=call, answers={}, confirmed=True)
    later = admitted_offer(call)

    assert why_not(user, "commissions.view_offer", later) == in_polish(
        "This offer was admitted after you signed your declaration: complete the declaration for it first."
    )
    assert user.has_perm("commissions.sign_declaration", call)

    declaration = declaration_sign(actor=user, call=call, answers={later.pk: (False, "")}, confirmed=True)

    assert declaration.amended_at is not None and set(declaration.offers.all()) == {first, later}
    assert user.has_perm("commissions.view_offer", later)
    assert why_not(user, "commissions.sign_declaration", call) == in_polish(
        "There is no admitted offer to declare on: you have declared on every one so far."
    )


def test_an_excluded_nominee_cannot_sign(call):
    admitted_offer(call)
    member = seat(call, Member.Role.NGO, excluded=True)

    with pytest.raises(ValidationError) as excinfo:
        declaration_sign(actor=member.user, call=call, answers={}, confirmed=True)

    assert excinfo.value.messages == [
        in_polish("You are excluded from the commission: %(reason)s") % {"reason": member.exclusion_reason}
    ]
    assert not Declaration.objects.exists()


def test_no_declaration_before_the_deadline_nor_by_someone_not_on_the_commission(call):
    open_call = CallFactory(attachments=False)
    member = seat(open_call)
    assert why_not(member.user, "commissions.sign_declaration", open_call) == in_polish(
        "The commission evaluates the offers only after the deadline for offers."
    )
    other = seat(call).user
    assert why_not(other, "commissions.sign_declaration", open_call) == in_polish(
        "You are not a member of the competition commission of this call."
    )


def test_a_member_who_has_not_signed_cannot_open_an_offer(call):
    offer = admitted_offer(call)
    member = seat(call)
    assert why_not(member.user, "commissions.view_offer", offer) == in_polish(
        "Sign the declaration of impartiality for this call first: until then you cannot see the offers."
    )
