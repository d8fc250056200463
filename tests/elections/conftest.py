"""Shared fixtures for the elections tests (the bodies, meetings and organization fixtures are re-exported).

- ``make_election(phase="voting", **fields)``: an announced election of KRDPP (``krdpp``) for 8 seats, a ballot of up
  to 8 marks, 3 supporting organizations needed, whose calendar puts it in ``phase`` now: one of "nominations",
  "support", "verification", "waiting", "voting", "counting";
- ``voters(n)``: n verified Kraków organizations, each with a representative (returned as (organization, person));
- ``ready(election, candidates=3)``: accepted candidacies (nominated by new organizations, consent given, support
  gathered) and, when the election is in its voting phase, the electorate frozen; returns the candidacies.
"""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.elections.models import Candidacy, Election, Elector, Support
from razem.organizations.models import Membership
from tests.bodies.conftest import (  # noqa: F401 - fixtures re-exported
    commission,
    current_term,
    forum,
    krdpp,
    make_body,
    past_term,
    private_team,
    seat,
)
from tests.events.conftest import make_meeting, register, venue  # noqa: F401 - fixtures re-exported
from tests.organizations.conftest import (  # noqa: F401 - fixtures re-exported
    add_membership,
    english,
    make_organization,
    media_root,
    org_admin,
    org_member,
    org_representative,
    pending_org,
    reference_data,
    requester,
    suspended_org,
    verified_org,
)

DAY = datetime.timedelta(days=1)
# Where "now" falls in the calendar for each phase: offsets (in days) of the six boundaries from now.
PHASES = {
    "nominations": (-1, 5, 10, 15, 20, 30),
    "support": (-6, -1, 5, 10, 15, 25),
    "verification": (-11, -6, -1, 5, 10, 20),
    "waiting": (-16, -11, -6, -1, 5, 15),
    "voting": (-21, -16, -11, -6, -1, 10),
    "counting": (-31, -26, -21, -16, -11, -1),
}


def calendar_for(phase: str) -> dict:
    now = timezone.now()
    names = [
        "nominations_open",
        "nominations_close",
        "support_close",
        "verification_close",
        "voting_open",
        "voting_close",
    ]
    dates = {name: now + offset * DAY for name, offset in zip(names, PHASES[phase], strict=True)}
    dates["results_due"] = (dates["voting_close"] + 14 * DAY).date()
    return dates


@pytest.fixture
def make_election(krdpp, officer):  # noqa: F811
    counter = {"n": 0}

    def make(phase: str = "voting", **fields) -> Election:
        counter["n"] += 1
        defaults = {
            "body": krdpp, "title": f"Wybory do KRDPP {counter['n']}", "slug": f"wybory-krdpp-{counter['n']}",
            "term_name": "VII kadencja", "seats": 8, "max_marks": 8, "support_needed": 3,
            "status": Election.Status.ANNOUNCED, "created_by": officer, **calendar_for(phase),
        }  # fmt: skip
        defaults.update(fields)
        return Election.objects.create(**defaults)

    return make


@pytest.fixture
def voters(db, reference_data):  # noqa: F811
    counter = {"n": 0}

    def make(n: int) -> list[tuple]:
        made = []
        for _ in range(n):
            counter["n"] += 1
            i = counter["n"]
            organization = make_organization(f"Stowarzyszenie Wyborcze nr {i}", krs=f"{9000000000 + i:010d}")
            person = make_person(f"wyborca{i}@example.org", full_name=f"Wyborca Numer {i}")
            add_membership(organization, person, Membership.Role.REPRESENTATIVE)
            made.append((organization, person))
        return made

    return make


@pytest.fixture
def ready(voters):
    def make(election: Election, candidates: int = 3) -> list[Candidacy]:
        made = []
        supporters = [o for o, _p in voters(election.support_needed)]
        for organization, person in voters(candidates):
            candidacy = Candidacy.objects.create(
                election=election, organization=organization, person=person, nominated_by=person,
                statement="Chcę reprezentować organizacje.", consent_at=timezone.now(),
                declarations_at=timezone.now(), status=Candidacy.Status.ACCEPTED,
            )  # fmt: skip
            for supporter in supporters:
                Support.objects.create(candidacy=candidacy, organization=supporter)
            made.append(candidacy)
        if election.phase() in {"voting", "counting"}:
            from razem.elections.services import eligible_organizations

            for number, candidacy in enumerate(made, start=1):
                candidacy.ballot_number = number
                candidacy.save(update_fields=["ballot_number"])
            ids = list(eligible_organizations(election).values_list("pk", flat=True))
            Elector.objects.bulk_create([Elector(election=election, organization_id=pk) for pk in ids])
            election.electorate_frozen_at = timezone.now()
            election.electorate_size = len(ids)
            election.save(update_fields=["electorate_frozen_at", "electorate_size"])
        return made

    return make
