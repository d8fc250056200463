"""State machines, declared once per model: the states, the transitions between them, who may take each (a rules
permission), which need a reason, what else changes and who is told.

Taking a transition (:meth:`Workflow.take`) locks the row, checks the source state under the lock, checks the
permission and the reason, records who and when, applies the transition's effect, saves, writes the audit entry
``<prefix>.<verb>`` with ``from`` and ``to``, and runs the transition's ``notify`` hook, which schedules its
messages with :func:`razem.core.notifications.notify_many` (sent by a task after the commit, never under the
lock). A refused transition raises ``ValidationError`` and changes nothing.

Example (see docs/new-module.md)::

    REVIEW = Workflow(
        prefix="events.ngo_event",
        transitions=[
            Transition("approve", sources=("submitted",), target="published", label=_("Approve"),
                       permission="events.review_meeting", stamps={"reviewed_by": ACTOR, "published_at": NOW}),
            Transition("reject", sources=("submitted",), target="rejected", label=_("Reject"),
                       permission="events.review_meeting", reason=REQUIRED,
                       reason_missing=_("Say why the event is rejected; the organization will read it.")),
        ],
        reason_field="status_reason",
    )
    event = REVIEW.take(event, "approve", actor=officer)
"""

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core import audit, history
from razem.core.permissions import why_not

NOW = "now"  # a stamp: the time of the transition
ACTOR = "actor"  # a stamp: the person taking it
REQUIRED = "required"  # a reason must be given
OPTIONAL = "optional"  # a reason may be given


@dataclasses.dataclass(frozen=True)
class Step:
    """What a transition's hooks are told: who takes it, from where to where, why, and any extra data."""

    transition: "Transition"
    actor: Any
    source: str
    target: str
    reason: str = ""
    request: HttpRequest | None = None
    data: Mapping[str, Any] = dataclasses.field(default_factory=dict)


type Hook = Callable[[Any, Step], None]


@dataclasses.dataclass(frozen=True)
class Transition:
    """One arrow of the state machine.

    - ``permission``: a rules permission checked with (actor, object); refused with ``denied``.
    - ``reason``: ``REQUIRED`` or ``OPTIONAL``; a missing required reason is refused with ``reason_missing``
      on the form field ``reason``.
    - ``wrong_state``: the refusal from another state; ``%(status)s`` is the current state's label in lower case.
    - ``guard(obj, step)``: further conditions, raising ``ValidationError`` (checked under the lock).
    - ``effect(obj, step)``: further changes to the locked object before it is saved.
    - ``stamps``: fields set to ``NOW`` or ``ACTOR``.
    - ``notify(obj, step)``: called after the save, inside the transaction; it schedules messages with
      ``notify_many`` (after the commit).
    - ``audit``: the verb of the audit code (the transition's name by default).
    """

    name: str
    sources: tuple[str, ...]
    target: str
    label: str | Promise = ""
    permission: str = ""
    denied: str | Promise = ""
    reason: str = ""
    reason_missing: str | Promise = ""
    wrong_state: str | Promise = ""
    guard: Hook | None = None
    effect: Hook | None = None
    stamps: Mapping[str, str] = dataclasses.field(default_factory=dict)
    notify: Hook | None = None
    audit: str = ""
    audit_reason: bool = True
    public: bool = False  # shown in the public history of the object, not only to the office
    history_label: str | Promise = ""  # what the history says happened ("Verified"), if not the button's label
    ready: Callable[[Any], bool] | None = None  # whether to offer it now (a button), beyond state and permission


DEFAULT_WRONG_STATE = gettext_lazy("This cannot be done now: the current status is %(status)s.")
DEFAULT_DENIED = gettext_lazy("You may not do this.")
DEFAULT_REASON_MISSING = gettext_lazy("Give the reason.")


