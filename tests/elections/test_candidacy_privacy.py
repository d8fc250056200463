"""Hardening 2: a candidacy awaiting the candidate's consent is not public. Before consent only the candidate, the
people of the nominating organization and the office see it (page, photo, the election's list of candidates);
everyone else gets 404, as if it did not exist. The rule is one permission, ``elections.view_candidacy``
(elections/rules.py), and the election page's list (``selectors.candidacies_of``) agrees with it cell by cell.

Personas (columns):
    anonymous       a visitor who is not signed in
    resident        signed in, in no organization
    member          a plain member of the nominating organization
    representative  the representative of the nominating organization (who nominated)
    candidate       the candidate (in no organization)
    other_rep       the representative of another verified organization
    officer         city officer

Situations (rows): a candidacy awaiting consent, consented (submitted) and rejected during nominations, and one
accepted while voting runs. "Y": sees it; "-": 404.
"""

import pytest
from conftest import make_person
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.elections import selectors
from razem.elections.models import Candidacy
from razem.organizations.models import Membership
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership
from tests.support import fresh, parse

PERSONAS = ["anonymous", "resident", "member", "representative", "candidate", "other_rep", "officer"]

MATRIX = """
situation  anonymous resident member representative candidate other_rep officer
awaiting   -         -        Y      Y              Y         -         Y
submitted  Y         Y        Y      Y              Y         Y         Y
rejected   -         -        Y      Y              Y         -         Y
accepted   Y         Y        Y      Y              Y         Y         Y
"""
EXPECTED = parse(MATRIX, PERSONAS)

STATEMENT = "Program kandydatki: lepszy dialog z miastem."
BIOGRAPHY = "Od 10 lat w zarządzie stowarzyszenia."


@pytest.fixture
def personas(anonymous, resident, officer, voters):
    [(nominating, representative), (_other, other_rep)] = voters(2)
    member = make_person("czlonek.zglaszajacej@example.org", full_name="Marek Członek")
    add_membership(nominating, member, Membership.Role.MEMBER)
    candidate = make_person("kandydatka@example.org", full_name="Karolina Kandydatka")
    people = {
        "anonymous": anonymous,
        "resident": resident,
        "member": member,
        "representative": representative,
        "candidate": candidate,
        "other_rep": other_rep,
        "officer": officer,
    }
    return people, nominating


@pytest.fixture
def situations(make_election, personas):
    people, nominating = personas

    def candidacy(phase: str, status: str, **election_fields):
        election = make_election(phase, **election_fields)
        return Candidacy.objects.create(
            election=election, organization=nominating, person=people["candidate"],
            nominated_by=people["representative"], statement=STATEMENT, biography=BIOGRAPHY, status=status,
            consent_at=None if status == Candidacy.Status.AWAITING_CONSENT else timezone.now(),
        )  # fmt: skip

    return {
        "awaiting": candidacy("nominations", Candidacy.Status.AWAITING_CONSENT),
        "submitted": candidacy("nominations", Candidacy.Status.SUBMITTED),
        "rejected": candidacy("nominations", Candidacy.Status.REJECTED),
        "accepted": candidacy("voting", Candidacy.Status.ACCEPTED, electorate_frozen_at=timezone.now()),
    }


def page_url(candidacy: Candidacy, tail: str = "") -> str:
    return f"/wybory/{candidacy.election.slug}/kandydaci/{candidacy.pk}/{tail}"


@pytest.mark.parametrize("situation", list(EXPECTED))
def test_who_sees_a_candidacy_the_permission_the_page_and_the_list_agree(client, personas, situations, situation):
    people, _nominating = personas
    candidacy = situations[situation]
    for persona, user in people.items():
        expected = EXPECTED[situation][persona] == "Y"
        # The permission.
        assert fresh(user).has_perm("elections.view_candidacy", candidacy) is expected, (situation, persona)
        # The list of candidates on the election's page (the selector behind it).
        listed = selectors.candidacies_of(election=candidacy.election, user=fresh(user)).filter(pk=candidacy.pk)
        assert listed.exists() is expected, (situation, persona)
        # The page: the name, statement and biography, or 404.
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        response = client.get(page_url(candidacy))
        assert response.status_code == (200 if expected else 404), (situation, persona)
        election_page = text_of(client.get(f"/wybory/{candidacy.election.slug}/"))
        assert (people["candidate"].full_name in election_page) is expected, (situation, persona)
        if expected:
            assert STATEMENT in text_of(response) and BIOGRAPHY in text_of(response)


def test_a_candidacy_awaiting_consent_tells_who_sees_it_and_hides_its_photo_and_support(
    client, personas, situations, media_root
):
    people, _nominating = personas
    awaiting = situations["awaiting"]
    awaiting.photo.save("kandydatka.png", SimpleUploadedFile("k.png", b"\x89PNG\r\n\x1a\n"), save=True)

    assert client.get(page_url(awaiting, "zdjecie/")).status_code == 404
    client.force_login(people["other_rep"])
    assert client.get(page_url(awaiting, "zdjecie/")).status_code == 404
    # Supporting it is no way around: the candidacy is not found.
    response = client.post(page_url(awaiting, "poparcie/"), {"organization": "1"})
    assert response.status_code == 404

    client.force_login(people["candidate"])
    page = text_of(client.get(page_url(awaiting)))
    assert (
        in_polish(
            "Not public yet: until the candidate consents, only the candidate, the people of the nominating "
            "organization and the city office see this candidacy."
        )
        in page
    )
    assert client.get(page_url(awaiting, "zdjecie/")).status_code == 200


def test_after_consent_the_candidacy_becomes_public(client, personas, situations):
    people, _nominating = personas
    awaiting = situations["awaiting"]
    assert client.get(page_url(awaiting)).status_code == 404

    client.force_login(people["candidate"])
    client.post(page_url(awaiting, "zgoda/"), {"declarations": "on"})
    client.logout()

    awaiting.refresh_from_db()
    assert awaiting.status == Candidacy.Status.SUBMITTED
    response = client.get(page_url(awaiting))
    assert response.status_code == 200 and STATEMENT in text_of(response)


def test_the_published_lists_never_hold_a_candidacy_awaiting_consent(personas, situations):
    """The ballot, the results, the published ballots file: accepted candidacies only, whatever the viewer."""
    from razem.elections import export

    awaiting = situations["awaiting"]
    election = awaiting.election
    assert not selectors.ballot_candidates(election=election).filter(pk=awaiting.pk).exists()
    assert not selectors.results(election=election).filter(pk=awaiting.pk).exists()
    document = export.ballots_document(election, [])
    assert all(c["name"] != awaiting.person.full_name for c in document["candidates"])
