"""The locks of the decision and the results under real concurrent transactions (PostgreSQL; skipped on SQLite,
whose writes are one at a time anyway): two officers recording the decision, publishing the results or answering a
question at the same moment make one decision, one set of publications, one answer; two clicks of "resign" one
resignation."""

import pytest
from django.core.exceptions import ValidationError

from razem.grants.models import Decision, Offer, Publication, Question
from razem.grants.services import results as services
from tests.factories import UserFactory
from tests.grants.test_results_factories import admit, awards, close, decide, decided, filed, open_call, publish
from tests.support import at_once, needs_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


def _split(outcomes, kind):
    done = [o for o in outcomes if isinstance(o, kind)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    return done, refused


def test_two_decisions_at_the_same_moment_record_one():
    needs_postgresql()
    officers = [UserFactory(officer=True), UserFactory(officer=True)]
    call = open_call()
    offer = filed(call, "8000.00")
    close(call)
    admit(offer)

    outcomes = at_once(
        [
            lambda person=person: decide(person, call, awards((offer, "8000.00")), number=person.email)
            for person in officers
        ]
    )

    done, refused = _split(outcomes, Decision)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Decision.objects.count() == 1 and Offer.objects.get(pk=offer.pk).status == Offer.Status.AWARDED


def test_two_publications_at_the_same_moment_record_one_set():
    needs_postgresql()
    officer = UserFactory(officer=True)
    case = decided(officer)

    outcomes = at_once([lambda: publish(case["call"], officer), lambda: publish(case["call"], officer)])

    done, refused = _split(outcomes, Decision)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Publication.objects.filter(call=case["call"], subject=Publication.Subject.RESULTS).count() == 3


def test_two_answers_at_the_same_moment_keep_one():
    needs_postgresql()
    officer = UserFactory(officer=True)
    case = decided(officer, publish_results=True)
    question = services.question_ask(actor=case["none"].person, offer=case["none"], text="Dlaczego?")
    twin = Question.objects.get(pk=question.pk)

    outcomes = at_once(
        [
            lambda: services.question_answer(actor=officer, question=question, answer="Pierwsza"),
            lambda: services.question_answer(actor=officer, question=twin, answer="Druga"),
        ]
    )

    done, refused = _split(outcomes, Question)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Question.objects.get(pk=question.pk).answer == done[0].answer


def test_two_resignations_at_the_same_moment_make_one():
    needs_postgresql()
    officer = UserFactory(officer=True)
    case = decided(officer)
    offer = case["full"]
    twin = Offer.objects.get(pk=offer.pk)

    outcomes = at_once(
        [
            lambda: services.offer_resign(actor=offer.person, offer=offer),
            lambda: services.offer_resign(actor=offer.person, offer=twin),
        ]
    )

    done, refused = _split(outcomes, Offer)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.RESIGNED
