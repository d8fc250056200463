"""The decision's parts on the pages of grants (the offer's page, the office's pages, the public call page)."""

from typing import Any

from django import template
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from razem.core.money import ZERO, money
from razem.grants.models import AwardYear, Call, Offer, Question
from razem.grants.rules_results import CONSIDERED, award_of, decision_of, results_published
from razem.grants.selectors import results as selectors

register = template.Library()


def _render(name: str, context: Any, data: dict[str, Any]) -> SafeString:
    request = context.get("request")
    return mark_safe(render_to_string(name, data, request=request))  # noqa: S308 - an escaped template


def _user(context: Any) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def offer_award_banner(context: Any, offer: Any) -> SafeString:
    """On the oferent's offer page: the grant awarded, the update awaited, the question asked."""
    if offer is None or offer.status not in CONSIDERED or offer.call is None:
        return mark_safe("")
    user = _user(context)
    award = award_of(offer)
    counts = Question.objects.filter(offer=offer).aggregate(asked=Count("pk"), answered=Count("answered_at"))
    return _render(
        "grants/results/_award_banner.html",
        context,
        {
            "offer": offer,
            "award": award,
            "years": list(award.years.order_by("year")) if award else [],
            "state": selectors.update_state(award),
            "decision": decision_of(offer.call),
            "published": results_published(offer.call),
            "can_ask": bool(user and user.has_perm("grants.ask_question", offer)),
            "can_resign": bool(user and user.has_perm("grants.resign_award", offer)),
            "asked": counts["asked"],
            "answered": counts["answered"],
        },
    )


@register.simple_tag(takes_context=True)
def offer_award_panel(context: Any, offer: Any) -> SafeString:
    """On the office's offer page: the award and the update."""
    if offer is None or offer.status not in CONSIDERED or offer.call is None:
        return mark_safe("")
    award = award_of(offer)
    return _render(
        "grants/staff/results/_award_panel.html",
        context,
        {
            "offer": offer,
            "call": offer.call,
            "award": award,
            "years": list(award.years.order_by("year")) if award else [],
            "state": selectors.update_state(award),
            "decision": decision_of(offer.call),
        },
    )


@register.simple_tag(takes_context=True)
def call_decision_summary(context: Any, call: Any) -> SafeString:
    """On the office's call overview: the decision and the results' publication."""
    if call is None:
        return mark_safe("")
    decision = decision_of(call)
    user = _user(context)
    if decision is None:
        if not (user and user.has_perm("grants.decide_call", call)):
            return mark_safe("")
        return _render(
            "grants/staff/results/_decision_summary.html",
            context,
            {"call": call, "decision": None, "waiting": selectors.waiting_offers(call)},
        )
    sums = dict(
        AwardYear.objects.filter(award__decision=decision)
        .values_list("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    statuses = dict(
        Offer.objects.filter(call=call, status__in=CONSIDERED)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return _render(
        "grants/staff/results/_decision_summary.html",
        context,
        {
            "call": call,
            "decision": decision,
            "sums": selectors.year_sums(selectors.call_funds(call), [sums]),
            "awarded_total": money(sum((money(v) for v in sums.values()), ZERO)),
            "funded": statuses.get(Offer.Status.AWARDED, 0) + statuses.get(Offer.Status.RESIGNED, 0),
            "not_funded": statuses.get(Offer.Status.NOT_AWARDED, 0),
            "resigned": statuses.get(Offer.Status.RESIGNED, 0),
            "unanswered": selectors.unanswered_count(call),
            "can_publish": bool(user and user.has_perm("grants.publish_results", call)),
        },
    )


@register.simple_tag(takes_context=True)
def call_results_tabs(context: Any, call: Any) -> SafeString:
    """The call's office tabs of the decision and the questions (<li class="nav-item"> each)."""
    if call is None:
        return mark_safe("")
    decided = call.status == Call.Status.DECIDED
    closed = call.status == Call.Status.ANNOUNCED and timezone.now() > call.submission_deadline
    if not (decided or closed):
        return mark_safe("")
    return _render(
        "grants/staff/results/_tabs.html",
        context,
        {
            "call": call,
            "decided": decided,
            "published": decided and results_published(call),
            "unanswered": selectors.unanswered_count(call) if decided else 0,
        },
    )


@register.simple_tag(takes_context=True)
def call_results(context: Any, call: Any) -> SafeString:
    """On the public call page: the results once published."""
    if call is None or call.status != Call.Status.DECIDED or not results_published(call):
        return mark_safe("")
    found = selectors.results_of(call)
    if found is None:
        return mark_safe("")
    return _render("grants/results/_call_results.html", context, {"results": found})
