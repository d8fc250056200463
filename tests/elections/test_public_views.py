"""The public election pages as people use them: who sees an election, nominating, the candidate's consent,
support, the secret ballot in steps (review, cast, the tracker shown once), every refusal of a ballot, the
published ballots and their recount, the tracker check, the results and the protocol."""

import io
import json

import pytest
from conftest import make_person
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from razem.elections import export, services
from razem.elections.models import Ballot, Candidacy, Election, Elector, Support, tracker_hash
from razem.organizations.models import Membership
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, calendar_for, make_organization


def url(election: Election, name: str = "") -> str:
    base = f"/wybory/{election.slug}/"
    return base + name


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


# Visibility ------------------------------------------------------------------------------------------------------


def test_the_list_shows_announced_elections_and_hides_drafts_from_the_public(client, officer, make_election):
    announced = make_election("nominations")
    draft = make_election("nominations", status=Election.Status.DRAFT, title="Szkic wyborów")

    page = text_of(client.get("/wybory/"))
    assert announced.title in page
    assert str(announced.get_phase_display()) in page
    assert draft.title not in page

    client.force_login(officer)
    assert draft.title in text_of(client.get("/wybory/"))


def test_a_draft_election_is_not_found_by_the_public_but_seen_by_the_office(client, officer, make_election):
    draft = make_election("nominations", status=Election.Status.DRAFT)

    assert client.get(url(draft)).status_code == 404
    assert client.get(url(draft, "wyniki/")).status_code == 404
    client.force_login(officer)
    assert client.get(url(draft)).status_code == 200


def test_the_election_page_shows_the_rules_the_calendar_with_now_and_candidates_with_support(
    client, make_election, ready
):
    election = make_election("verification")
    [first, *_rest] = ready(election, candidates=2)
    Support.objects.filter(candidacy=first).first().delete()

    response = client.get(url(election))

    assert response.status_code == 200
    page = text_of(response)
    assert page.count('aria-current="step"') == 1
    assert in_polish("now") in page
    assert first.person.full_name in page
    assert in_polish("Support: %(n)s of %(needed)s needed") % {"n": 2, "needed": 3} in page.replace("\n", " ")
    assert "Kraków" in page


# Nominating ------------------------------------------------------------------------------------------------------


@pytest.fixture
def nominator(voters):
    [(organization, person)] = voters(1)
    return organization, person


def nomination_data(organization, candidate, **extra):
    return {"organization": organization.pk, "email": candidate.email, "statement": "Będę działać.", **extra}


def test_a_representative_nominates_a_candidate_who_must_then_consent(client, make_election, nominator, voters):
    election = make_election("nominations")
    organization, person = nominator
    [(_other, candidate)] = voters(1)
    client.force_login(person)

    assert client.get(url(election, "zglos-kandydata/")).status_code == 200
    photo = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    response = client.post(
        url(election, "zglos-kandydata/"), {**nomination_data(organization, candidate), "photo": photo}, follow=True
    )

    candidacy = Candidacy.objects.get(election=election)
    assert candidacy.person == candidate and candidacy.organization == organization
    assert candidacy.status == Candidacy.Status.AWAITING_CONSENT
    assert response.redirect_chain[-1][0] == url(election, f"kandydaci/{candidacy.pk}/")
    assert in_polish("the candidate must now consent in Razem.") in text_of(response)
    assert client.get(url(election, f"kandydaci/{candidacy.pk}/zdjecie/")).status_code == 200

    # One candidacy per organization.
    [(_another, second)] = voters(1)
    response = client.post(url(election, "zglos-kandydata/"), nomination_data(organization, second))
    assert in_polish("%(org)s has already nominated a candidate in this election.") % {
        "org": organization.name
    } in text_of(response)
    assert Candidacy.objects.filter(election=election).count() == 1


def test_nominating_refuses_an_unknown_address_a_non_image_and_an_organization_one_does_not_act_for(
    client, make_election, nominator, voters
):
    election = make_election("nominations")
    organization, person = nominator
    [(stranger_org, candidate)] = voters(1)
    client.force_login(person)

    response = client.post(
        url(election, "zglos-kandydata/"),
        {**nomination_data(organization, candidate), "email": "nikt@example.org"},
    )
    assert in_polish("No account in Razem has this address. The candidate must first create an account in Razem.") in (
        text_of(response)
    )

    fake = SimpleUploadedFile("foto.png", b"not an image", content_type="image/png")
    response = client.post(url(election, "zglos-kandydata/"), {**nomination_data(organization, candidate),
                                                               "photo": fake})  # fmt: skip
    assert in_polish("The photo must be an image file (PNG, JPEG, WebP or GIF).") in text_of(response)

    response = client.post(url(election, "zglos-kandydata/"), nomination_data(stranger_org, candidate))
    assert in_polish("You can act only for a verified organization you represent.") in text_of(response)
    assert not Candidacy.objects.exists()