class Workflow:
    """The transitions of one model's ``field`` (``status`` by default)."""

    def __init__(
        self,
        *,
        prefix: str,
        transitions: Iterable[Transition],
        field: str = "status",
        reason_field: str | None = None,
    ) -> None:
        self.prefix = prefix
        self.field = field
        self.reason_field = reason_field
        self.transitions: dict[str, Transition] = {}
        for transition in transitions:
            if transition.name in self.transitions:
                raise ValueError(f"{prefix}: the transition {transition.name!r} is declared twice")
            self.transitions[transition.name] = transition
            history.describe(
                f"{prefix}.{transition.audit or transition.name}",
                transition.history_label or transition.label or transition.name,
                public=transition.public,
                show_reason=transition.audit_reason,
            )

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    # Reading --------------------------------------------------------------------------------------------------

    def state_of(self, obj: Any) -> str:
        return getattr(obj, self.field)

    def state_label(self, obj: Any) -> str:
        display = getattr(obj, f"get_{self.field}_display", None)
        return str(display()) if display else self.state_of(obj)

    def from_state(self, state: str) -> list[Transition]:
        """The transitions leaving ``state``."""
        return [t for t in self.transitions.values() if state in t.sources]

    def targets_from(self, state: str) -> set[str]:
        return {t.target for t in self.from_state(state)}

    def permits(self, obj: Any, name: str, user: Any) -> bool:
        """May ``user`` take the transition now (state, ``ready`` and permission; guards are checked when taken)?"""
        transition = self.transitions[name]
        if self.state_of(obj) not in transition.sources:
            return False
        if transition.ready is not None and not transition.ready(obj):
            return False
        return not transition.permission or bool(user.has_perm(transition.permission, obj))

    def available(self, obj: Any, user: Any) -> list[Transition]:
        """The transitions ``user`` may take from the object's state: the buttons to show."""
        return [t for t in self.from_state(self.state_of(obj)) if self.permits(obj, t.name, user)]

    # Writing --------------------------------------------------------------------------------------------------

    def refusal(self, obj: Any, transition: Transition, actor: Any, reason: str) -> ValidationError | None:
        """Why the transition cannot be taken (on the object as it is), or None."""
        if self.state_of(obj) not in transition.sources:
            message = transition.wrong_state or DEFAULT_WRONG_STATE
            labels = self.labels(type(obj))
            allowed = ", ".join(labels.get(t, t) for t in sorted(self.targets_from(self.state_of(obj))))
            return ValidationError(
                str(message)
                % {
                    "status": self.state_label(obj).lower(),
                    "new": labels.get(transition.target, transition.target).lower(),
                    "allowed": allowed or _("none, its path has ended"),
                },
                code="wrong_state",
            )
        if transition.permission and not (actor is not None and actor.has_perm(transition.permission, obj)):
            # The transition's own text, else the permission's reason when it was declared with one
            # (``core.permissions.add_perm``), so that the service under the lock says what the page says.
            explained = why_not(actor, transition.permission, obj) if actor is not None else None
            return ValidationError(str(transition.denied or explained or DEFAULT_DENIED), code="denied")
        if transition.reason == REQUIRED and not reason:
            return ValidationError(
                {"reason": ValidationError(str(transition.reason_missing or DEFAULT_REASON_MISSING), code="reason")}
            )
        return None

    def take(
        self,
        obj: Any,
        name: str | tuple[str, ...],
        *,
        actor: Any,
        reason: str = "",
        request: HttpRequest | None = None,
        **data: Any,
    ) -> Any:
        """Take the transition ``name`` on ``obj``; returns the object as saved (a fresh, locked instance).

        ``name`` may name several transitions (a tuple): the one leaving the state the object is in under the lock
        is taken, so one action ("withdraw") may end in different states from different ones; if none leaves it,
        the first one's refusal is given."""
        names = (name,) if isinstance(name, str) else name
        reason = (reason or "").strip()
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            state = self.state_of(locked)
            transition = next(
                (self.transitions[n] for n in names if state in self.transitions[n].sources),
                self.transitions[names[0]],
            )
            problem = self.refusal(locked, transition, actor, reason)
            if problem is not None:
                raise problem
            source = self.state_of(locked)
            step = Step(transition, actor, source, transition.target, reason, request, data)
            if transition.guard is not None:
                transition.guard(locked, step)
            setattr(locked, self.field, transition.target)
            if self.reason_field is not None and transition.reason:
                setattr(locked, self.reason_field, reason)
            now = timezone.now()
            for field, value in transition.stamps.items():
                setattr(locked, field, now if value == NOW else actor if value == ACTOR else value)
            if transition.effect is not None:
                transition.effect(locked, step)
            locked.save()
            entry: dict[str, Any] = {"from": source, "to": transition.target}
            if reason and transition.audit_reason:
                entry["reason"] = reason
            audit.record(
                actor=actor,
                action=f"{self.prefix}.{transition.audit or transition.name}",
                obj=locked,
                data=entry,
                request=request,
            )
            if transition.notify is not None:
                transition.notify(locked, step)
        return locked

    def labels(self, model: type[models.Model]) -> dict[str, str]:
        """The states' labels, from the field's choices."""
        choices = getattr(model._meta.get_field(self.field), "choices", None) or ()
        return {str(value): str(label) for value, label in choices}  # type: ignore[misc]

    def to(self, state: str, target: str) -> Transition | None:
        """The transition from ``state`` to ``target``, if the path has one."""
        return next((t for t in self.from_state(state) if t.target == target), None)
