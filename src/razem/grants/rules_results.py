"""Who may do what with the decision, the results, the questions and the update (grants II).

- ``grants.decide_call``: the office records the Mayor's decision (zarządzenie) once offers are closed and no
  decision is recorded yet (the formal check and the commission's opinion are checked by the service, with the
  offers named);
- ``grants.publish_results``: the office records the publication of the results, once, after the decision;
- ``grants.view_results``: anyone once the results are published; the office from the decision on (a preview);
- ``grants.ask_question``: a person acting for an oferent (the lead or a partner) of an offer the decision
  considered, once the results are published (no appeal lies, art. 15 ust. 2j: a question is what remains);
- ``grants.answer_question``: the office, once per question;
- ``grants.update_offer``: a person acting for the leading oferent of an offer awarded less than requested, until
  the update is due (the editor itself opens through ``grants.reopening``);
- ``grants.resign_award``: a person acting for the leading oferent of an offer awarded a grant.

Every refusal a person can meet is worded here and said alike by the page (``why_not``) and by the service
(``ensure``).
"""

from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff, is_signed_in
from razem.core.schedule import when
from razem.grants.models import Award, Call, Decision, Offer
from razem.grants.predicates import acts_for_lead, acts_for_partner

# The offers the decision considered (those admitted after the formal check), whatever became of them after.
CONSIDERED = frozenset({Offer.Status.AWARDED, Offer.Status.NOT_AWARDED, Offer.Status.RESIGNED})


def decision_of(call: Any) -> Decision | None:
    """The decision on ``call`` or None (the reverse relation caches either answer on the instance)."""
    if call is None or call.pk is None:
        return None
    try:
        return call.decision  # type: ignore[no-any-return]
    except Decision.DoesNotExist:
        return None


def results_published(call: Any) -> bool:
    decision = decision_of(call)
    return decision is not None and decision.results_published_at is not None


def award_of(offer: Any) -> Award | None:
    if offer is None or offer.pk is None:
        return None
    try:
        return offer.award  # type: ignore[no-any-return]
    except Award.DoesNotExist:
        return None


# Predicates ---------------------------------------------------------------------------------------------------------


@rules.predicate
def call_awaits_decision(user: Any, call: Any) -> bool:
    """Announced, past its deadline (by the server clock), and no decision recorded yet."""
    return (
        call is not None
        and call.status == Call.Status.ANNOUNCED
        and timezone.now() > call.submission_deadline
        and decision_of(call) is None
    )


@rules.predicate
def call_is_decided(user: Any, call: Any) -> bool:
    return call is not None and call.status == Call.Status.DECIDED and decision_of(call) is not None


@rules.predicate
def call_results_unpublished(user: Any, call: Any) -> bool:
    return call_is_decided(user, call) and not results_published(call)


@rules.predicate
def call_results_published(user: Any, call: Any) -> bool:
    return call is not None and call.status == Call.Status.DECIDED and results_published(call)


