"""Who may do what with an organization: the full permission matrix of organizations/rules.py.

Every permission × every persona × every organization status. A cell lists the initials of the statuses in
which the persona holds the permission: P pending, V verified, S suspended, R rejected, D dissolved; "-" never.
"""

import pytest
from conftest import make_person
from rules.permissions import permissions

from razem.organizations.models import Membership, Organization
from tests.factories import add_membership, make_organization

STATUSES = {
    "P": Organization.Status.PENDING,
    "V": Organization.Status.VERIFIED,
    "S": Organization.Status.SUSPENDED,
    "R": Organization.Status.REJECTED,
    "D": Organization.Status.DISSOLVED,
}

# Personas:
#   anonymous      a visitor who is not signed in
#   resident       a signed-up person with no tie to the organization
#   elsewhere      other_resident, the administrator of a different organization
#   requester      asked to join, not answered yet
#   declined       asked to join and was declined (may ask again)
#   member         active member
#   represent.     active representative (may act for the organization)
#   org_admin      active organization administrator
#   officer        city officer
#   city_admin     the platform's administrator
PERSONAS = [
    "anonymous", "resident", "elsewhere", "requester", "declined",
    "member", "representative", "org_admin", "officer", "city_admin",
]  # fmt: skip

MATRIX = """
permission       anonymous resident elsewhere requester declined member representative org_admin officer city_admin
view             V         V        V         V         V        PVSRD  PVSRD          PVSRD     PVSRD   PVSRD
register         -         PVSRD    PVSRD     PVSRD     PVSRD    PVSRD  PVSRD          PVSRD     PVSRD   PVSRD
change           -         -        -         -         -        -      -              PVS       PVSRD   PVSRD
view_members     -         -        -         -         -        PVSRD  PVSRD          PVSRD     PVSRD   PVSRD
manage_members   -         -        -         -         -        -      -              PVS       -       -
invite           -         -        -         -         -        -      -              PVS       -       -
join             -         V        V         -         V        -      -              -         V       V
leave            -         -        -         -         -        PVSRD  PVSRD          PVSRD     -       -
withdraw_request -         -        -         PVSRD     -        -      -              -         -       -
act_for          -         -        -         -         -        -      V              V         -       -
verify           -         -        -         -         -        -      -              -         PVSRD   PVSRD
list_all         -         -        -         -         -        -      -              -         PVSRD   PVSRD
import           -         -        -         -         -        -      -              -         PVSRD   PVSRD
export           PVSRD     PVSRD    PVSRD     PVSRD     PVSRD    PVSRD  PVSRD          PVSRD     PVSRD   PVSRD
view_representatives   -  -  -  -  -  PVSRD PVSRD PVSRD PVSRD PVSRD
manage_representatives -  -  -  -  -  -     -     PVS   PVSRD PVSRD
"""


def parse(matrix: str) -> dict[str, dict[str, set[str]]]:
    header, *rows = [line.split() for line in matrix.strip().splitlines()]
    assert header[1:] == PERSONAS
    table = {}
    for permission, *cells in rows:
        assert len(cells) == len(PERSONAS), permission
        table[permission] = {
            persona: {STATUSES[c] for c in cell if c != "-"} for persona, cell in zip(PERSONAS, cells, strict=True)
        }
    return table


EXPECTED = parse(MATRIX)


def perm(name: str) -> str:
    return f"organizations.{name}_organization"


@pytest.fixture
def persona_of(db, anonymous, resident, other_resident, officer, administrator):
    """The persona in ``organization``: creates the membership the persona stands for."""

    def build(persona: str, organization: Organization):
        people = {"anonymous": anonymous, "resident": resident, "officer": officer, "city_admin": administrator}
        if persona in people:
            return people[persona]
        if persona == "elsewhere":
            add_membership(make_organization("Fundacja Gdzie Indziej", krs="0000999999"), other_resident, "admin")
            return other_resident
        person = make_person(f"{persona}@example.org")
        role, status = {
            "requester": (Membership.Role.MEMBER, Membership.Status.REQUESTED),
            "declined": (Membership.Role.MEMBER, Membership.Status.DECLINED),
            "member": (Membership.Role.MEMBER, Membership.Status.ACTIVE),
            "representative": (Membership.Role.REPRESENTATIVE, Membership.Status.ACTIVE),
            "org_admin": (Membership.Role.ADMIN, Membership.Status.ACTIVE),
        }[persona]
        add_membership(organization, person, role, status)
        return person

    return build


@pytest.mark.parametrize("status", list(STATUSES.values()))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_holds_exactly_the_permissions_of_the_matrix_for_an_organization_in_each_status(
    persona_of, persona, status
):
    organization = make_organization("Stowarzyszenie Macierz", krs="0000111111", status=status)
    user = persona_of(persona, organization)

    held = {name for name in EXPECTED if user.has_perm(perm(name), organization)}

    expected = {name for name, row in EXPECTED.items() if status in row[persona]}
    assert held == expected, f"{persona} / {status}: extra {held - expected}, missing {expected - held}"


def test_the_matrix_covers_every_organization_permission_that_is_registered():
    registered = {name for name in permissions if name.startswith("organizations.")}

    assert registered == {perm(name) for name in EXPECTED}


def test_a_deactivated_organization_administrator_holds_no_permission_at_all(verified_org, org_admin):
    org_admin.is_active = False
    org_admin.save()

    held = {name for name in EXPECTED if org_admin.has_perm(perm(name), verified_org)}

    assert held == set()


def test_an_accepted_request_counts_from_the_next_page_load_on(verified_org, requester):
    """Memberships are cached on the user object of one request only."""
    assert not requester.has_perm(perm("view_members"), verified_org)

    Membership.objects.filter(user=requester).update(status=Membership.Status.ACTIVE)
    next_request_user = type(requester).objects.get(pk=requester.pk)

    assert next_request_user.has_perm(perm("view_members"), verified_org)
