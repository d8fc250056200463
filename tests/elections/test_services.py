"""Election services: the calendar, announcement, nominations, consent, support, verification, the frozen
electorate, online and paper ballots, the count, ties, publication and turnout.

Messages are asserted in English (the ``english`` fixture), except the refusals of ``ballot_cast``, which are
asserted as a Polish voter reads them (``in_polish``: the Polish catalogue's text, or the source until translated).
"""

import datetime

import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from razem.core.models import LogEntry, Notification, OutboxEmail, PublicBenefitArea
from razem.elections import services
from razem.elections.models import Ballot, Candidacy, CandidateList, Election, Elector, Support
from razem.organizations.models import Membership, Organization
from tests.core.helpers import in_polish
from tests.factories import DAY, add_membership, calendar_for, make_organization

pytestmark = pytest.mark.usefixtures("english")


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def text(error: ValidationError) -> str:
    return " ".join(error.messages)


def election_data(phase: str = "nominations", **changes) -> dict:
    return {
        "title": "Wybory do KRDPP", "slug": "wybory-krdpp", "term_name": "VII kadencja", "seats": 8, "max_marks": 8,
        "support_needed": 3, **calendar_for(phase), **changes,
    }  # fmt: skip


def close_voting(election: Election) -> Election:
    """Move the end of the vote into the past: the election is now in its counting phase."""
    Election.objects.filter(pk=election.pk).update(voting_close=timezone.now() - datetime.timedelta(minutes=1))
    election.refresh_from_db()
    assert election.phase() == Election.Phase.COUNTING
    return election


def cast(election, organization, person, choices) -> str:
    return services.ballot_cast(actor=person, election=election, organization=organization, choices=choices)


def ids(*candidacies) -> list[int]:
    return [c.pk for c in candidacies]


# Preparing -------------------------------------------------------------------------------------------------------


def test_an_officer_prepares_an_election_in_draft(krdpp, officer, reference_data):
    areas = PublicBenefitArea.objects.filter(code__in=["1", "2"])

    election = services.election_save(actor=officer, body=krdpp, data=election_data(), areas=areas)

    assert election.status == Election.Status.DRAFT
    assert election.phase() == Election.Phase.DRAFT
    assert set(election.areas.all()) == set(areas)
    assert LogEntry.objects.filter(action="elections.election.created", object_id=str(election.pk)).exists()


CALENDAR_STEPS = [
    ("nominations_close", "nominations_open", "Nominations must close after they open."),
    ("support_close", "nominations_close", "Support cannot close before nominations close."),
    ("verification_close", "support_close", "Verification cannot end before support closes."),
    ("voting_open", "verification_close", "Voting cannot open before verification ends."),
    ("voting_close", "voting_open", "Voting must close after it opens."),
]


@pytest.mark.parametrize(("later", "earlier", "message"), CALENDAR_STEPS)
def test_each_step_of_the_calendar_must_follow_the_one_before(krdpp, officer, later, earlier, message):
    data = election_data()
    data[later] = data[earlier] - datetime.timedelta(hours=1)

    error = refusal(lambda: services.election_save(actor=officer, body=krdpp, data=data))

    assert message in error.message_dict[later]
    assert not Election.objects.exists()


@pytest.mark.parametrize("field", ["nominations_close", "voting_close"])
def test_nominations_and_voting_cannot_close_the_moment_they_open(krdpp, officer, field):
    data = election_data()
    data[field] = data["nominations_open" if field == "nominations_close" else "voting_open"]

    error = refusal(lambda: services.election_save(actor=officer, body=krdpp, data=data))

    assert field in error.message_dict


def test_steps_may_share_a_moment_where_the_rules_allow_it(krdpp, officer):
    data = election_data()
    data["support_close"] = data["nominations_close"]
    data["verification_close"] = data["support_close"]
    data["voting_open"] = data["verification_close"]

    election = services.election_save(actor=officer, body=krdpp, data=data)

    assert election.pk


def test_results_cannot_be_due_before_voting_closes(krdpp, officer):
    data = election_data()
    data["results_due"] = timezone.localtime(data["voting_close"]).date() - DAY

    error = refusal(lambda: services.election_save(actor=officer, body=krdpp, data=data))

    assert error.message_dict["results_due"] == ["Results cannot be due before voting closes."]


def test_an_election_can_be_changed_until_its_electorate_is_frozen(make_election, officer, ready):
    election = make_election("waiting")
    election = services.election_save(
        actor=officer, body=election.body, election=election, data={"description": "Zasady wyborów."}
    )
    assert Election.objects.get(pk=election.pk).description == "Zasady wyborów."
    ready(election)
    services.electorate_freeze(actor=officer, election=election)
    election.refresh_from_db()

    error = refusal(
        lambda: services.election_save(actor=officer, body=election.body, election=election, data={"seats": 3})
    )

    assert "The electorate is frozen" in text(error)
    assert Election.objects.get(pk=election.pk).seats == 8