def test_nominating_outside_the_window_is_refused_with_the_dates(client, make_election, nominator, voters):
    election = make_election("support")
    organization, person = nominator
    [(_other, candidate)] = voters(1)
    client.force_login(person)

    response = client.post(url(election, "zglos-kandydata/"), nomination_data(organization, candidate))

    assert response.status_code == 403
    assert in_polish("Nominations are open from %(start)s to %(end)s.").split("%")[0] in text_of(response)
    assert not Candidacy.objects.exists()


# Consent and support ---------------------------------------------------------------------------------------------


@pytest.fixture
def awaiting(make_election, voters):
    election = make_election("nominations")
    [(organization, person), (_o, candidate)] = voters(2)
    candidacy = Candidacy.objects.create(
        election=election, organization=organization, person=candidate, nominated_by=person, statement="Program."
    )
    return election, candidacy, person


def test_only_the_candidate_consents_and_the_declarations_are_required(client, awaiting):
    election, candidacy, nominating_person = awaiting
    consent_url = url(election, f"kandydaci/{candidacy.pk}/zgoda/")

    client.force_login(nominating_person)
    assert client.post(consent_url, {"declarations": "on"}).status_code == 403
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.AWAITING_CONSENT

    client.force_login(candidacy.person)
    page = text_of(client.get(url(election, f"kandydaci/{candidacy.pk}/")))
    assert in_polish("I declare that I have full public rights.") in page
    response = client.post(consent_url, {})
    assert in_polish("Confirm the declarations to consent.") in text_of(response)
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.AWAITING_CONSENT

    client.post(consent_url, {"declarations": "on"})
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.SUBMITTED and candidacy.consent_at is not None


def test_support_is_given_once_not_to_ones_own_candidate_shown_and_withdrawn(client, awaiting, voters):
    election, candidacy, nominating_person = awaiting
    [(supporter, representative)] = voters(1)
    # Support is given once the candidate has consented: before, the candidacy is not public (Hardening 2).
    candidacy.status = Candidacy.Status.SUBMITTED
    candidacy.save(update_fields=["status"])
    support_url = url(election, f"kandydaci/{candidacy.pk}/poparcie/")

    client.force_login(nominating_person)
    response = client.post(support_url, {"organization": candidacy.organization.pk})
    assert in_polish("An organization cannot support its own candidate.") in text_of(response)

    client.force_login(representative)
    client.post(support_url, {"organization": supporter.pk})
    response = client.post(support_url, {"organization": supporter.pk})
    assert in_polish("%(org)s already supports this candidate.") % {"org": supporter.name} in text_of(response)
    assert Support.objects.filter(candidacy=candidacy).count() == 1

    page = text_of(client.get(url(election, f"kandydaci/{candidacy.pk}/")))
    assert in_polish("%(n)s of %(needed)s needed") % {"n": 1, "needed": 3} in page
    assert supporter.name in page

    client.post(support_url, {"organization": supporter.pk, "withdraw": "1"})
    assert not Support.objects.filter(candidacy=candidacy).exists()


# Voting ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def voting(make_election, ready, voters):
    """A voting election with 3 candidates and a voter whose organization is in the electorate."""
    [(organization, person)] = voters(1)
    election = make_election("voting")
    candidacies = ready(election, candidates=3)
    return election, candidacies, organization, person


def cast(client, election, organization, choices, step="cast"):
    return client.post(
        url(election, "glosuj/"), {"organization": organization.pk, "choices": [c.pk for c in choices], "step": step}
    )


