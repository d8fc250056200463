"""The people of an organization: joining and leaving, the members page, invitations, "my organizations"."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404, require_perm
from razem.core.forms import add_service_error
from razem.core.throttle import throttled
from razem.organizations import selectors, services
from razem.organizations.forms import InvitationForm, JoinForm, RoleForm
from razem.organizations.models import Invitation, Membership, Organization
from razem.organizations.views.public import VIEW, render_detail

MANAGE = "organizations.manage_members_organization"
INVITE = "organizations.invite_organization"


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


def _organization(request: HttpRequest, pk: int, perm: str) -> Organization:
    """404 when the person may not see the organization, 403 when they see it but may not do this."""
    organization = get_visible_or_404(request, Organization.objects.select_related("district"), VIEW, pk=pk)
    require_perm(request, perm, organization)
    return organization


# Joining and leaving (buttons on the profile)


@login_required
@require_POST
@throttled("organizations.join", key="user")
def join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk, "organizations.join_organization")
    form = JoinForm(request.POST)
    if not form.is_valid():
        return render_detail(request, organization, join_form=form)
    try:
        services.membership_request(
            actor=request.user, organization=organization, message=form.cleaned_data["message"], request=request
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(
            request,
            _("Your request to join has been sent. The organization's administrators will accept or decline it."),
        )
    return redirect(organization)


@login_required
@require_POST
def leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Leave an organization, or withdraw one's own request to join it that is not answered yet."""
    organization = _organization(request, pk, "organizations.view_organization")
    withdrawing = request.user.has_perm("organizations.withdraw_request_organization", organization)
    if not withdrawing:
        require_perm(request, "organizations.leave_organization", organization)
    membership = get_object_or_404(Membership, organization=organization, user=request.user)
    try:
        services.membership_remove(actor=request.user, membership=membership, request=request)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(organization)
    if withdrawing:
        messages.success(request, _("Your request to join %(name)s was withdrawn.") % {"name": organization.name})
    else:
        messages.success(request, _("You have left %(name)s.") % {"name": organization.name})
    return redirect("organizations:mine")


# The members page


@login_required
def members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk, "organizations.view_members_organization")
    return _render_members(request, organization)


def _render_members(
    request: AuthenticatedHttpRequest, organization: Organization, *, invite_form: InvitationForm | None = None
) -> HttpResponse:
    user = request.user
    can_manage = user.has_perm(MANAGE, organization)
    can_invite = user.has_perm(INVITE, organization)
    # Requests and invitations carry e-mail addresses: only the administrators and the city office see them.
    sees_pending = can_manage or can_invite or user.has_perm("organizations.list_all_organization")
    memberships = list(selectors.members_of(organization=organization))
    context: dict[str, Any] = {
        "organization": organization,
        "active": [m for m in memberships if m.status == Membership.Status.ACTIVE],
        "requests": [m for m in memberships if m.status == Membership.Status.REQUESTED] if sees_pending else [],
        "invitations": list(selectors.invitations_open(organization=organization)) if sees_pending else [],
        "sees_pending": sees_pending,
        "can_manage": can_manage,
        "can_invite": can_invite,
        "invite_form": invite_form or InvitationForm(),
        "roles": Membership.Role.choices,
        "now": timezone.now(),
        "invitation_days": services.invitation_valid_days(),
    }
    return render(request, "organizations/members.html", context)


def _membership(organization: Organization, membership_pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), pk=membership_pk, organization=organization)


def _back_to_members(organization: Organization) -> HttpResponse:
    return redirect("organizations:members", pk=organization.pk)