def test_announcing_an_election_tells_the_eligible_organizations(
    make_election, officer, voters, django_capture_on_commit_callbacks
):
    election = make_election(
        "nominations", status=Election.Status.DRAFT, nominations_open=timezone.now() - datetime.timedelta(hours=1)
    )
    [(_organization, person)] = voters(1)

    with django_capture_on_commit_callbacks(execute=True):
        services.election_announce(actor=officer, election=election)

    election.refresh_from_db()
    assert election.status == Election.Status.ANNOUNCED
    assert election.phase() == Election.Phase.NOMINATIONS
    assert Notification.objects.filter(recipient=person, kind="elections/announced").exists()
    assert LogEntry.objects.filter(action="elections.election.announced").count() == 1
    assert "already been announced" in text(refusal(lambda: services.election_announce(actor=officer,
                                                                                       election=election)))  # fmt: skip


def test_an_election_whose_nominations_opened_days_ago_is_not_announced(make_election, officer):
    election = make_election("support", status=Election.Status.DRAFT)

    error = refusal(lambda: services.election_announce(actor=officer, election=election))

    assert "move the calendar first" in text(error)
    assert Election.objects.get(pk=election.pk).status == Election.Status.DRAFT


# Nominations -----------------------------------------------------------------------------------------------------


@pytest.fixture
def candidate(db):
    return make_person("kandydatka@example.org", full_name="Kamila Kandydatka")


def nominate(election, organization, actor, person, **fields):
    return services.candidacy_nominate(
        actor=actor, election=election, organization=organization, person=person,
        statement=fields.pop("statement", "Chcę działać w Radzie."), **fields,
    )  # fmt: skip


def test_an_eligible_organization_nominates_a_candidate_who_is_asked_for_consent(make_election, voters, candidate):
    election = make_election("nominations")
    [(organization, person)] = voters(1)

    candidacy = nominate(election, organization, person, candidate)

    assert candidacy.status == Candidacy.Status.AWAITING_CONSENT
    assert candidacy.nominated_by == person
    assert Notification.objects.filter(recipient=candidate, kind="elections/consent_requested").exists()
    entry = LogEntry.objects.get(action="elections.candidacy.nominated")
    assert entry.data == {"election": election.pk, "organization": organization.pk}


@pytest.mark.parametrize("phase", ["support", "verification", "voting"])
def test_nominations_are_refused_outside_their_window(make_election, voters, candidate, phase):
    election = make_election(phase)
    [(organization, person)] = voters(1)

    error = refusal(lambda: nominate(election, organization, person, candidate))

    assert error.code == "window"
    assert "Nominations are open from" in text(error)
    assert not Candidacy.objects.exists()


def test_a_plain_member_cannot_nominate_for_the_organization(make_election, voters, candidate):
    election = make_election("nominations")
    [(organization, _person)] = voters(1)
    member = make_person("czlonek@example.org")
    add_membership(organization, member, Membership.Role.MEMBER)

    error = refusal(lambda: nominate(election, organization, member, candidate))

    assert "You can act only for a verified organization you represent." in error.message_dict["organization"]
    assert not Candidacy.objects.exists()


def test_a_pending_organization_cannot_nominate(make_election, pending_org, org_representative, candidate):
    election = make_election("nominations")

    error = refusal(lambda: nominate(election, pending_org, org_representative, candidate))

    assert "organization" in error.message_dict
    assert not Candidacy.objects.exists()


def ineligible(reference_data, how: str) -> tuple:
    fields = {
        "wieliczka": {"city": "Wieliczka"},
        "late": {"created_at": timezone.now()},
        "areas": {"areas": PublicBenefitArea.objects.filter(code="2")},
    }[how]
    organization = make_organization(f"Stowarzyszenie {how}", krs=f"00007{len(how):05d}", **fields)
    person = make_person(f"rep.{how}@example.org")
    add_membership(organization, person, Membership.Role.REPRESENTATIVE)
    return organization, person


@pytest.mark.parametrize("how", ["wieliczka", "late", "areas"])
def test_an_organization_outside_the_rule_of_the_electorate_cannot_nominate(
    make_election, reference_data, candidate, how
):
    election = make_election("nominations", registered_before=timezone.localdate())
    election.areas.set(PublicBenefitArea.objects.filter(code="1"))
    organization, person = ineligible(reference_data, how)
    if how == "late":  # registered on the cut-off day: not before it
        assert timezone.localtime(organization.created_at).date() >= election.registered_before
    if how != "areas":
        organization.areas.set(PublicBenefitArea.objects.filter(code="1"))

    error = refusal(lambda: nominate(election, organization, person, candidate))

    # The refusal says why (elections.eligibility.ineligibility_reason): the first condition not met.
    [message] = error.message_dict["organization"]
    assert message.startswith(organization.name)
    if how == "wieliczka":
        assert "Wieliczka" in message and "Kraków" in message
    else:  # registered today, the cut-off day (the areas case fails there first too)
        assert "Razem" in message
    assert not Candidacy.objects.exists()


