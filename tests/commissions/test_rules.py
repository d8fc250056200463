"""The permission matrix of the commission: roles (an officer not on the commission, a representative of the Mayor,
an NGO nominee, an excluded nominee, an expert, a person acting for an organization, anonymous) × a conflict with
the offer (yes / no) × the phase (declaration not signed / signed / opinion adopted), for every permission; the
refusal said by ``why_not`` is given exactly when the permission is refused."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from razem.commissions.models import Conflict, Member, Opinion
from razem.commissions.predicates import changed
from razem.core.permissions import why_not
from razem.grants.models import Offer
from tests.commissions.factories import admitted_offer, closed_call, seat, sign
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["staff", "mayor", "ngo", "excluded", "expert", "ngo_rep", "anonymous"]
PHASES = ["unsigned", "signed", "adopted"]
CALL_PERMS = ["appoint", "view_ranking", "prepare_opinion", "adopt_opinion", "act_as_member", "sign_declaration"]
OFFER_PERMS = ["view_offer", "score_offer", "view_scores"]
SEATS = {"mayor": Member.Role.MAYOR, "ngo": Member.Role.NGO, "excluded": Member.Role.NGO, "expert": Member.Role.EXPERT}


def expected(perm: str, role: str, conflict: bool, phase: str) -> bool:
    staff = role in ("staff", "mayor")
    member = role in SEATS
    sitting = member and role != "excluded"
    adopted = phase == "adopted"
    signed = phase != "unsigned"
    opens = sitting and signed and not conflict
    return {
        "appoint": staff and not adopted,
        "view_ranking": staff,
        "prepare_opinion": staff and not adopted,
        "adopt_opinion": staff and not adopted,
        "act_as_member": sitting,
        "sign_declaration": sitting and not signed and not adopted,
        "view_offer": opens,
        "score_offer": opens and not adopted,
        "view_scores": opens or (staff and not member),
    }[perm]


def _person(role: str, call):
    if role == "anonymous":
        return AnonymousUser()
    if role == "staff":
        return UserFactory(officer=True)
    if role == "ngo_rep":
        return MembershipFactory(representative=True).user
    member = seat(call, SEATS[role], excluded=role == "excluded")
    return member.user


@pytest.mark.parametrize(("role", "conflict", "phase"), list(itertools.product(ROLES, [False, True], PHASES)))
def test_the_permission_matrix(role, conflict, phase):
    call = closed_call()
    offer = admitted_offer(call)
    person = _person(role, call)
    member = Member.objects.filter(call=call, user_id=getattr(person, "pk", None)).first()
    if member is not None:
        if phase != "unsigned":
            sign(member, [offer])
        if conflict:
            Conflict.objects.create(member=member, offer=offer, reason="Zasiadam w zarządzie.")
    if phase == "adopted":
        Opinion.objects.create(call=call, sat_on=timezone.localdate(), adopted_at=timezone.now())
    changed()
    call = type(call).objects.get(pk=call.pk)
    offer = Offer.objects.select_related("call").get(pk=offer.pk)

    for perm in CALL_PERMS + OFFER_PERMS:
        obj = call if perm in CALL_PERMS else offer
        name = f"commissions.{perm}"
        allowed = person.has_perm(name, obj)
        assert allowed is expected(perm, role, conflict and member is not None, phase), (perm, role, conflict, phase)
        refusal = why_not(person, name, obj)
        assert (refusal is None) is allowed, (perm, refusal)
        if not allowed:
            assert refusal, (perm, role)


def test_the_refusals_say_why():
    call = closed_call()
    offer = admitted_offer(call)
    assert why_not(AnonymousUser(), "commissions.view_offer", offer) == in_polish("Sign in to continue.")
    assert why_not(UserFactory(), "commissions.view_offer", offer) == in_polish(
        "You are not a member of the competition commission of this call."
    )
    assert why_not(UserFactory(), "commissions.view_ranking", call) == in_polish("Only the city office can do this.")
    rejected = admitted_offer(call, status=Offer.Status.REJECTED)
    member = seat(call, signed=True)
    assert why_not(member.user, "commissions.view_offer", rejected) == in_polish(
        "The commission does not evaluate this offer: it has not been admitted after the formal check."
    )
