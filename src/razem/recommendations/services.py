"""Every write about recommendations: recording, the path to implementation, progress and its roll-up, following,
reminders of due dates."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify, queue_email
from razem.recommendations.models import Follower, Recommendation, TimelineEntry

S = Recommendation.Status
FIELDS = (
    "title", "text", "justification", "source_kind", "body", "meeting", "source_note", "policy_area", "department",
    "department_email", "due_on", "submitted_on",
)  # fmt: skip
# Where each status may go next. A decision (accepted / partly accepted / rejected) needs the department's answer.
TRANSITIONS: dict[str, set[str]] = {
    S.SUBMITTED: {S.ANALYSIS},
    S.ANALYSIS: {S.ACCEPTED, S.PARTLY_ACCEPTED, S.REJECTED},
    S.ACCEPTED: {S.IMPLEMENTING, S.IMPLEMENTED},
    S.PARTLY_ACCEPTED: {S.IMPLEMENTING, S.IMPLEMENTED},
    S.IMPLEMENTING: {S.IMPLEMENTED},
    S.REJECTED: set(),
    S.IMPLEMENTED: set(),
}
NEEDS_ANSWER = {S.ACCEPTED, S.PARTLY_ACCEPTED, S.REJECTED}
PROGRESS_STATUSES = {S.ACCEPTED, S.PARTLY_ACCEPTED, S.IMPLEMENTING}
REMINDER_DAYS = 7


def _next_number(parent: Recommendation | None, year: int) -> str:
    if parent is not None:
        suffixes = [n.rsplit(".", 1)[1] for n in parent.children.values_list("number", flat=True)]
        return f"{parent.number}.{max((int(x) for x in suffixes if x.isdigit()), default=0) + 1}"
    prefix = f"R/{year}/"
    taken = Recommendation.objects.filter(parent__isnull=True, number__startswith=prefix).values_list(
        "number", flat=True
    )
    numbers = [int(n.rsplit("/", 1)[1]) for n in taken if n.rsplit("/", 1)[1].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _entry(
    recommendation: Recommendation, *, actor: Any, kind: str, text: str = "", date: datetime.date | None = None,
    status: str = "", progress: int | None = None,
) -> TimelineEntry:  # fmt: skip
    return TimelineEntry.objects.create(
        recommendation=recommendation,
        actor=actor,
        kind=kind,
        text=text,
        date=date or timezone.localdate(),
        status=status,
        progress=progress,
    )


def _audience(recommendation: Recommendation) -> set[User]:
    """Who hears of a change: the followers and the current members of the source body."""
    people = {f.person for f in recommendation.followers.select_related("person") if f.person.is_active}
    if recommendation.body_id:
        from razem.bodies.models import BodyMembership

        people |= {
            m.person
            for m in BodyMembership.objects.current().filter(body_id=recommendation.body_id).select_related("person")
            if m.person.is_active
        }
    return people


def _tell(recommendation: Recommendation, entry: TimelineEntry, actor: Any) -> None:
    for person in _audience(recommendation):
        if person.pk == getattr(actor, "pk", None):
            continue
        notify(
            recipient=person,
            kind="recommendations/changed",
            context={"recommendation": recommendation, "entry": entry},
            url=recommendation.get_absolute_url(),
        )


@transaction.atomic
def recommendation_create(
    *,
    actor: Any,
    data: dict[str, Any],
    parent: Recommendation | None = None,
    request: HttpRequest | None = None,
) -> Recommendation:
    recommendation = Recommendation(created_by=actor, parent=parent, status=S.SUBMITTED)
    for field in FIELDS:
        if field in data:
            setattr(recommendation, field, data[field])
    if parent is not None:
        Recommendation.objects.select_for_update().get(pk=parent.pk)
        for field in ("source_kind", "body", "meeting", "source_note", "policy_area"):
            if field not in data:
                setattr(recommendation, field, getattr(parent, field))
        if not recommendation.department:
            recommendation.department = parent.department
    if recommendation.source_kind == Recommendation.Source.BODY and recommendation.body_id is None:
        raise ValidationError({"body": _("Choose the body the recommendation comes from.")})
    if recommendation.source_kind == Recommendation.Source.MEETING and recommendation.meeting_id is None:
        raise ValidationError({"meeting": _("Choose the meeting the recommendation comes from.")})
    if not actor.has_perm("recommendations.submit_recommendation", recommendation.body):
        raise ValidationError(_("Only the office or the body's chair or secretary can record its recommendations."))
    recommendation.number = _next_number(parent, recommendation.submitted_on.year)
    recommendation.full_clean(exclude=["number"])
    recommendation.save()
    _entry(
        recommendation,
        actor=actor,
        kind=TimelineEntry.Kind.STATUS,
        status=S.SUBMITTED,
        date=recommendation.submitted_on,
        text=_("Submitted to %(department)s.") % {"department": recommendation.department},
    )
    audit.record(
        actor=actor,
        action="recommendations.recommendation.created",
        obj=recommendation,
        data={"number": recommendation.number, "parent": parent and parent.pk},
        request=request,
    )
    if parent is not None:
        _roll_up(parent, actor=actor, date=recommendation.submitted_on)
    return recommendation


@transaction.atomic
def recommendation_update(
    *, actor: Any, recommendation: Recommendation, data: dict[str, Any], request: HttpRequest | None = None
) -> Recommendation:
    """Correct the texts, the addressee and the due date (the path goes through the status change)."""
    for field in ("title", "text", "justification", "department", "department_email", "due_on", "source_note",
                  "policy_area"):  # fmt: skip
        if field in data:
            setattr(recommendation, field, data[field])
    recommendation.full_clean(exclude=["number"])
    recommendation.save()
    audit.record(actor=actor, action="recommendations.recommendation.updated", obj=recommendation, request=request)
    return recommendation


@transaction.atomic
def recommendation_change_status(
    *,
    actor: Any,
    recommendation: Recommendation,
    status: str,
    response: str = "",
    note: str = "",
    date: datetime.date | None = None,
    due_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Recommendation:
    """Move along the path; accepting, partly accepting or rejecting needs the department's written answer."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    current = recommendation.status
    if status not in TRANSITIONS.get(current, set()):
        allowed = ", ".join(str(S(s).label) for s in sorted(TRANSITIONS.get(current, set())))
        raise ValidationError(
            {"status": _("A recommendation that is %(current)s cannot become %(new)s. Next possible: %(allowed)s.")
             % {"current": S(current).label.lower(), "new": S(status).label.lower() if status in S.values else status,
                "allowed": allowed or _("none, its path has ended")}},
            code="transition",
        )  # fmt: skip
    response = (response or "").strip()
    if status in NEEDS_ANSWER:
        if not response:
            raise ValidationError(
                {"response": _("Record the department's written answer before deciding: it is published with it.")},
                code="answer_required",
            )
        recommendation.response = response
        recommendation.responded_on = date or timezone.localdate()
    recommendation.status = status
    if status == S.IMPLEMENTED:
        recommendation.progress = 100
    if due_on is not None:
        recommendation.due_on = due_on
    elif status in {S.REJECTED, S.IMPLEMENTED}:
        recommendation.due_on = None
    recommendation.full_clean(exclude=["number"])
    recommendation.save()
    entry = _entry(
        recommendation,
        actor=actor,
        kind=TimelineEntry.Kind.STATUS,
        status=status,
        date=date,
        progress=recommendation.progress if status == S.IMPLEMENTED else None,
        text=response if status in NEEDS_ANSWER and not note else note.strip(),
    )
    audit.record(
        actor=actor,
        action="recommendations.recommendation.status_changed",
        obj=recommendation,
        data={"from": current, "to": status},
        request=request,
    )
    _tell(recommendation, entry, actor)
    if recommendation.parent_id and status in {S.IMPLEMENTED, S.REJECTED}:  # a rejected one leaves the mean
        _roll_up(recommendation.parent, actor=actor, date=date)  # type: ignore[arg-type]
    return recommendation


