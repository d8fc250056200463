"""The commission's locks under real concurrent transactions (PostgreSQL; skipped on SQLite, whose writes are one at
a time anyway). Every write takes the call's row lock: two adoptions make one opinion; a score saved while the
opinion is being adopted either counts in it or is refused, never saved after it; a declaration signed twice at
once is one declaration; a person appointed twice at once sits once."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.commissions.models import Declaration, Member, Opinion, Proposal, Score
from razem.commissions.services.declarations import declaration_sign
from razem.commissions.services.members import member_appoint
from razem.commissions.services.opinion import opinion_adopt, opinion_save
from razem.commissions.services.scores import scores_save
from razem.grants.models import Criterion, Offer
from tests.commissions.factories import admitted_offer, closed_call, give, seat
from tests.factories import UserFactory
from tests.support import at_once, needs_postgresql

pytestmark = pytest.mark.django_db(transaction=True)

D = Decimal


def _ready():
    call = closed_call()
    offer = admitted_offer(call)
    first = seat(call, signed=True)
    second = seat(call, signed=True)
    give(first, offer, 2)  # 12 points
    Proposal.objects.create(offer=offer, amount=D("100.00"))
    officer = UserFactory(officer=True)
    opinion_save(actor=officer, call=call, sat_on=timezone.localdate(), place="", present=[first, second], text="")
    return call, offer, first, second, officer


def test_two_adoptions_at_the_same_moment_adopt_once(media_root):
    needs_postgresql()
    call, _offer, _first, _second, officer = _ready()
    other = UserFactory(officer=True)

    outcomes = at_once([lambda: opinion_adopt(actor=officer, call=call), lambda: opinion_adopt(actor=other, call=call)])

    done = [o for o in outcomes if isinstance(o, Opinion)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Opinion.objects.get(call=call).adopted_at is not None


def test_a_score_saved_while_the_opinion_is_adopted_counts_or_is_refused(media_root):
    needs_postgresql()
    call, offer, _first, second, officer = _ready()
    criteria = list(Criterion.objects.filter(call=call))
    points = {c.pk: "4" for c in criteria}
    texts = {c.pk: "Po namyśle." for c in criteria}

    outcomes = at_once(
        [
            lambda: opinion_adopt(actor=officer, call=call),
            lambda: scores_save(
                actor=second.user, offer=Offer.objects.get(pk=offer.pk), points=points, justifications=texts
            ),
        ]
    )

    assert isinstance(outcomes[0], Opinion), outcomes
    offer.refresh_from_db()
    if isinstance(outcomes[1], ValidationError):
        assert not Score.objects.filter(member=second).exists()
        assert offer.points == D("12.00")
    else:
        assert Score.objects.filter(member=second).count() == len(criteria)
        assert offer.points == D("18.00")  # (12 + 24) / 2: the score came first and counts


def test_a_declaration_signed_twice_at_once_is_one():
    needs_postgresql()
    call = closed_call()
    offer = admitted_offer(call)
    member = seat(call)

    def sign():
        return declaration_sign(actor=member.user, call=call, answers={offer.pk: (False, "")}, confirmed=True)

    outcomes = at_once([sign, sign])

    assert len([o for o in outcomes if isinstance(o, Declaration)]) == 1, outcomes
    assert len([o for o in outcomes if isinstance(o, ValidationError)]) == 1, outcomes
    assert Declaration.objects.filter(member=member).count() == 1


def test_a_person_appointed_twice_at_once_sits_once():
    needs_postgresql()
    call = closed_call()
    officer, colleague = UserFactory(officer=True), UserFactory(officer=True)

    def appoint():
        return member_appoint(actor=officer, call=call, role=Member.Role.MAYOR, user=colleague)

    outcomes = at_once([appoint, appoint])

    assert len([o for o in outcomes if isinstance(o, Member)]) == 1, outcomes
    assert Member.objects.filter(call=call, user=colleague).count() == 1
