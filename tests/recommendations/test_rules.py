"""Who may see, follow, record and manage recommendations (recommendations/rules.py).

Cells "Y"/"-" per persona; fresh user objects per check (the predicates cache the person's seats).

Personas: anonymous; resident; member (of the source body); chair and secretary (of the source body); other_chair
(chair of another body); officer; admin.
"""

import pytest
from conftest import make_person

from razem.recommendations.models import Recommendation
from tests.factories import make_body
from tests.support import fresh, parse

PERSONAS = ["anonymous", "resident", "member", "chair", "secretary", "other_chair", "officer", "admin"]

ON_RECOMMENDATION = parse(
    """
permission:source                 anonymous resident member chair secretary other_chair officer admin
view:public_body                  Y         Y        Y      Y     Y         Y           Y       Y
view:private_body                 -         -        Y      Y     Y         -           Y       Y
view:no_body                      Y         Y        Y      Y     Y         Y           Y       Y
follow:public_body                -         Y        Y      Y     Y         Y           Y       Y
follow:private_body               -         -        Y      Y     Y         -           Y       Y
manage:public_body                -         -        -      -     -         -           Y       Y
manage:private_body               -         -        -      -     -         -           Y       Y
""",
    PERSONAS,
)

SUBMIT = parse(
    """
object         anonymous resident member chair secretary other_chair officer admin
source_body    -         -        -      Y     Y         -           Y       Y
none           -         -        -      -     -         -           Y       Y
""",
    PERSONAS,
)


@pytest.fixture
def world(db, anonymous, resident, officer, administrator, seat):
    public = make_body("Krakowskie Forum Lokalowe", "forum-lokalowe", kind="forum", joining="application")
    private = make_body("Zespół roboczy ds. regulaminu", "zespol", kind="team", visibility="private")
    other = make_body("KDO ds. Kultury", "kdo-kultury", kind="commission")
    people = {
        "anonymous": anonymous,
        "resident": resident,
        "member": make_person("czlonek@example.org"),
        "chair": make_person("przewodniczaca@example.org"),
        "secretary": make_person("sekretarz@example.org"),
        "other_chair": make_person("inna.przewodniczaca@example.org"),
        "officer": officer,
        "admin": administrator,
    }
    for body in (public, private):
        seat(body, people["member"])
        seat(body, people["chair"], position="chair")
        seat(body, people["secretary"], position="secretary")
    seat(other, people["other_chair"], position="chair")

    def recommendation(number, body):
        return Recommendation.objects.create(
            number=number, title="Jawny wykaz lokali", text="…", body=body, policy_area="premises",
            department="ZBK", source_kind="body" if body else "other",
        )  # fmt: skip

    sources = {
        "public_body": recommendation("R/2026/1", public),
        "private_body": recommendation("R/2026/2", private),
        "no_body": recommendation("R/2026/3", None),
    }
    return sources, people, public


@pytest.mark.parametrize("row", sorted(ON_RECOMMENDATION))
def test_recommendation_permissions(world, row):
    sources, people, _body = world
    permission, source = row.split(":")

    allowed = {
        p
        for p in PERSONAS
        if fresh(people[p]).has_perm(f"recommendations.{permission}_recommendation", sources[source])
    }

    assert allowed == {p for p, cell in ON_RECOMMENDATION[row].items() if cell == "Y"}


@pytest.mark.parametrize("row", sorted(SUBMIT))
def test_who_records_a_bodys_recommendations(world, row):
    _sources, people, body = world
    target = body if row == "source_body" else None

    allowed = {p for p in PERSONAS if fresh(people[p]).has_perm("recommendations.submit_recommendation", target)}

    assert allowed == {p for p, cell in SUBMIT[row].items() if cell == "Y"}
