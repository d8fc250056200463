"""Predicates about the competition commission, composed into permissions in rules.py.

The person's seat in the commission of a call (``seat``) and whether the call's opinion is adopted (``opinion_of``)
are read once and kept on the user and the call objects for the request. Every write of the commissions services
calls ``changed()``, which makes every kept value stale in this process (a new request has new objects anyway), so
that a page or a test that checks a permission right after a write sees the write."""

import itertools
from typing import Any

import rules

from razem.commissions.models import Member, Opinion
from razem.core.predicates import is_signed_in
from razem.grants.models import Call, Offer

# The offers the commission evaluates: admitted after the formal check, and later decided on (they stay in the
# ranking and on the members' pages, read-only once the opinion is adopted).
RANKED = (Offer.Status.ADMITTED, Offer.Status.AWARDED, Offer.Status.NOT_AWARDED, Offer.Status.RESIGNED)

_generation = itertools.count(1)
_current = [next(_generation)]


def changed() -> None:
    """Forget every seat and opinion kept on objects (called by every write of the commissions services)."""
    _current[0] = next(_generation)


def _kept(holder: Any, key: str) -> dict[Any, Any]:
    """The cache ``key`` on ``holder`` for the current generation (a new empty one after ``changed()``)."""
    entry = holder.__dict__.get(key)
    if entry is None or entry[0] != _current[0]:
        entry = holder.__dict__[key] = (_current[0], {})
    return entry[1]  # type: ignore[no-any-return]


def call_of(obj: Any) -> Call | None:
    """The call of ``obj``: the call itself, or the call of an offer."""
    if obj is None:
        return None
    if isinstance(obj, Call):
        return obj
    return getattr(obj, "call", None)


def seat(user: Any, obj: Any) -> Member | None:
    """``user``'s seat in the commission of the call of ``obj`` (a call or an offer), with ``declared_ids`` (the
    offers its declaration covers) and ``conflict_ids`` (the offers it declared a conflict with), or None."""
    call = call_of(obj)
    if call is None or not is_signed_in(user):
        return None
    seats = _kept(user, "_razem_commission_seats")
    if call.pk not in seats:
        member = Member.objects.filter(call_id=call.pk, user_id=user.pk).select_related("declaration").first()
        if member is not None:
            declaration = getattr(member, "declaration", None)
            member.declared_ids = (  # type: ignore[attr-defined]
                set(declaration.offers.values_list("pk", flat=True)) if declaration is not None else set()
            )
            member.conflict_ids = set(member.conflicts.values_list("offer_id", flat=True))  # type: ignore[attr-defined]
        seats[call.pk] = member
    return seats[call.pk]  # type: ignore[no-any-return]


def opinion_of(call: Call | None) -> Opinion | None:
    """The commission's opinion on ``call`` (draft or adopted), or None; read once per call object."""
    if call is None:
        return None
    kept = _kept(call, "_razem_commission_opinion")
    if "opinion" not in kept:
        kept["opinion"] = Opinion.objects.filter(call_id=call.pk).first()
    return kept["opinion"]  # type: ignore[no-any-return]


def is_adopted(call: Call | None) -> bool:
    opinion = opinion_of(call)
    return opinion is not None and opinion.adopted_at is not None


@rules.predicate
def is_member(user: Any, obj: Any) -> bool:
    return seat(user, obj) is not None


@rules.predicate
def is_not_excluded(user: Any, obj: Any) -> bool:
    member = seat(user, obj)
    return member is not None and not member.excluded


@rules.predicate
def has_signed(user: Any, obj: Any) -> bool:
    member = seat(user, obj)
    return member is not None and getattr(member, "declaration", None) is not None


@rules.predicate
def declared_on_offer(user: Any, offer: Any) -> bool:
    member = seat(user, offer)
    return member is not None and offer is not None and offer.pk in member.declared_ids  # type: ignore[attr-defined]


@rules.predicate
def not_conflicted(user: Any, offer: Any) -> bool:
    """No conflict of interest declared with ``offer`` (true for anyone without a seat)."""
    member = seat(user, offer)
    return member is None or offer is None or offer.pk not in member.conflict_ids  # type: ignore[attr-defined]


@rules.predicate
def offer_is_ranked(user: Any, offer: Any) -> bool:
    return offer is not None and offer.call_id is not None and offer.status in RANKED


@rules.predicate
def opinion_open(user: Any, obj: Any) -> bool:
    return not is_adopted(call_of(obj))


@rules.predicate
def call_is_running(user: Any, obj: Any) -> bool:
    """Published and not cancelled: a commission can be appointed."""
    call = call_of(obj)
    return call is not None and call.status in (Call.Status.ANNOUNCED, Call.Status.DECIDED)


@rules.predicate
def deadline_passed(user: Any, obj: Any) -> bool:
    call = call_of(obj)
    return call is not None and call.phase() in (Call.Phase.CLOSED, Call.Phase.DECIDED)


@rules.predicate
def has_undeclared_offers(user: Any, call: Any) -> bool:
    """An offer of the call is evaluated by the commission and not yet covered by the person's declaration."""
    member = seat(user, call)
    if member is None:
        return False
    ranked = Offer.objects.filter(call_id=call.pk, status__in=RANKED).exclude(pk__in=member.declared_ids)  # type: ignore[attr-defined]
    return ranked.exists()
