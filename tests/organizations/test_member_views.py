"""The people of an organization as they use Razem: asking to join and leaving, the members page with its
roles, requests and invitations, accepting an invitation, and "my organizations"."""

import datetime
import re

import pytest
from conftest import make_person
from django.urls import reverse
from django.utils import timezone

from razem.core.models import LogEntry, Notification, OutboxEmail
from razem.organizations import services
from razem.organizations.models import Invitation, Membership, Organization
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, make_organization

LOGIN = "login"
LAST_ADMIN = "An organization must keep at least one administrator. Make someone else an administrator first."


@pytest.fixture
def organizations(verified_org, pending_org, suspended_org) -> dict[str, Organization]:
    return {"verified": verified_org, "pending": pending_org, "suspended": suspended_org}


@pytest.fixture
def as_persona(client, request):
    def sign_in(name: str):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in


def _status(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def _matrix(table):
    return [
        pytest.param(persona, status, expected, id=f"{persona}-{status}")
        for persona, row in table.items()
        for status, expected in row.items()
    ]


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def members_url(organization: Organization) -> str:
    return reverse("organizations:members", args=[organization.pk])


def membership(organization: Organization, user) -> Membership:
    return Membership.objects.get(organization=organization, user=user)


# Who may do what, personas × organization status. 302 = the action went through (redirect after POST).

MEMBERS_PAGE = {
    "anonymous": {"pending": LOGIN, "verified": LOGIN, "suspended": LOGIN},
    "resident": {"pending": 404, "verified": 403, "suspended": 404},
    "org_member": {"pending": 200, "verified": 200, "suspended": 200},
    "org_representative": {"pending": 200, "verified": 200, "suspended": 200},
    "org_admin": {"pending": 200, "verified": 200, "suspended": 200},
    "officer": {"pending": 200, "verified": 200, "suspended": 200},
    "administrator": {"pending": 200, "verified": 200, "suspended": 200},
}
INVITE = {
    "anonymous": {"pending": LOGIN, "verified": LOGIN, "suspended": LOGIN},
    "resident": {"pending": 404, "verified": 403, "suspended": 404},
    "org_member": {"pending": 403, "verified": 403, "suspended": 403},
    "org_representative": {"pending": 403, "verified": 403, "suspended": 403},
    "org_admin": {"pending": 302, "verified": 302, "suspended": 302},
    "officer": {"pending": 403, "verified": 403, "suspended": 403},
    "administrator": {"pending": 403, "verified": 403, "suspended": 403},
}
JOIN = {
    "anonymous": {"pending": LOGIN, "verified": LOGIN, "suspended": LOGIN},
    "resident": {"pending": 404, "verified": 302, "suspended": 404},
    "org_member": {"pending": 403, "verified": 403, "suspended": 403},
    "org_representative": {"pending": 403, "verified": 403, "suspended": 403},
    "org_admin": {"pending": 403, "verified": 403, "suspended": 403},
    "officer": {"pending": 403, "verified": 302, "suspended": 403},
    "administrator": {"pending": 403, "verified": 302, "suspended": 403},
}
LEAVE = {
    "anonymous": {"pending": LOGIN, "verified": LOGIN, "suspended": LOGIN},
    "resident": {"pending": 404, "verified": 403, "suspended": 404},
    "org_member": {"pending": 302, "verified": 302, "suspended": 302},
    "org_representative": {"pending": 302, "verified": 302, "suspended": 302},
    "org_admin": {"pending": 302, "verified": 302, "suspended": 302},  # refused with a message: the last admin
    "officer": {"pending": 403, "verified": 403, "suspended": 403},
    "administrator": {"pending": 403, "verified": 403, "suspended": 403},
}
MANAGE = {  # changing a member's role (the same permission guards removing and answering requests)
    "anonymous": {"pending": LOGIN, "verified": LOGIN, "suspended": LOGIN},
    "resident": {"pending": 404, "verified": 403, "suspended": 404},
    "org_member": {"pending": 403, "verified": 403, "suspended": 403},
    "org_representative": {"pending": 403, "verified": 403, "suspended": 403},
    "org_admin": {"pending": 302, "verified": 302, "suspended": 302},
    "officer": {"pending": 403, "verified": 403, "suspended": 403},
    "administrator": {"pending": 403, "verified": 403, "suspended": 403},
}


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(MEMBERS_PAGE))
def test_who_may_see_the_members_page(as_persona, organizations, persona, status, expected):
    response = as_persona(persona).get(members_url(organizations[status]))

    assert _status(response) == expected


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(INVITE))
def test_who_may_invite(as_persona, organizations, persona, status, expected):
    organization = organizations[status]

    response = as_persona(persona).post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "nowy@example.org", "role": "member"}
    )

    assert _status(response) == expected
    assert Invitation.objects.filter(organization=organization).exists() == (expected == 302)


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(JOIN))
def test_who_may_ask_to_join(as_persona, organizations, persona, status, expected):
    organization = organizations[status]

    response = as_persona(persona).post(reverse("organizations:join", args=[organization.pk]), {"message": ""})

    assert _status(response) == expected
    requested = Membership.objects.filter(organization=organization, status="requested").exists()
    assert requested == (expected == 302)


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(LEAVE))
def test_who_may_leave(as_persona, organizations, persona, status, expected):
    organization = organizations[status]

    response = as_persona(persona).post(reverse("organizations:leave", args=[organization.pk]))

    assert _status(response) == expected


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(MANAGE))
def test_who_may_change_a_members_role(as_persona, organizations, org_member, persona, status, expected):
    organization = organizations[status]
    target = membership(organization, org_member)

    response = as_persona(persona).post(
        reverse("organizations:member_role", args=[organization.pk, target.pk]), {"role": "representative"}
    )

    assert _status(response) == expected
    target.refresh_from_db()
    assert (target.role == "representative") == (expected == 302)


