"""The limits of art. 19a (small_grants.limits): each at its boundary (exactly at the limit passes, one grosz more
is refused), the duration of 90 against 91 days, the pool with and without the year's plan, and the switch to a
newer statutory value (the 2025 draft: 20 000 / 40 000 / 30 %) from the day it is valid from. Each refusal names the
limit, the figures and the legal basis."""

import datetime
from decimal import Decimal

import pytest

from razem.core.models import StatutoryValue
from razem.core.money import percent, pln
from razem.core.schedule import when
from razem.small_grants import limits
from tests.core.helpers import in_polish
from tests.factories import OrganizationFactory
from tests.small_grants.factories import award_directly, plan

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = 2027
START = D(YEAR, 3, 1)
END = D(YEAR, 3, 30)
DAY = D(YEAR, 2, 1)  # the day of the check


def check(organization, grant, *, start=START, end=END, day=DAY, exclude=None):
    return limits.refusals(
        organization=organization, start=start, end=end, grant=Decimal(grant), day=day, exclude_offer_id=exclude
    )


@pytest.fixture
def org():
    return OrganizationFactory(name="Stowarzyszenie Kazimierz")


@pytest.fixture
def planned():
    return plan(YEAR, "1000000.00")  # pool: 20 % = 200 000 zł


def amount_refusal(grant: str, limit: str = "10000") -> str:
    return in_polish(
        "The grant of %(grant)s is above the most a small grant may give to one task, %(limit)s (%(ref)s)."
    ) % {"grant": pln(grant), "limit": pln(limit), "ref": "art. 19a ust. 1 pkt 1 u.d.p.p.w."}


def test_the_grant_for_one_task_may_reach_the_limit_but_not_a_grosz_more(org, planned):
    assert check(org, "10000.00") == []
    found = check(org, "10000.01")
    assert [r.code for r in found] == ["small_grant_max_amount"]
    assert found[0].message == amount_refusal("10000.01")
    assert found[0].field == "grant"


def test_the_task_may_last_90_days_but_not_91(org, planned):
    assert check(org, "5000", start=D(YEAR, 3, 1), end=D(YEAR, 5, 29)) == []
    found = check(org, "5000", start=D(YEAR, 3, 1), end=D(YEAR, 5, 30))
    assert [r.code for r in found] == ["small_grant_max_days"]
    assert found[0].field == "end_date"
    assert found[0].message == in_polish(
        "The task lasts %(days)s days (%(start)s to %(end)s, both days counted); a small grant may fund a task of "
        "at most %(max)s days (%(ref)s)."
    ) % {"days": 91, "start": when(D(YEAR, 3, 1)), "end": when(D(YEAR, 5, 30)), "max": 90,
         "ref": "art. 19a ust. 1 pkt 2 u.d.p.p.w."}  # fmt: skip


def org_cap_refusal(org, awarded: str, grant: str, cap: str = "20000") -> str:
    return in_polish(
        "%(org)s has been awarded %(awarded)s in small grants for %(year)s; with this grant of %(grant)s it would "
        "receive %(total)s, above the yearly limit of %(cap)s for one organization (%(ref)s)."
    ) % {
        "org": org.name, "awarded": pln(awarded), "year": YEAR, "grant": pln(grant),
        "total": pln(Decimal(awarded) + Decimal(grant)), "cap": pln(cap), "ref": "art. 19a ust. 1a u.d.p.p.w.",
    }  # fmt: skip


def test_the_organization_may_reach_its_yearly_cap_but_not_a_grosz_more(org, planned):
    award_directly(org, "10000.00", YEAR)
    award_directly(org, "5000.00", YEAR)
    award_directly(org, "9000.00", YEAR - 1)  # another year: not counted
    award_directly(OrganizationFactory(), "9000.00", YEAR)  # another organization: not counted
    assert check(org, "5000.00") == []
    found = check(org, "5000.01")
    assert [r.code for r in found] == ["small_grant_org_year_cap"]
    assert found[0].message == org_cap_refusal(org, "15000.00", "5000.01")


def test_a_refused_or_withdrawn_small_grant_does_not_count_towards_the_cap(org, planned):
    award = award_directly(org, "15000.00", YEAR)
    award.offer.status = "withdrawn"
    award.offer.save(update_fields=["status"])
    assert check(org, "10000.00") == []


def pool_refusal(awarded: str, grant: str, pool: str, planned: str, share: str = "20") -> str:
    return in_polish(
        "Small grants awarded for %(year)s total %(awarded)s; with this grant of %(grant)s they would reach "
        "%(total)s, above the year's pool of %(pool)s (%(share)s of the %(planned)s planned for NGO tasks in "
        "%(year)s, %(ref)s)."
    ) % {
        "year": YEAR, "awarded": pln(awarded), "grant": pln(grant), "total": pln(Decimal(awarded) + Decimal(grant)),
        "pool": pln(pool), "share": percent(share), "planned": pln(planned), "ref": "art. 19a ust. 7 u.d.p.p.w.",
    }  # fmt: skip


