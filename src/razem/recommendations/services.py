"""Every write about recommendations: recording, the path to implementation (the workflow ``PATH``), progress and
its roll-up, following, reminders of due dates.

Each step of the path is a transition of ``PATH`` (``razem.core.workflow``): the lock, the check of the state, the
answer a decision needs, the audit entry ``recommendations.recommendation.status_changed`` with from and to. What
the public reads stays on the dated timeline (``TimelineEntry``, see its docstring); the people told are told after
the commit (``notify_many``)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.models import User
from razem.bodies.models import BodyMembership
from razem.core import audit, history
from razem.core.deadlines import days_of
from razem.core.notifications import notify_many, queue_email
from razem.core.workflow import Step, Transition, Workflow
from razem.recommendations.models import Follower, Recommendation, TimelineEntry

S = Recommendation.Status
FIELDS = (
    "title", "text", "justification", "source_kind", "body", "meeting", "source_note", "policy_area", "department",
    "department_email", "due_on", "submitted_on",
)  # fmt: skip
MANAGE = "recommendations.manage_recommendation"
# A decision (accepted / partly accepted / rejected) needs the department's answer, published with it.
NEEDS_ANSWER = {S.ACCEPTED, S.PARTLY_ACCEPTED, S.REJECTED}
PROGRESS_STATUSES = {S.ACCEPTED, S.PARTLY_ACCEPTED, S.IMPLEMENTING}
ANSWER_MISSING = gettext_lazy("Record the department's written answer before deciding: it is published with it.")


def _needs_answer(recommendation: Recommendation, step: Step) -> None:
    if not (step.data.get("response") or "").strip():
        raise ValidationError({"response": str(ANSWER_MISSING)}, code="answer_required")


def _record_step(recommendation: Recommendation, step: Step) -> None:
    """What a step changes besides the status: the answer and its date, full progress once implemented, the date
    the next step is due (kept unless given; cleared when the path ends)."""
    date = step.data.get("date")
    if step.target in NEEDS_ANSWER:
        recommendation.response = step.data["response"].strip()
        recommendation.responded_on = date or timezone.localdate()
    if step.target == S.IMPLEMENTED:
        recommendation.progress = 100
    due_on = step.data.get("due_on")
    if due_on is not None:
        recommendation.due_on = due_on
    elif step.target in {S.REJECTED, S.IMPLEMENTED}:
        recommendation.due_on = None
    recommendation.full_clean(exclude=["number"])


def _step(name: str, sources: tuple[str, ...], target: str) -> Transition:
    """One step of the path, taken by the office; every step is audited as ``status_changed`` with from and to."""
    return Transition(
        name,
        sources=sources,
        target=target,
        label=S(target).label,
        permission=MANAGE,
        guard=_needs_answer if target in NEEDS_ANSWER else None,
        effect=_record_step,
        audit="status_changed",
    )


# The path of a recommendation: one transition per target, from every status that may lead to it.
PATH = Workflow(
    prefix="recommendations.recommendation",
    transitions=[
        _step("analyse", (S.SUBMITTED,), S.ANALYSIS),
        _step("accept", (S.ANALYSIS,), S.ACCEPTED),
        _step("accept_partly", (S.ANALYSIS,), S.PARTLY_ACCEPTED),
        _step("reject", (S.ANALYSIS,), S.REJECTED),
        _step("implement", (S.ACCEPTED, S.PARTLY_ACCEPTED), S.IMPLEMENTING),
        _step("complete", (S.ACCEPTED, S.PARTLY_ACCEPTED, S.IMPLEMENTING), S.IMPLEMENTED),
    ],
)
# The audit entries of the path have one code; the public reads the path on the dated timeline (TimelineEntry).
history.describe("recommendations.recommendation.status_changed", gettext_lazy("Status changed"))
# Where each status may go next (derived from the workflow, for the forms and the tests).
TRANSITIONS: dict[str, set[str]] = {status: PATH.targets_from(status) for status in S.values}


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
    recommendation: Recommendation, *, actor: User, kind: str, text: str = "", date: datetime.date | None = None,
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


def _audience(recommendation: Recommendation) -> QuerySet[User]:
    """Who hears of a change: the followers and the current members of the source body."""
    people = Q(followed_recommendations__recommendation=recommendation)
    if recommendation.body_id:
        members = BodyMembership.objects.current().filter(body_id=recommendation.body_id).values("person_id")
        people |= Q(pk__in=members)
    return User.objects.filter(people, is_active=True).distinct()


def _tell(recommendation: Recommendation, entry: TimelineEntry, actor: User) -> None:
    """Tell the audience of a new timeline entry, after the commit, everyone but the one who recorded it."""
    notify_many(
        kind="recommendations/changed",
        audience=_audience(recommendation).values_list("pk", flat=True),
        context={"recommendation": recommendation, "entry": entry},
        url=recommendation.get_absolute_url(),
        exclude=actor,
    )


@transaction.atomic
def recommendation_create(
    *,
    actor: User,
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
    *, actor: User, recommendation: Recommendation, data: dict[str, Any], request: HttpRequest | None = None
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


def _wrong_step(current: str, status: str) -> ValidationError:
    labels = PATH.labels(Recommendation)
    allowed = ", ".join(labels[s] for s in sorted(PATH.targets_from(current)))
    return ValidationError(
        {"status": _("A recommendation that is %(current)s cannot become %(new)s. Next possible: %(allowed)s.")
         % {"current": labels[current].lower(), "new": labels.get(status, status).lower(),
            "allowed": allowed or _("none, its path has ended")}},
        code="transition",
    )  # fmt: skip


@transaction.atomic
def recommendation_change_status(
    *,
    actor: User,
    recommendation: Recommendation,
    status: str,
    response: str = "",
    note: str = "",
    date: datetime.date | None = None,
    due_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Recommendation:
    """Take the step of ``PATH`` to ``status``; accepting, partly accepting or rejecting needs the department's
    written answer. The step goes on the public timeline with its date, its audience is told, and a parent's
    progress follows a sub-recommendation that ends."""
    current = Recommendation.objects.select_for_update().values_list("status", flat=True).get(pk=recommendation.pk)
    transition = PATH.to(current, status)
    if transition is None:  # the same words as before the workflow (its own message names the state %(status)s)
        raise _wrong_step(current, status)
    response = (response or "").strip()
    recommendation = PATH.take(
        recommendation, transition.name, actor=actor, request=request, response=response, date=date, due_on=due_on
    )
    entry = _entry(
        recommendation,
        actor=actor,
        kind=TimelineEntry.Kind.STATUS,
        status=status,
        date=date,
        progress=recommendation.progress if status == S.IMPLEMENTED else None,
        text=response if status in NEEDS_ANSWER and not note else note.strip(),
    )
    _tell(recommendation, entry, actor)
    if recommendation.parent_id and status in {S.IMPLEMENTED, S.REJECTED}:  # a rejected one leaves the mean
        _roll_up(recommendation.parent, actor=actor, date=date)  # type: ignore[arg-type]
    return recommendation


@transaction.atomic
def recommendation_set_progress(
    *,
    actor: User,
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
    if progress > 0 and recommendation.status in PATH["implement"].sources:  # the first progress starts it
        recommendation = PATH.take(recommendation, "implement", actor=actor, request=request, date=date)
    recommendation.progress = progress
    recommendation.save(update_fields=["progress", "updated_at"])
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


def _roll_up(parent: Recommendation, *, actor: User, date: datetime.date | None = None) -> None:
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
    *, actor: User, recommendation: Recommendation, text: str, date: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> TimelineEntry:  # fmt: skip
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    entry = _entry(recommendation, actor=actor, kind=TimelineEntry.Kind.NOTE, text=text.strip(), date=date)
    audit.record(actor=actor, action="recommendations.recommendation.noted", obj=recommendation, request=request)
    _tell(recommendation, entry, actor)
    return entry


@transaction.atomic
def follow(*, actor: User, recommendation: Recommendation, on: bool = True) -> bool:
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
    """E-mail the addressed department (and tell the office) about recommendations due within the reminder window
    (``recommendation_reminder_days``, a week) or late; each recommendation at most once in that window. Run daily
    by ``razem remind``."""
    today = today or timezone.localdate()
    window = datetime.timedelta(days=days_of("recommendation_reminder_days", today))
    due = (
        Recommendation.objects.filter(due_on__isnull=False, due_on__lte=today + window)
        .exclude(status__in=[S.REJECTED, S.IMPLEMENTED])
        .exclude(reminded_on__gt=today - window)
    )
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
            notify_many(
                kind="recommendations/due",
                audience=User.objects.city_staff(),
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
