"""The permission matrix of the decision and the results: the office, a person acting for the lead oferent, for a
partner of the joint offer, for another organization, and an anonymous visitor, in each phase (offers closed before
the decision, decided, results published), for deciding, publishing the results, viewing them, asking and answering
a question, updating the offer after a partial award and resigning from the grant. And the refusals the pages show."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from razem.core.permissions import why_not
from razem.core.schedule import when
from razem.grants.models import Award, CallFunds, Offer, Question
from razem.grants.services.results import question_answer
from razem.organizations.models import Membership
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, OrganizationFactory
from tests.grants.test_results_factories import admit, awards, close, decide, filed, open_call, publish

pytestmark = pytest.mark.django_db

PHASES = ("before", "decided", "published")
ROLES = ("staff", "lead", "partner", "other", "anonymous")


def world(officer, phase: str) -> dict:
    call = open_call()
    CallFunds.objects.filter(call=call).update(amount="20000.00")
    offer = filed(call, "8000.00", title="Wspólna", joint=True)
    other = filed(call, "6000.00", title="Inna")
    close(call)
    admit(offer, points="70.00", proposed="5000.00")
    admit(other, points="50.00")
    if phase in ("decided", "published"):
        decide(officer, call, awards((offer, "5000.00"), (other, "0")))
    if phase == "published":
        publish(call, officer)
    stranger = MembershipFactory(organization=OrganizationFactory(), role=Membership.Role.REPRESENTATIVE).user
    people = {
        "staff": officer,
        "lead": offer.person,
        "partner": offer.partner_person,
        "other": stranger,
        "anonymous": AnonymousUser(),
    }
    call.refresh_from_db()
    offer.refresh_from_db()
    question = Question.objects.create(call=call, offer=offer, text="Pytanie")
    return {"call": call, "offer": offer, "people": people, "question": question}


def allowed(officer, phase: str, perm: str, target: str) -> set[str]:
    w = world(officer, phase)
    obj = {"call": w["call"], "offer": w["offer"], "question": w["question"]}[target]
    return {role for role, person in w["people"].items() if person.has_perm(perm, obj)}


MATRIX = {
    # permission, object: roles allowed before the decision, once decided, once the results are published
    ("grants.decide_call", "call"): ({"staff"}, set(), set()),
    ("grants.publish_results", "call"): (set(), {"staff"}, set()),
    ("grants.view_results", "call"): (set(), {"staff"}, set(ROLES)),
    ("grants.ask_question", "offer"): (set(), set(), {"lead", "partner"}),
    ("grants.answer_question", "question"): ({"staff"}, {"staff"}, {"staff"}),
    ("grants.update_offer", "offer"): (set(), {"lead"}, {"lead"}),
    ("grants.resign_award", "offer"): (set(), {"lead"}, {"lead"}),
}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize(("perm", "target"), list(MATRIX))
def test_the_permission_matrix(officer, perm, target, phase):
    assert allowed(officer, phase, perm, target) == MATRIX[(perm, target)][PHASES.index(phase)]


def test_the_refusals_say_why(officer):
    w = world(officer, "decided")
    people, call, offer = w["people"], w["call"], w["offer"]

    assert why_not(people["lead"], "grants.decide_call", call) == in_polish(
        "Only the city office records the decision on a call."
    )
    assert why_not(people["lead"], "grants.ask_question", offer) == in_polish(
        "You can ask about the decision once its results are published."
    )
    assert why_not(people["other"], "grants.ask_question", offer) == in_polish(
        "Only a person who may act for an oferent of this offer can ask about the decision."
    )
    assert why_not(people["partner"], "grants.update_offer", offer) == in_polish(
        "Only a person who may act for the leading oferent files the update."
    )
    assert why_not(people["anonymous"], "grants.resign_award", offer) == in_polish("Sign in to continue.")
    assert why_not(people["staff"], "grants.answer_question", w["question"]) is None


def test_an_answered_question_and_a_lapsed_update_are_refused_in_words(officer):
    w = world(officer, "published")
    question_answer(actor=officer, question=w["question"], answer="Odpowiedź")
    w["question"].refresh_from_db()
    assert why_not(officer, "grants.answer_question", w["question"]) == in_polish(
        "This question was answered on %(date)s."
    ) % {"date": when(w["question"].answered_at)}
    lapsed = timezone.localdate() - datetime.timedelta(days=1)
    Award.objects.filter(offer=w["offer"]).update(update_due=lapsed)
    offer = Offer.objects.get(pk=w["offer"].pk)
    assert why_not(w["people"]["lead"], "grants.update_offer", offer) == in_polish(
        "The update was due by %(date)s; ask the office what to do now."
    ) % {"date": when(lapsed)}