@login_required
@require_POST
def member_role(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organization = _organization(request, pk, MANAGE)
    membership = _membership(organization, membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return _back_to_members(organization)
    try:
        changed = services.membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"], request=request
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(
            request,
            _("%(person)s now has the role: %(role)s.")
            % {"person": str(membership.user), "role": changed.get_role_display()},
        )
    return _back_to_members(organization)


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organization = _organization(request, pk, MANAGE)
    membership = _membership(organization, membership_pk)
    person = str(membership.user)
    try:
        services.membership_remove(actor=request.user, membership=membership, request=request)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return _back_to_members(organization)
    messages.success(request, _("%(person)s is no longer a member of the organization.") % {"person": person})
    if membership.user_id == request.user.pk:  # an administrator removed themselves
        return redirect("organizations:mine")
    return _back_to_members(organization)


@login_required
@require_POST
def member_decide(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organization = _organization(request, pk, MANAGE)
    membership = _membership(organization, membership_pk)
    decision = request.POST.get("decision")
    form = RoleForm(request.POST)
    if decision not in {"accept", "decline"} or (decision == "accept" and not form.is_valid()):
        messages.error(request, _("Choose a role, then accept or decline the request."))
        return _back_to_members(organization)
    accept = decision == "accept"
    role = form.cleaned_data["role"] if accept else Membership.Role.MEMBER
    person = str(membership.user)
    try:
        services.membership_decide(actor=request.user, membership=membership, accept=accept, role=role, request=request)
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        if accept:
            messages.success(request, _("%(person)s has joined the organization.") % {"person": person})
        else:
            messages.success(request, _("The request of %(person)s has been declined.") % {"person": person})
    return _back_to_members(organization)


@login_required
@require_POST
@throttled("organizations.invite", key="user")
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk, INVITE)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                actor=request.user,
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s. The link in it works once, until %(date)s.")
                % {"email": invitation.email, "date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y")},
            )
            return _back_to_members(organization)
    return _render_members(request, organization, invite_form=form)


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organization = _organization(request, pk, INVITE)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organization=organization)
    services.invitation_revoke(actor=request.user, invitation=invitation, request=request)
    message = _("The invitation for %(email)s has been withdrawn; its link no longer works.")
    messages.success(request, message % {"email": invitation.email})
    return _back_to_members(organization)


# Accepting an invitation


def _invitation_problem(invitation: Invitation) -> str:
    """Why this invitation cannot be used any more (the same words as the service's refusals), or ""."""
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Each invitation link works once.")
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn or replaced by a newer one.")
    if not invitation.is_usable:
        return _("This invitation expired on %(date)s. Ask the organization to invite you again.") % {
            "date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y")
        }
    return ""


def _unusable(request: HttpRequest, reason: str, invitation: Invitation | None, status: int) -> HttpResponse:
    context = {"reason": reason, "invitation": invitation}
    return render(request, "organizations/invitation_invalid.html", context, status=status)


@never_cache  # a secret link: the page is the invitee's own, never the page cache's
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.invitation_by_token(token)
    if found is None:
        return _unusable(request, _("This invitation link is not valid."), None, 404)
    problem = _invitation_problem(found)
    if problem:
        return _unusable(request, problem, found, 410)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership = services.invitation_accept(actor=request.user, token=token, request=request)
        except ValidationError as error:
            return _unusable(request, _refusal(error), found, 410)
        messages.success(
            request,
            _("Welcome to %(name)s. Your role: %(role)s.")
            % {"name": found.organization.name, "role": membership.get_role_display()},
        )
        return redirect(found.organization)
    next_query = urlencode({"next": request.get_full_path()})
    context = {
        "invitation": found,
        "organization": found.organization,
        "login_url": f"{reverse('account_login')}?{next_query}",
        "signup_url": f"{reverse('account_signup')}?{next_query}",
        "other_email": request.user.is_authenticated and request.user.email.lower() != found.email.lower(),
    }
    return render(request, "organizations/invitation.html", context)


# My organizations


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    rows = [
        {
            "membership": membership,
            "organization": membership.organization,
            "can_change": user.has_perm("organizations.change_organization", membership.organization),
            "can_view_members": user.has_perm("organizations.view_members_organization", membership.organization),
        }
        for membership in selectors.memberships_of(user=user)
    ]
    return render(request, "organizations/mine.html", {"rows": rows})
