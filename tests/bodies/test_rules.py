"""Who may do what with a dialogue body: the matrices of bodies/rules.py.

A row is a permission on a body of one visibility (public, transparent, private), a cell "Y" or "-" per persona.
The body takes applications (joining "open"). Every check uses a fresh user object, as a new request would (the
predicates cache the person's seats on the user object).

Personas:
    anonymous   a visitor who is not signed in
    resident    signed in, no seat
    member      a current member of the body
    chair       its chair
    secretary   its secretary
    other       a current member of another body
    officer     city officer
    admin       the platform's administrator
"""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from tests.factories import make_body
from tests.support import fresh, parse

PERSONAS = ["anonymous", "resident", "member", "chair", "secretary", "other", "officer", "admin"]

MATRIX = parse(
    """
permission:visibility                     anonymous resident member chair secretary other officer admin
view_body:public                          Y         Y        Y      Y     Y         Y     Y       Y
view_body:transparent                     Y         Y        Y      Y     Y         Y     Y       Y
view_body:private                         -         -        Y      Y     Y         -     Y       Y
view_workspace_body:public                -         -        Y      Y     Y         -     Y       Y
view_workspace_body:transparent           Y         Y        Y      Y     Y         Y     Y       Y
view_workspace_body:private               -         -        Y      Y     Y         -     Y       Y
post_workspace_body:public                -         -        -      Y     Y         -     Y       Y
post_workspace_body:transparent           -         -        -      Y     Y         -     Y       Y
post_workspace_body:private               -         -        -      Y     Y         -     Y       Y
record_act_body:public                    -         -        -      Y     Y         -     Y       Y
record_act_body:transparent               -         -        -      Y     Y         -     Y       Y
record_act_body:private                   -         -        -      Y     Y         -     Y       Y
apply_body:public                         -         Y        Y      Y     Y         Y     Y       Y
apply_body:transparent                    -         Y        Y      Y     Y         Y     Y       Y
apply_body:private                        -         -        Y      Y     Y         -     Y       Y
decide_application_body:public            -         -        -      Y     -         -     Y       Y
decide_application_body:transparent       -         -        -      Y     -         -     Y       Y
decide_application_body:private           -         -        -      Y     -         -     Y       Y
manage_body:public                        -         -        -      -     -         -     Y       Y
manage_body:transparent                   -         -        -      -     -         -     Y       Y
manage_body:private                       -         -        -      -     -         -     Y       Y
""",
    PERSONAS,
)


@pytest.fixture
def world(db, anonymous, resident, officer, administrator, seat):
    other_body = make_body("Komisja Dialogu Obywatelskiego ds. Kultury", "kdo-kultury", kind="commission")
    bodies = {
        visibility: make_body(f"Komisja {visibility}", f"komisja-{visibility}", kind="commission", joining="open",
                              visibility=visibility)
        for visibility in ("public", "transparent", "private")
    }  # fmt: skip
    people = {
        "anonymous": anonymous,
        "resident": resident,
        "member": make_person("czlonek.komisji@example.org"),
        "chair": make_person("przewodniczaca.komisji@example.org"),
        "secretary": make_person("sekretarz.komisji@example.org"),
        "other": make_person("czlonek.innej@example.org"),
        "officer": officer,
        "admin": administrator,
    }
    for body in bodies.values():
        seat(body, people["member"])
        seat(body, people["chair"], position="chair")
        seat(body, people["secretary"], position="secretary")
    seat(other_body, people["other"], position="chair")
    return bodies, people


@pytest.mark.parametrize("row", sorted(MATRIX))
def test_body_permissions(world, row):
    bodies, people = world
    permission, visibility = row.split(":")

    allowed = {
        persona for persona in PERSONAS if fresh(people[persona]).has_perm(f"bodies.{permission}", bodies[visibility])
    }

    assert allowed == {persona for persona, cell in MATRIX[row].items() if cell == "Y"}


def test_a_past_member_has_no_members_rights(world, seat):
    bodies, people = world
    former = make_person("byla.czlonkini@example.org")
    body = bodies["private"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    seat(body, former, position="chair", end_date=yesterday)

    assert not fresh(former).has_perm("bodies.view_body", body)
    assert not fresh(former).has_perm("bodies.record_act_body", body)


def test_an_appointed_body_takes_no_applications(krdpp, resident):
    assert not fresh(resident).has_perm("bodies.apply_body", krdpp)
