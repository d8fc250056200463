"""The account page names the person's roles as they are: in the organizations they belong to, the dialogue bodies
they sit on in the current term, the competition commissions at work, the city office; in the person's grammatical
gender, with the names set off after the noun in the genitive; in a constant number of queries."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from razem.accounts.roles import person_roles
from razem.commissions.models import Opinion
from razem.organizations.models import Membership
from tests.commissions.factories import closed_call
from tests.commissions.factories import seat as commission_seat
from tests.core.helpers import text_of
from tests.factories import BodyFactory, OrganizationFactory, add_membership

DASHBOARD = "/konto/"


def _roles_on_page(client) -> str:
    html = client.get(reverse("accounts:dashboard")).content.decode()
    start = html.index('id="roles-title"')
    return html[start : html.index("</section>", start)]


def test_an_organizations_representative_is_named_with_the_organization_set_off(english, verified_org):
    representative = verified_org.memberships.get(role="representative").user
    representative.grammatical_gender = "masculine"

    assert person_roles(representative) == ["Representative of the organization: Stowarzyszenie Przyjaciół Plant"]


def test_the_roles_agree_with_the_persons_gender_in_polish(verified_org):
    """Fails only while the Polish catalogue lacks these messages (the lead compiles it)."""
    admin = verified_org.memberships.get(role="admin").user
    admin.grammatical_gender = "feminine"
    representative = verified_org.memberships.get(role="representative").user
    representative.grammatical_gender = "masculine"
    member = verified_org.memberships.get(role="member").user

    with translation.override("pl"):
        assert person_roles(admin) == ["Administratorka organizacji: Stowarzyszenie Przyjaciół Plant"]
        assert person_roles(representative) == ["Przedstawiciel organizacji: Stowarzyszenie Przyjaciół Plant"]
        assert person_roles(member) == ["Członkostwo w organizacji: Stowarzyszenie Przyjaciół Plant"]


def test_a_request_to_join_is_no_role_yet(english, resident):
    organization = OrganizationFactory(name="Fundacja Pod Wawelem")
    add_membership(organization, resident, role="member", status=Membership.Status.REQUESTED)

    assert person_roles(resident) == []


def test_a_chair_of_the_council_is_named_with_its_abbreviation_in_the_current_term_only(
    english, krdpp, seat, resident, past_term
):
    seat(krdpp, resident, position="chair")
    seat(krdpp, resident, position="member", term=past_term, start_date=past_term.starts_on, end_date=past_term.ends_on)

    assert person_roles(resident) == [f"{pgettext('neutral', 'Chair')} of KRDPP"]


def test_a_body_without_an_abbreviation_is_named_in_full_set_off(english, forum, seat, resident):
    seat(forum, resident)
    assert person_roles(resident) == ["Member: Krakowskie Forum Lokalowe"]


def test_a_seat_that_has_ended_is_no_role(english, krdpp, seat, resident):
    seat(krdpp, resident, end_date=timezone.localdate() - datetime.timedelta(days=1))
    assert person_roles(resident) == []


def test_a_member_of_a_commission_at_work_is_named_until_its_opinion_is_adopted(english, resident):
    call = closed_call(number="SZ-OKO/2027/01")
    commission_seat(call, "expert", user=resident)

    assert person_roles(resident) == ["Expert of the competition commission: SZ-OKO/2027/01"]

    Opinion.objects.create(call=call, sat_on=timezone.localdate(), adopted_at=timezone.now())
    assert person_roles(resident) == []


def test_an_excluded_member_of_a_commission_has_no_role_in_it(english, resident):
    commission_seat(closed_call(), "ngo", user=resident, excluded=True)
    assert person_roles(resident) == []


def test_the_office_staff_are_named_with_the_office(english, officer, administrator, settings):
    officer.grammatical_gender = "feminine"

    assert person_roles(officer) == [f"City officer ({settings.RAZEM_OFFICE['unit']})"]
    assert person_roles(administrator) == ["Administrator of the platform"]


def test_the_account_page_lists_the_roles(client, verified_org, krdpp, seat):
    representative = verified_org.memberships.get(role="representative").user
    seat(krdpp, representative, organization=verified_org)
    client.force_login(representative)

    section = _roles_on_page(client)

    assert section.count("<li>") == 2
    assert "Stowarzyszenie Przyjaciół Plant" in section and "KRDPP" in section


def test_a_person_without_a_role_is_told_so_and_where_to_find_an_organization(client, resident):
    client.force_login(resident)

    page = client.get(DASHBOARD)

    assert "<li>" not in _roles_on_page(client)
    assert reverse("organizations:directory") in _roles_on_page(client)
    assert page.status_code == 200


def test_the_account_page_asks_the_same_number_of_queries_however_many_roles(
    client, resident, seat, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(resident)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD).status_code == 200
        return len(captured)

    def add_roles() -> None:
        organization = OrganizationFactory()
        add_membership(organization, resident, role="representative")
        seat(BodyFactory(), resident, position="chair")
        commission_seat(closed_call(), "ngo", user=resident)

    add_roles()
    one = count()
    for _ in range(3):
        add_roles()
    with django_assert_num_queries(one):
        page = client.get(DASHBOARD)
    assert _roles_on_page(client).count("<li>") == 12
    assert text_of(page)
