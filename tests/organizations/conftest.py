"""Shared fixtures for the NGO registry tests (import the helpers from ``tests.organizations.conftest``).

People (each a signed-up resident, see ``make_person`` in the root conftest):

- ``org_admin``: Olga Adamska, administrator of every organization fixture below;
- ``org_representative``: Piotr Reprezentant, representative (may act for the organization);
- ``org_member``: Celina Członkowska, an ordinary member;
- ``requester``: Roman Prośba, has asked to join ``verified_org`` (membership status "requested");

Organizations (each has the three people above as active admin / representative / member):

- ``verified_org``: "Stowarzyszenie Przyjaciół Plant", KRS 0000100001, verified, in district I, area "1";
- ``pending_org``: "Fundacja Nowa Huta Czyta", KRS 0000100002, awaiting verification;
- ``suspended_org``: "Klub Sportowy Wisełka", KRS 0000100003, suspended with a reason.

Helpers:

- ``reference_data``: loads Kraków's 18 districts and the art. 4 areas (target groups come with the migrations);
  loading them writes two ``core.reference.*`` audit entries, so filter audit assertions by action;
- ``make_organization(name, status=..., **fields)``: saves an organization with its derived slug/search text;
- ``add_membership(organization, user, role=..., status=...)``;
- ``media_root``: MEDIA_ROOT in a temporary directory (uploads, import files);
- ``english``: the source (English) messages are active, so assertions on message text stay true whatever the
  Polish catalogue holds (notifications are still written in each recipient's preferred_language, "pl" unless set);
- ``organization_urls``: the URL names the services link to (organizations:detail, :members, :invitation,
  organizations_staff:verify). It uses the real URLconf when it has them (and imports), else a stub with those
  names only.
"""

import sys
import types

import pytest
from conftest import make_person
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone, translation

from razem.core.models import District, PublicBenefitArea
from razem.core.reference import load_districts, load_public_benefit_areas
from razem.organizations.models import Membership, Organization


def make_organization(name: str, *, status: str = Organization.Status.VERIFIED, **fields) -> Organization:
    """An organization saved directly (no service, no audit), with its slug and search text computed."""
    fields.setdefault("legal_form", Organization.LegalForm.ASSOCIATION)
    fields.setdefault("register_type", Organization.RegisterType.KRS if fields.get("krs") else "brak")
    areas = fields.pop("areas", ())
    organization = Organization(name=name, status=status, **fields)
    if status != Organization.Status.PENDING:
        organization.status_changed_at = timezone.now()
    organization.refresh_derived()
    organization.save()
    if areas:
        organization.areas.set(areas)
    return organization


def add_membership(
    organization: Organization,
    user,
    role: str = Membership.Role.MEMBER,
    status: str = Membership.Status.ACTIVE,
) -> Membership:
    return Membership.objects.create(organization=organization, user=user, role=role, status=status)


def _with_people(organization: Organization, admin, representative, member) -> Organization:
    add_membership(organization, admin, Membership.Role.ADMIN)
    add_membership(organization, representative, Membership.Role.REPRESENTATIVE)
    add_membership(organization, member, Membership.Role.MEMBER)
    return organization


@pytest.fixture
def reference_data(db) -> None:
    load_districts()
    load_public_benefit_areas()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org_admin(db):
    return make_person("olga.adamska@example.org", full_name="Olga Adamska")


@pytest.fixture
def org_representative(db):
    return make_person("piotr.reprezentant@example.org", full_name="Piotr Reprezentant")


@pytest.fixture
def org_member(db):
    return make_person("celina.czlonkowska@example.org", full_name="Celina Członkowska")


@pytest.fixture
def verified_org(reference_data, org_admin, org_representative, org_member) -> Organization:
    organization = make_organization(
        "Stowarzyszenie Przyjaciół Plant",
        krs="0000100001",
        district=District.objects.get(number=1),
        areas=PublicBenefitArea.objects.filter(code="1"),
        email="kontakt@planty.example.org",
    )
    return _with_people(organization, org_admin, org_representative, org_member)


@pytest.fixture
def pending_org(reference_data, org_admin, org_representative, org_member) -> Organization:
    organization = make_organization(
        "Fundacja Nowa Huta Czyta",
        krs="0000100002",
        legal_form=Organization.LegalForm.FOUNDATION,
        status=Organization.Status.PENDING,
    )
    return _with_people(organization, org_admin, org_representative, org_member)


@pytest.fixture
def suspended_org(reference_data, org_admin, org_representative, org_member) -> Organization:
    organization = make_organization(
        "Klub Sportowy Wisełka",
        krs="0000100003",
        legal_form=Organization.LegalForm.SPORTS_CLUB,
        status=Organization.Status.SUSPENDED,
        status_reason="Brak sprawozdania za 2025 r.",
    )
    return _with_people(organization, org_admin, org_representative, org_member)


@pytest.fixture
def requester(verified_org):
    person = make_person("roman.prosba@example.org", full_name="Roman Prośba")
    add_membership(verified_org, person, status=Membership.Status.REQUESTED)
    return person


# URL names the services put into notifications and e-mails.

_LINKED = [
    ("organizations:detail", {"pk": 1, "slug": "o"}),
    ("organizations:members", {"pk": 1}),
    ("organizations:invitation", {"token": "t"}),
    ("organizations_staff:verify", {"pk": 1}),
]


def _stub_urlconf() -> types.ModuleType:
    def page(request, **kwargs):
        return HttpResponse()

    public = [
        path("<int:pk>-<slug:slug>/", page, name="detail"),
        path("<int:pk>/czlonkowie/", page, name="members"),
        path("zaproszenie/<str:token>/", page, name="invitation"),
    ]
    staff = [path("<int:pk>/weryfikacja/", page, name="verify")]
    module = types.ModuleType("tests.organizations.stub_urls")
    module.urlpatterns = [
        path("organizacje/", include((public, "organizations"))),
        path("panel/organizacje/", include((staff, "organizations_staff"))),
    ]
    sys.modules[module.__name__] = module
    return module


@pytest.fixture
def organization_urls(settings) -> None:
    try:
        for name, kwargs in _LINKED:
            reverse(name, kwargs=kwargs)
    except (NoReverseMatch, ImportError):  # the pages are written in parallel: their URLconf may be half-done
        settings.ROOT_URLCONF = _stub_urlconf().__name__
