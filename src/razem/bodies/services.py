"""Every write about dialogue bodies: the body, terms, members, applications, acts, opinion requests, workspace."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies.models import Act, Body, BodyMembership, MembershipApplication, OpinionRequest, Post, Term
from razem.core import audit
from razem.core.notifications import notify
from razem.core.reference import statutory_days

BODY_FIELDS = (
    "name", "short_name", "slug", "kind", "theme", "description", "department", "legal_basis", "parent",
    "contact_email", "contact_phone", "visibility", "joining", "seats", "is_active",
)  # fmt: skip
MEMBERSHIP_FIELDS = (
    "term", "person", "organization", "institution", "position", "appointment", "deputy_of", "start_date", "end_date",
)  # fmt: skip


def _day(value: datetime.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "…"


def _staff() -> Iterable[User]:
    return User.objects.filter(role__in=[User.Role.OFFICER, User.Role.ADMINISTRATOR], is_active=True)


def _members(body: Body) -> Iterable[User]:
    return User.objects.filter(
        pk__in=BodyMembership.objects.current().filter(body=body).values("person_id"), is_active=True
    )


def _chairs(body: Body) -> Iterable[User]:
    return User.objects.filter(
        pk__in=BodyMembership.objects.current()
        .filter(body=body, position__in=["chair", "vice_chair"])
        .values("person_id"),
        is_active=True,
    )


def _save(obj: Any, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)
    obj.save()


# The body -------------------------------------------------------------------------------------------------------


@transaction.atomic
def body_save(
    *,
    actor: Any,
    data: dict[str, Any],
    body: Body | None = None,
    areas: Iterable[Any] | None = None,
    regulations: Any = None,
    request: HttpRequest | None = None,
) -> Body:
    """Create or change a body; ``regulations`` is a checked upload (``validate_document``) replacing the old file."""
    created = body is None
    body = body or Body()
    for field in BODY_FIELDS:
        if field in data:
            setattr(body, field, data[field])
    if body.parent_id and body.pk and body.parent_id == body.pk:
        raise ValidationError({"parent": _("A body cannot be a part of itself.")})
    body.full_clean(exclude=["regulations"])
    if regulations is not None:
        old = body.regulations.name
        body.regulations.save(regulations.name, regulations, save=False)
        if old:
            storage = body.regulations.storage
            transaction.on_commit(lambda: storage.delete(old))
    body.save()
    if areas is not None:
        body.areas.set(areas)
    audit.record(
        actor=actor,
        action="bodies.body.created" if created else "bodies.body.updated",
        obj=body,
        data={"fields": [f for f in BODY_FIELDS if f in data], "regulations": regulations is not None},
        request=request,
    )
    return body


@transaction.atomic
def term_create(*, actor: Any, body: Body, data: dict[str, Any], request: HttpRequest | None = None) -> Term:
    term = Term(body=body, **{k: data[k] for k in ("number", "name", "starts_on", "ends_on") if k in data})
    overlapping = body.terms.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=term.starts_on),
        **({"starts_on__lte": term.ends_on} if term.ends_on else {}),
    )
    clash = overlapping.first()
    if clash:
        raise ValidationError(
            {"starts_on": _("The term overlaps %(term)s (%(start)s – %(end)s).")
             % {"term": clash.name, "start": _day(clash.starts_on), "end": _day(clash.ends_on)}}
        )  # fmt: skip
    if body.terms.filter(number=term.number).exists():
        raise ValidationError({"number": _("This body already has a term with this number.")})
    _save(term)
    audit.record(actor=actor, action="bodies.term.created", obj=term, data={"body": body.pk}, request=request)
    return term


@transaction.atomic
def term_update(*, actor: Any, term: Term, data: dict[str, Any], request: HttpRequest | None = None) -> Term:
    for field in ("name", "starts_on", "ends_on"):
        if field in data:
            setattr(term, field, data[field])
    _save(term)
    audit.record(actor=actor, action="bodies.term.updated", obj=term, data={"body": term.body_id}, request=request)
    return term


def current_term(body: Body, day: datetime.date | None = None) -> Term | None:
    day = day or timezone.localdate()
    return (
        body.terms.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("-starts_on")
        .first()
    )


# Members --------------------------------------------------------------------------------------------------------


def _overlaps(qs: Any, start: datetime.date, end: datetime.date | None) -> Any:
    qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    return qs.filter(start_date__lte=end) if end else qs


def validate_membership(membership: BodyMembership) -> None:
    """The rules a seat must keep: dates inside the term, no second seat of the person in the same period, and in
    a body joined by application one representative and one deputy per organization."""
    errors: dict[str, str] = {}
    start, end = membership.start_date, membership.end_date
    if start and end and end < start:
        errors["end_date"] = _("The membership cannot end before it starts.")
    term = membership.term
    if term is not None and start:
        if term.body_id != membership.body_id:
            errors["term"] = _("This term belongs to another body.")
        elif start < term.starts_on or (term.ends_on and (end is None or end > term.ends_on)):
            errors["start_date"] = _("The dates must lie within the term %(term)s: %(start)s – %(end)s.") % {
                "term": term.name,
                "start": _day(term.starts_on),
                "end": _day(term.ends_on),
            }
    if not membership.organization_id and not membership.institution.strip():
        errors["organization"] = _("Choose the organization the person represents, or name the institution.")
    others = BodyMembership.objects.filter(body_id=membership.body_id).exclude(pk=membership.pk)
    if start and not errors:
        clash = _overlaps(others.filter(person_id=membership.person_id), start, end).first()
        if clash:
            errors["person"] = _(
                "%(name)s already sits in this body from %(start)s to %(end)s; the periods must not overlap."
            ) % {"name": membership.person.full_name, "start": _day(clash.start_date), "end": _day(clash.end_date)}
    deputy_of = membership.deputy_of
    if deputy_of is not None:
        if deputy_of.body_id != membership.body_id:
            errors["deputy_of"] = _("A deputy stands in for a member of the same body.")
        elif membership.position != BodyMembership.Position.DEPUTY:
            errors["position"] = _("A person who stands in for a member has the position of deputy.")
    body = membership.body
    if body.joining == Body.Joining.APPLICATION and membership.organization_id and start and not errors:
        same_org = _overlaps(others.filter(organization_id=membership.organization_id), start, end)
        is_deputy = membership.position == BodyMembership.Position.DEPUTY
        taken = (
            same_org.filter(position=BodyMembership.Position.DEPUTY)
            if is_deputy
            else same_org.exclude(position=BodyMembership.Position.DEPUTY)
        )
        if taken.exists():
            errors["organization"] = (
                _("%(org)s already has a deputy in %(body)s; one organization has one representative and one deputy.")
                if is_deputy
                else _(
                    "%(org)s already has a representative in %(body)s; one organization has one representative "
                    "and one deputy."
                )
            ) % {"org": membership.organization.name, "body": body}  # type: ignore[union-attr]
    if errors:
        raise ValidationError(errors)
    membership.full_clean()


@transaction.atomic
def membership_add(
    *, actor: Any, body: Body, data: dict[str, Any], request: HttpRequest | None = None, notify_person: bool = True
) -> BodyMembership:
    Body.objects.select_for_update().get(pk=body.pk)  # one seat decision at a time per body
    membership = BodyMembership(body=body)
    for field in MEMBERSHIP_FIELDS:
        if field in data:
            setattr(membership, field, data[field])
    if membership.term is None and membership.start_date:
        membership.term = current_term(body, membership.start_date)
    if membership.end_date is None and membership.term is not None and membership.term.ends_on:
        membership.end_date = membership.term.ends_on  # a seat ends with its term unless it ends earlier
    validate_membership(membership)
    membership.save()
    audit.record(
        actor=actor,
        action="bodies.membership.added",
        obj=membership,
        data={"body": body.pk, "position": membership.position, "appointment": membership.appointment},
        request=request,
    )
    if notify_person:
        notify(
            recipient=membership.person,
            kind="bodies/membership_added",
            context={"membership": membership, "body": body},
            url=body.get_absolute_url(),
        )
    return membership


@transaction.atomic
def membership_end(
    *,
    actor: Any,
    membership: BodyMembership,
    end_date: datetime.date,
    reason: str,
    request: HttpRequest | None = None,
) -> BodyMembership:
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The membership cannot end before it starts.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the membership ends; it stays in the body's history.")})
    membership.end_date = end_date
    membership.end_reason = reason.strip()[:300]
    membership.save(update_fields=["end_date", "end_reason"])
    audit.record(
        actor=actor,
        action="bodies.membership.ended",
        obj=membership,
        data={"body": membership.body_id, "end_date": end_date.isoformat(), "reason": membership.end_reason},
        request=request,
    )
    return membership


# Applications ---------------------------------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    actor: Any,
    body: Body,
    organization: Any,
    representative: Any,
    deputy: Any = None,
    motivation: str = "",
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """An organization applies: to a commission (open) or a forum (its representative and, if it wishes, a deputy)."""
    from razem.organizations.models import Membership, Organization

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
    if body.applications.filter(organization=organization, status=MembershipApplication.Status.PENDING).exists():
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
    if errors:
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
    url = reverse("bodies_staff:applications", kwargs={"slug": body.slug})
    for person in {*list(_staff()), *list(_chairs(body))}:
        notify(
            recipient=person,
            kind="bodies/application_submitted",
            context={"application": application, "body": body},
            url=url,
            send_email=False,
        )
    return application


@transaction.atomic
def application_decide(
    *,
    actor: Any,
    application: MembershipApplication,
    accept: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """Accept (the representative and the deputy get their seats from today) or decline with a reason."""
    application = (
        MembershipApplication.objects.select_for_update().select_related("body", "organization").get(pk=application.pk)
    )
    if application.status != MembershipApplication.Status.PENDING:
        raise ValidationError(
            _("This application has already been decided: %(status)s.") % {"status": application.get_status_display()}
        )
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the application is declined; the organization will read it.")})
    body = application.body
    if accept:
        today = timezone.localdate()
        term = current_term(body, today)
        seat = membership_add(
            actor=actor,
            body=body,
            data={
                "term": term, "person": application.representative, "organization": application.organization,
                "position": BodyMembership.Position.MEMBER, "appointment": BodyMembership.Appointment.APPLICATION,
                "start_date": today, "end_date": term.ends_on if term else None,
            },
            request=request,
        )  # fmt: skip
        if application.deputy_id:
            membership_add(
                actor=actor,
                body=body,
                data={
                    "term": term, "person": application.deputy, "organization": application.organization,
                    "position": BodyMembership.Position.DEPUTY, "appointment": BodyMembership.Appointment.APPLICATION,
                    "deputy_of": seat, "start_date": today, "end_date": term.ends_on if term else None,
                },
                request=request,
            )  # fmt: skip
    application.status = MembershipApplication.Status.ACCEPTED if accept else MembershipApplication.Status.DECLINED
    application.reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="bodies.application.accepted" if accept else "bodies.application.declined",
        obj=application,
        data={"body": body.pk, "reason": reason} if not accept else {"body": body.pk},
        request=request,
    )
    recipients = {p for p in [application.submitted_by, application.representative] if p is not None}
    for person in recipients:
        notify(
            recipient=person,
            kind="bodies/application_decided",
            context={"application": application, "body": body, "accepted": accept, "reason": reason},
            url=body.get_absolute_url(),
        )
    return application


@transaction.atomic
def application_withdraw(
    *, actor: Any, application: MembershipApplication, request: HttpRequest | None = None
) -> MembershipApplication:
    if application.status != MembershipApplication.Status.PENDING:
        raise ValidationError(_("Only an application awaiting a decision can be withdrawn."))
    if not actor.has_perm("organizations.act_for_organization", application.organization):
        raise ValidationError(_("You can withdraw only your organization's applications."))
    application.status = MembershipApplication.Status.WITHDRAWN
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(actor=actor, action="bodies.application.withdrawn", obj=application, request=request)
    return application


# Acts and opinion requests ---------------------------------------------------------------------------------------

ACT_FIELDS = (
    "kind", "title", "adopted_on", "concerns", "summary", "votes_for", "votes_against", "votes_abstaining",
    "sitting", "request",
)  # fmt: skip


@transaction.atomic
def act_record(
    *,
    actor: Any,
    body: Body,
    data: dict[str, Any],
    number: int | None = None,
    document: Any = None,
    request: HttpRequest | None = None,
) -> Act:
    """Record a resolution, opinion or position; numbered per term and kind (the next free number if not given)."""
    act = Act(body=body, created_by=actor)
    for field in ACT_FIELDS:
        if field in data:
            setattr(act, field, data[field])
    term = data.get("term") or (current_term(body, act.adopted_on) if act.adopted_on else None)
    if term is None:
        raise ValidationError({"adopted_on": _("No term of this body covers this date; add the term first.")})
    if term.body_id != body.pk or (act.adopted_on and not term.covers(act.adopted_on)):
        raise ValidationError({"adopted_on": _("The date must lie within the term %(term)s.") % {"term": term.name}})
    act.term = Term.objects.select_for_update().get(pk=term.pk)  # numbers are given one at a time per term
    same = Act.objects.filter(term=term, kind=act.kind)
    if number is None:
        number = (same.aggregate(m=Max("number"))["m"] or 0) + 1
    elif same.filter(number=number).exists():
        raise ValidationError(
            {"number": _("%(kind)s no. %(number)s already exists in the term %(term)s.")
             % {"kind": act.get_kind_display(), "number": number, "term": term.name}}
        )  # fmt: skip
    act.number = number
    if act.sitting_id and act.sitting.body_id != body.pk:  # type: ignore[union-attr]
        raise ValidationError({"sitting": _("This meeting is not a sitting of this body.")})
    if act.request_id and act.request.body_id != body.pk:  # type: ignore[union-attr]
        raise ValidationError({"request": _("This request was sent to another body.")})
    act.full_clean(exclude=["document", "number", "term"])
    if document is not None:
        act.document.save(document.name, document, save=False)
    try:
        with transaction.atomic():
            act.save()
    except IntegrityError as exc:
        raise ValidationError({"number": _("This number is already taken in the term.")}) from exc
    if act.request_id:
        OpinionRequest.objects.filter(pk=act.request_id).update(status=OpinionRequest.Status.ANSWERED)
    audit.record(
        actor=actor,
        action="bodies.act.recorded",
        obj=act,
        data={"body": body.pk, "kind": act.kind, "number": act.number, "term": term.pk},
        request=request,
    )
    return act


@transaction.atomic
def opinion_request_create(
    *,
    actor: Any,
    body: Body,
    subject: str,
    received_on: datetime.date,
    due_on: datetime.date | None = None,
    description: str = "",
    legal_basis: str = "",
    statutory_code: str = "council_opinion_days",
    document: Any = None,
    request: HttpRequest | None = None,
) -> OpinionRequest:
    """Ask the body for an opinion; the deadline is the statutory one (e.g. 14 days, art. 41i ust. 2) unless set."""
    if due_on is None:
        due_on = received_on + datetime.timedelta(days=statutory_days(statutory_code, received_on))
        legal_basis = legal_basis or _("art. 41i ust. 2 of the Act on Public Benefit Activity")
    if due_on < received_on:
        raise ValidationError({"due_on": _("The opinion cannot be due before the request is received.")})
    item = OpinionRequest(
        body=body,
        subject=subject,
        description=description,
        received_on=received_on,
        due_on=due_on,
        legal_basis=legal_basis,
        created_by=actor,
    )
    item.full_clean(exclude=["document"])
    if document is not None:
        item.document.save(document.name, document, save=False)
    item.save()
    audit.record(
        actor=actor,
        action="bodies.opinion_request.created",
        obj=item,
        data={"body": body.pk, "due_on": due_on.isoformat()},
        request=request,
    )
    for person in _members(body):
        notify(
            recipient=person,
            kind="bodies/opinion_requested",
            context={"item": item, "body": body},
            url=body.get_absolute_url(),
        )
    return item


@transaction.atomic
def opinion_requests_lapse(*, today: datetime.date | None = None) -> int:
    """Open requests past their deadline become "no opinion by the deadline" (silence is a waiver)."""
    today = today or timezone.localdate()
    lapsed = list(OpinionRequest.objects.filter(status=OpinionRequest.Status.OPEN, due_on__lt=today))
    for item in lapsed:
        item.status = OpinionRequest.Status.WAIVED
        item.save(update_fields=["status"])
        audit.record(actor=None, action="bodies.opinion_request.lapsed", obj=item, data={"body": item.body_id})
    return len(lapsed)


# Workspace ------------------------------------------------------------------------------------------------------


@transaction.atomic
def post_create(
    *,
    actor: Any,
    body: Body,
    title: str,
    text: str = "",
    kind: str = Post.Kind.ANNOUNCEMENT,
    file: Any = None,
    request: HttpRequest | None = None,
) -> Post:
    post = Post(body=body, kind=kind, title=title.strip(), text=text.strip(), author=actor)
    if kind == Post.Kind.DOCUMENT and file is None:
        raise ValidationError({"file": _("Attach the document.")})
    post.full_clean(exclude=["file"])
    if file is not None:
        post.file.save(file.name, file, save=False)
    post.save()
    audit.record(actor=actor, action="bodies.post.created", obj=post, data={"body": body.pk}, request=request)
    for person in _members(body):
        if person.pk != getattr(actor, "pk", None):
            notify(
                recipient=person,
                kind="bodies/post_created",
                context={"post": post, "body": body},
                url=reverse("bodies:workspace", kwargs={"slug": body.slug}),
                send_email=False,
            )
    return post


@transaction.atomic
def post_delete(*, actor: Any, post: Post, request: HttpRequest | None = None) -> None:
    audit.record(
        actor=actor, action="bodies.post.deleted", obj=post, data={"body": post.body_id, "title": post.title},
        request=request,
    )  # fmt: skip
    storage, name = post.file.storage, post.file.name
    post.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
