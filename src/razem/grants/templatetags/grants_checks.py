"""The formal check's parts on the pages of grants (the offer's page, the office's offer and call pages)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def offer_correction_banner(context: Any, offer: Any) -> SafeString:
    """On the oferent's offer page: an open call for corrections, or the outcome of the formal check."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def offer_check_panel(context: Any, offer: Any) -> SafeString:
    """On the office's offer page: the checklist findings and the actions of the formal check."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def call_checks_summary(context: Any, call: Any) -> SafeString:
    """On the office's call overview: the progress of the formal check."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def call_checks_tab(context: Any, call: Any) -> SafeString:
    """The call's office tab of the formal check (an <li class="nav-item">)."""
    return mark_safe("")
