"""The demo dialogue bodies and recommendations, as a visitor sees them."""

from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from razem.bodies import selectors
from razem.bodies.models import Act, Body, BodyMembership, MembershipApplication, OpinionRequest
from razem.bodies.services import validate_membership
from razem.core.demo import load_demo
from razem.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_krdpp_has_16_members_in_its_current_term_8_from_organizations_4_from_the_council_4_of_the_mayor(demo):
    krdpp = Body.objects.get(slug="krdpp")
    members = selectors.current_members(body=krdpp)

    assert krdpp.seats == 16 and krdpp.joining == Body.Joining.APPOINTED
    assert krdpp.legal_basis.startswith("Uchwała nr XLI/731/16 Rady Miasta Krakowa z 13 kwietnia 2016 r.")
    assert len(members) == 16
    assert Counter(m.appointment for m in members) == {"elected": 8, "council": 4, "mayor": 4}
    assert {m.institution for m in members if m.appointment == "council"} == {"Rada Miasta Krakowa"}
    assert {m.institution for m in members if m.appointment == "mayor"} == {"Urząd Miasta Krakowa"}
    assert all(m.organization_id for m in members if m.appointment == "elected")
    assert {"chair", "vice_chair", "secretary"} <= {m.position for m in members}
    assert {m.term.name for m in members} == {krdpp.terms.get(number=6).name}
    assert selectors.quorum(body=krdpp).required == 9


def test_krdpp_shows_the_previous_terms_members_with_end_dates_and_reasons(demo):
    krdpp = Body.objects.get(slug="krdpp")
    history = selectors.member_history(body=krdpp)

    assert history[0].term.number == 5
    assert len(history[0].members) == 16
    assert {m.end_reason for m in history[0].members} == {"koniec kadencji"}
    assert {m.end_date for m in history[0].members} == {history[0].term.ends_on}
    again = {m.person_id for m in history[0].members} & {m.person_id for m in selectors.current_members(body=krdpp)}
    assert again  # some members were re-elected


def test_the_forum_has_12_representatives_of_12_organizations_each_with_a_deputy(demo):
    forum = Body.objects.get(slug="forum-lokalowe")
    members = selectors.current_members(body=forum)
    principals = [m for m in members if m.position != "deputy"]
    deputies = [m for m in members if m.position == "deputy"]

    assert forum.joining == Body.Joining.APPLICATION and forum.seats == 12
    assert len(principals) == 12
    assert len({m.organization_id for m in principals}) == 12
    assert sorted(d.deputy_of_id for d in deputies) == sorted(m.pk for m in principals)
    assert all(d.organization_id == d.deputy_of.organization_id for d in deputies)
    assert any(m.person.email == "przedstawiciel@razem.demo" for m in principals)


def test_every_demo_seat_keeps_the_services_rules(demo):
    for membership in BodyMembership.objects.select_related("body", "term", "person", "deputy_of"):
        validate_membership(membership)


def test_the_commissions_are_open_with_3_to_8_member_organizations_and_one_is_transparent(demo):
    commissions = Body.objects.filter(kind=Body.Kind.COMMISSION)

    assert commissions.count() == 5
    assert {c.joining for c in commissions} == {Body.Joining.OPEN}
    assert commissions.filter(visibility=Body.Visibility.TRANSPARENT).exists()
    for commission in commissions:
        organizations = BodyMembership.objects.current().filter(body=commission).values("organization").distinct()
        assert 3 <= organizations.count() <= 8, commission


def test_applications_await_a_decision_and_one_was_declined_with_a_reason(demo):
    pending = MembershipApplication.objects.filter(status="pending")

    assert pending.get(body__slug="forum-lokalowe").organization.name == "Fundacja Pod Wawelem"
    assert pending.get(body__kind=Body.Kind.COMMISSION)
    assert MembershipApplication.objects.get(status="declined").reason


def test_krdpp_acts_are_numbered_in_the_term_and_an_opinion_is_due_in_a_few_days(demo):
    from razem.core.deadlines import days_of

    acts = Act.objects.filter(body__slug="krdpp")

    assert acts.count() == 12
    for kind in ("resolution", "opinion"):
        numbers = sorted(acts.filter(kind=kind).values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
    assert all(a.votes_for is not None for a in acts)
    due = selectors.requests_due_soon(within_days=days_of("opinion_warning_days"))
    assert [r.subject for r in due] == [
        f"Projekt Programu współpracy Gminy Miejskiej Kraków z organizacjami pozarządowymi na rok "
        f"{timezone.localdate().year + 1}"
    ]
    assert 0 <= due[0].days_left() <= 7
    answered = OpinionRequest.objects.get(status="answered")
    assert answered.acts.get().kind == "opinion"


def test_recommendations_are_at_every_status_and_the_premises_set_rolls_up_its_childrens_progress(demo):
    statuses = set(Recommendation.objects.values_list("status", flat=True))
    premises = Recommendation.objects.get(parent__isnull=True, policy_area="premises")
    children = list(premises.children.exclude(status="rejected"))

    assert statuses == set(Recommendation.Status.values)
    assert premises.body.slug == "forum-lokalowe"
    assert {c.status for c in children} >= {"submitted", "analysis", "accepted", "implementing", "implemented"}
    assert premises.progress == round(sum(c.progress for c in children) / len(children))
    assert premises.children.get(status="implementing").progress == 60
    dates = list(premises.timeline.values_list("date", flat=True))
    assert dates == sorted(dates) and {d.year for d in dates} == {2025, 2026}
    assert premises.followers.filter(person__email="mieszkanka@razem.demo").exists()
    social = Recommendation.objects.filter(body__slug="kdo-ekonomii-spolecznej")
    assert {r.status for r in social} >= {"partly_accepted", "rejected"}
    assert all(r.response for r in social)
    assert AnonymousUser().has_perm("recommendations.view_recommendation", premises)


def test_loading_the_demo_again_adds_no_bodies_data(demo):
    before = (BodyMembership.objects.count(), Act.objects.count(), Recommendation.objects.count(),
              MembershipApplication.objects.count())  # fmt: skip
    load_demo()

    assert (BodyMembership.objects.count(), Act.objects.count(), Recommendation.objects.count(),
            MembershipApplication.objects.count()) == before  # fmt: skip
