"""The decision's parts on the pages of grants (the offer's page, the office's pages, the public call page)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def offer_award_banner(context: Any, offer: Any) -> SafeString:
    """On the oferent's offer page: the grant awarded, the update awaited, the question asked."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def offer_award_panel(context: Any, offer: Any) -> SafeString:
    """On the office's offer page: the award and the update."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def call_decision_summary(context: Any, call: Any) -> SafeString:
    """On the office's call overview: the decision and the results' publication."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def call_results_tabs(context: Any, call: Any) -> SafeString:
    """The call's office tabs of the decision and the questions (<li class="nav-item"> each)."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def call_results(context: Any, call: Any) -> SafeString:
    """On the public call page: the results once published."""
    return mark_safe("")