def test_a_representative_reviews_then_casts_and_sees_the_tracker_once_and_gets_it_by_email(
    client, voting, django_capture_on_commit_callbacks, mailoutbox
):
    election, candidacies, organization, person = voting
    client.force_login(person)

    ballot_page = client.get(url(election, "glosuj/"))
    page = text_of(ballot_page)
    assert "<fieldset" in page and "<legend" in page
    with translation.override("pl"):
        legend = translation.ngettext("Mark up to %(n)s candidate", "Mark up to %(n)s candidates", 8) % {"n": 8}
    assert legend in page
    assert all(c.person.full_name in page for c in candidacies)

    review = cast(client, election, organization, candidacies[:2], step="review")
    page = text_of(review)
    assert in_polish("Review your choice") in page
    assert candidacies[0].person.full_name in page and candidacies[2].person.full_name not in page
    assert f'name="choices" value="{candidacies[0].pk}"' in page
    assert not Ballot.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = cast(client, election, organization, candidacies[:2])

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    tracker = response.context["tracker"]
    assert tracker in text_of(response)
    ballot = Ballot.objects.get()
    assert ballot.tracker_sha256 == tracker_hash(tracker)
    assert ballot.choices == sorted(c.pk for c in candidacies[:2])
    assert Elector.objects.get(election=election, organization=organization).voted_at is not None
    assert any(tracker in m.body for m in mailoutbox) and mailoutbox[-1].to == [person.email]
    assert response.wsgi_request.sensitive_post_parameters == ("choices",)

    # The tracker is never shown again: the election page and the vote page do not carry it.
    assert tracker not in text_of(client.get(url(election)))
    assert tracker not in text_of(client.get(url(election, "glosuj/")))


def test_a_replayed_cast_never_creates_a_second_ballot(client, voting):
    election, candidacies, organization, person = voting
    client.force_login(person)

    first = cast(client, election, organization, candidacies[:1])
    again = cast(client, election, organization, candidacies[1:2])

    assert first.status_code == 200
    assert again.status_code != 200
    assert Ballot.objects.count() == 1
    assert in_polish("%(org)s has already voted (%(how)s); an organization casts one ballot.") % {
        "org": organization.name, "how": in_polish("Online").lower()
    } in text_of(again)  # fmt: skip


def test_a_second_representative_of_an_organization_that_voted_is_refused(client, voting):
    election, candidacies, organization, person = voting
    colleague = make_person("kolega@example.org", full_name="Kolega Reprezentant")
    add_membership(organization, colleague, Membership.Role.REPRESENTATIVE)
    client.force_login(person)
    cast(client, election, organization, candidacies[:1])

    client.force_login(colleague)
    refusal = in_polish("%(org)s has already voted (%(how)s); an organization casts one ballot.") % {
        "org": organization.name, "how": in_polish("Online").lower()
    }  # fmt: skip
    assert refusal in text_of(client.get(url(election, "glosuj/")))
    response = cast(client, election, organization, candidacies[:2])

    assert refusal in text_of(response)
    assert Ballot.objects.count() == 1


def test_too_many_marks_and_an_unknown_candidate_are_refused_and_nothing_is_cast(client, voting):
    election, candidacies, organization, person = voting
    election.max_marks = 2
    election.save(update_fields=["max_marks"])
    client.force_login(person)

    for step in ("review", "cast"):
        response = cast(client, election, organization, candidacies, step=step)
        assert in_polish("You marked %(n)s candidates; a ballot may mark at most %(max)s.") % {"n": 3, "max": 2} in (
            text_of(response)
        )
    response = client.post(url(election, "glosuj/"), {"organization": organization.pk, "choices": [999999],
                                                      "step": "cast"})  # fmt: skip
    assert in_polish("The ballot marks someone who is not a candidate on it.") in text_of(response)
    assert not Ballot.objects.exists()
    assert Elector.objects.get(election=election, organization=organization).voted_at is None


def test_an_organization_outside_the_electorate_is_refused(client, voting):
    election, candidacies, _organization, _person = voting
    late = make_organization("Fundacja Spóźniona", krs="0000999111")  # verified after the electorate was frozen
    representative = make_person("spozniony@example.org")
    add_membership(late, representative, Membership.Role.REPRESENTATIVE)
    client.force_login(representative)

    page = text_of(client.get(url(election, "glosuj/")))
    assert in_polish("%(org)s is not in the electorate of this election.") % {"org": late.name} in page
    response = cast(client, election, late, candidacies[:1])

    assert in_polish("%(org)s is not in the electorate of this election.") % {"org": late.name} in text_of(response)
    assert not Ballot.objects.exists()


def test_before_voting_opens_the_vote_page_says_when_and_nothing_is_cast(client, make_election, ready, voters):
    [(organization, person)] = voters(1)
    election = make_election("waiting")
    candidacies = ready(election)
    client.force_login(person)

    response = cast(client, election, organization, candidacies[:1])

    assert response.status_code == 403
    assert in_polish("Voting is open from %(start)s to %(end)s.").split("%")[0] in text_of(response)
    assert not Ballot.objects.exists()