def test_an_organization_nominates_one_candidate(make_election, voters, candidate):
    election = make_election("nominations")
    [(organization, person)] = voters(1)
    nominate(election, organization, person, candidate)

    error = refusal(lambda: nominate(election, organization, person, person))

    assert "has already nominated a candidate in this election" in text(error)
    assert Candidacy.objects.count() == 1


def test_a_person_cannot_be_nominated_twice(make_election, voters, candidate):
    election = make_election("nominations")
    (first, first_rep), (second, second_rep) = voters(2)
    nominate(election, first, first_rep, candidate)

    error = refusal(lambda: nominate(election, second, second_rep, candidate))

    assert error.message_dict["person"] == ["This person is already a candidate in this election."]
    assert Candidacy.objects.count() == 1


def test_a_withdrawn_candidacy_frees_the_organization_and_the_person(make_election, voters, candidate):
    election = make_election("nominations")
    [(organization, person)] = voters(1)
    Candidacy.objects.filter(pk=nominate(election, organization, person, candidate).pk).update(status="withdrawn")

    again = nominate(election, organization, person, candidate)

    assert again.status == Candidacy.Status.AWAITING_CONSENT


def test_a_list_is_required_when_the_election_has_lists(make_election, voters, candidate):
    election = make_election("nominations")
    culture = CandidateList.objects.create(election=election, name="Kultura", max_marks=2)
    [(organization, person)] = voters(1)

    error = refusal(lambda: nominate(election, organization, person, candidate))
    assert error.message_dict["candidate_list"] == ["Choose the list of the candidacy."]

    other = CandidateList.objects.create(election=make_election("nominations"), name="Sport", max_marks=1)
    error = refusal(lambda: nominate(election, organization, person, candidate, candidate_list=other))
    assert error.message_dict["candidate_list"] == ["This list belongs to another election."]

    assert nominate(election, organization, person, candidate, candidate_list=culture).candidate_list == culture


# Consent ---------------------------------------------------------------------------------------------------------


def test_only_the_candidate_consents_and_only_with_the_declarations(make_election, voters, candidate):
    election = make_election("nominations")
    [(organization, person)] = voters(1)
    candidacy = nominate(election, organization, person, candidate)

    assert "Only the candidate" in text(
        refusal(lambda: services.candidacy_consent(actor=person, candidacy=candidacy, declarations=True))
    )
    error = refusal(lambda: services.candidacy_consent(actor=candidate, candidacy=candidacy, declarations=False))
    assert error.message_dict["declarations"] == ["Confirm the declarations to consent."]
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.AWAITING_CONSENT

    candidacy = services.candidacy_consent(actor=candidate, candidacy=candidacy, declarations=True)

    assert candidacy.status == Candidacy.Status.SUBMITTED
    assert candidacy.consent_at and candidacy.declarations_at
    assert "does not await consent" in text(
        refusal(lambda: services.candidacy_consent(actor=candidate, candidacy=candidacy, declarations=True))
    )


# Support ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def nominated(make_election, voters, candidate):
    """An election in its support phase with one submitted candidacy, and three other organizations."""
    election = make_election("support", max_supports_per_organization=2)
    [(organization, person)] = voters(1)
    candidacy = Candidacy.objects.create(
        election=election, organization=organization, person=candidate, nominated_by=person, statement="Program.",
        consent_at=timezone.now(), declarations_at=timezone.now(), status=Candidacy.Status.SUBMITTED,
    )  # fmt: skip
    return {"election": election, "candidacy": candidacy, "own": (organization, person), "others": voters(3)}


def support(candidacy, organization, person):
    return services.support_give(actor=person, candidacy=candidacy, organization=organization)


def test_another_organization_supports_a_candidate_once(nominated):
    candidacy = nominated["candidacy"]
    organization, person = nominated["others"][0]

    support(candidacy, organization, person)

    assert candidacy.supports.count() == 1
    assert "already supports this candidate" in text(refusal(lambda: support(candidacy, organization, person)))
    assert candidacy.supports.count() == 1


def test_an_organization_cannot_support_its_own_candidate(nominated):
    organization, person = nominated["own"]

    error = refusal(lambda: support(nominated["candidacy"], organization, person))

    assert "cannot support its own candidate" in text(error)
    assert not Support.objects.exists()


