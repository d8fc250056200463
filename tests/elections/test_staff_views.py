"""The office's pages for elections under /panel/wybory/: who may open them (city staff only), the election form
and its calendar, announcing, verifying candidacies, opening the vote (freezing the electorate), who voted (never
how), paper ballots, the count, the decision by lot, publication and seating the elected in the body's new term."""

import datetime
import re

import pytest
from django.utils import timezone

from razem.bodies.models import BodyMembership, Term
from razem.elections import services
from razem.elections.models import Ballot, Candidacy, CandidateList, Election, Elector, Support
from razem.organizations.models import Membership
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of
from tests.factories import calendar_for

BASE = "/panel/wybory/"


def url(election: Election, tail: str = "") -> str:
    return f"{BASE}{election.slug}/{tail}"


def local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def running(make_election, ready):
    """An election in its voting phase with three accepted candidates and a frozen electorate."""
    election = make_election("voting")
    candidates = ready(election)
    return election, candidates


@pytest.fixture
def staff_urls(running) -> dict[str, str]:
    election, candidates = running
    return {
        "list": BASE,
        "create": BASE + "nowe/",
        "edit": url(election),
        "lists": url(election, "listy/"),
        "candidacies": url(election, "kandydatury/"),
        "candidacy_verify": url(election, f"kandydatury/{candidates[0].pk}/"),
        "freeze": url(election, "otwarcie-glosowania/"),
        "voters": url(election, "glosujacy/"),
        "paper": url(election, "karty-papierowe/"),
        "tie": url(election, "losowanie/"),
        "elected": url(election, "wybrani/"),
        "announce": url(election, "ogloszenie/"),
        "count": url(election, "liczenie/"),
        "publish": url(election, "publikacja/"),
    }


GET_PAGES = [
    "list", "create", "edit", "lists", "candidacies", "candidacy_verify", "freeze", "voters", "paper", "count", "tie",
    "elected",
]  # fmt: skip
POST_ONLY = ["announce", "publish"]