# Joining and leaving


def test_asking_to_join_tells_the_person_what_happens_next_and_notifies_the_administrators(
    client, verified_org, resident, org_admin
):
    client.force_login(resident)

    response = client.post(
        reverse("organizations:join", args=[verified_org.pk]), {"message": "Jestem skarbniczką."}, follow=True
    )

    assert response.redirect_chain == [(verified_org.get_absolute_url(), 302)]
    assert messages_of(response) == [
        in_polish("Your request to join has been sent. The organization's administrators will accept or decline it.")
    ]
    assert in_polish("You have asked to join. The organization's administrators have not answered yet.") in text_of(
        response
    )
    assert membership(verified_org, resident).message == "Jestem skarbniczką."
    assert Notification.objects.filter(recipient=org_admin, kind="organizations/membership_requested").exists()


def test_a_too_long_message_to_the_administrators_is_refused_and_kept(client, verified_org, resident):
    client.force_login(resident)

    response = client.post(reverse("organizations:join", args=[verified_org.pk]), {"message": "x" * 1001})

    assert response.status_code == 200
    assert response.context["join_form"].errors["message"]
    assert "x" * 1001 in response.content.decode()
    assert not Membership.objects.filter(user=resident).exists()


def test_a_member_leaves_and_lands_on_my_organizations(client, verified_org, org_member):
    client.force_login(org_member)

    response = client.post(reverse("organizations:leave", args=[verified_org.pk]), follow=True)

    assert response.redirect_chain == [(reverse("organizations:mine"), 302)]
    assert messages_of(response) == [in_polish("You have left %(name)s.") % {"name": verified_org.name}]
    assert not Membership.objects.filter(organization=verified_org, user=org_member).exists()


def test_the_last_administrator_cannot_leave_and_is_told_why(client, verified_org, org_admin):
    client.force_login(org_admin)

    response = client.post(reverse("organizations:leave", args=[verified_org.pk]), follow=True)

    assert response.redirect_chain == [(verified_org.get_absolute_url(), 302)]
    assert messages_of(response) == [in_polish(LAST_ADMIN)]
    assert membership(verified_org, org_admin).role == "admin"


