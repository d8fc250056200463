"""Verification on the kernel's workflow (``services.VERIFICATION``): a decision from a state with no such arrow is
refused and changes nothing; the page offers the transitions the officer may take; reinstating a suspended
organization is audited as a verification; the office's list exports through the staff list kit, audited."""

import pytest
from django.core.exceptions import ValidationError

from razem.core.models import LogEntry, Notification
from razem.organizations import services
from razem.organizations.models import Organization
from tests.core.helpers import in_polish, text_of

pytestmark = pytest.mark.usefixtures("organization_urls")

S = Organization.Status


def verify_url(organization: Organization) -> str:
    return f"/panel/organizacje/{organization.pk}/weryfikacja/"


def with_status(organization: Organization, status: str) -> Organization:
    Organization.objects.filter(pk=organization.pk).update(status=status)
    organization.refresh_from_db()
    return organization


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(S.DISSOLVED, "Awaiting verification"), (S.REJECTED, "Dissolved, Awaiting verification")],
)
def test_verifying_an_organization_from_the_wrong_state_is_refused_and_changes_nothing(
    verified_org, officer, org_admin, english, status, allowed
):
    organization = with_status(verified_org, status)
    changed_at = organization.status_changed_at

    with pytest.raises(ValidationError) as error:
        services.organization_set_status(actor=officer, organization=organization, status=S.VERIFIED)

    label = dict(S.choices)[status].lower()
    assert error.value.messages == [
        f"The organization is {label} now, so it cannot become verified. Next possible: {allowed}."
    ]
    organization.refresh_from_db()
    assert organization.status == status and organization.status_changed_at == changed_at
    assert not LogEntry.objects.filter(action="organizations.organization.verified").exists()
    assert not Notification.objects.filter(kind="organizations/status_changed").exists()


def test_someone_who_is_not_an_officer_cannot_verify(pending_org, org_admin):
    with pytest.raises(ValidationError):
        services.organization_set_status(actor=org_admin, organization=pending_org, status=S.VERIFIED)

    pending_org.refresh_from_db()
    assert pending_org.status == S.PENDING


def test_the_page_offers_only_the_transitions_from_the_current_status(client, officer, verified_org):
    client.force_login(officer)

    dissolved = client.get(verify_url(with_status(verified_org, S.DISSOLVED))).content.decode()

    assert 'value="pending"' in dissolved
    for status in (S.VERIFIED, S.REJECTED, S.SUSPENDED):
        assert f'value="{status}"' not in dissolved


def test_a_decision_the_workflow_refuses_is_shown_on_the_page(client, officer, verified_org):
    client.force_login(officer)
    organization = with_status(verified_org, S.DISSOLVED)

    response = client.post(verify_url(organization), {"status": S.VERIFIED, "reason": ""})

    assert response.status_code == 200
    page = text_of(response)
    assert (
        in_polish("The organization is %(status)s now, so it cannot become %(new)s. Next possible: %(allowed)s.")
        % {
            "status": in_polish("Dissolved").lower(),
            "new": in_polish("Verified").lower(),
            "allowed": in_polish("Awaiting verification"),
        }
        in page
    )
    organization.refresh_from_db()
    assert organization.status == S.DISSOLVED


def test_reinstating_a_suspended_organization_is_audited_as_verified_and_shown_in_the_history(
    client, officer, suspended_org, org_admin
):
    client.force_login(officer)

    response = client.post(verify_url(suspended_org), {"status": S.VERIFIED, "reason": ""}, follow=True)

    suspended_org.refresh_from_db()
    assert suspended_org.status == S.VERIFIED and suspended_org.status_reason == ""
    entry = LogEntry.objects.get(action="organizations.organization.verified")
    assert entry.data == {"from": "suspended", "to": "verified"} and entry.actor == officer
    assert Notification.objects.filter(kind="organizations/status_changed", recipient=org_admin).exists()
    history = text_of(response).split(in_polish("History"), 1)[1]
    assert in_polish("Verified") in history and officer.full_name in history


def test_the_office_list_export_is_audited(client, officer, verified_org):
    client.force_login(officer)

    response = client.get("/panel/organizacje/", {"eksport": "csv", "q": "plant"})

    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = LogEntry.objects.get(action="organizations.organization.exported")
    assert entry.actor == officer and entry.data == {"format": "csv", "query": {"q": "plant"}}