@pytest.mark.parametrize("phase", ["verification", "voting"])
def test_support_is_refused_after_its_window(make_election, nominated, phase):
    candidacy = nominated["candidacy"]
    Election.objects.filter(pk=candidacy.election_id).update(**calendar_for(phase))
    candidacy.election.refresh_from_db()
    organization, person = nominated["others"][0]

    error = refusal(lambda: support(candidacy, organization, person))

    assert error.code == "window"
    assert not Support.objects.exists()


def test_an_organization_supports_at_most_the_limit_of_candidates(nominated, voters):
    election = nominated["election"]
    organization, person = nominated["others"][0]
    more = []
    for other, other_person in voters(2):
        more.append(
            Candidacy.objects.create(
                election=election,
                organization=other,
                person=other_person,
                statement="Program.",
                status=Candidacy.Status.SUBMITTED,
            )  # fmt: skip
        )
    support(nominated["candidacy"], organization, person)
    support(more[0], organization, person)

    error = refusal(lambda: support(more[1], organization, person))

    assert "has already supported 2 candidates, the most allowed" in text(error)
    assert Support.objects.filter(organization=organization).count() == 2


# Verification ----------------------------------------------------------------------------------------------------


@pytest.fixture
def verifiable(make_election, voters, candidate):
    """An election in its verification phase with a consented candidacy supported by two organizations of three."""
    election = make_election("verification")
    [(organization, person)] = voters(1)
    candidacy = Candidacy.objects.create(
        election=election, organization=organization, person=candidate, nominated_by=person, statement="Program.",
        consent_at=timezone.now(), declarations_at=timezone.now(), status=Candidacy.Status.SUBMITTED,
    )  # fmt: skip
    for supporter, _p in voters(2):
        Support.objects.create(candidacy=candidacy, organization=supporter)
    return {"election": election, "candidacy": candidacy, "representative": person, "voters": voters}


def test_a_candidacy_without_enough_support_is_not_accepted(verifiable, officer):
    error = refusal(lambda: services.candidacy_verify(actor=officer, candidacy=verifiable["candidacy"], accept=True))

    assert "has the support of 2 organizations; 3 are needed" in text(error)
    assert Candidacy.objects.get(pk=verifiable["candidacy"].pk).status == Candidacy.Status.SUBMITTED


def test_a_candidacy_without_consent_is_not_accepted(verifiable, officer):
    Candidacy.objects.filter(pk=verifiable["candidacy"].pk).update(status=Candidacy.Status.AWAITING_CONSENT)

    error = refusal(lambda: services.candidacy_verify(actor=officer, candidacy=verifiable["candidacy"], accept=True))

    assert "Only a candidacy with the candidate's consent can be accepted." in text(error)


def test_an_accepted_candidacy_is_told_to_the_candidate_and_the_organization(verifiable, officer, candidate):
    [(supporter, _p)] = verifiable["voters"](1)
    Support.objects.create(candidacy=verifiable["candidacy"], organization=supporter)

    candidacy = services.candidacy_verify(actor=officer, candidacy=verifiable["candidacy"], accept=True)

    assert candidacy.status == Candidacy.Status.ACCEPTED
    assert candidacy.verified_by == officer
    told = set(Notification.objects.filter(kind="elections/candidacy_verified").values_list("recipient", flat=True))
    assert told == {candidate.pk, verifiable["representative"].pk}
    assert LogEntry.objects.filter(action="elections.candidacy.accepted").count() == 1


def test_a_rejection_needs_a_reason_which_the_organization_reads(verifiable, officer, candidate):
    candidacy = verifiable["candidacy"]

    error = refusal(lambda: services.candidacy_verify(actor=officer, candidacy=candidacy, accept=False, reason=" "))
    assert "reason" in error.message_dict
    assert not Notification.objects.exists()

    candidacy = services.candidacy_verify(
        actor=officer, candidacy=candidacy, accept=False, reason="Kandydatka nie jest członkinią organizacji."
    )

    assert candidacy.status == Candidacy.Status.REJECTED
    notice = Notification.objects.get(recipient=verifiable["representative"], kind="elections/candidacy_verified")
    assert "Kandydatka nie jest członkinią organizacji." in notice.body
    assert Notification.objects.filter(recipient=candidate).exists()
    assert LogEntry.objects.get(action="elections.candidacy.rejected").data == {
        "reason": "Kandydatka nie jest członkinią organizacji."
    }


