"""Scoring (point 4): points from 0 to each criterion's maximum to one decimal place, a justification per criterion;
every bad input refused with its Polish message on its field and nothing saved; a conflicted member or an excluded
nominee refused; scores editable until the opinion is adopted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.commissions.models import Member, Opinion, Score
from razem.commissions.services.scores import scores_save
from razem.core.models import LogEntry
from razem.core.schedule import when
from razem.grants.models import Criterion
from tests.commissions.factories import admitted_offer, closed_call, give, seat
from tests.core.helpers import in_polish

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def call(db):
    return closed_call()


@pytest.fixture
def offer(call):
    return admitted_offer(call)


@pytest.fixture
def criteria(call):
    return list(Criterion.objects.filter(call=call).order_by("position", "id"))


def _typed(criteria, value="4,5", text="Dobrze uzasadniony budżet."):
    return {c.pk: value for c in criteria}, {c.pk: text for c in criteria}


def test_a_member_scores_every_criterion_with_a_justification(call, offer, criteria):
    member = seat(call, signed=True)
    points, texts = _typed(criteria)
    points[criteria[0].pk] = "5"

    saved = scores_save(actor=member.user, offer=offer, points=points, justifications=texts)

    assert len(saved) == 6 and Score.objects.filter(member=member, offer=offer).count() == 6
    assert Score.objects.get(member=member, criterion=criteria[0]).points == D("5.0")
    assert Score.objects.get(member=member, criterion=criteria[1]).points == D("4.5")
    assert LogEntry.objects.get(action="commissions.score.saved").data["total"] == "27.5"


def test_saving_again_replaces_the_scores(call, offer, criteria):
    member = seat(call, signed=True)
    scores_save(actor=member.user, offer=offer, points=_typed(criteria)[0], justifications=_typed(criteria)[1])
    points, texts = _typed(criteria, "2", "Po dyskusji obniżam.")

    scores_save(actor=member.user, offer=offer, points=points, justifications=texts)

    assert {s.points for s in Score.objects.all()} == {D("2")}
    assert {s.justification for s in Score.objects.all()} == {"Po dyskusji obniżam."}
    assert Score.objects.count() == 6


def test_points_above_the_maximum_are_refused_and_nothing_saved(call, offer, criteria):
    member = seat(call, signed=True)
    points, texts = _typed(criteria)
    points[criteria[2].pk] = "5,5"

    with pytest.raises(ValidationError) as excinfo:
        scores_save(actor=member.user, offer=offer, points=points, justifications=texts)

    assert excinfo.value.message_dict == {
        f"points_{criteria[2].pk}": [
            in_polish("At most %(max)s points for this criterion; you gave %(given)s.") % {"max": "5", "given": "5,5"}
        ]
    }
    assert not Score.objects.exists()


def test_a_missing_justification_is_refused_and_nothing_saved(call, offer, criteria):
    member = seat(call, signed=True)
    points, texts = _typed(criteria)
    texts[criteria[4].pk] = "   "

    with pytest.raises(ValidationError) as excinfo:
        scores_save(actor=member.user, offer=offer, points=points, justifications=texts)

    assert excinfo.value.message_dict == {
        f"justification_{criteria[4].pk}": [in_polish("Justify the points you give for this criterion.")]
    }
    assert not Score.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Give the points for this criterion, from 0 to %(max)s."),
        ("dużo", "Write the points as a number, e.g. 4,5."),
        ("-1", "Points cannot be negative: give from 0 to %(max)s."),
        ("4,25", "Give the points to one decimal place at most, e.g. 4,5."),
    ],
)
def test_other_bad_points_are_refused(call, offer, criteria, typed, message):
    member = seat(call, signed=True)
    points, texts = _typed(criteria)
    points[criteria[0].pk] = typed

    with pytest.raises(ValidationError) as excinfo:
        scores_save(actor=member.user, offer=offer, points=points, justifications=texts)

    assert excinfo.value.message_dict[f"points_{criteria[0].pk}"] == [in_polish(message) % {"max": "5"}]
    assert not Score.objects.exists()


def test_a_conflicted_member_cannot_score(call, offer, criteria):
    member = seat(call, signed=True, conflicts=[offer])
    with pytest.raises(ValidationError) as excinfo:
        scores_save(actor=member.user, offer=offer, points=_typed(criteria)[0], justifications=_typed(criteria)[1])
    assert excinfo.value.messages == [
        in_polish(
            "You declared a conflict of interest with this offer (art. 24 KPA): you cannot open it, score it or see "
            "its scores."
        )
    ]
    assert not Score.objects.exists()


def test_an_excluded_nominee_cannot_score(call, offer, criteria):
    member = seat(call, Member.Role.NGO, excluded=True, signed=True)
    with pytest.raises(ValidationError) as excinfo:
        scores_save(actor=member.user, offer=offer, points=_typed(criteria)[0], justifications=_typed(criteria)[1])
    assert excinfo.value.messages == [
        in_polish("You are excluded from the commission: %(reason)s") % {"reason": member.exclusion_reason}
    ]
    assert not Score.objects.exists()


def test_an_expert_scores_too(call, offer, criteria):
    member = seat(call, Member.Role.EXPERT, signed=True)
    scores_save(actor=member.user, offer=offer, points=_typed(criteria)[0], justifications=_typed(criteria)[1])
    assert Score.objects.filter(member=member).count() == 6


def test_the_scores_are_frozen_once_the_opinion_is_adopted(call, offer, criteria):
    member = seat(call, signed=True)
    give(member, offer, 3)
    opinion = Opinion.objects.create(call=call, sat_on=timezone.localdate(), adopted_at=timezone.now())

    with pytest.raises(ValidationError) as excinfo:
        scores_save(actor=member.user, offer=offer, points=_typed(criteria)[0], justifications=_typed(criteria)[1])

    assert excinfo.value.messages == [
        in_polish("The commission adopted its opinion on %(when)s; nothing in it can be changed any more.")
        % {"when": when(opinion.adopted_at)}
    ]
    assert {s.points for s in Score.objects.all()} == {D("3")}
    assert member.user.has_perm("commissions.view_offer", offer)
