"""Hardening 8: the cut-off date of the electorate may read the organization's entry in the KRS (from the KRS
extract the registry keeps) instead of its registration in Razem. A refused organization is told why, with both
dates; one without a KRS date is not eligible under that rule, and told so (elections/eligibility.py)."""

import datetime

import pytest
from django.utils.formats import date_format

from razem.elections import services
from razem.elections.eligibility import ineligibility_reason, krs_registration_date, lacking_krs_date
from razem.elections.forms.staff import ElectionForm
from razem.elections.models import Candidacy, Election
from tests.core.helpers import text_of

CUTOFF = datetime.date(2020, 1, 1)


@pytest.fixture
def krs_election(make_election):
    return make_election(
        "nominations", registered_before=CUTOFF, registration_date=Election.RegistrationDate.KRS, support_needed=0
    )


@pytest.fixture
def organizations(voters):
    """Three verified Kraków organizations, all registered in Razem today: one entered in the KRS in 2016, one in
    2021, one with no extract."""
    (old, old_rep), (young, young_rep), (unknown, unknown_rep) = voters(3)
    old.krs_extract = {"krs": old.krs, "registered_on": "12.03.2016"}
    young.krs_extract = {"krs": young.krs, "registered_on": "05.05.2021"}
    old.save(update_fields=["krs_extract"])
    young.save(update_fields=["krs_extract"])
    return {"old": (old, old_rep), "young": (young, young_rep), "unknown": (unknown, unknown_rep)}


def test_the_krs_date_is_read_as_the_extract_gives_it():
    assert krs_registration_date("12.03.2016") == datetime.date(2016, 3, 12)
    assert krs_registration_date("2016-03-12") == datetime.date(2016, 3, 12)
    assert krs_registration_date("") is None and krs_registration_date(None) is None
    assert krs_registration_date("wkrótce") is None


def test_the_krs_rule_admits_by_the_date_of_entry_in_the_krs(krs_election, organizations):
    eligible = set(services.eligible_organizations(krs_election))

    assert organizations["old"][0] in eligible  # in Razem only since today, but in the KRS since 2016
    assert organizations["young"][0] not in eligible
    assert organizations["unknown"][0] not in eligible
    assert lacking_krs_date(krs_election) == 1


def test_under_the_razem_rule_the_same_organizations_are_all_too_recent(make_election, organizations):
    election = make_election("nominations", registered_before=CUTOFF)
    assert election.registration_date == Election.RegistrationDate.RAZEM
    assert not set(services.eligible_organizations(election)) & {o for o, _p in organizations.values()}
    assert lacking_krs_date(election) == 0


def test_a_refused_organization_is_told_both_dates(krs_election, organizations):
    young, _rep = organizations["young"]
    reason = ineligibility_reason(krs_election, young)

    assert reason is not None
    assert young.name in reason and "KRS" in reason
    assert date_format(datetime.date(2021, 5, 5), "j E Y") in reason
    assert date_format(CUTOFF, "j E Y") in reason
    assert ineligibility_reason(krs_election, organizations["old"][0]) is None


def test_an_organization_without_a_krs_date_is_not_eligible_and_told_why(krs_election, organizations, resident):
    unknown, representative = organizations["unknown"]
    reason = ineligibility_reason(krs_election, unknown)
    assert reason is not None and unknown.name in reason and date_format(CUTOFF, "j E Y") in reason

    with pytest.raises(services.ValidationError) as caught:
        services.candidacy_nominate(
            actor=representative, election=krs_election, organization=unknown, person=resident, statement="Program."
        )
    assert caught.value.message_dict["organization"] == [reason]
    assert not Candidacy.objects.exists()


def test_the_election_page_tells_a_refused_organization_why(client, krs_election, organizations):
    young, representative = organizations["young"]
    client.force_login(representative)

    page = text_of(client.get(f"/wybory/{krs_election.slug}/"))

    assert ineligibility_reason(krs_election, young) in page
    assert date_format(CUTOFF, "j E Y") in page


def test_the_office_chooses_the_krs_rule_on_the_form_and_sees_who_lacks_a_date(
    officer_client, krs_election, organizations
):
    form = ElectionForm(election=krs_election)
    assert "registration_date" in form.fields
    assert form.initial["registration_date"] == Election.RegistrationDate.KRS

    page = text_of(officer_client.get(f"/panel/wybory/{krs_election.slug}/otwarcie-glosowania/"))
    assert 'id="lacking-krs"' in page