def test_the_profile_offers_leaving_to_members_only(client, verified_org, org_member, resident):
    leave = reverse("organizations:leave", args=[verified_org.pk])
    client.force_login(org_member)
    assert f'action="{leave}"' in client.get(verified_org.get_absolute_url()).content.decode()
    client.force_login(resident)
    assert f'action="{leave}"' not in client.get(verified_org.get_absolute_url()).content.decode()


# The members page


def test_the_members_page_lists_active_members_with_their_roles(client, verified_org, requester, org_member):
    client.force_login(org_member)

    response = client.get(members_url(verified_org))
    page = text_of(response)

    for name, role in [("Olga Adamska", "Organization administrator"), ("Piotr Reprezentant", "Representative")]:
        assert name in page and in_polish(role, "neutral") in page  # neither chose a form: neutral
    assert "Celina Członkowska" in page
    # An ordinary member sees no actions, no requests and no e-mail addresses.
    assert "Roman Prośba" not in page
    assert "olga.adamska@example.org" not in page
    assert "<form" not in page.split('id="main"')[1].split("</main>")[0]


def test_an_administrator_sees_requests_and_invitations_with_their_expiry(client, verified_org, requester, org_admin):
    services.invitation_create(actor=org_admin, organization=verified_org, email="nowa@example.org", role="member")
    expired, _token = services.invitation_create(actor=org_admin, organization=verified_org, email="stara@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(org_admin)

    page = text_of(client.get(members_url(verified_org)))

    assert "Roman Prośba" in page and "roman.prosba@example.org" in page
    assert "nowa@example.org" in page and "stara@example.org" in page
    assert in_polish("expired") in page
    assert reverse("organizations:invite", args=[verified_org.pk]) in page
    assert '<label class="form-label" for="id_email">' in page


def test_a_city_officer_sees_the_members_but_cannot_manage_them(client, verified_org, requester, officer):
    client.force_login(officer)

    page = text_of(client.get(members_url(verified_org)))

    assert "Olga Adamska" in page and "Roman Prośba" in page
    assert reverse("organizations:invite", args=[verified_org.pk]) not in page
    assert "/rola/" not in page


def test_an_administrator_changes_a_role(client, verified_org, org_admin, org_member):
    client.force_login(org_admin)
    target = membership(verified_org, org_member)

    response = client.post(
        reverse("organizations:member_role", args=[verified_org.pk, target.pk]), {"role": "admin"}, follow=True
    )

    target.refresh_from_db()
    assert target.role == "admin"
    assert messages_of(response) == [
        in_polish("%(person)s now has the role: %(role)s.")
        % {"person": "Celina Członkowska", "role": in_polish("Organization administrator")}
    ]
    assert LogEntry.objects.filter(action="organizations.membership.role_changed").exists()


def test_an_unknown_role_is_refused_with_a_message(client, verified_org, org_admin, org_member):
    client.force_login(org_admin)
    target = membership(verified_org, org_member)

    response = client.post(
        reverse("organizations:member_role", args=[verified_org.pk, target.pk]), {"role": "king"}, follow=True
    )

    assert messages_of(response) == [in_polish("Choose one of the roles.")]
    target.refresh_from_db()
    assert target.role == "member"


def test_the_only_administrator_cannot_step_down_and_sees_why_at_the_top(client, verified_org, org_admin):
    client.force_login(org_admin)
    own = membership(verified_org, org_admin)

    response = client.post(
        reverse("organizations:member_role", args=[verified_org.pk, own.pk]), {"role": "member"}, follow=True
    )

    assert response.redirect_chain == [(members_url(verified_org), 302)]
    assert messages_of(response) == [in_polish(LAST_ADMIN)]
    assert in_polish(LAST_ADMIN) in text_of(response)
    own.refresh_from_db()
    assert own.role == "admin"


def test_an_administrator_removes_a_member(client, verified_org, org_admin, org_member):
    client.force_login(org_admin)
    target = membership(verified_org, org_member)

    response = client.post(reverse("organizations:member_remove", args=[verified_org.pk, target.pk]), follow=True)

    assert not Membership.objects.filter(pk=target.pk).exists()
    assert messages_of(response) == [
        in_polish("%(person)s is no longer a member of the organization.") % {"person": "Celina Członkowska"}
    ]


def test_the_only_administrator_cannot_be_removed(client, verified_org, org_admin):
    client.force_login(org_admin)
    own = membership(verified_org, org_admin)

    response = client.post(reverse("organizations:member_remove", args=[verified_org.pk, own.pk]), follow=True)

    assert messages_of(response) == [in_polish(LAST_ADMIN)]
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_membership_of_another_organization_cannot_be_reached_through_this_one(
    client, verified_org, pending_org, org_admin, org_member
):
    client.force_login(org_admin)
    elsewhere = membership(pending_org, org_member)

    response = client.post(reverse("organizations:member_remove", args=[verified_org.pk, elsewhere.pk]))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_an_administrator_accepts_a_request_with_a_role(client, verified_org, org_admin, requester):
    client.force_login(org_admin)
    request = membership(verified_org, requester)

    response = client.post(
        reverse("organizations:member_decide", args=[verified_org.pk, request.pk]),
        {"decision": "accept", "role": "representative"},
        follow=True,
    )

    request.refresh_from_db()
    assert (request.status, request.role) == ("active", "representative")
    assert messages_of(response) == [in_polish("%(person)s has joined the organization.") % {"person": "Roman Prośba"}]
    assert Notification.objects.filter(recipient=requester, kind="organizations/membership_decided").exists()


def test_an_administrator_declines_a_request(client, verified_org, org_admin, requester):
    client.force_login(org_admin)
    request = membership(verified_org, requester)

    client.post(reverse("organizations:member_decide", args=[verified_org.pk, request.pk]), {"decision": "decline"})

    request.refresh_from_db()
    assert (request.status, request.role) == ("declined", "member")


def test_a_request_answered_twice_gets_the_services_refusal(client, verified_org, org_admin, requester):
    client.force_login(org_admin)
    request = membership(verified_org, requester)
    url = reverse("organizations:member_decide", args=[verified_org.pk, request.pk])
    client.post(url, {"decision": "accept", "role": "member"}, follow=True)

    response = client.post(url, {"decision": "decline"}, follow=True)

    assert messages_of(response) == [in_polish("This request has already been answered.")]
    request.refresh_from_db()
    assert request.status == "active"


def test_a_decision_without_accept_or_decline_changes_nothing(client, verified_org, org_admin, requester):
    client.force_login(org_admin)
    request = membership(verified_org, requester)

    response = client.post(
        reverse("organizations:member_decide", args=[verified_org.pk, request.pk]), {"role": "member"}, follow=True
    )

    assert messages_of(response) == [in_polish("Choose a role, then accept or decline the request.")]
    request.refresh_from_db()
    assert request.status == "requested"


# Invitations


@pytest.mark.uncommitted  # looks at the outbox before the worker sends
def test_an_invitation_is_emailed_with_a_one_time_link_and_listed_on_the_page(client, verified_org, org_admin):
    client.force_login(org_admin)

    response = client.post(
        reverse("organizations:invite", args=[verified_org.pk]),
        {"email": "Nowa.Osoba@Example.org", "role": "representative"},
        follow=True,
    )

    invitation = Invitation.objects.get(organization=verified_org)
    assert invitation.email == "nowa.osoba@example.org" and invitation.role == "representative"
    assert response.redirect_chain == [(members_url(verified_org), 302)]
    assert "nowa.osoba@example.org" in messages_of(response)[0]
    email = OutboxEmail.objects.get(to="nowa.osoba@example.org")
    assert "Stowarzyszenie Przyjaciół Plant" in email.subject
    link = re.search(r"http\S+/organizacje/zaproszenie/(\S+)/", email.body_text)
    assert link, email.body_text
    assert "Olga Adamska" in email.body_text
    assert in_polish("Representative") in email.body_text
    assert invitation.expires_at.astimezone(timezone.get_current_timezone()).strftime("%Y") in email.body_text


def test_an_invalid_email_address_is_shown_next_to_the_field_and_kept(client, verified_org, org_admin):
    client.force_login(org_admin)

    response = client.post(
        reverse("organizations:invite", args=[verified_org.pk]), {"email": "nie-adres", "role": "member"}
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assert 'value="nie-adres"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_a_member_again_is_refused_next_to_the_email_field(client, verified_org, org_admin, org_member):
    client.force_login(org_admin)

    response = client.post(
        reverse("organizations:invite", args=[verified_org.pk]), {"email": org_member.email, "role": "member"}
    )

    assert response.context["invite_form"].errors["email"] == [
        in_polish("This person is already a member of the organization.")
    ]
    assert in_polish("This person is already a member of the organization.") in text_of(response)
    assert not Invitation.objects.exists()


def test_an_administrator_withdraws_an_invitation(client, verified_org, org_admin):
    invitation, token = services.invitation_create(actor=org_admin, organization=verified_org, email="x@example.org")
    client.force_login(org_admin)

    client.post(reverse("organizations:invitation_revoke", args=[verified_org.pk, invitation.pk]))

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(reverse("organizations:invitation", args=[token])).status_code == 410


# Accepting an invitation


@pytest.fixture
def invitation(verified_org, org_admin):
    invitation, token = services.invitation_create(
        actor=org_admin, organization=verified_org, email="maria.kowalska@example.org", role="representative"
    )
    invitation.token = token
    return invitation


def test_an_anonymous_visitor_sees_the_invitation_and_is_asked_to_sign_in_first(client, invitation):
    url = reverse("organizations:invitation", args=[invitation.token])

    response = client.get(url)
    page = text_of(response)

    assert response.status_code == 200
    assert "Stowarzyszenie Przyjaciół Plant" in page and in_polish("Representative") in page
    assert f'href="/konto/logowanie/?next={url.replace("/", "%2F")}"' in page
    assert f'href="/konto/rejestracja/?next={url.replace("/", "%2F")}"' in page
    assert '<form method="post">' not in page


def test_a_signed_in_person_accepts_an_invitation_and_lands_on_the_profile(client, invitation, resident):
    client.force_login(resident)
    url = reverse("organizations:invitation", args=[invitation.token])
    assert in_polish("Accept the invitation") in text_of(client.get(url))

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(invitation.organization.get_absolute_url(), 302)]
    assert messages_of(response) == [
        in_polish("Welcome to %(name)s. Your role: %(role)s.")
        % {"name": "Stowarzyszenie Przyjaciół Plant", "role": in_polish("Representative")}
    ]
    assert membership(invitation.organization, resident).role == "representative"


def test_accepting_while_signed_out_leads_to_the_sign_in_page(client, invitation):
    response = client.post(reverse("organizations:invitation", args=[invitation.token]))

    assert _status(response) == LOGIN
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_person_signed_in_with_another_address_is_told_before_accepting(client, invitation, other_resident):
    client.force_login(other_resident)

    page = text_of(client.get(reverse("organizations:invitation", args=[invitation.token])))

    assert "jan.zielinski@example.org" in page and "maria.kowalska@example.org" in page


def test_an_unknown_invitation_link_shows_a_clear_page(client, reference_data):
    response = client.get(reverse("organizations:invitation", args=["nie-ma-takiego"]))

    assert response.status_code == 404
    assert in_polish("This invitation link is not valid.") in text_of(response)
    assert in_polish("This invitation cannot be used") in text_of(response)


def test_a_used_invitation_link_says_it_works_once(client, invitation, resident):
    services.invitation_accept(actor=resident, token=invitation.token)

    response = client.get(reverse("organizations:invitation", args=[invitation.token]))

    assert response.status_code == 410
    assert in_polish("This invitation has already been used. Each invitation link works once.") in text_of(response)


def test_an_expired_invitation_link_says_when_it_expired(client, invitation, resident):
    expired = timezone.now() - datetime.timedelta(days=2)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=expired)
    client.force_login(resident)

    get = client.get(reverse("organizations:invitation", args=[invitation.token]))
    post = client.post(reverse("organizations:invitation", args=[invitation.token]))

    expected = in_polish("This invitation expired on %(date)s. Ask the organization to invite you again.") % {
        "date": timezone.localtime(expired).strftime("%d.%m.%Y")
    }
    assert get.status_code == post.status_code == 410
    assert expected in text_of(get) and expected in text_of(post)
    assert not Membership.objects.filter(user=resident).exists()


