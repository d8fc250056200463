"""The formal check's parts on the pages of grants (the offer's page, the office's offer and call pages).

Each tag renders its own partial (``grants/offer/_correction_banner.html``, ``grants/staff/_check_panel.html``,
``grants/staff/_checks_summary.html``, ``grants/staff/_checks_tab.html``) in a fixed number of queries, and nothing
when the formal check has nothing to say yet."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from razem.grants import validation
from razem.grants.reopening import STATEMENTS, is_due, reopening, section_titles

register = template.Library()

AFTER_FILING = ("correcting", "admitted", "rejected")


def _render(context: Any, name: str, values: dict[str, Any]) -> SafeString:
    return mark_safe(render_to_string(name, values, request=context.get("request")))  # noqa: S308


def _section_url(offer: Any, slug: str) -> str:
    if slug == validation.ATTACHMENTS:
        return reverse("grants:attachments", args=[offer.pk])
    if slug == validation.PARTNERS:
        return reverse("grants:partners", args=[offer.pk])
    if slug == STATEMENTS:
        return reverse("grants:offer_file", args=[offer.pk])
    return reverse("grants:offer_section", args=[offer.pk, slug])


@register.simple_tag(takes_context=True)
def offer_correction_banner(context: Any, offer: Any) -> SafeString:
    """On the oferent's offer page: an open call for corrections, or the outcome of the formal check."""
    if offer is None or offer.status not in (*AFTER_FILING, "filed") or offer.current_version_id is None:
        return mark_safe("")
    from razem.grants.models import CheckResult, CorrectionRequest

    requests = list(CorrectionRequest.objects.filter(offer_id=offer.pk).order_by("number"))
    latest = requests[-1] if requests else None
    if offer.status == "filed" and (latest is None or latest.status != CorrectionRequest.Status.ANSWERED):
        return mark_safe("")
    opened = reopening(offer) if offer.status == "correcting" else None
    user = context.get("user") or getattr(context.get("request"), "user", None)
    defects = []
    if offer.status in ("correcting", "rejected"):
        defects = list(
            CheckResult.objects.filter(
                offer_id=offer.pk, outcome__in=[CheckResult.Outcome.DEFECT, CheckResult.Outcome.FAILED]
            )
            .select_related("item")
            .order_by("item__position", "item_id")
        )
    sections = []
    if latest is not None:
        for slug in latest.fields:
            title = section_titles([slug])[0]
            sections.append(
                {"slug": slug, "title": title, "url": _section_url(offer, slug), "statements": slug == STATEMENTS}
            )
    return _render(
        context,
        "grants/offer/_correction_banner.html",
        {
            "offer": offer,
            "request_": latest,
            "sections": sections,
            "opened": opened,
            "due_now": is_due(opened),
            "lapsed": offer.status == "correcting" and not is_due(opened),
            "defects": defects,
            "can_file": bool(user is not None and user.has_perm("grants.file_offer", offer)),
            "file_url": reverse("grants:offer_file", args=[offer.pk]),
            "today": timezone.localdate(),
        },
    )


@register.simple_tag(takes_context=True)
def offer_check_panel(context: Any, offer: Any) -> SafeString:
    """On the office's offer page: the checklist findings and the actions of the formal check."""
    call = getattr(offer, "call", None)
    if offer is None or call is None or call.accepts_offers() or offer.status in ("draft", "withdrawn"):
        return mark_safe("")
    from razem.grants.models import CheckItem, CheckResult, CorrectionRequest

    total = CheckItem.objects.filter(call_id=call.pk).count()
    recorded = CheckResult.objects.filter(offer_id=offer.pk, version_id=offer.current_version_id).count()
    latest = CorrectionRequest.objects.filter(offer_id=offer.pk).order_by("-number").first()
    return _render(
        context,
        "grants/staff/_check_panel.html",
        {
            "offer": offer,
            "call": call,
            "total": total,
            "recorded": recorded,
            "latest": latest,
            "corrected": offer.status == "filed" and latest is not None and latest.status == "answered",
            "today": timezone.localdate(),
        },
    )


@register.simple_tag(takes_context=True)
def call_checks_summary(context: Any, call: Any) -> SafeString:
    """On the office's call overview: the progress of the formal check."""
    if call is None or call.status in ("draft", "cancelled"):
        return mark_safe("")
    from razem.grants.selectors.checks import check_summary

    summary = check_summary(call)
    if call.accepts_offers() and not summary.started:
        return mark_safe("")
    return _render(
        context, "grants/staff/_checks_summary.html", {"call": call, "summary": summary, "open": call.accepts_offers()}
    )


@register.simple_tag(takes_context=True)
def call_checks_tab(context: Any, call: Any) -> SafeString:
    """The call's office tab of the formal check (an <li class="nav-item">)."""
    if call is None or call.status == "draft":
        return mark_safe("")
    url = reverse("grants_staff:checks", args=[call.slug])
    request = context.get("request")
    path = getattr(request, "path", "")
    return _render(
        context,
        "grants/staff/_checks_tab.html",
        {"url": url, "active": "/ocena-formalna/" in path, "current": path == url},
    )
