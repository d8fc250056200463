"""What the commissions app contributes to the kernel's registries: its sections of the call's pages (the public
composition, the office's tab and summary), the office panel's card, the daily look at the exclusions, the demo,
and the personal data of its members."""

from typing import Any

from django.urls import reverse


def public_section(call: Any, user: Any) -> dict[str, Any] | None:
    """On the call's public page, once a member is appointed: the composition, the excluded nominees counted by
    ground, the note of art. 15 ust. 2da, the date of the opinion; a member's way to their page."""
    from razem.commissions.predicates import is_adopted, opinion_of, seat
    from razem.commissions.selectors import composition

    if call.status == call.Status.DRAFT:
        return None
    found = composition(call)
    if not found.members:
        return None
    mine = seat(user, call)
    return {
        "composition": found,
        "opinion": opinion_of(call) if is_adopted(call) else None,
        "seat_url": reverse("commissions:home", args=[call.slug]) if mine is not None else "",
    }


def staff_tab(call: Any, user: Any) -> dict[str, Any] | None:
    if call.status == call.Status.DRAFT:
        return None
    return {"url": reverse("commissions_staff:commission", args=[call.slug])}


def staff_summary(call: Any, user: Any) -> dict[str, Any] | None:
    from razem.commissions.selectors import progress

    if call.status == call.Status.DRAFT:
        return None
    return {"progress": progress(call), "url": reverse("commissions_staff:commission", args=[call.slug])}


def panel_card(request: Any) -> dict[str, Any]:
    """The office panel's card: the commissions at work (with their declarations signed) and the officer's seats;
    two queries."""
    from razem.commissions.selectors import calls_with_commissions, seats_of
    from razem.commissions.views.members import mine_url

    seats = [m for m in seats_of(request.user) if m.call.status != m.call.Status.CANCELLED][:8]
    return {"calls": list(calls_with_commissions()[:8]), "seats": seats, "mine_url": mine_url()}


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.commissions import demo as commissions_demo

    return commissions_demo.load(users=demo["users"])


def _reevaluate() -> str:
    from razem.commissions.services.members import reevaluate_open_calls

    return reevaluate_open_calls()


def register() -> None:
    from razem.commissions import personal_data
    from razem.core import registry

    registry.page_sections.register(
        registry.PageSection("grants.call", "commissions", "commissions/_call_section.html", public_section, 30)
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants_staff.call_tabs", "commissions_tab", "commissions/staff/_call_tab.html", staff_tab, 30
        )
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants_staff.call", "commissions_summary", "commissions/staff/_call_overview.html", staff_summary, 30
        )
    )
    registry.panel_cards.register(
        registry.PanelCard("commissions", "commissions/staff/_panel_card.html", panel_card, 56)
    )
    registry.daily_jobs.register(registry.DailyJob("commissions.reevaluate_exclusions", _reevaluate, order=40))
    # The formal check's demo admits offers; without it (not registered yet) the demo follows the grants' demo.
    try:
        registry.demo_loaders.get("grants_checks")
        after: tuple[str, ...] = ("grants_checks",)
    except KeyError:
        after = ("grants",)
    registry.demo_loaders.register(registry.DemoLoader("commissions", _demo, after=after))

    covers = personal_data.COVERS
    registry.personal_data.register(registry.PersonalDataSection("commissions", personal_data.export, covers))
    registry.deletion_checks.register(registry.DeletionHook("commissions", personal_data.deletion_problems, covers))