def test_a_withdrawn_invitation_link_says_so(client, invitation, org_admin):
    services.invitation_revoke(actor=org_admin, invitation=invitation)

    response = client.get(reverse("organizations:invitation", args=[invitation.token]))

    assert in_polish("This invitation was withdrawn or replaced by a newer one.") in text_of(response)


# My organizations


def test_my_organizations_lists_memberships_with_role_status_and_links(client, verified_org, pending_org, org_admin):
    other = make_organization("Fundacja Trzecia")
    add_membership(other, org_admin, status=Membership.Status.REQUESTED)
    client.force_login(org_admin)

    response = client.get(reverse("organizations:mine"))
    page = text_of(response)

    assert response.status_code == 200
    for organization in [verified_org, pending_org, other]:
        assert f'href="{organization.get_absolute_url()}"' in page
    assert f'href="{reverse("organizations:edit", args=[verified_org.pk])}"' in page
    assert f'href="{reverse("organizations:members", args=[pending_org.pk])}"' in page
    assert f'href="{reverse("organizations:edit", args=[other.pk])}"' not in page
    assert in_polish("Organization administrator") in page and in_polish("Asked to join") in page
    assert in_polish("Awaiting verification") in page
    assert 'href="/organizacje/zarejestruj/"' in page
    assert 'aria-current="page"' in page  # the account menu marks "My organizations"


