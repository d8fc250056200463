import pytest
from allauth.account.models import EmailAddress
from conftest import make_person
from django.core.exceptions import ValidationError

from razem.accounts.services import user_delete_account
from razem.organizations.models import Membership, Organization


def _organization(name: str) -> Organization:
    org = Organization(name=name, legal_form="fundacja", register_type="brak", status="verified")
    org.refresh_derived()
    org.save()
    return org


def test_the_only_administrator_of_an_organization_cannot_delete_the_account_and_is_told_why(resident):
    org = _organization("Fundacja Pod Wawelem")
    Membership.objects.create(organization=org, user=resident, role="admin", status="active")

    with pytest.raises(ValidationError) as refusal:
        user_delete_account(actor=resident, user=resident)

    assert "Fundacja Pod Wawelem" in " ".join(refusal.value.messages)
    resident.refresh_from_db()
    assert resident.is_active and EmailAddress.objects.filter(user=resident).exists()


def test_with_another_administrator_the_account_goes_and_its_memberships_with_it(resident, other_resident):
    org = _organization("Stowarzyszenie Razem dla Nowej Huty")
    Membership.objects.create(organization=org, user=resident, role="admin", status="active")
    Membership.objects.create(organization=org, user=other_resident, role="admin", status="active")

    user_delete_account(actor=resident, user=resident)

    assert list(Membership.objects.filter(organization=org).values_list("user__email", flat=True)) == [
        other_resident.email
    ]


def test_a_member_who_is_not_an_administrator_may_delete_the_account(db):
    person = make_person("czlonkini@example.org")
    org = _organization("Klub Sportowy Wisełka")
    Membership.objects.create(organization=org, user=person, role="member", status="active")

    user_delete_account(actor=person, user=person)

    assert not Membership.objects.filter(organization=org).exists()
