"""Every write to the NGO registry as the people involved notice it: statuses, messages, notices, e-mails, audit."""

import datetime
import hashlib

import pytest
from conftest import make_person
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from razem.core.models import District, LogEntry, Notification, PublicBenefitArea
from razem.organizations.models import ImportJob, Invitation, Membership, Organization
from razem.organizations.services import (
    import_start,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_change_role,
    membership_decide,
    membership_remove,
    membership_request,
    organization_register,
    organization_set_status,
    organization_update,
)
from tests.factories import add_membership

pytestmark = pytest.mark.usefixtures("english", "organization_urls")

NEW_ORGANIZATION = {
    "name": "Fundacja Zażółć Gęślą Jaźń",
    "short_name": "Zażółć",
    "legal_form": Organization.LegalForm.FOUNDATION,
    "register_type": Organization.RegisterType.KRS,
    "krs": "0000654321",
    "nip": "1234563218",
    "regon": "123456785",
    "street": "ul. Floriańska 3",
    "postal_code": "31-019",
    "city": "Kraków",
    "email": "biuro@zazolc.example.org",
}


def in_language_of(person, text) -> str:
    with translation.override(person.preferred_language):
        return str(text)


def error_text(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(excinfo.value.messages)


def audit(action: str):
    return LogEntry.objects.filter(action=action)


# Registration


def test_registering_an_organization_leaves_it_pending_with_the_registrant_as_its_administrator(
    resident, reference_data
):
    areas = PublicBenefitArea.objects.filter(code__in=["16", "17"])

    organization = organization_register(actor=resident, data=NEW_ORGANIZATION, areas=areas)

    organization.refresh_from_db()
    assert organization.status == Organization.Status.PENDING
    assert organization.name == "Fundacja Zażółć Gęślą Jaźń"
    assert organization.slug == "zazolc"
    assert sorted(organization.areas.values_list("code", flat=True)) == ["16", "17"]
    membership = Membership.objects.get(organization=organization)
    assert (membership.user, membership.role, membership.status) == (resident, "admin", "active")
    assert not organization.is_public


def test_a_registration_is_audited_with_its_krs_and_legal_form(resident, reference_data):
    organization = organization_register(actor=resident, data=NEW_ORGANIZATION)

    entry = audit("organizations.organization.registered").get()
    assert entry.actor == resident
    assert entry.object_id == str(organization.pk)
    assert entry.data == {"krs": "0000654321", "legal_form": "fundacja"}


def test_city_staff_hear_of_a_new_registration_in_the_app_and_by_email(
    resident, officer, administrator, reference_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = organization_register(actor=resident, data=NEW_ORGANIZATION)

    notices = Notification.objects.filter(kind="organizations/registered")
    assert {n.recipient for n in notices} == {officer, administrator}
    assert all("Fundacja Zażółć Gęślą Jaźń" in n.title for n in notices)
    assert {n.url for n in notices} == {reverse("organizations_staff:verify", kwargs={"pk": organization.pk})}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([officer.email, administrator.email])
    assert all("Fundacja Zażółć Gęślą Jaźń" in m.subject for m in mailoutbox)
    assert not Notification.objects.filter(recipient=resident).exists()


def test_a_second_registration_of_the_same_krs_is_refused_naming_the_organization_that_has_it(
    verified_org, other_resident
):
    with pytest.raises(ValidationError) as excinfo:
        organization_register(actor=other_resident, data={**NEW_ORGANIZATION, "krs": verified_org.krs})

    assert excinfo.value.message_dict["krs"] == [
        "This KRS number is already registered in Razem by: Stowarzyszenie Przyjaciół Plant."
    ]
    assert not Organization.objects.filter(name=NEW_ORGANIZATION["name"]).exists()
    assert not Membership.objects.filter(user=other_resident).exists()


def test_an_organization_outside_krs_registers_without_a_krs_number(resident, reference_data):
    data = {
        **NEW_ORGANIZATION,
        "name": "Stowarzyszenie zwykłe Sąsiedzi z Ruczaju",
        "legal_form": Organization.LegalForm.ORDINARY_ASSOCIATION,
        "register_type": Organization.RegisterType.LOCAL,
        "krs": "",
        "register_number": "SZ/123/2024",
    }
    other = organization_register(actor=resident, data={**data, "name": "Sąsiedzi z Bronowic", "register_number": "1"})

    organization = organization_register(actor=resident, data=data)

    assert organization.krs == other.krs == ""
    assert organization.register_number == "SZ/123/2024"


# Profile changes


def test_an_update_audits_only_the_fields_that_really_changed_with_their_old_and_new_values(verified_org, org_admin):
    organization_update(
        actor=org_admin,
        organization=verified_org,
        data={
            "name": verified_org.name,  # unchanged
            "email": verified_org.email,  # unchanged
            "phone": "12 345 67 89",
            "description": "Sprzątamy Planty w każdą sobotę.",
            "district": District.objects.get(number=2),
        },
    )

    entry = audit("organizations.organization.updated").get()
    assert entry.actor == org_admin
    assert entry.data == {
        "phone": {"from": "", "to": "12 345 67 89"},
        "description": {"from": "", "to": "Sprzątamy Planty w każdą sobotę."},
        "district": {"from": "I Stare Miasto", "to": "II Grzegórzki"},
    }
    verified_org.refresh_from_db()
    assert verified_org.phone == "12 345 67 89"
    assert "sprzatamy planty" in verified_org.search_text


def test_an_update_that_changes_nothing_leaves_no_audit_entry(verified_org, org_admin):
    organization_update(
        actor=org_admin, organization=verified_org, data={"name": verified_org.name}, areas=verified_org.areas.all()
    )

    assert not audit("organizations.organization.updated").exists()


def test_an_update_replaces_the_public_benefit_areas(verified_org, org_admin):
    new = PublicBenefitArea.objects.filter(code__in=["16", "18"])

    organization_update(actor=org_admin, organization=verified_org, data={}, areas=new)

    assert sorted(verified_org.areas.values_list("code", flat=True)) == ["16", "18"]
    assert audit("organizations.organization.updated").get().data == {"areas": sorted(a.pk for a in new)}


def test_an_update_cannot_take_the_krs_number_of_another_organization(verified_org, pending_org, org_admin):
    with pytest.raises(ValidationError) as excinfo:
        organization_update(actor=org_admin, organization=pending_org, data={"krs": verified_org.krs})

    assert excinfo.value.message_dict["krs"] == [
        "This KRS number is already registered in Razem by: Stowarzyszenie Przyjaciół Plant."
    ]
    pending_org.refresh_from_db()
    assert pending_org.krs == "0000100002"
    assert not audit("organizations.organization.updated").exists()


def test_an_organization_keeps_its_own_krs_number_when_saved_again(verified_org, org_admin):
    updated = organization_update(
        actor=org_admin, organization=verified_org, data={"krs": verified_org.krs, "short_name": "Planty"}
    )

    assert updated.krs == "0000100001"
    assert updated.slug == "planty"


def test_an_update_with_an_invalid_email_is_refused_and_nothing_changes(verified_org, org_admin):
    with pytest.raises(ValidationError) as excinfo:
        organization_update(actor=org_admin, organization=verified_org, data={"email": "nie-email", "phone": "1"})

    assert "email" in excinfo.value.message_dict
    verified_org.refresh_from_db()
    assert verified_org.phone == ""


# Verification and other status changes


def test_an_officer_verifies_a_pending_organization_and_its_administrators_hear_of_it(
    pending_org, officer, org_admin, org_representative, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization_set_status(actor=officer, organization=pending_org, status="verified")

    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.VERIFIED
    assert pending_org.status_changed_at is not None
    notice = Notification.objects.get(kind="organizations/status_changed")
    assert notice.recipient == org_admin
    assert in_language_of(org_admin, Organization.Status.VERIFIED.label) in notice.body
    assert notice.url == pending_org.get_absolute_url()
    assert [m.to for m in mailoutbox] == [[org_admin.email]]
    entry = audit("organizations.organization.verified").get()
    assert entry.actor == officer
    # The workflow (razem.core.workflow) records a reason only when one was given.
    assert entry.data == {"from": "pending", "to": "verified"}


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_without_a_reason_is_refused(pending_org, officer, reason):
    with pytest.raises(ValidationError) as excinfo:
        organization_set_status(actor=officer, organization=pending_org, status="rejected", reason=reason)

    assert excinfo.value.message_dict["reason"] == ["Give the reason: the organization will see it."]
    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.PENDING


def test_a_rejection_tells_the_administrators_the_reason(pending_org, officer, org_admin):
    reason = "Numer KRS należy do innej fundacji."

    organization_set_status(actor=officer, organization=pending_org, status="rejected", reason=reason)

    pending_org.refresh_from_db()
    assert (pending_org.status, pending_org.status_reason) == ("rejected", reason)
    assert reason in Notification.objects.get(recipient=org_admin, kind="organizations/status_changed").body
    assert audit("organizations.organization.rejected").get().data["reason"] == reason


def test_suspending_needs_a_reason_and_the_administrators_read_it(verified_org, officer, org_admin):
    with pytest.raises(ValidationError):
        organization_set_status(actor=officer, organization=verified_org, status="suspended")

    organization_set_status(
        actor=officer, organization=verified_org, status="suspended", reason="Zarząd nie złożył sprawozdania."
    )

    verified_org.refresh_from_db()
    assert verified_org.status == Organization.Status.SUSPENDED
    assert not verified_org.is_public
    body = Notification.objects.get(recipient=org_admin).body
    assert "Zarząd nie złożył sprawozdania." in body
    assert audit("organizations.organization.suspended").get().data == {
        "from": "verified",
        "to": "suspended",
        "reason": "Zarząd nie złożył sprawozdania.",
    }


def test_an_organization_can_be_marked_dissolved_without_a_reason(suspended_org, officer):
    organization_set_status(actor=officer, organization=suspended_org, status="dissolved")

    suspended_org.refresh_from_db()
    assert suspended_org.status == Organization.Status.DISSOLVED
    assert suspended_org.status_reason == ""
    assert audit("organizations.organization.dissolved").get().data["from"] == "suspended"


def test_setting_the_status_an_organization_already_has_is_refused(verified_org, officer):
    with pytest.raises(ValidationError) as excinfo:
        organization_set_status(actor=officer, organization=verified_org, status="verified")

    assert error_text(excinfo) == "The organization already has this status."
    assert not Notification.objects.exists()
    assert not audit("organizations.organization.verified").exists()


def test_an_unknown_status_is_refused(verified_org, officer):
    with pytest.raises(ValidationError) as excinfo:
        organization_set_status(actor=officer, organization=verified_org, status="deleted")

    assert error_text(excinfo) == "Unknown status."


# Asking to join


def test_asking_to_join_leaves_a_request_the_administrators_hear_of(verified_org, resident, org_admin):
    membership = membership_request(actor=resident, organization=verified_org, message="Działam przy sprzątaniu.")

    assert (membership.status, membership.role) == ("requested", "member")
    notice = Notification.objects.get(kind="organizations/membership_requested")
    assert notice.recipient == org_admin
    assert "Maria Kowalska" in notice.title
    assert "Działam przy sprzątaniu." in notice.body
    assert audit("organizations.membership.requested").get().actor == resident


def test_asking_to_join_twice_is_refused_with_a_clear_message(verified_org, resident):
    membership_request(actor=resident, organization=verified_org)

    with pytest.raises(ValidationError) as excinfo:
        membership_request(actor=resident, organization=verified_org)

    assert error_text(excinfo) == "You have already asked to join; the administrators have not answered yet."
    assert Membership.objects.filter(user=resident).count() == 1


def test_a_member_asking_to_join_again_is_told_they_are_already_a_member(verified_org, org_member):
    with pytest.raises(ValidationError) as excinfo:
        membership_request(actor=org_member, organization=verified_org)

    assert error_text(excinfo) == "You are already a member of this organization."


def test_a_person_may_ask_again_after_a_declined_request(verified_org, resident, org_admin):
    first = membership_request(actor=resident, organization=verified_org, message="Pierwsza prośba")
    membership_decide(actor=org_admin, membership=first, accept=False)

    again = membership_request(actor=resident, organization=verified_org, message="Druga prośba")

    assert again.pk == first.pk
    assert (again.status, again.message, again.decided_at) == ("requested", "Druga prośba", None)


# Answering requests


def test_accepting_a_request_gives_the_chosen_role_and_tells_the_requester(
    verified_org, requester, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    request = Membership.objects.get(user=requester)

    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_decide(actor=org_admin, membership=request, accept=True, role="representative")

    assert (membership.status, membership.role) == ("active", "representative")
    assert membership.decided_at is not None
    notice = Notification.objects.get(recipient=requester)
    assert "Stowarzyszenie Przyjaciół Plant" in notice.title
    with translation.override(requester.preferred_language or "pl"):
        role = membership.role_label  # the requester chose no form of address: the neutral one
    assert role in notice.body
    assert [m.to for m in mailoutbox] == [[requester.email]]
    assert audit("organizations.membership.accepted").get().data == {"role": "representative"}


def test_declining_a_request_tells_the_requester_and_gives_no_role(verified_org, requester, org_admin):
    requester.preferred_language = "en"
    requester.save()
    request = Membership.objects.get(user=requester)

    membership = membership_decide(actor=org_admin, membership=request, accept=False, role="admin")

    assert (membership.status, membership.role) == ("declined", "member")
    assert "declined" in Notification.objects.get(recipient=requester).body
    assert audit("organizations.membership.declined").exists()


def test_a_request_answered_once_cannot_be_answered_again(verified_org, requester, org_admin):
    request = Membership.objects.get(user=requester)
    membership_decide(actor=org_admin, membership=request, accept=False)

    with pytest.raises(ValidationError) as excinfo:
        membership_decide(actor=org_admin, membership=request, accept=True, role="admin")

    assert error_text(excinfo) == "This request has already been answered."
    request.refresh_from_db()
    assert request.status == "declined"


def test_accepting_with_an_unknown_role_is_refused(verified_org, requester, org_admin):
    with pytest.raises(ValidationError):
        membership_decide(actor=org_admin, membership=Membership.objects.get(user=requester), accept=True, role="boss")

    assert Membership.objects.get(user=requester).status == "requested"


# Roles and the last administrator


LAST_ADMIN = "An organization must keep at least one administrator. Make someone else an administrator first."


def admin_membership(organization, user) -> Membership:
    return Membership.objects.get(organization=organization, user=user)


def test_the_only_administrator_cannot_make_themselves_a_member(verified_org, org_admin):
    with pytest.raises(ValidationError) as excinfo:
        membership_change_role(actor=org_admin, membership=admin_membership(verified_org, org_admin), role="member")

    assert error_text(excinfo) == LAST_ADMIN
    assert admin_membership(verified_org, org_admin).role == "admin"


def test_the_only_administrator_cannot_be_removed(verified_org, org_admin):
    with pytest.raises(ValidationError) as excinfo:
        membership_remove(actor=org_admin, membership=admin_membership(verified_org, org_admin))

    assert error_text(excinfo) == LAST_ADMIN
    assert admin_membership(verified_org, org_admin).status == "active"


def test_with_a_second_administrator_the_first_may_step_down_and_then_leave(
    verified_org, org_admin, org_representative
):
    promoted = membership_change_role(
        actor=org_admin, membership=admin_membership(verified_org, org_representative), role="admin"
    )
    assert promoted.role == "admin"

    demoted = membership_change_role(
        actor=org_admin, membership=admin_membership(verified_org, org_admin), role="representative"
    )
    membership_remove(actor=org_admin, membership=demoted)

    assert list(verified_org.memberships.filter(role="admin").values_list("user", flat=True)) == [org_representative.pk]
    assert not verified_org.memberships.filter(user=org_admin).exists()
    changes = [e.data for e in audit("organizations.membership.role_changed").order_by("id")]
    assert changes == [{"from": "representative", "to": "admin"}, {"from": "admin", "to": "representative"}]
    assert audit("organizations.membership.removed").get().data == {
        "person": org_admin.email,
        "role": "representative",
    }


def test_with_two_administrators_one_of_them_can_be_removed(verified_org, org_admin, org_member):
    membership_change_role(actor=org_admin, membership=admin_membership(verified_org, org_member), role="admin")

    membership_remove(actor=org_admin, membership=admin_membership(verified_org, org_member))

    assert list(verified_org.memberships.filter(role="admin").values_list("user", flat=True)) == [org_admin.pk]


def test_an_administrator_who_only_asked_to_join_does_not_count_as_the_second_administrator(
    verified_org, org_admin, resident
):
    add_membership(verified_org, resident, role="admin", status="requested")

    with pytest.raises(ValidationError):
        membership_remove(actor=org_admin, membership=admin_membership(verified_org, org_admin))


def test_the_role_of_a_pending_request_cannot_be_changed(verified_org, requester, org_admin):
    with pytest.raises(ValidationError) as excinfo:
        membership_change_role(actor=org_admin, membership=Membership.objects.get(user=requester), role="admin")

    assert error_text(excinfo) == "Only active members can have their role changed."


def test_an_ordinary_member_can_be_removed(verified_org, org_admin, org_member):
    membership_remove(actor=org_admin, membership=admin_membership(verified_org, org_member))

    assert not Membership.objects.filter(organization=verified_org, user=org_member).exists()


# Invitations


def invite(organization, actor, email="nowa.osoba@example.org", role="member"):
    return invitation_create(actor=actor, organization=organization, email=email, role=role)


def test_an_invitation_emails_a_link_with_the_one_time_token(
    verified_org, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invite(verified_org, org_admin, email="Nowa.Osoba@Example.org", role="representative")

    assert invitation.email == "nowa.osoba@example.org"
    [message] = mailoutbox
    assert message.to == ["nowa.osoba@example.org"]
    assert "Stowarzyszenie Przyjaciół Plant" in message.subject
    assert settings.RAZEM_BASE_URL + reverse("organizations:invitation", kwargs={"token": token}) in message.body
    assert "Olga Adamska" in message.body
    # No account yet: the e-mail is in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        expires = dateformat.format(timezone.localtime(invitation.expires_at), "j E Y")
    assert expires in message.body
    assert audit("organizations.invitation.sent").get().data == {
        "email": "nowa.osoba@example.org",
        "role": "representative",
    }


def test_the_invitation_keeps_only_the_sha256_hash_of_its_token(verified_org, org_admin):
    invitation, token = invite(verified_org, org_admin)

    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in [str(value) for value in stored.values()]
    assert not any(token in str(entry.data) for entry in LogEntry.objects.all())


def test_a_second_invitation_to_the_same_address_withdraws_the_first(verified_org, org_admin, resident):
    first, first_token = invite(verified_org, org_admin, email=resident.email)
    second, second_token = invite(verified_org, org_admin, email=resident.email.upper())

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=resident, token=first_token)
    assert error_text(excinfo) == "This invitation was withdrawn or replaced by a newer one."
    assert invitation_accept(actor=resident, token=second_token).status == "active"


def test_inviting_someone_who_is_already_a_member_is_refused(verified_org, org_admin, org_member):
    with pytest.raises(ValidationError) as excinfo:
        invite(verified_org, org_admin, email=org_member.email)

    assert excinfo.value.message_dict["email"] == ["This person is already a member of the organization."]
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_makes_an_active_membership_with_the_invited_role(verified_org, org_admin, resident):
    _invitation, token = invite(verified_org, org_admin, email=resident.email, role="representative")

    membership = invitation_accept(actor=resident, token=token)

    assert (membership.organization, membership.user) == (verified_org, resident)
    assert (membership.status, membership.role) == ("active", "representative")
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == resident
    assert not invitation.is_usable
    assert audit("organizations.invitation.accepted").get().data == {
        "role": "representative",
        "invited_email": resident.email,
    }


def test_an_invitation_link_works_only_once(verified_org, org_admin, resident, other_resident):
    _invitation, token = invite(verified_org, org_admin, email=resident.email)
    invitation_accept(actor=resident, token=token)

    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=other_resident, token=token)

    assert "already been used" in error_text(excinfo)
    assert not Membership.objects.filter(user=other_resident).exists()


def test_an_expired_invitation_is_refused_with_the_date_it_expired(verified_org, org_admin, resident):
    invitation, token = invite(verified_org, org_admin, email=resident.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
    )

    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=resident, token=token)

    assert error_text(excinfo) == "This invitation expired on 15.01.2026. Ask the organization to invite you again."
    assert not Membership.objects.filter(user=resident).exists()


def test_a_withdrawn_invitation_is_refused(verified_org, org_admin, resident):
    invitation, token = invite(verified_org, org_admin, email=resident.email)
    invitation_revoke(actor=org_admin, invitation=invitation)

    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=resident, token=token)

    assert error_text(excinfo) == "This invitation was withdrawn or replaced by a newer one."


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 43])
def test_an_unknown_invitation_token_is_refused(verified_org, resident, token):
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=resident, token=token)

    assert error_text(excinfo) == "This invitation link is not valid."