def test_a_person_who_acts_for_no_organization_gets_the_reason(client, voting, resident):
    election, *_ = voting
    client.force_login(resident)

    response = client.get(url(election, "glosuj/"))

    assert response.status_code == 403
    assert in_polish("Only a representative of a verified organization can do this, on the organization's behalf.") in (
        text_of(response)
    )


# After the vote --------------------------------------------------------------------------------------------------


def test_the_ballots_are_published_only_after_the_count_and_the_json_recount_matches(
    client, voting, officer, mailoutbox
):
    election, candidacies, organization, person = voting
    client.force_login(person)
    tracker = cast(client, election, organization, candidacies[:2]).context["tracker"]
    client.logout()
    assert client.get(url(election, "karty.json")).status_code == 404
    assert client.get(url(election, "karty.csv")).status_code == 404
    assert in_polish("Ballots can be checked once the vote is counted, after voting closes on %(date)s.").split(",")[
        0
    ] in text_of(client.get(url(election, "sprawdz-glos/")))

    Election.objects.filter(pk=election.pk).update(**calendar_for("counting"))
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)

    response = client.get(url(election, "karty.json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(b"".join([response.content]))
    recount = export.recount(document)
    numbers = {c.pk: c.ballot_number for c in candidacies}
    for candidacy in Candidacy.objects.filter(election=election):
        assert recount["votes"][candidacy.ballot_number] == candidacy.votes
    assert recount["ballots"] == 1
    assert document["ballots"][0]["tracker_sha256"] == tracker_hash(tracker)
    assert document["ballots"][0]["choices"] == sorted(numbers[c.pk] for c in candidacies[:2])

    csv_text = b"".join(client.get(url(election, "karty.csv")).streaming_content).decode("utf-8-sig")
    assert tracker_hash(tracker) in csv_text
    assert f"{numbers[candidacies[0].pk]} {numbers[candidacies[1].pk]}" in csv_text

    # The tracker check.
    found = text_of(client.post(url(election, "sprawdz-glos/"), {"tracker": tracker.lower().replace("-", " ")}))
    assert in_polish("Your ballot is there; it marks:") in found
    assert candidacies[0].person.full_name in found and candidacies[2].person.full_name not in found
    missing = text_of(client.post(url(election, "sprawdz-glos/"), {"tracker": "AAAA-BBBB-CCCC-DDDD"}))
    assert in_polish("No ballot has this tracker. Check that you typed it exactly as you received it.") in missing


def test_results_and_the_protocol_appear_when_published(client, voting, officer):
    election, candidacies, organization, person = voting
    previous = Election.objects.create(
        **{f: getattr(election, f) for f in ("body", "seats", "max_marks", "status", "term_name")},
        **calendar_for("counting"), title="Poprzednie wybory", slug="poprzednie", electorate_size=40, ballots_cast=10,
    )  # fmt: skip
    election.previous = previous
    election.save(update_fields=["previous"])
    client.force_login(person)
    cast(client, election, organization, candidacies[:1])
    client.logout()
    Election.objects.filter(pk=election.pk).update(**calendar_for("counting"))
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)

    assert client.get(url(election, "wyniki/")).status_code == 404
    assert client.get(url(election, "protokol.pdf")).status_code == 404
    client.force_login(officer)
    assert client.get(url(election, "wyniki/")).status_code == 200  # the office's preview
    client.logout()

    services.results_publish(actor=officer, election=election)
    response = client.get(url(election, "wyniki/"))
    page = text_of(response)
    assert response.status_code == 200
    assert in_polish("elected") in page
    assert candidacies[0].person.full_name in page
    assert "Poprzednie wybory" in page and "25.0%" in page.replace(",", ".")
    assert in_polish("See the results") in text_of(client.get(url(election)))

    pdf = client.get(url(election, "protokol.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # served from the issued snapshot (a file)


def test_the_vote_page_is_not_cached_and_the_election_shows_my_organizations_status(client, voting):
    election, _candidacies, organization, person = voting
    client.force_login(person)

    assert "no-store" in client.get(url(election, "glosuj/"))["Cache-Control"]
    page = text_of(client.get(url(election)))
    assert organization.name in page
    assert in_polish("in the electorate, has not voted yet") in page
    assert timezone.now()  # the calendar is relative to now