def test_the_years_small_grants_may_fill_the_pool_but_not_a_grosz_more(org):
    plan(YEAR, "100000.00")  # pool: 20 000 zł
    for _n in range(3):
        award_directly(OrganizationFactory(), "5000.00", YEAR)
    assert check(org, "5000.00") == []
    found = check(org, "5000.01")
    assert [r.code for r in found] == ["small_grant_pool_share"]
    assert found[0].message == pool_refusal("15000.00", "5000.01", "20000.00", "100000.00")


def test_a_year_without_a_plan_is_refused_clearly(org):
    found = check(org, "100.00")
    assert [r.code for r in found] == ["small_grant_pool_share"]
    assert found[0].message == in_polish(
        "The office has not recorded the grants planned for NGO tasks in %(year)s, so the small-grant pool of that "
        "year (%(share)s of them, %(ref)s) is not known; a small grant for %(year)s can be filed and awarded once the "
        "office records it."
    ) % {"year": YEAR, "share": percent("20"), "ref": "art. 19a ust. 7 u.d.p.p.w."}


def test_the_budget_year_is_the_year_the_task_starts(org):
    plan(YEAR, "100000.00")
    award_directly(OrganizationFactory(), "20000.00", YEAR)  # the pool of YEAR is full
    # A task from December to February belongs to the year it starts in: the pool of YEAR + 1 has no plan.
    found = check(org, "100.00", start=D(YEAR + 1, 12, 1), end=D(YEAR + 2, 2, 1))
    assert "%s" % (YEAR + 1) in found[0].message and found[0].code == "small_grant_pool_share"
    # Starting in YEAR it is refused by the full pool.
    assert [r.code for r in check(org, "100.00")] == ["small_grant_pool_share"]


def test_the_offer_itself_is_not_counted_twice_when_the_decision_checks_again(org, planned):
    award_directly(org, "10000.00", YEAR)
    itself = award_directly(org, "10000.00", YEAR)
    assert check(org, "10000.00", exclude=itself.offer_id) == []
    assert [r.code for r in check(org, "10000.00")] == ["small_grant_org_year_cap"]


def test_every_limit_is_named_when_several_are_broken(org):
    found = check(org, "10000.01", start=D(YEAR, 1, 1), end=D(YEAR, 12, 31))
    assert [r.code for r in found] == [
        "small_grant_max_amount",
        "small_grant_max_days",
        "small_grant_pool_share",
    ]


# The 2025 draft, from the day it would apply ----------------------------------------------------------------------

SWITCH = D(YEAR, 7, 1)


@pytest.fixture
def draft_2025():
    rows = [
        ("small_grant_max_amount", "20000", "PLN"),
        ("small_grant_org_year_cap", "40000", "PLN"),
        ("small_grant_pool_share", "30", "%"),
    ]
    for code, value, unit in rows:
        StatutoryValue.objects.create(
            code=code, value=Decimal(value), unit=unit, valid_from=SWITCH,
            legal_ref="art. 19a (projekt 2025)", description="Projekt nowelizacji 2025",
        )  # fmt: skip


def test_the_limit_for_one_task_changes_on_the_day_the_newer_value_is_valid_from(org, planned, draft_2025):
    before = check(org, "15000.00", day=SWITCH - datetime.timedelta(days=1))
    assert [r.code for r in before] == ["small_grant_max_amount"]
    assert before[0].message == amount_refusal("15000.00")
    assert check(org, "15000.00", day=SWITCH) == []
    assert check(org, "20000.00", day=SWITCH) == []
    after = check(org, "20000.01", day=SWITCH)
    assert [r.code for r in after] == ["small_grant_max_amount"]
    assert "art. 19a (projekt 2025)" in after[0].message and pln("20000") in after[0].message


def test_the_yearly_cap_and_the_pool_change_on_that_day_too(org, draft_2025):
    plan(YEAR, "100000.00")  # pool: 20 000 zł, then 30 000 zł
    award_directly(org, "15000.00", YEAR)
    award_directly(OrganizationFactory(), "5000.00", YEAR)
    the_day_before = SWITCH - datetime.timedelta(days=1)
    assert {r.code for r in check(org, "10000.00", day=the_day_before)} == {
        "small_grant_org_year_cap",
        "small_grant_pool_share",
    }
    assert check(org, "10000.00", day=SWITCH) == []  # 25 000 ≤ 40 000; 30 000 ≤ 30 000
    assert [r.code for r in check(org, "10000.01", day=SWITCH)] == ["small_grant_pool_share"]