@rules.predicate
def offer_was_considered(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status in CONSIDERED


@rules.predicate
def offer_results_published(user: Any, offer: Any) -> bool:
    return offer is not None and offer.call is not None and results_published(offer.call)


@rules.predicate
def offer_is_awarded(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == Offer.Status.AWARDED


@rules.predicate
def offer_awaits_update(user: Any, offer: Any) -> bool:
    award = award_of(offer) if offer is not None and offer.status == Offer.Status.AWARDED else None
    return award is not None and award.update == Award.Update.AWAITED


@rules.predicate
def update_not_overdue(user: Any, offer: Any) -> bool:
    award = award_of(offer)
    return award is not None and award.update_due is not None and timezone.localdate() <= award.update_due


@rules.predicate
def question_unanswered(user: Any, question: Any) -> bool:
    return question is not None and not question.answered_at


# Refusals -----------------------------------------------------------------------------------------------------------


def _no_decision_now(user: Any, call: Any) -> str:
    if call is None:
        return _("There is no such call.")
    decision = decision_of(call)
    if decision is not None:
        return _("The decision on this call is recorded: order no. %(number)s of %(date)s.") % {
            "number": decision.number,
            "date": when(decision.made_on),
        }
    if call.status == Call.Status.CANCELLED:
        return _("This call was cancelled.")
    if call.status == Call.Status.DRAFT:
        return _("This call has not been published yet.")
    return _(
        "Offers are accepted until %(deadline)s; the decision comes after the deadline, the formal check and the "
        "commission's opinion."
    ) % {"deadline": when(call.submission_deadline)}


def _not_publishable(user: Any, call: Any) -> str:
    decision = decision_of(call)
    if decision is None or call.status != Call.Status.DECIDED:
        return _("The results are published after the decision is recorded.")
    return _("The results of this call were published on %(date)s.") % {"date": when(decision.results_published_at)}


def _not_considered(user: Any, offer: Any) -> str:
    return _("Questions are about the decision on the offers it considered; this offer is %(status)s.") % {
        "status": offer.get_status_display().lower()
    }


def _no_update(user: Any, offer: Any) -> str:
    award = award_of(offer)
    if offer is not None and offer.status == Offer.Status.RESIGNED:
        return _("The oferent has resigned from this grant.")
    if award is None:
        return _("No grant was awarded to this offer, so there is nothing to update.")
    if award.update == Award.Update.FILED:
        return _("The update was filed; the office has it.")
    return _("The grant awarded equals the grant requested: no update is needed.")


def _update_overdue(user: Any, offer: Any) -> str:
    award = award_of(offer)
    return _("The update was due by %(date)s; ask the office what to do now.") % {
        "date": when(award.update_due if award else None)
    }


def _not_awarded(user: Any, offer: Any) -> str:
    if offer is not None and offer.status == Offer.Status.RESIGNED:
        return _("The oferent has already resigned from this grant.")
    return _("Only a grant awarded can be resigned; this offer is %(status)s.") % {
        "status": offer.get_status_display().lower() if offer is not None else "—"
    }


def _answered(user: Any, question: Any) -> str:
    return _("This question was answered on %(date)s.") % {"date": when(question.answered_at)}


SIGN_IN = gettext_lazy("Sign in to continue.")

add_perm(
    "grants.decide_call",
    require(is_city_staff, gettext_lazy("Only the city office records the decision on a call.")),
    require(call_awaits_decision, _no_decision_now),
)
add_perm(
    "grants.publish_results",
    require(is_city_staff, gettext_lazy("Only the city office publishes the results of a call.")),
    require(call_results_unpublished, _not_publishable),
)
rules.add_perm("grants.view_results", call_results_published | (is_city_staff & call_is_decided))
add_perm(
    "grants.ask_question",
    require(is_signed_in, SIGN_IN),
    require(
        acts_for_lead | acts_for_partner,
        gettext_lazy("Only a person who may act for an oferent of this offer can ask about the decision."),
    ),
    require(offer_was_considered, _not_considered),
    require(offer_results_published, gettext_lazy("You can ask about the decision once its results are published.")),
)
add_perm(
    "grants.answer_question",
    require(is_city_staff, gettext_lazy("Only the city office answers questions about the decision.")),
    require(question_unanswered, _answered),
)
add_perm(
    "grants.update_offer",
    require(is_signed_in, SIGN_IN),
    require(acts_for_lead, gettext_lazy("Only a person who may act for the leading oferent files the update.")),
    require(offer_awaits_update, _no_update),
    require(update_not_overdue, _update_overdue),
)
add_perm(
    "grants.resign_award",
    require(is_signed_in, SIGN_IN),
    require(
        acts_for_lead, gettext_lazy("Only a person who may act for the leading oferent can resign from the grant.")
    ),
    require(offer_is_awarded, _not_awarded),
)
