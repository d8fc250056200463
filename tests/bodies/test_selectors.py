"""Reads about bodies: the quorum of a body and of a sitting, members now and in the past."""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.bodies import selectors
from razem.events.models import Registration

DAY = datetime.timedelta(days=1)


@pytest.fixture
def forum_seats(forum, seat, verified_org):
    """Four full members of the Forum, a deputy of the first, and a member whose seat has ended."""
    people = [make_person(f"czlonek{i}@example.org", full_name=f"Członek {i}") for i in range(1, 5)]
    seats = [seat(forum, person, organization=verified_org) for person in people]
    deputy = make_person("zastepca@example.org", full_name="Zastępca Pierwszego")
    seat(forum, deputy, organization=verified_org, position="deputy", deputy_of=seats[0])
    former = make_person("byly@example.org", full_name="Były Członek")
    seat(forum, former, organization=verified_org, end_date=timezone.localdate() - DAY, end_reason="rezygnacja")
    return {"members": people, "deputy": deputy, "former": former}


def test_the_quorum_is_more_than_half_of_the_current_full_members(forum, forum_seats):
    quorum = selectors.quorum(body=forum)

    assert (quorum.members, quorum.required, quorum.reached) == (4, 3, None)


def test_a_body_without_members_needs_no_one(commission):
    assert selectors.quorum(body=commission).required == 0


@pytest.fixture
def sitting(forum, make_meeting, register, forum_seats):
    meeting = make_meeting(body=forum, organizer_kind="body", kind="sitting", title="Posiedzenie Forum")

    def present(*people):
        for person in people:
            register(meeting, person)
        Registration.objects.filter(meeting=meeting, person__in=people).update(checked_in_at=timezone.now())
        return selectors.sitting_quorum(meeting=meeting)

    return present


def test_three_of_four_members_present_reach_the_quorum(sitting, forum_seats):
    quorum = sitting(*forum_seats["members"][1:])

    assert (quorum.present, quorum.required, quorum.reached) == (3, 3, True)


def test_two_of_four_members_present_do_not_reach_the_quorum(sitting, forum_seats):
    quorum = sitting(*forum_seats["members"][2:], forum_seats["former"])

    assert (quorum.present, quorum.reached) == (2, False)


def test_a_deputy_counts_for_an_absent_member(sitting, forum_seats):
    first, second, third, _fourth = forum_seats["members"]

    quorum = sitting(second, third, forum_seats["deputy"])

    assert (quorum.present, quorum.reached) == (3, True)


def test_a_deputy_does_not_count_when_the_member_is_present_too(sitting, forum_seats):
    first, second, _third, _fourth = forum_seats["members"]

    quorum = sitting(first, second, forum_seats["deputy"])

    assert (quorum.present, quorum.reached) == (2, False)


def test_a_meeting_of_no_body_has_no_quorum(make_meeting):
    assert selectors.sitting_quorum(meeting=make_meeting()) is None


def test_past_members_are_in_the_history_of_their_term(krdpp, past_term, seat, member):
    former = make_person("poprzednia@example.org", full_name="Poprzednia Kadencja")
    seat(krdpp, former, term=past_term, start_date=past_term.starts_on, end_date=past_term.ends_on,
         end_reason="koniec kadencji")  # fmt: skip

    history = selectors.member_history(body=krdpp)

    assert [(h.term, [m.person for m in h.members]) for h in history] == [(past_term, [former])]
    assert [m.person for m in selectors.current_members(body=krdpp)] == [member]