def test_an_invitation_lets_in_a_person_whose_request_was_declined(verified_org, org_admin, requester):
    membership_decide(actor=org_admin, membership=Membership.objects.get(user=requester), accept=False)
    _invitation, token = invite(verified_org, org_admin, email=requester.email, role="representative")

    membership = invitation_accept(actor=requester, token=token)

    assert (membership.status, membership.role) == ("active", "representative")


def test_withdrawing_an_invitation_is_audited_once(verified_org, org_admin):
    invitation, _token = invite(verified_org, org_admin)

    invitation_revoke(actor=org_admin, invitation=invitation)
    invitation_revoke(actor=org_admin, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert audit("organizations.invitation.revoked").get().data == {"email": "nowa.osoba@example.org"}


def test_an_accepted_invitation_cannot_be_withdrawn_afterwards(verified_org, org_admin, resident):
    invitation, token = invite(verified_org, org_admin, email=resident.email)
    invitation_accept(actor=resident, token=token)

    invitation = invitation_revoke(actor=org_admin, invitation=invitation)

    assert invitation.revoked_at is None
    assert Membership.objects.get(user=resident).status == "active"


# Import


def test_an_import_is_queued_and_the_worker_runs_it(
    officer, reference_data, media_root, django_capture_on_commit_callbacks
):
    csv = "nazwa;forma_prawna;krs\nFundacja Kopiec;fundacja;0000200001\nStowarzyszenie Wisła;stowarzyszenie;200002\n"
    upload = SimpleUploadedFile("organizacje.csv", csv.encode(), content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = import_start(actor=officer, upload=upload)
        assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.QUEUED

    assert len(callbacks) >= 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.updated_count, job.error_count) == (2, 0, 0)
    assert job.percent == 100
    assert audit("organizations.import.started").get().data == {"file": "organizacje.csv", "size": len(csv.encode())}
    assert audit("organizations.import.finished").get().actor == officer
    assert set(Organization.objects.values_list("krs", flat=True)) == {"0000200001", "0000200002"}


def test_an_import_of_a_file_without_the_required_columns_fails_with_the_reason(
    officer, reference_data, media_root, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("zle.csv", b"krs;nip\n0000200001;\n")

    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(actor=officer, upload=upload)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "nazwa, forma_prawna" in job.message
    assert audit("organizations.import.failed").get().data["problem"] == job.message
    assert not Organization.objects.exists()


def test_a_registered_person_may_act_for_an_organization_only_once_it_is_verified(resident, officer, reference_data):
    organization = organization_register(actor=resident, data=NEW_ORGANIZATION)
    assert not resident.has_perm("organizations.act_for_organization", organization)

    verified = organization_set_status(actor=officer, organization=organization, status="verified")

    fresh = make_person("nowy.widok@example.org")  # a new request: no cached memberships
    assert not fresh.has_perm("organizations.act_for_organization", verified)
    resident = type(resident).objects.get(pk=resident.pk)
    assert resident.has_perm("organizations.act_for_organization", verified)


# Each person reads in their own language


def test_the_new_status_reaches_each_administrator_in_their_own_language_not_the_officers(
    pending_org, officer, org_admin
):
    org_admin.preferred_language = "en"
    org_admin.save()

    with translation.override("pl"):
        organization_set_status(actor=officer, organization=pending_org, status="verified")

    body = Notification.objects.get(recipient=org_admin).body
    assert "Verified" in body
    assert "Zweryfikowana" not in body


def test_the_accepted_role_reaches_the_requester_in_their_own_language(verified_org, requester, org_admin):
    requester.preferred_language = "en"
    requester.save()

    with translation.override("pl"):
        membership_decide(
            actor=org_admin, membership=Membership.objects.get(user=requester), accept=True, role="representative"
        )

    body = Notification.objects.get(recipient=requester).body
    assert "Representative" in body
    assert "Przedstawiciel" not in body


# Two registrations of one KRS number at the same moment (PostgreSQL: real concurrent transactions)


@pytest.mark.django_db(transaction=True)
def test_two_people_registering_the_same_krs_at_once_end_with_one_organization_and_a_clear_message(
    organization_urls, monkeypatch
):
    import threading

    from django.db import connection, connections

    from razem.organizations import services

    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (DATABASE_URL=postgres://...)")
    first, second = make_person("pierwsza@example.org"), make_person("druga@example.org")
    both_checked = threading.Barrier(2, timeout=10)
    local = threading.local()
    check = services._duplicate_krs_error

    checks = []

    def check_then_wait(krs, exclude_pk=None):
        error = check(krs, exclude_pk)
        checks.append(error is not None)
        if not getattr(local, "waited", False):  # both pass the check before either inserts
            local.waited = True
            both_checked.wait()
        return error

    monkeypatch.setattr(services, "_duplicate_krs_error", check_then_wait)
    outcomes: dict[str, object] = {}

    def register(person, name):
        try:
            outcomes[name] = organization_register(actor=person, data={**NEW_ORGANIZATION, "name": name})
        except ValidationError as exc:
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=register, args=(first, "Fundacja Pierwsza")),
        threading.Thread(target=register, args=(second, "Fundacja Druga")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    [saved] = Organization.objects.filter(krs=NEW_ORGANIZATION["krs"])
    loser = "Fundacja Druga" if saved.name == "Fundacja Pierwsza" else "Fundacja Pierwsza"
    error = outcomes[loser]
    assert isinstance(error, ValidationError)
    assert saved.name in error.message_dict["krs"][0]
    assert Membership.objects.count() == 1
    # Both passed the check; the database's unique index stopped the second, which then named the first.
    assert sorted(checks) == [False, False, True]
