"""Shared fixtures for the dialogue bodies and recommendations tests (``tests/recommendations`` imports them too).

The organization fixtures of ``tests/organizations/conftest.py`` and the meeting fixtures of
``tests/events/conftest.py`` are re-exported here.

- ``krdpp``: the council "Krakowska Rada Działalności Pożytku Publicznego" (public, appointed), with its current
  term ``current_term`` (VI kadencja, began 200 days ago, 3 years) and a past term ``past_term`` (V kadencja);
- ``forum``: "Krakowskie Forum Lokalowe" (a forum joined by application: one representative and one deputy per
  organization), with a current term;
- ``commission``: "Komisja Dialogu Obywatelskiego ds. Młodzieży" (open to any organization), with a current term;
- ``private_team``: a private team of KRDPP (members and staff only);
- ``seat(body, person, **fields)``: a membership saved directly (no service), from the start of the body's current
  term, position member, representing ``fields["organization"]`` or the institution "Urząd Miasta Krakowa";
- ``chair``: Bogdan Przewodniczący, chair of KRDPP; ``member``: Maria Członkini, member of KRDPP.
"""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.bodies.models import Body, BodyMembership, Term
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


def make_body(
    name: str, slug: str, *, kind: str, joining: str = "appointed", visibility: str = "public", **fields
) -> Body:
    body = Body.objects.create(name=name, slug=slug, kind=kind, joining=joining, visibility=visibility, **fields)
    today = timezone.localdate()
    Term.objects.create(
        body=body, number=6, name="VI kadencja", starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=200) + datetime.timedelta(days=3 * 365),
    )  # fmt: skip
    return body


@pytest.fixture
def krdpp(db) -> Body:
    body = make_body(
        "Krakowska Rada Działalności Pożytku Publicznego", "krdpp", kind="council", short_name="KRDPP", seats=16
    )
    today = timezone.localdate()
    Term.objects.create(
        body=body, number=5, name="V kadencja", starts_on=today - datetime.timedelta(days=200 + 3 * 365),
        ends_on=today - datetime.timedelta(days=201),
    )  # fmt: skip
    return body


@pytest.fixture
def current_term(krdpp) -> Term:
    return krdpp.terms.get(number=6)


@pytest.fixture
def past_term(krdpp) -> Term:
    return krdpp.terms.get(number=5)


@pytest.fixture
def forum(db) -> Body:
    return make_body("Krakowskie Forum Lokalowe", "forum-lokalowe", kind="forum", joining="application", seats=12)


@pytest.fixture
def commission(db) -> Body:
    return make_body("Komisja Dialogu Obywatelskiego ds. Młodzieży", "kdo-mlodziezy", kind="commission", joining="open")


@pytest.fixture
def private_team(krdpp) -> Body:
    return make_body("Zespół roboczy KRDPP ds. regulaminu", "zespol-regulamin", kind="team", visibility="private",
                     parent=krdpp)  # fmt: skip


@pytest.fixture
def seat(db):
    def make(body: Body, person, **fields) -> BodyMembership:
        term = body.terms.order_by("-starts_on").first()
        fields.setdefault("term", term)
        fields.setdefault("start_date", term.starts_on if term else timezone.localdate())
        if "organization" not in fields:
            fields.setdefault("institution", "Urząd Miasta Krakowa")
        return BodyMembership.objects.create(body=body, person=person, **fields)

    return make


@pytest.fixture
def chair(krdpp, seat):
    person = make_person("przewodniczacy@example.org", full_name="Bogdan Przewodniczący")
    seat(krdpp, person, position="chair")
    return person


@pytest.fixture
def member(krdpp, seat):
    person = make_person("czlonkini@example.org", full_name="Maria Członkini")
    seat(krdpp, person)
    return person