def test_candidacies_are_not_verified_during_nominations(make_election, voters, officer, candidate):
    election = make_election("nominations", support_needed=0)
    [(organization, person)] = voters(1)
    candidacy = Candidacy.objects.create(
        election=election, organization=organization, person=candidate, statement="P.", status="submitted"
    )

    error = refusal(lambda: services.candidacy_verify(actor=officer, candidacy=candidacy, accept=True))

    assert "after nominations close" in text(error)


# The electorate --------------------------------------------------------------------------------------------------


def test_freezing_stores_the_eligible_organizations_and_numbers_the_ballot(make_election, ready, officer, voters):
    election = make_election("waiting")
    candidacies = ready(election, candidates=3)
    voters(4)
    outside = make_organization("Fundacja z Wieliczki", krs="0000777001", city="Wieliczka")
    pending = make_organization("Fundacja w Trakcie", krs="0000777002", status=Organization.Status.PENDING)
    eligible = set(services.eligible_organizations(election).values_list("pk", flat=True))

    size = services.electorate_freeze(actor=officer, election=election)

    election.refresh_from_db()
    assert size == election.electorate_size == len(eligible) == 3 + 3 + 4  # supporters, candidates, voters
    assert set(Elector.objects.filter(election=election).values_list("organization", flat=True)) == eligible
    assert outside.pk not in eligible and pending.pk not in eligible
    assert election.electorate_frozen_at is not None
    by_name = sorted(candidacies, key=lambda c: c.person.full_name)
    assert [Candidacy.objects.get(pk=c.pk).ballot_number for c in by_name] == [1, 2, 3]
    assert LogEntry.objects.get(action="elections.electorate.frozen").data == {"size": size}

    assert "already frozen" in text(refusal(lambda: services.electorate_freeze(actor=officer, election=election)))
    assert Elector.objects.filter(election=election).count() == size


def test_an_organization_verified_after_the_freeze_is_not_in_the_electorate(make_election, ready, officer):
    election = make_election("waiting")
    candidacies = ready(election)
    services.electorate_freeze(actor=officer, election=election)
    latecomer = make_organization("Stowarzyszenie Spóźnione", krs="0000777003", status=Organization.Status.PENDING)
    person = make_person("spozniona@example.org")
    add_membership(latecomer, person, Membership.Role.REPRESENTATIVE)
    Organization.objects.filter(pk=latecomer.pk).update(status=Organization.Status.VERIFIED)
    latecomer.refresh_from_db()
    Election.objects.filter(pk=election.pk).update(**calendar_for("voting"))
    election.refresh_from_db()

    assert not Elector.objects.filter(election=election, organization=latecomer).exists()
    error = refusal(lambda: cast(election, latecomer, person, ids(candidacies[0])))
    assert error.code == "not_eligible"
    assert not Ballot.objects.exists()


def test_the_electorate_is_not_frozen_without_an_accepted_candidate(make_election, officer, voters):
    election = make_election("waiting")
    voters(2)

    assert "no accepted candidate" in text(refusal(lambda: services.electorate_freeze(actor=officer,
                                                                                      election=election)))  # fmt: skip
    assert not Elector.objects.exists()


def test_the_electorate_is_not_frozen_during_nominations(make_election, officer):
    election = make_election("support")

    assert "when verification ends" in text(refusal(lambda: services.electorate_freeze(actor=officer,
                                                                                       election=election)))  # fmt: skip


# Casting a ballot ------------------------------------------------------------------------------------------------


@pytest.fixture
def vote(make_election, ready, voters):
    """An election in its voting phase (frozen, 3 candidates, 2 marks at most) and two voting organizations."""
    election = make_election("voting", max_marks=2, seats=2)
    voting = voters(2)  # before the electorate is frozen by ``ready``
    candidacies = ready(election, candidates=3)
    return {"election": election, "candidacies": candidacies, "voters": voting}


@pytest.mark.uncommitted  # looks at the outbox before the worker sends
def test_a_representative_casts_the_organizations_ballot_and_receives_a_tracker(vote):
    election, candidacies = vote["election"], vote["candidacies"]
    organization, person = vote["voters"][0]

    tracker = cast(election, organization, person, ids(candidacies[1], candidacies[0]))

    ballot = Ballot.objects.get()
    assert ballot.choices == sorted(ids(candidacies[0], candidacies[1]))
    assert ballot.is_valid
    from razem.elections.models import tracker_hash

    assert ballot.tracker_sha256 == tracker_hash(tracker) == tracker_hash(tracker.lower().replace("-", " "))
    elector = Elector.objects.get(election=election, organization=organization)
    assert elector.voted_at is not None and elector.channel == Elector.Channel.ONLINE
    email = OutboxEmail.objects.get(kind="elections/tracker")
    assert email.to == person.email and tracker in email.body_text