# Who may open the pages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", GET_PAGES + POST_ONLY)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, staff_urls, page):
    response = client.post(staff_urls[page]) if page in POST_ONLY else client.get(staff_urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logowanie/?next=")


@pytest.mark.parametrize("page", GET_PAGES + POST_ONLY)
def test_a_resident_is_refused(resident_client, staff_urls, page):
    response = resident_client.post(staff_urls[page]) if page in POST_ONLY else resident_client.get(staff_urls[page])

    assert response.status_code == 403


@pytest.mark.parametrize("page", GET_PAGES + POST_ONLY)
def test_a_representative_of_an_organization_is_refused(client, staff_urls, verified_org, org_representative, page):
    client.force_login(org_representative)

    response = client.post(staff_urls[page]) if page in POST_ONLY else client.get(staff_urls[page])

    assert response.status_code == 403
    assert not Election.objects.filter(results_published_at__isnull=False).exists()


@pytest.mark.parametrize("role", ["officer", "administrator"])
@pytest.mark.parametrize("page", GET_PAGES)
def test_city_staff_open_every_page(client, personas, staff_urls, page, role):
    client.force_login(personas[role])

    response = client.get(staff_urls[page])

    assert response.status_code == 200
    assert len(re.findall(r"<h1[ >]", response.content.decode())) == 1


@pytest.mark.parametrize("page", POST_ONLY)
def test_the_buttons_answer_only_a_post(officer_client, staff_urls, page):
    assert officer_client.get(staff_urls[page]).status_code == 405


def test_the_panel_has_an_elections_tab(officer_client, running):
    response = officer_client.get(BASE)

    assert pl("Elections") in text_of(response)
    assert running[0].title in text_of(response)
    assert pl("New election") in text_of(response)


# The election form ------------------------------------------------------------------------------------------------


def form_data(krdpp, **overrides) -> dict:
    dates = calendar_for("nominations")
    dates["nominations_open"] += datetime.timedelta(days=2)
    data = {
        "body": krdpp.pk, "title": "Wybory do KRDPP 2028", "slug": "wybory-krdpp-2028", "term_name": "VII kadencja",
        "description": "", "seats": 8, "max_marks": 8, "support_needed": 3, "max_supports_per_organization": "",
        "seat_city": "Kraków", "registered_before": "", "results_due": dates["results_due"].isoformat(),
        "debate": "", "previous": "",
    }  # fmt: skip
    for name in ("nominations_open", "nominations_close", "support_close", "verification_close", "voting_open",
                 "voting_close"):  # fmt: skip
        data[name] = local(dates[name])
    data.update(overrides)
    return data


def test_an_officer_creates_a_draft_election(officer_client, krdpp, reference_data):
    response = officer_client.post(BASE + "nowe/", form_data(krdpp))

    election = Election.objects.get(slug="wybory-krdpp-2028")
    assert response.status_code == 302
    assert response["Location"] == url(election)
    assert election.status == Election.Status.DRAFT
    assert election.body == krdpp


def test_a_calendar_out_of_order_is_refused_next_to_the_fields(officer_client, krdpp, reference_data):
    dates = calendar_for("nominations")
    data = form_data(
        krdpp,
        voting_close=local(dates["voting_open"] - datetime.timedelta(days=1)),
        support_close=local(dates["nominations_close"] - datetime.timedelta(days=1)),
    )

    response = officer_client.post(BASE + "nowe/", data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["voting_close"] == [pl("Voting must close after it opens.")]
    assert form.errors["support_close"] == [pl("Support cannot close before nominations close.")]
    assert 'id="id_voting_close_error"' in response.content.decode()
    assert 'id="id_support_close_error"' in response.content.decode()
    assert form["title"].value() == "Wybory do KRDPP 2028"
    assert not Election.objects.exists()


def test_a_frozen_election_can_no_longer_be_edited(officer_client, running, krdpp):
    election, _candidates = running

    response = officer_client.post(url(election), form_data(krdpp, title="Nowy tytuł", slug=election.slug))

    assert response.status_code == 200
    assert pl("The electorate is frozen: the election can no longer be changed.") in text_of(response)
    election.refresh_from_db()
    assert election.title != "Nowy tytuł"


def test_an_officer_announces_a_draft(officer_client, make_election):
    election = make_election(
        "nominations", status=Election.Status.DRAFT, nominations_open=timezone.now() + datetime.timedelta(hours=1)
    )

    response = officer_client.post(url(election, "ogloszenie/"), follow=True)

    election.refresh_from_db()
    assert election.status == Election.Status.ANNOUNCED
    assert pl("Announced: the election is public and the organizations are being told.") in messages_of(response)

    again = officer_client.post(url(election, "ogloszenie/"), follow=True)
    assert pl("This election has already been announced.") in messages_of(again)


# Lists ------------------------------------------------------------------------------------------------------------


def test_an_officer_adds_a_list_until_voting_opens(officer_client, make_election, running):
    election = make_election("nominations")

    response = officer_client.post(url(election, "listy/"), {"name": "Pomoc społeczna", "max_marks": 3, "position": 1})

    assert response.status_code == 302
    assert CandidateList.objects.get(election=election).max_marks == 3
    too_many = officer_client.post(url(election, "listy/"), {"name": "Kultura", "max_marks": 99, "position": 2})
    assert "max_marks" in too_many.context["form"].errors

    frozen, _candidates = running
    refused = officer_client.post(url(frozen, "listy/"), {"name": "Kultura", "max_marks": 2, "position": 0})
    assert refused.status_code == 200
    assert not CandidateList.objects.filter(election=frozen).exists()


# Candidacies ------------------------------------------------------------------------------------------------------


@pytest.fixture
def verification(make_election, voters):
    """An election in verification with one candidacy ready to accept, one without consent, one without support."""
    election = make_election("verification")
    supporters = [o for o, _p in voters(3)]
    made = {}
    for key, (organization, person) in zip(["ready", "no_consent", "no_support"], voters(3), strict=True):
        consented = key != "no_consent"
        candidacy = Candidacy.objects.create(
            election=election, organization=organization, person=person, statement="Program.",
            consent_at=timezone.now() if consented else None,
            status=Candidacy.Status.SUBMITTED if consented else Candidacy.Status.AWAITING_CONSENT,
        )  # fmt: skip
        for supporter in supporters if key != "no_support" else supporters[:1]:
            Support.objects.create(candidacy=candidacy, organization=supporter)
        made[key] = candidacy
    return election, made


def test_the_candidacies_page_shows_status_consent_and_support(officer_client, verification):
    election, made = verification

    response = officer_client.get(url(election, "kandydatury/"))

    page = text_of(response)
    for candidacy in made.values():
        assert candidacy.person.full_name in page
    assert pl("not given") in page
    assert "3 / 3" in page and "1 / 3" in page


def test_an_officer_accepts_a_candidacy(officer_client, verification):
    election, made = verification

    response = officer_client.post(url(election, f"kandydatury/{made['ready'].pk}/"), {"decision": "accept"})

    assert response.status_code == 302
    made["ready"].refresh_from_db()
    assert made["ready"].status == Candidacy.Status.ACCEPTED


def test_a_rejection_needs_a_reason(officer_client, verification):
    election, made = verification
    address = url(election, f"kandydatury/{made['ready'].pk}/")

    response = officer_client.post(address, {"decision": "reject", "reason": " "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        pl("Say why the candidacy is rejected; the organization will read it.")
    ]
    made["ready"].refresh_from_db()
    assert made["ready"].status == Candidacy.Status.SUBMITTED

    officer_client.post(address, {"decision": "reject", "reason": "Brak podpisów zarządu."})
    made["ready"].refresh_from_db()
    assert made["ready"].status == Candidacy.Status.REJECTED
    assert made["ready"].reason == "Brak podpisów zarządu."


def test_acceptance_without_consent_or_support_is_refused_with_the_reason(officer_client, verification):
    election, made = verification

    no_consent = officer_client.post(url(election, f"kandydatury/{made['no_consent'].pk}/"), {"decision": "accept"})
    no_support = officer_client.post(url(election, f"kandydatury/{made['no_support'].pk}/"), {"decision": "accept"})

    assert pl("Only a candidacy with the candidate's consent can be accepted.") in text_of(no_consent)
    expected = pl("The candidacy has the support of %(n)s organizations; %(needed)s are needed.") % {
        "n": 1,
        "needed": 3,
    }
    assert expected in text_of(no_support)
    assert not Candidacy.objects.filter(status=Candidacy.Status.ACCEPTED).exists()


# Opening the vote -------------------------------------------------------------------------------------------------


def test_freezing_stores_the_electorate_once(officer_client, make_election, ready, voters):
    election = make_election("waiting")
    ready(election)
    voters(4)
    eligible = services.eligible_organizations(election).count()

    page = officer_client.get(url(election, "otwarcie-glosowania/"))
    assert page.context["eligible"] == eligible

    response = officer_client.post(url(election, "otwarcie-glosowania/"), follow=True)

    election.refresh_from_db()
    assert election.electorate_frozen_at is not None
    assert election.electorate_size == eligible == Elector.objects.filter(election=election).count()
    assert response.redirect_chain[-1][0] == url(election)
    assert str(eligible) in " ".join(messages_of(response))

    again = officer_client.post(url(election, "otwarcie-glosowania/"))
    assert pl("The electorate is already frozen.") in text_of(again)
    assert Elector.objects.filter(election=election).count() == eligible


# Who voted --------------------------------------------------------------------------------------------------------


def representative_of(organization):
    return Membership.objects.get(organization=organization, role=Membership.Role.REPRESENTATIVE).user


def test_the_voters_page_shows_who_voted_and_how_but_never_for_whom(officer_client, running, voters, mailoutbox):
    election, candidates = running
    secret = candidates[1]
    secret.person.full_name = "Zofia Tajemnicza"
    secret.person.save(update_fields=["full_name"])
    online = Elector.objects.filter(election=election).exclude(organization=secret.organization).first().organization
    services.ballot_cast(actor=representative_of(online), election=election, organization=online, choices=[secret.pk])

    response = officer_client.get(url(election, "glosujacy/"))

    page = text_of(response)
    assert response.status_code == 200
    row = re.search(rf"<tr class=\"voted\">\s*<th scope=\"row\">{re.escape(online.name)}</th>.*?</tr>", page, re.S)
    assert row is not None
    assert pl("Online") in row.group(0)
    assert "Zofia Tajemnicza" not in page
    for candidacy in candidates:
        assert candidacy.person.full_name not in page
    assert response.context["figures"]["voted"] == 1

    not_voted = officer_client.get(url(election, "glosujacy/"), {"voted": "no"})
    assert online.name not in text_of(not_voted)
    searched = officer_client.get(url(election, "glosujacy/"), {"q": online.name, "voted": "yes"})
    assert searched.context["page"].paginator.count == 1


def test_the_voters_page_costs_the_same_for_200_electors(
    officer_client, make_election, ready, django_assert_max_num_queries
):
    from tests.factories import make_organization

    election = make_election("voting")
    for i in range(200):
        make_organization(f"Fundacja Liczna {i:03d}", krs=f"{8000000000 + i:010d}")
    ready(election)
    assert election.electors.count() > 200
    officer_client.get(url(election, "glosujacy/"))  # warm the session

    # session and user, the election, the tie check, the page with its total, the turnout
    with django_assert_max_num_queries(7):
        response = officer_client.get(url(election, "glosujacy/"), {"voted": "no"})

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 100
    assert response.context["page"].paginator.count == election.electors.count()


# Paper ballots ----------------------------------------------------------------------------------------------------


def test_a_valid_paper_ballot_is_recorded(officer_client, running, officer):
    election, candidates = running
    elector = Elector.objects.filter(election=election).select_related("organization").first()

    response = officer_client.post(
        url(election, "karty-papierowe/"),
        {"organization": elector.organization.krs, "choices": [candidates[0].pk, candidates[2].pk]},
        follow=True,
    )

    expected = pl("The paper ballot of %(org)s has been recorded: valid.") % {"org": elector.organization.name}
    assert expected in messages_of(response)
    elector.refresh_from_db()
    assert elector.channel == Elector.Channel.PAPER and elector.recorded_by == officer
    ballot = Ballot.objects.get(election=election)
    assert ballot.is_valid and ballot.choices == sorted([candidates[0].pk, candidates[2].pk])


def test_too_many_marks_make_the_paper_ballot_invalid(officer_client, make_election, ready):
    election = make_election("voting", max_marks=2, seats=2)
    candidates = ready(election, candidates=3)
    elector = Elector.objects.filter(election=election).select_related("organization").first()

    response = officer_client.post(
        url(election, "karty-papierowe/"),
        {"organization": elector.organization.name, "choices": [c.pk for c in candidates]},
        follow=True,
    )

    expected = pl("The paper ballot of %(org)s has been recorded as invalid (too many marks, or none).") % {
        "org": elector.organization.name
    }
    assert expected in messages_of(response)
    ballot = Ballot.objects.get(election=election)
    assert not ballot.is_valid and ballot.choices == []


def test_a_paper_ballot_is_refused_for_an_organization_that_voted_online(officer_client, running):
    election, candidates = running
    online = Elector.objects.filter(election=election).select_related("organization").first().organization
    services.ballot_cast(
        actor=representative_of(online), election=election, organization=online, choices=[candidates[0].pk]
    )

    response = officer_client.post(
        url(election, "karty-papierowe/"), {"organization": online.krs, "choices": [candidates[1].pk]}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["organization"]
    assert online.name in errors[0]
    assert Ballot.objects.filter(election=election).count() == 1
    assert response.context["form"]["organization"].value() == online.krs


def test_a_paper_ballot_is_refused_for_a_non_elector(officer_client, running):
    from tests.factories import make_organization

    election, candidates = running
    outsider = make_organization("Fundacja Spoza Krakowa", krs="0000777777", city="Wieliczka")

    response = officer_client.post(
        url(election, "karty-papierowe/"), {"organization": "0000777777", "choices": [candidates[0].pk]}
    )

    expected = pl("%(org)s is not in the electorate of this election.") % {"org": outsider.name}
    assert response.context["form"].errors["organization"] == [expected]
    unknown = officer_client.post(url(election, "karty-papierowe/"), {"organization": "Nie ma takiej"})
    assert "organization" in unknown.context["form"].errors
    assert not Ballot.objects.filter(election=election).exists()


def test_the_paper_page_finds_an_organization_that_has_not_voted(officer_client, running):
    election, _candidates = running
    elector = Elector.objects.filter(election=election).select_related("organization").first()

    found = officer_client.get(url(election, "karty-papierowe/"), {"q": elector.organization.name})
    assert elector.organization.name in text_of(found)

    chosen = officer_client.get(url(election, "karty-papierowe/"), {"wybierz": elector.organization_id})
    assert chosen.context["form"]["organization"].value() == elector.organization.krs


# Count, tie, publication, seats -------------------------------------------------------------------------------------


def ballots(election, *marks):
    for choices in marks:
        Ballot.objects.create(election=election, choices=sorted(choices), is_valid=True)


def test_counting_shows_the_results(officer_client, make_election, ready):
    election = make_election("counting", seats=2)
    a, b, c = ready(election)
    ballots(election, [a.pk, b.pk], [a.pk], [b.pk, c.pk], [a.pk])
    Ballot.objects.create(election=election, choices=[], is_valid=False)

    response = officer_client.post(url(election, "liczenie/"), follow=True)

    election.refresh_from_db()
    assert election.closed_at and election.ballots_cast == 5 and election.invalid_ballots == 1
    assert [x.elected for x in Candidacy.objects.filter(pk__in=[a.pk, b.pk, c.pk]).order_by("pk")] == [
        True,
        True,
        False,
    ]
    assert response.redirect_chain[-1][0] == url(election)
    assert pl("Results") in text_of(response)
    assert pl("Publish the results") in text_of(response)


def test_a_tie_is_decided_by_lot_then_the_results_are_published(officer_client, make_election, ready):
    election = make_election("counting", seats=1, max_marks=1)
    a, b, _c = ready(election)
    ballots(election, [a.pk], [b.pk])

    counted = officer_client.post(url(election, "liczenie/"), follow=True)
    assert counted.redirect_chain[-1][0] == url(election, "losowanie/")
    refused = officer_client.post(url(election, "publikacja/"), follow=True)
    assert pl("A tie at the last seat waits for the decision by lot.") in messages_of(refused)

    no_note = officer_client.post(url(election, "losowanie/"), {"winners": [b.pk], "note": ""})
    assert "note" in no_note.context["form"].errors
    decided = officer_client.post(
        url(election, "losowanie/"), {"winners": [b.pk], "note": "Losowanie 3 lipca, świadkowie: X i Y."}
    )
    assert decided.status_code == 302

    published = officer_client.post(url(election, "publikacja/"), follow=True)

    election.refresh_from_db()
    assert election.results_published_at is not None
    assert election.tie_note.startswith("Losowanie")
    b.refresh_from_db()
    a.refresh_from_db()
    assert b.elected is True and a.elected is False
    assert published.redirect_chain[-1][0] == url(election, "wybrani/")
    assert b.person.full_name in text_of(published)


def test_the_elected_are_seated_in_the_new_term(officer_client, make_election, ready, krdpp):
    election = make_election("counting", seats=2)
    a, b, _c = ready(election)
    ballots(election, [a.pk, b.pk], [a.pk])
    services.election_count(actor=None, election=election)
    services.results_publish(actor=None, election=election)
    starts = timezone.localdate() + datetime.timedelta(days=3 * 365)

    created = officer_client.post(
        url(election, "wybrani/"),
        {
            "action": "term",
            "number": 7,
            "name": "VII kadencja",
            "starts_on": starts.isoformat(),
            "ends_on": (starts + datetime.timedelta(days=3 * 365)).isoformat(),
        },
    )
    term = Term.objects.get(body=krdpp, number=7)
    assert created.status_code == 302

    response = officer_client.post(url(election, "wybrani/"), {"action": "seat", "term": term.pk}, follow=True)

    seats = BodyMembership.objects.filter(body=krdpp, term=term)
    assert {(m.person_id, m.organization_id) for m in seats} == {
        (a.person_id, a.organization_id),
        (b.person_id, b.organization_id),
    }
    assert all(m.appointment == "elected" and m.position == "member" for m in seats)
    assert all(m.start_date == term.starts_on and m.end_date == term.ends_on for m in seats)
    assert response.status_code == 200

    again = officer_client.post(url(election, "wybrani/"), {"action": "seat", "term": term.pk}, follow=True)
    assert seats.count() == 2
    assert any("2" in m for m in messages_of(again))


def test_the_elected_wait_for_publication(officer_client, running):
    election, _candidates = running
    response = officer_client.post(url(election, "wybrani/"), {"action": "seat", "term": 1}, follow=True)

    assert pl("Publish the results first.") in messages_of(response)
    assert not BodyMembership.objects.filter(appointment="elected").exists()
