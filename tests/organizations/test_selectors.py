"""Reading the registry: the public directory, the staff list and who belongs where."""

import datetime

import pytest
from conftest import make_person
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from razem.core.models import District, PublicBenefitArea
from razem.organizations.models import Membership, Organization
from razem.organizations.selectors import (
    DirectoryFilters,
    members_of,
    memberships_of,
    organization_directory,
    organization_list_for_staff,
    organization_status_counts,
)
from tests.factories import add_membership, make_organization

pytestmark = pytest.mark.usefixtures("reference_data")


def directory(**filters) -> list[str]:
    return [o.name for o in organization_directory(filters=DirectoryFilters(**filters))]


def staff_list(**filters) -> list[str]:
    return [o.name for o in organization_list_for_staff(filters=DirectoryFilters(**filters))]


def district(number: int) -> District:
    return District.objects.get(number=number)


def area(code: str) -> PublicBenefitArea:
    return PublicBenefitArea.objects.get(code=code)


@pytest.fixture
def registry(db):
    """Five verified organizations of different forms, districts, areas and OPP status; one in each other status."""
    make_organization(
        "Fundacja Zażółć Gęślą Jaźń", krs="0000000001", legal_form="fundacja", district=district(1),
        areas=[area("16")], is_opp=True, description="Czytamy dzieciom w bibliotekach.",
    )  # fmt: skip
    make_organization(
        "Klub Wioślarski Wisła", short_name="KW Wisła", krs="0000000002", legal_form="klub_sportowy",
        district=district(8), areas=[area("17")], description="Łódź, wiosła i treningi na Wiśle.",
    )  # fmt: skip
    make_organization(
        "Stowarzyszenie Kopiec Kościuszki", krs="0000123456", district=district(7), areas=[area("16"), area("18")],
    )  # fmt: skip
    make_organization(
        "Fundacja Kopiec Krakusa", krs="0000000004", legal_form="fundacja", district=district(13), is_opp=True,
        areas=[area("18")],
    )  # fmt: skip
    make_organization("Aktywni Seniorzy z Nowej Huty", krs="0000000005", district=district(18), areas=[area("10")])
    for status in ("pending", "suspended", "rejected", "dissolved"):
        make_organization(f"Fundacja Kopiec {status.title()}", krs="", status=status, district=district(1))


ALL_VERIFIED = [
    "Aktywni Seniorzy z Nowej Huty",
    "Fundacja Kopiec Krakusa",
    "Fundacja Zażółć Gęślą Jaźń",
    "Klub Wioślarski Wisła",
    "Stowarzyszenie Kopiec Kościuszki",
]


# The public directory


def test_the_directory_shows_verified_organizations_only_sorted_by_name(registry):
    assert directory() == ALL_VERIFIED


def test_the_directory_ignores_a_status_filter_it_is_given(registry):
    assert directory(status="pending") == ALL_VERIFIED


@pytest.mark.parametrize("query", ["zazolc", "ZAŻÓŁĆ", "Zazolc gesla", "jaźń"])
def test_a_search_ignores_polish_diacritics_and_case(registry, query):
    assert directory(query=query) == ["Fundacja Zażółć Gęślą Jaźń"]


def test_a_search_for_capital_letters_with_diacritics_finds_lower_case_text_without_them(registry):
    assert directory(query="ŁÓDŹ") == ["Klub Wioślarski Wisła"]


def test_every_word_of_a_search_must_match(registry):
    assert directory(query="kopiec") == ["Fundacja Kopiec Krakusa", "Stowarzyszenie Kopiec Kościuszki"]
    assert directory(query="kopiec fundacja") == ["Fundacja Kopiec Krakusa"]
    assert directory(query="kopiec wisła") == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("0000123456", "Stowarzyszenie Kopiec Kościuszki"),
        ("123456", "Stowarzyszenie Kopiec Kościuszki"),
        ("kw wisla", "Klub Wioślarski Wisła"),
        ("bibliotekach", "Fundacja Zażółć Gęślą Jaźń"),
    ],
    ids=["krs", "krs-fragment", "short-name", "description"],
)
def test_a_search_covers_the_krs_number_short_name_and_description(registry, query, found):
    assert directory(query=query) == [found]


def test_a_search_that_is_only_spaces_shows_everything(registry):
    assert directory(query="   ") == ALL_VERIFIED


def test_the_directory_filters_by_public_benefit_area(registry):
    assert directory(area=area("18").pk) == ["Fundacja Kopiec Krakusa", "Stowarzyszenie Kopiec Kościuszki"]


def test_an_organization_in_two_matching_areas_is_listed_once(registry):
    assert directory(query="kosciuszki", area=area("16").pk) == ["Stowarzyszenie Kopiec Kościuszki"]


