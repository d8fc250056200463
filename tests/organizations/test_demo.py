"""The demo registry: about 200 fictional Kraków organizations, and NGO demo accounts acting for them."""

import csv
import io
from collections import Counter

import pytest
from stdnum.pl import nip, regon

from razem.accounts.models import User
from razem.core.demo import DEMO_ACCOUNTS, load_demo
from razem.organizations import demo, importer
from razem.organizations.models import ImportJob, Invitation, Membership, Organization

pytestmark = pytest.mark.django_db

NGO_ACCOUNTS = {
    "prezeska@razem.demo": Membership.Role.ADMIN,
    "przedstawiciel@razem.demo": Membership.Role.REPRESENTATIVE,
    "czlonek@razem.demo": Membership.Role.MEMBER,
}


def registry_counts() -> dict[str, object]:
    return {
        "organizations": Organization.objects.count(),
        "statuses": Counter(Organization.objects.values_list("status", flat=True)),
        "areas": Organization.areas.through.objects.count(),
        "target_groups": Organization.target_groups.through.objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "people": User.objects.count(),
    }


@pytest.fixture
def demo_loaded(demo) -> None:
    """The demo, loaded once per session (see ``demo`` in tests/fixtures.py)."""


def test_loading_the_demo_twice_gives_the_same_registry():
    load_demo()
    first = registry_counts()
    load_demo()

    assert registry_counts() == first
    assert 190 <= first["organizations"] <= 210
    statuses = first["statuses"]
    assert statuses[Organization.Status.PENDING] >= 15
    assert statuses[Organization.Status.VERIFIED] > first["organizations"] * 0.8
    for status in (Organization.Status.SUSPENDED, Organization.Status.REJECTED, Organization.Status.DISSOLVED):
        assert statuses[status] >= 1, status


def test_demo_organizations_have_valid_identifiers_and_unique_krs_numbers(demo_loaded):
    organizations = list(Organization.objects.all())

    with_nip = [o.nip for o in organizations if o.nip]
    with_regon = [o.regon for o in organizations if o.regon]
    krs = [o.krs for o in organizations if o.krs]
    assert len(with_nip) > 100 and len(with_regon) > 150
    assert [n for n in with_nip if not nip.is_valid(n)] == []
    assert [n for n in with_regon if not regon.is_valid(n)] == []
    assert len(krs) == len(set(krs)) > 100
    assert all(len(k) == 10 and k.isdigit() for k in krs)
    for organization in organizations:
        if organization.register_type == Organization.RegisterType.KRS:
            assert organization.krs, organization
        else:
            assert not organization.krs and organization.register_number, organization
        organization.full_clean(exclude=["logo"])  # the model's own validation and constraints agree


def test_demo_organizations_are_spread_over_districts_areas_and_legal_forms(demo_loaded):
    organizations = Organization.objects.prefetch_related("areas", "target_groups").select_related("district")

    assert {o.district.number for o in organizations} == set(range(1, 19))
    assert all(1 <= len(o.areas.all()) <= 4 for o in organizations)
    assert len({a.code for o in organizations for a in o.areas.all()}) >= 20
    assert sum(1 for o in organizations if o.target_groups.all()) > 100
    forms = Counter(o.legal_form for o in organizations)
    assert forms[Organization.LegalForm.ASSOCIATION] + forms[Organization.LegalForm.FOUNDATION] > 100
    for form in (
        Organization.LegalForm.SCHOOL_SPORTS_CLUB,
        Organization.LegalForm.RURAL_WOMENS_CIRCLE,
        Organization.LegalForm.ORDINARY_ASSOCIATION,
        Organization.LegalForm.SOCIAL_COOPERATIVE,
    ):
        assert forms[form] >= 3, form
    assert any(o.is_opp for o in organizations)
    assert len({o.name for o in organizations}) == len(organizations)
    for organization in organizations:
        assert 1 <= organization.description.count(".") <= 4, organization.description
        for address in (organization.email, organization.website):
            assert not address or address.endswith(".example.org") or address.endswith("@example.org")


def test_every_ngo_demo_account_acts_for_a_verified_organization(demo_loaded):
    for email, role in NGO_ACCOUNTS.items():
        assert any(a.email == email for a in DEMO_ACCOUNTS), email
        membership = Membership.objects.select_related("organization").get(user__email=email)
        assert membership.role == role
        assert membership.status == Membership.Status.ACTIVE
        assert membership.organization.status == Organization.Status.VERIFIED
    representative = Membership.objects.get(user__email="przedstawiciel@razem.demo")
    assert representative.may_act
    assert not Membership.objects.filter(user__email="mieszkanka@razem.demo").exists()


def test_the_administrators_organization_has_a_join_request_and_an_open_invitation(demo_loaded):
    organization = Membership.objects.get(user__email="prezeska@razem.demo").organization

    requests = Membership.objects.filter(organization=organization, status=Membership.Status.REQUESTED)
    assert requests.count() == 1
    invitations = [i for i in Invitation.objects.filter(organization=organization) if i.is_usable]
    assert len(invitations) == 1
    # Every demo organization someone acts for keeps an administrator.
    for membership in Membership.objects.filter(status=Membership.Status.ACTIVE):
        assert membership.organization.memberships.filter(role=Membership.Role.ADMIN, status="active").exists()


def test_the_generator_is_deterministic_and_its_rows_pass_the_importer(reference_data):
    assert demo.generate(60, seed=7) == demo.generate(60, seed=7)
    rows = list(demo.iter_csv_rows(300, seed=99))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(demo.CSV_COLUMNS)
    writer.writerows(rows)
    job = ImportJob.objects.create(original_name="demo.csv", file="imports/organizations/demo.csv")

    result = importer.run(job, buffer.getvalue().encode())

    assert result.errors == []
    assert result.created == 300
    assert Organization.objects.count() == 300


def test_a_later_run_with_a_changed_generator_adds_no_second_set(demo_loaded):
    before = registry_counts()
    users = {u.email: u for u in User.objects.filter(email__endswith="@razem.demo")}

    demo.load(users=users, seed=demo.DEMO_SEED + 1)  # other names and numbers, as after a change of the word lists

    assert registry_counts() == before