def snapshot(election) -> tuple:
    return (
        sorted(Ballot.objects.values_list("id", flat=True)),
        sorted(Elector.objects.filter(election=election).values_list("organization", "voted_at", "channel")),
        OutboxEmail.objects.filter(kind="elections/tracker").count(),
        LogEntry.objects.filter(action__startswith="elections.ballot").count(),
    )


def refused_in_polish(election, organization, person, choices) -> ValidationError:
    before = snapshot(election)
    with translation.override("pl"):
        error = refusal(lambda: cast(election, organization, person, choices))
    assert snapshot(election) == before, "a refused ballot saved something"
    return error


def test_a_ballot_with_too_many_marks_is_refused(vote):
    organization, person = vote["voters"][0]

    error = refused_in_polish(vote["election"], organization, person, ids(*vote["candidacies"]))

    assert error.error_dict["choices"][0].code == "too_many"
    assert text(error) == in_polish("You marked %(n)s candidates; a ballot may mark at most %(max)s.") % {
        "n": 3, "max": 2,
    }  # fmt: skip


def test_an_empty_ballot_is_refused(vote):
    organization, person = vote["voters"][0]

    error = refused_in_polish(vote["election"], organization, person, [])

    assert text(error) == in_polish("Mark at least one candidate.")


@pytest.mark.parametrize("who", ["rejected", "other_election", "nonsense"])
def test_a_ballot_marking_someone_not_on_it_is_refused(vote, make_election, ready, officer, who):
    election = vote["election"]
    organization, person = vote["voters"][0]
    if who == "rejected":
        [outsider] = ready(make_election("verification"), candidates=1)
        Candidacy.objects.filter(pk=outsider.pk).update(election=election, status=Candidacy.Status.REJECTED)
        marked = [outsider.pk]
    elif who == "other_election":
        marked = [ready(make_election("voting"), candidates=1)[0].pk]
    else:
        marked = ["jeden"]

    error = refused_in_polish(election, organization, person, [vote["candidacies"][0].pk, *marked])

    expected = "The ballot holds something that is not a candidate." if who == "nonsense" else (
        "The ballot marks someone who is not a candidate on it.")  # fmt: skip
    assert text(error) == in_polish(expected)


def test_a_ballot_over_a_lists_limit_is_refused(make_election, ready, voters):
    election = make_election("voting", max_marks=3)
    culture = CandidateList.objects.create(election=election, name="Kultura", max_marks=1)
    candidacies = ready(election, candidates=3)
    Candidacy.objects.filter(pk__in=ids(*candidacies[:2])).update(candidate_list=culture)
    [(organization, person)] = voters(1)
    Elector.objects.create(election=election, organization=organization)

    error = refused_in_polish(election, organization, person, ids(*candidacies[:2]))

    assert error.error_dict["choices"][0].code == "list_limit"
    assert text(error) == in_polish("On the list %(list)s a ballot may mark at most %(max)s candidates.") % {
        "list": "Kultura", "max": 1,
    }  # fmt: skip
    cast(election, organization, person, ids(candidacies[0], candidacies[2]))  # one from the list is fine


@pytest.mark.parametrize("phase", ["waiting", "counting"])
def test_a_ballot_outside_the_vote_is_refused(make_election, ready, voters, phase):
    election = make_election("voting")
    candidacies = ready(election)
    [(organization, person)] = voters(1)
    Elector.objects.create(election=election, organization=organization)
    Election.objects.filter(pk=election.pk).update(**calendar_for(phase))
    election.refresh_from_db()

    error = refused_in_polish(election, organization, person, ids(candidacies[0]))

    assert error.code == "window"
    assert text(error).startswith(in_polish("Voting is open from %(start)s to %(end)s.").split("%")[0])


def test_a_ballot_before_the_office_opens_the_vote_is_refused(make_election, ready):
    election = make_election("voting")
    candidacies = ready(election)
    organization = candidacies[0].organization
    Election.objects.filter(pk=election.pk).update(electorate_frozen_at=None)
    election.refresh_from_db()

    error = refused_in_polish(election, organization, candidacies[0].person, ids(candidacies[0]))

    assert error.code == "not_frozen"
    assert text(error) == in_polish("Voting has not been opened by the office yet.")


def test_a_plain_member_cannot_cast_the_organizations_ballot(vote):
    organization, _representative = vote["voters"][0]
    member = make_person("zwykly.czlonek@example.org")
    add_membership(organization, member, Membership.Role.MEMBER)

    error = refused_in_polish(vote["election"], organization, member, ids(vote["candidacies"][0]))

    assert text(error) == in_polish("You can act only for a verified organization you represent.")