def test_the_directory_filters_by_district(registry):
    assert directory(district=district(8).pk) == ["Klub Wioślarski Wisła"]


def test_the_directory_filters_by_legal_form(registry):
    assert directory(legal_form="fundacja") == ["Fundacja Kopiec Krakusa", "Fundacja Zażółć Gęślą Jaźń"]


def test_the_directory_filters_by_opp_status_either_way(registry):
    assert directory(opp=True) == ["Fundacja Kopiec Krakusa", "Fundacja Zażółć Gęślą Jaźń"]
    assert directory(opp=False) == [
        "Aktywni Seniorzy z Nowej Huty",
        "Klub Wioślarski Wisła",
        "Stowarzyszenie Kopiec Kościuszki",
    ]


def test_filters_and_search_combine(registry):
    assert directory(query="kopiec", legal_form="fundacja", opp=True, area=area("18").pk) == ["Fundacja Kopiec Krakusa"]
    assert directory(query="kopiec", district=district(1).pk) == []


def test_the_directory_sorts_by_name_backwards_by_district_and_newest_first(registry):
    now = timezone.now()
    for days, name in enumerate(ALL_VERIFIED):
        Organization.objects.filter(name=name).update(created_at=now - datetime.timedelta(days=days))

    assert directory(sort="-nazwa") == list(reversed(ALL_VERIFIED))
    assert directory(sort="dzielnica") == [
        "Fundacja Zażółć Gęślą Jaźń",  # I
        "Stowarzyszenie Kopiec Kościuszki",  # VII
        "Klub Wioślarski Wisła",  # VIII
        "Fundacja Kopiec Krakusa",  # XIII
        "Aktywni Seniorzy z Nowej Huty",  # XVIII
    ]
    assert directory(sort="najnowsze") == ALL_VERIFIED


def test_an_unknown_sort_falls_back_to_the_name(registry):
    assert directory(sort="; DROP TABLE") == ALL_VERIFIED


def test_listing_the_directory_costs_the_same_queries_for_five_or_fifty_organizations(registry):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            for organization in organization_directory(filters=DirectoryFilters()):
                str(organization.district)
                list(organization.areas.all())
        return len(captured)

    few = queries()
    for n in range(45):
        make_organization(f"Fundacja numer {n}", krs=f"{9000000000 + n}", district=district(2), areas=[area("1")])

    assert queries() == few == 2


# City staff


def test_staff_see_organizations_in_every_status(registry):
    assert staff_list(query="fundacja kopiec") == [
        "Fundacja Kopiec Dissolved",
        "Fundacja Kopiec Krakusa",
        "Fundacja Kopiec Pending",
        "Fundacja Kopiec Rejected",
        "Fundacja Kopiec Suspended",
    ]


def test_staff_filter_by_status(registry):
    assert staff_list(status="pending") == ["Fundacja Kopiec Pending"]


def test_the_staff_list_counts_active_members_only(verified_org, requester):
    declined = make_person("odrzucony@example.org")
    add_membership(verified_org, declined, status=Membership.Status.DECLINED)

    [row] = organization_list_for_staff(filters=DirectoryFilters())

    assert row.member_count == 3


def test_status_counts_give_the_number_in_each_status(registry):
    assert organization_status_counts() == {"verified": 5, "pending": 1, "suspended": 1, "rejected": 1, "dissolved": 1}


# Who belongs where


def test_a_persons_organizations_include_pending_requests_but_not_declined_ones(
    verified_org, pending_org, suspended_org, resident
):
    other = make_organization("Zespół Odrzuconych", krs="0000777777")
    add_membership(verified_org, resident, status=Membership.Status.REQUESTED)
    add_membership(other, resident, status=Membership.Status.DECLINED)
    add_membership(pending_org, resident, role=Membership.Role.REPRESENTATIVE)

    rows = [(m.organization.name, m.status) for m in memberships_of(user=resident)]

    assert rows == [("Fundacja Nowa Huta Czyta", "active"), ("Stowarzyszenie Przyjaciół Plant", "requested")]


def test_the_members_list_puts_active_members_first_by_name_and_leaves_out_declined_requests(
    verified_org, requester, resident
):
    add_membership(verified_org, resident, status=Membership.Status.DECLINED)

    rows = [(m.user.full_name, m.role, m.status) for m in members_of(organization=verified_org)]

    assert rows == [
        ("Celina Członkowska", "member", "active"),
        ("Olga Adamska", "admin", "active"),
        ("Piotr Reprezentant", "representative", "active"),
        ("Roman Prośba", "member", "requested"),
    ]
