"""Permissions that say why not. A permission declared here is a ``rules`` permission (the conjunction of its
requirements) whose every requirement carries the words of its refusal, so that the page that hides a button, the
page that explains a 403 and the service that refuses a write all give the same reason from one place.

    add_perm(
        "elections.vote_election",
        require(is_signed_in, _("Sign in to vote.")),
        require(acts_for_some_organization, _("Only a representative of a verified organization can vote.")),
        require(voting_is_open, lambda user, election: SCHEDULE.closed_message(election, "voting")),
    )
    why_not(user, "elections.vote_election", election)   # the first refusal in words, or None
    ensure(user, "elections.vote_election", election)    # raises ValidationError(that refusal)
"""

import dataclasses
from collections.abc import Callable
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.utils.functional import Promise

type Message = str | Promise | Callable[[Any, Any], str]


@dataclasses.dataclass(frozen=True)
class Requirement:
    predicate: rules.Predicate
    refusal: Message
    code: str = "denied"

    def message(self, user: Any, obj: Any) -> str:
        return self.refusal(user, obj) if callable(self.refusal) else str(self.refusal)


def require(predicate: Any, refusal: Message, *, code: str = "denied") -> Requirement:
    if not isinstance(predicate, rules.Predicate):
        predicate = rules.predicate(predicate)
    return Requirement(predicate, refusal, code)


_requirements: dict[str, tuple[Requirement, ...]] = {}


def add_perm(name: str, *requirements: Requirement, alternatively: Any = None) -> None:
    """Register ``name`` as the conjunction of ``requirements``; ``alternatively`` (a predicate, such as
    ``is_city_staff``) grants it regardless, and then there is nothing to refuse."""
    predicate = requirements[0].predicate
    for requirement in requirements[1:]:
        predicate = predicate & requirement.predicate
    if alternatively is not None:
        predicate = alternatively | predicate
    _requirements[name] = tuple(requirements)
    rules.set_perm(name, predicate) if rules.perm_exists(name) else rules.add_perm(name, predicate)


def why_not(user: Any, name: str, obj: Any = None) -> str | None:
    """Why ``user`` may not ``name`` on ``obj``: the first unmet requirement in words, or None if they may."""
    if user.has_perm(name, obj):
        return None
    for requirement in _requirements.get(name, ()):
        if not requirement.predicate.test(user, obj):
            return requirement.message(user, obj)
    return None if name in _requirements else ""


def ensure(user: Any, name: str, obj: Any = None, *, field: str | None = None) -> None:
    """Refuse with the permission's own reason (``ValidationError``, on ``field`` if given) unless allowed."""
    if user.has_perm(name, obj):
        return
    requirement = next((r for r in _requirements.get(name, ()) if not r.predicate.test(user, obj)), None)
    message = requirement.message(user, obj) if requirement else ""
    code = requirement.code if requirement else "denied"
    error = ValidationError(message, code=code)
    raise ValidationError({field: error}) if field else error