def test_an_organization_outside_the_electorate_cannot_vote(vote, reference_data):
    organization, person = ineligible(reference_data, "wieliczka")

    error = refused_in_polish(vote["election"], organization, person, ids(vote["candidacies"][0]))

    assert error.code == "not_eligible"
    assert text(error) == in_polish("%(org)s is not in the electorate of this election.") % {"org": organization.name}


def test_a_pending_organization_cannot_vote(vote, pending_org, org_representative):
    error = refused_in_polish(vote["election"], pending_org, org_representative, ids(vote["candidacies"][0]))

    assert "organization" in error.message_dict


def test_a_second_representative_cannot_vote_again_for_the_organization(vote):
    election, candidacies = vote["election"], vote["candidacies"]
    organization, person = vote["voters"][0]
    second = make_person("druga.reprezentantka@example.org")
    add_membership(organization, second, Membership.Role.REPRESENTATIVE)
    cast(election, organization, person, ids(candidacies[0]))

    error = refused_in_polish(election, organization, second, ids(candidacies[1]))

    assert error.code == "already_voted"
    with translation.override("pl"):
        how = Elector.Channel.ONLINE.label.lower()
    assert text(error) == in_polish("%(org)s has already voted (%(how)s); an organization casts one ballot.") % {
        "org": organization.name, "how": how,
    }  # fmt: skip
    assert Ballot.objects.get().choices == ids(candidacies[0])


# Paper ballots ---------------------------------------------------------------------------------------------------


def paper(election, organization, officer, choices) -> bool:
    return services.paper_ballot_record(actor=officer, election=election, organization=organization, choices=choices)


def test_an_officer_records_a_valid_paper_ballot(vote, officer):
    organization, _p = vote["voters"][0]

    assert paper(vote["election"], organization, officer, ids(vote["candidacies"][2])) is True

    ballot = Ballot.objects.get()
    assert ballot.choices == ids(vote["candidacies"][2]) and ballot.is_valid
    assert ballot.tracker_sha256 and len(ballot.tracker_sha256) == 64  # a decoy: the row does not say "paper"
    elector = Elector.objects.get(election=vote["election"], organization=organization)
    assert elector.channel == Elector.Channel.PAPER and elector.recorded_by == officer
    assert LogEntry.objects.get(action="elections.ballot.paper_recorded").data["channel"] == "paper"


def test_a_paper_ballot_with_too_many_marks_is_recorded_as_invalid_without_choices(vote, officer):
    organization, _p = vote["voters"][0]

    assert paper(vote["election"], organization, officer, ids(*vote["candidacies"])) is False

    ballot = Ballot.objects.get()
    assert ballot.is_valid is False and ballot.choices == []
    assert Elector.objects.get(election=vote["election"], organization=organization).voted_at is not None


def test_a_paper_ballot_marking_someone_not_on_it_is_refused(vote, officer, make_election, ready):
    organization, _p = vote["voters"][0]
    stranger = ready(make_election("voting"), candidates=1)[0]

    error = refusal(lambda: paper(vote["election"], organization, officer, [stranger.pk]))

    assert "not a candidate" in text(error)
    assert not Ballot.objects.exists()


def test_paper_after_online_and_online_after_paper_are_refused(vote, officer):
    election, candidacies = vote["election"], vote["candidacies"]
    (online_org, online_person), (paper_org, paper_person) = vote["voters"]
    cast(election, online_org, online_person, ids(candidacies[0]))
    paper(election, paper_org, officer, ids(candidacies[1]))

    error = refusal(lambda: paper(election, online_org, officer, ids(candidacies[1])))
    assert "has already voted (online)" in text(error)
    error = refusal(lambda: cast(election, paper_org, paper_person, ids(candidacies[0])))
    assert error.code == "already_voted"
    assert "has already voted (paper ballot)" in text(error)
    assert Ballot.objects.count() == 2


def test_paper_ballots_can_be_recorded_after_voting_closes_until_the_count(vote, officer):
    election = close_voting(vote["election"])
    organization, _p = vote["voters"][0]
    paper(election, organization, officer, ids(vote["candidacies"][0]))
    services.election_count(actor=officer, election=election)
    election.refresh_from_db()
    late, _p = vote["voters"][1]

    assert "until the count" in text(refusal(lambda: paper(election, late, officer, ids(vote["candidacies"][0]))))


# Counting --------------------------------------------------------------------------------------------------------


@pytest.fixture
def counted(make_election, ready, voters, officer):
    """Five organizations vote for 3 candidates (2 seats): A 4, B 2, C 1, one invalid paper ballot; counted."""
    election = make_election("voting", seats=2, max_marks=2)
    people = voters(6)
    a, b, c = ready(election, candidates=3)
    for (organization, person), marks in zip(people[:5], [[a, b], [a, b], [a, c], [a]], strict=False):
        cast(election, organization, person, ids(*marks))
    paper(election, people[4][0], officer, ids(a, b, c))  # too many marks: invalid
    election = close_voting(election)
    services.election_count(actor=officer, election=election)
    election.refresh_from_db()
    return {"election": election, "a": a, "b": b, "c": c}


