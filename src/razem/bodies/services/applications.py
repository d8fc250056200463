"""Organizations' applications to join a body: submitted by an organization, then accepted (the representative and
the deputy get their seats), declined with a reason, or withdrawn by the organization.

The decisions run on ``razem.core.workflow``: each locks the application row, checks its status under the lock,
the permission and the reason, stamps who and when, audits ``bodies.application.<accepted|declined|withdrawn>``
and tells the organization after the commit.
"""

import itertools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from razem.accounts.models import User
from razem.bodies import selectors
from razem.bodies.models import Body, BodyMembership, MembershipApplication
from razem.bodies.services.bodies_terms import current_term
from razem.bodies.services.members import membership_add
from razem.core import audit, history
from razem.core.notifications import notify_many
from razem.core.workflow import ACTOR, NOW, OPTIONAL, REQUIRED, Step, Transition, Workflow
from razem.organizations.models import Membership, Organization

Status = MembershipApplication.Status


def _seat(application: MembershipApplication, step: Step) -> None:
    """Accepting seats the representative (member) and the deputy, from today to the end of the current term."""
    body = application.body
    today = timezone.localdate()
    term = current_term(body, today)
    common = {
        "term": term,
        "organization": application.organization,
        "appointment": BodyMembership.Appointment.APPLICATION,
        "start_date": today,
        "end_date": term.ends_on if term else None,
    }
    seat = membership_add(
        actor=step.actor,
        body=body,
        data={**common, "person": application.representative, "position": BodyMembership.Position.MEMBER},
        request=step.request,
    )
    if application.deputy_id:
        membership_add(
            actor=step.actor,
            body=body,
            data={
                **common,
                "person": application.deputy,
                "position": BodyMembership.Position.DEPUTY,
                "deputy_of": seat,
            },
            request=step.request,
        )


def _tell_decision(application: MembershipApplication, step: Step) -> None:
    notify_many(
        kind="bodies/application_decided",
        audience=[application.submitted_by_id, application.representative_id],
        context={
            "application": application,
            "body": application.body,
            "accepted": step.target == Status.ACCEPTED,
            "reason": step.reason,
        },
        url=application.body.get_absolute_url(),
    )


_DECIDED = gettext_lazy("This application has already been decided: %(status)s.")
_STAMPS = {"decided_at": NOW, "decided_by": ACTOR}
_DENIED_DECISION = gettext_lazy("Only the chair of the body or the city office decides on applications.")

APPLICATION_FLOW = Workflow(
    prefix="bodies.application",
    transitions=[
        Transition(
            "accept",
            sources=(Status.PENDING,),
            target=Status.ACCEPTED,
            label=pgettext_lazy("application status", "Accepted"),
            permission="bodies.decide_application",
            denied=_DENIED_DECISION,
            reason=OPTIONAL,
            wrong_state=_DECIDED,
            effect=_seat,
            stamps=_STAMPS,
            notify=_tell_decision,
            audit="accepted",
        ),
        Transition(
            "decline",
            sources=(Status.PENDING,),
            target=Status.DECLINED,
            label=pgettext_lazy("application status", "Declined"),
            permission="bodies.decide_application",
            denied=_DENIED_DECISION,
            reason=REQUIRED,
            reason_missing=gettext_lazy("Say why the application is declined; the organization will read it."),
            wrong_state=_DECIDED,
            stamps=_STAMPS,
            notify=_tell_decision,
            audit="declined",
        ),
        Transition(
            "withdraw",
            sources=(Status.PENDING,),
            target=Status.WITHDRAWN,
            label=pgettext_lazy("application status", "Withdrawn"),
            permission="bodies.withdraw_application",
            denied=gettext_lazy("You can withdraw only your organization's applications."),
            wrong_state=gettext_lazy("Only an application awaiting a decision can be withdrawn."),
            stamps=_STAMPS,
            audit="withdrawn",
        ),
    ],
    reason_field="reason",
)
history.describe("bodies.application.submitted", gettext_lazy("Submitted"))


@transaction.atomic
def application_submit(
    *,
    actor: User,
    body: Body,
    organization: Organization | None,
    representative: User | None,
    deputy: User | None = None,
    motivation: str = "",
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """An organization applies: to a commission (open) or a forum (its representative and, if it wishes, a deputy)."""
    if body.joining not in {Body.Joining.OPEN, Body.Joining.APPLICATION} or not body.is_active:
        raise ValidationError(_("%(body)s does not take applications.") % {"body": body}, code="closed")
    if organization is None or organization.status != Organization.Status.VERIFIED:
        raise ValidationError(
            {"organization": _("Only verified organizations can apply. The office verifies organizations in Razem.")},
            code="not_verified",
        )
    if not actor.has_perm("organizations.act_for_organization", organization):
        raise ValidationError(
            {"organization": _("You can apply only for an organization you act for.")}, code="not_representative"
        )
    Body.objects.select_for_update().get(pk=body.pk)
    if body.applications.filter(organization=organization, status=Status.PENDING).exists():
        raise ValidationError(
            _("%(org)s has already applied to %(body)s; the application awaits a decision.")
            % {"org": organization.name, "body": body},
            code="pending",
        )
    if BodyMembership.objects.current().filter(body=body, organization=organization).exists():
        raise ValidationError(
            _("%(org)s is already a member of %(body)s.") % {"org": organization.name, "body": body}, code="member"
        )
    people = Membership.objects.active().filter(organization=organization)
    errors = {}
    if representative is None or not people.filter(user=representative).exists():
        errors["representative"] = _("The representative must be a member of the organization in Razem.")
    if deputy is not None:
        if not people.filter(user=deputy).exists():
            errors["deputy"] = _("The deputy must be a member of the organization in Razem.")
        elif representative is not None and deputy.pk == representative.pk:
            errors["deputy"] = _("The deputy must be another person than the representative.")
    if errors or representative is None:
        raise ValidationError(errors)
    application = MembershipApplication.objects.create(
        body=body,
        organization=organization,
        representative=representative,
        deputy=deputy,
        motivation=motivation.strip(),
        submitted_by=actor,
    )
    audit.record(
        actor=actor,
        action="bodies.application.submitted",
        obj=application,
        data={"body": body.pk, "organization": organization.pk},
        request=request,
    )
    notify_many(
        kind="bodies/application_submitted",
        audience=itertools.chain(
            User.objects.city_staff().values_list("pk", flat=True),
            selectors.chair_people(body=body).values_list("pk", flat=True),
        ),
        context={"application": application, "body": body},
        url=reverse("bodies_staff:applications", kwargs={"slug": body.slug}),
        send_email=False,
    )
    return application


def application_decide(
    *,
    actor: User,
    application: MembershipApplication,
    accept: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """Accept (the representative and the deputy get their seats from today, in the same transaction) or decline
    with a reason; the body's chair or the city office decides, once."""
    decided: MembershipApplication = APPLICATION_FLOW.take(
        application, "accept" if accept else "decline", actor=actor, reason=reason, request=request
    )
    return decided


def application_withdraw(
    *, actor: User, application: MembershipApplication, request: HttpRequest | None = None
) -> MembershipApplication:
    """The organization withdraws its application while it awaits a decision (the same row lock as a decision)."""
    withdrawn: MembershipApplication = APPLICATION_FLOW.take(application, "withdraw", actor=actor, request=request)
    return withdrawn
