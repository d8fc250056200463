"""Who may do what with a call for offers: the matrix of grants/rules.py for calls, persona × state of the call, the
deadline judged to the second, and the refusals in words (``why_not``) that the page shows and the services raise.

The table is read as written: a row per permission, one cell per persona listing the initials of the states in which
the persona holds it ("-": never). States: D draft, O open (published, offers and nominations accepted), N announced
with nominations to the commission closed (offers still accepted), A after the deadline, C cancelled.
Every check uses a fresh user object, as a new request would (the predicates cache memberships on the user).

Personas:
    anonymous       a visitor who is not signed in
    resident        signed in, acts for no organization
    member          a plain member of a verified organization (no right to act for it)
    representative  the representative of a verified organization
    pending_rep     the representative of an organization awaiting verification (and of nothing else)
    officer         city officer
"""

import datetime

import pytest
from conftest import make_person
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from razem.accounts.models import User
from razem.core.permissions import why_not
from razem.core.schedule import when
from razem.grants.models import Call
from razem.organizations.models import Membership, Organization
from tests.core.helpers import in_polish
from tests.factories import CallFactory, add_membership, make_organization

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "resident", "member", "representative", "pending_rep", "officer"]
STATES = "DONAC"

MATRIX = """
permission   anonymous resident member representative pending_rep officer
view         ONAC      ONAC     ONAC   ONAC           ONAC        DONAC
manage       -         -        -      -              -           DONAC
nominate     -         -        -      O              -           -
start_offer  -         -        -      ON             -           -
"""
PERMISSIONS = {
    "view": "grants.view_call",
    "manage": "grants.manage_call",
    "nominate": "grants.nominate_member",
    "start_offer": "grants.start_offer",
}


def parse(table: str) -> dict[str, dict[str, str]]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert header[1:] == PERSONAS, header
    parsed = {}
    for row, *cells in rows:
        assert len(cells) == len(PERSONAS), row
        parsed[row] = {persona: ("" if cell == "-" else cell) for persona, cell in zip(PERSONAS, cells, strict=True)}
    return parsed


EXPECTED = parse(MATRIX)


def fresh(user):
    return AnonymousUser() if user is None or not user.is_authenticated else User.objects.get(pk=user.pk)


def call_in(state: str) -> Call:
    now = timezone.now()
    day = datetime.timedelta(days=1)
    if state == "D":
        return CallFactory(status=Call.Status.DRAFT, published_at=None)
    if state == "O":
        return CallFactory()
    if state == "N":
        return CallFactory(nominations_close=now - datetime.timedelta(hours=1))
    if state == "A":
        return CallFactory(submission_deadline=now - day, published_at=now - 30 * day)
    return CallFactory(
        status=Call.Status.CANCELLED, submission_deadline=now - day, cancelled_at=now, cancel_ground="no_offers"
    )


@pytest.fixture
def personas(anonymous, resident, verified_org, org_member, officer):
    representative = make_person("przedstawicielka@example.org", full_name="Paula Przedstawicielka")
    add_membership(verified_org, representative, Membership.Role.REPRESENTATIVE)
    waiting = make_organization("Fundacja Czekająca", krs="0000200001", status=Organization.Status.PENDING)
    pending_rep = make_person("czekajacy@example.org", full_name="Czesław Czekający")
    add_membership(waiting, pending_rep, Membership.Role.REPRESENTATIVE)
    return {
        "anonymous": anonymous,
        "resident": resident,
        "member": org_member,
        "representative": representative,
        "pending_rep": pending_rep,
        "officer": officer,
    }


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("permission", list(PERMISSIONS))
def test_the_matrix(personas, permission, state):
    call = call_in(state)
    for persona in PERSONAS:
        expected = state in EXPECTED[permission][persona]
        allowed = fresh(personas[persona]).has_perm(PERMISSIONS[permission], call)
        assert allowed == expected, f"{persona} {permission} in {state}: {allowed}, expected {expected}"


def test_a_call_whose_deadline_passed_a_second_ago_refuses_a_new_offer_with_the_deadline_shown(personas):
    representative = personas["representative"]
    just_closed = CallFactory(submission_deadline=timezone.now() - datetime.timedelta(seconds=1))
    still_open = CallFactory(submission_deadline=timezone.now() + datetime.timedelta(seconds=5))

    assert not fresh(representative).has_perm("grants.start_offer", just_closed)
    reason = why_not(fresh(representative), "grants.start_offer", just_closed)
    assert reason == in_polish("Offers could be filed until %(deadline)s; the deadline has passed.") % {
        "deadline": when(just_closed.submission_deadline)
    }
    assert str(timezone.localtime(just_closed.submission_deadline).year) in reason
    assert fresh(representative).has_perm("grants.start_offer", still_open)
    assert just_closed.phase() == Call.Phase.CLOSED and still_open.phase() == Call.Phase.OPEN


@pytest.mark.parametrize(
    ("persona", "words"),
    [
        ("anonymous", "Sign in to continue."),
        ("resident", "Only a person who may act for a verified organization can do this."),
        ("member", "Only a person who may act for a verified organization can do this."),
        ("pending_rep", "Only a person who may act for a verified organization can do this."),
    ],
)
def test_the_refusals_say_why(personas, persona, words):
    call = call_in("O")

    assert in_polish(words) in why_not(fresh(personas[persona]), "grants.start_offer", call)
    assert in_polish(words) in why_not(fresh(personas[persona]), "grants.nominate_member", call)


def test_nominations_closed_and_cancelled_calls_say_so(personas):
    representative = fresh(personas["representative"])

    nominations_closed = call_in("N")
    assert why_not(representative, "grants.nominate_member", nominations_closed) == in_polish(
        "Nominations closed on %(when)s."
    ) % {"when": when(nominations_closed.nominations_close)}
    assert in_polish("This call was cancelled.") in why_not(
        fresh(personas["representative"]), "grants.start_offer", call_in("C")
    )
    not_recruiting = CallFactory(recruits_commission=False)
    assert in_polish("This call does not recruit members of the commission.") in why_not(
        fresh(personas["representative"]), "grants.nominate_member", not_recruiting
    )