def test_the_count_gives_votes_per_candidate_and_the_seats_to_the_most_votes(counted):
    election = counted["election"]
    results = {c.pk: (c.votes, c.elected, c.tied) for c in Candidacy.objects.filter(election=election)}

    assert results == {
        counted["a"].pk: (4, True, False),
        counted["b"].pk: (2, True, False),
        counted["c"].pk: (1, False, False),
    }
    assert (election.ballots_cast, election.invalid_ballots) == (5, 1)
    assert election.closed_at is not None
    assert LogEntry.objects.get(action="elections.election.counted").data == {
        "ballots": 5, "invalid": 1, "tied": 0, "few_paper_confirmed": False
    }  # fmt: skip


def test_votes_are_counted_only_after_voting_closes_and_only_once(vote, officer, counted):
    open_vote = vote["election"]
    assert "after voting closes" in text(refusal(lambda: services.election_count(actor=officer, election=open_vote)))
    election = counted["election"]
    assert "already been counted" in text(refusal(lambda: services.election_count(actor=officer,
                                                                                  election=election)))  # fmt: skip


def test_turnout_counts_who_voted_and_how(counted):
    election = counted["election"]

    turnout = services.turnout_counts(election)

    assert turnout == {"electorate": election.electorate_size, "voted": 5, "online": 4, "paper": 1}
    assert election.electorate_size == 3 + 3 + 6
    assert election.turnout == pytest.approx(5 / 12)


@pytest.fixture
def tied(make_election, ready, voters, officer):
    """Three candidates for two seats: A 2 votes, B 1, C 1: B and C tie at the last seat."""
    election = make_election("voting", seats=2, max_marks=2)
    people = voters(2)
    a, b, c = ready(election, candidates=3)
    for (organization, person), marks in zip(people, [[a, b], [a, c]], strict=True):
        cast(election, organization, person, ids(*marks))
    election = close_voting(election)
    services.election_count(actor=officer, election=election)
    election.refresh_from_db()
    return {"election": election, "a": a, "b": b, "c": c}


def test_a_tie_at_the_last_seat_is_flagged_and_waits_for_the_lot(tied, officer):
    election = tied["election"]
    state = {c.pk: (c.votes, c.elected, c.tied) for c in Candidacy.objects.filter(election=election)}

    assert state == {tied["a"].pk: (2, True, False), tied["b"].pk: (1, None, True), tied["c"].pk: (1, None, True)}
    error = refusal(lambda: services.results_publish(actor=officer, election=election))
    assert "waits for the decision by lot" in text(error)
    assert Election.objects.get(pk=election.pk).results_published_at is None


def test_the_decision_by_lot_names_as_many_winners_as_seats_left_and_is_described(tied, officer):
    election, b, c = tied["election"], tied["b"], tied["c"]

    for winners in ([b.pk, c.pk], [], [tied["a"].pk]):
        error = refusal(lambda w=winners: services.tie_decide(actor=officer, election=election, winners=w, note="x"))
        assert error.message_dict["winners"] == ["Choose 1 of the tied candidates."]
    error = refusal(lambda: services.tie_decide(actor=officer, election=election, winners=[c.pk], note=" "))
    assert "note" in error.message_dict
    assert Candidacy.objects.get(pk=c.pk).elected is None

    services.tie_decide(actor=officer, election=election, winners=[c.pk], note="Losowanie przy świadkach.")

    assert Candidacy.objects.get(pk=c.pk).elected is True
    assert Candidacy.objects.get(pk=b.pk).elected is False
    election = services.results_publish(actor=officer, election=election)
    assert election.results_published_at is not None
    assert election.phase() == Election.Phase.RESULTS
    assert "already published" in text(refusal(lambda: services.results_publish(actor=officer, election=election)))


def test_results_are_published_only_after_the_count(vote, officer):
    election = vote["election"]
    assert "Count the votes first." in text(refusal(lambda: services.results_publish(actor=officer, election=election)))


def test_seat_allocation_elects_everyone_tied_when_the_seats_suffice():
    assert services.seat_allocation({1: 5, 2: 3, 3: 3}, [1, 2, 3], 3) == ({1, 2, 3}, set())
    assert services.seat_allocation({1: 5, 2: 3, 3: 3, 4: 1}, [1, 2, 3, 4], 2) == ({1}, {2, 3})
    assert services.seat_allocation({}, [1, 2], 1) == (set(), {1, 2})
    assert services.seat_allocation({1: 2}, [1], 3) == ({1}, set())