def test_my_organizations_invites_a_person_without_any_to_find_or_register_one(client, resident):
    client.force_login(resident)

    page = text_of(client.get(reverse("organizations:mine")))

    assert in_polish("You do not belong to any organization in Razem yet.") in page
    assert 'href="/organizacje/zarejestruj/"' in page and 'href="/organizacje/"' in page


def test_my_organizations_needs_an_account(client, db):
    assert _status(client.get(reverse("organizations:mine"))) == LOGIN


def test_the_account_menu_and_the_main_navigation_link_to_the_organizations(client, resident):
    client.force_login(resident)

    account = client.get(reverse("accounts:dashboard")).content.decode()
    directory = client.get("/organizacje/").content.decode()

    assert 'href="/organizacje/moje/"' in account
    assert 'href="/organizacje/" aria-current="page"' in directory


def test_a_person_with_two_organizations_sees_both_even_when_one_is_someone_elses_too(client, verified_org, db):
    person = make_person("dwie.organizacje@example.org", full_name="Dwie Organizacje")
    add_membership(verified_org, person)
    second = make_organization("Fundacja Druga")
    add_membership(second, person, role=Membership.Role.ADMIN)
    client.force_login(person)

    page = text_of(client.get(reverse("organizations:mine")))

    assert "Stowarzyszenie Przyjaciół Plant" in page and "Fundacja Druga" in page


def test_a_person_withdraws_their_own_unanswered_request_to_join(client, verified_org, requester):
    client.force_login(requester)

    profile = client.get(verified_org.get_absolute_url())
    assert "Wycofaj prośbę o dołączenie" in profile.text

    response = client.post(reverse("organizations:leave", kwargs={"pk": verified_org.pk}), follow=True)

    assert not Membership.objects.filter(organization=verified_org, user=requester).exists()
    assert "wycofana" in response.text


def test_the_only_administrator_is_not_offered_to_leave(client, verified_org, org_admin):
    client.force_login(org_admin)

    assert "Opuść organizację" not in client.get(verified_org.get_absolute_url()).text