@transaction.atomic
def recommendation_set_progress(
    *,
    actor: Any,
    recommendation: Recommendation,
    progress: int,
    note: str,
    date: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Recommendation:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.children.exists():
        raise ValidationError(
            {"progress": _("The progress of a recommendation with sub-recommendations comes from theirs.")}
        )
    if recommendation.status not in PROGRESS_STATUSES:
        raise ValidationError(
            {"progress": _("Progress is recorded once the recommendation is accepted; it is now %(status)s.")
             % {"status": recommendation.get_status_display().lower()}}
        )  # fmt: skip
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Give the progress as a percentage from 0 to 100.")})
    if not note.strip():
        raise ValidationError({"note": _("Say what has been done; it goes on the public timeline.")})
    recommendation.progress = progress
    if recommendation.status in {S.ACCEPTED, S.PARTLY_ACCEPTED} and progress > 0:
        recommendation.status = S.IMPLEMENTING
    recommendation.save(update_fields=["progress", "status", "updated_at"])
    entry = _entry(
        recommendation, actor=actor, kind=TimelineEntry.Kind.PROGRESS, progress=progress, text=note.strip(), date=date
    )
    audit.record(
        actor=actor,
        action="recommendations.recommendation.progress",
        obj=recommendation,
        data={"progress": progress},
        request=request,
    )
    _tell(recommendation, entry, actor)
    if recommendation.parent_id:
        _roll_up(recommendation.parent, actor=actor, date=date)  # type: ignore[arg-type]
    return recommendation


def _roll_up(parent: Recommendation, *, actor: Any, date: datetime.date | None = None) -> None:
    """A parent's progress is the mean of its sub-recommendations' (rejected ones left out), recorded when it moves,
    on the date of the sub-recommendation's change."""
    parent = Recommendation.objects.select_for_update().get(pk=parent.pk)
    counted = parent.children.exclude(status=S.REJECTED)
    mean = counted.aggregate(p=Avg("progress"))["p"]
    progress = round(mean) if mean is not None else 0
    if progress == parent.progress:
        return
    parent.progress = progress
    parent.save(update_fields=["progress", "updated_at"])
    _entry(
        parent,
        actor=actor,
        kind=TimelineEntry.Kind.PROGRESS,
        progress=progress,
        text=_("Progress of the sub-recommendations."),
        date=date,
    )
    if parent.parent_id:
        _roll_up(parent.parent, actor=actor, date=date)  # type: ignore[arg-type]


@transaction.atomic
def recommendation_note(
    *, actor: Any, recommendation: Recommendation, text: str, date: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> TimelineEntry:  # fmt: skip
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    entry = _entry(recommendation, actor=actor, kind=TimelineEntry.Kind.NOTE, text=text.strip(), date=date)
    audit.record(actor=actor, action="recommendations.recommendation.noted", obj=recommendation, request=request)
    _tell(recommendation, entry, actor)
    return entry


@transaction.atomic
def follow(*, actor: Any, recommendation: Recommendation, on: bool = True) -> bool:
    if on:
        _obj, created = Follower.objects.get_or_create(recommendation=recommendation, person=actor)
        if created:
            audit.record(actor=actor, action="recommendations.recommendation.followed", obj=recommendation)
        return True
    deleted, _rest = Follower.objects.filter(recommendation=recommendation, person=actor).delete()
    if deleted:
        audit.record(actor=actor, action="recommendations.recommendation.unfollowed", obj=recommendation)
    return False


def remind_due(*, today: datetime.date | None = None) -> int:
    """E-mail the addressed department (and tell the office) about recommendations due within a week or late;
    each recommendation at most once a week. Run daily by ``razem remind``."""
    today = today or timezone.localdate()
    due = (
        Recommendation.objects.filter(due_on__isnull=False, due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS))
        .exclude(status__in=[S.REJECTED, S.IMPLEMENTED])
        .exclude(reminded_on__gt=today - datetime.timedelta(days=REMINDER_DAYS))
    )
    staff = list(User.objects.filter(role__in=[User.Role.OFFICER, User.Role.ADMINISTRATOR], is_active=True))
    count = 0
    for recommendation in due:
        with transaction.atomic():
            context = {
                "recommendation": recommendation,
                "late": recommendation.due_on < today,  # type: ignore[operator]
                "base_url": settings.RAZEM_BASE_URL,
            }
            if recommendation.department_email:
                queue_email(
                    to=recommendation.department_email,
                    subject=render_to_string("recommendations/email/reminder_subject.txt", context).strip(),
                    body_text=render_to_string("recommendations/email/reminder.txt", context),
                    kind="recommendations/reminder",
                )
            for person in staff:
                notify(
                    recipient=person,
                    kind="recommendations/due",
                    context=context,
                    url=recommendation.get_absolute_url(),
                    send_email=False,
                )
            recommendation.reminded_on = today
            recommendation.save(update_fields=["reminded_on"])
            audit.record(
                actor=None,
                action="recommendations.recommendation.reminded",
                obj=recommendation,
                data={"due_on": recommendation.due_on.isoformat() if recommendation.due_on else None},
            )
            count += 1
    return count


def children_ordered(recommendation: Recommendation) -> Iterable[Recommendation]:
    return recommendation.children.order_by("id")
