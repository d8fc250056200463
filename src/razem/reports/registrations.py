"""What the reports app contributes to the kernel's registries (navigation, panel, page sections, jobs, demo,
personal data).

Personal data: every relation of reports to people is a SET_NULL stamp (demanded, filed, accepted, computed,
recorded by), so the app registers no export or deletion hook."""

from typing import Any

from django.utils.translation import gettext_lazy as _


def _panel_card(request: Any) -> dict[str, Any]:
    from razem.reports import jobs, selectors

    jobs.ensure_final_reports()
    return selectors.panel()


def _profile_section(organization: Any, user: Any) -> dict[str, Any] | None:
    """On an organization's profile, for the people acting for it: the reports due and filed under its contracts."""
    from django.urls import reverse

    from razem.organizations.predicates import is_org_representative
    from razem.reports.selectors import contracts_reported_by

    if not is_org_representative(user, organization):
        return None
    from razem.reports.services.drafts import final_due

    contracts = list(contracts_reported_by([organization.pk])[:10])
    if not contracts:
        return None
    for contract in contracts:
        contract.final_due = final_due(contract)  # type: ignore[attr-defined]
    return {"contracts": contracts, "actions": [(_("Reports on grants"), reverse("reports:index"))]}


def _call_public(call: Any, user: Any) -> dict[str, Any] | None:
    from razem.reports.selectors import call_figures

    return call_figures(call)


def _call_staff(call: Any, user: Any) -> dict[str, Any] | None:
    from razem.reports.selectors import call_figures

    if user is None or not user.has_perm("reports.view_reports_list"):
        return None
    return call_figures(call)


def _call_tab(call: Any, user: Any) -> dict[str, Any] | None:
    """The call's office tab "Reports", once the call has a signed contract (one query)."""
    from razem.contracts.models import Contract

    if user is None or not user.has_perm("reports.view_reports_list"):
        return None
    if not Contract.objects.filter(offer__call=call, status=Contract.Status.SIGNED).exists():
        return None
    return {"call": call}


def _daily() -> str:
    from razem.reports import jobs

    created = jobs.ensure_final_reports()
    reminded = jobs.remind_reports()
    return f"Final reports now awaited: {created}; reports reminded: {reminded}."


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.reports.demo import load

    return load(demo)


def register() -> None:
    from razem.core import history, registry

    registry.navigation.register(registry.NavEntry("reports_staff", _("Reports"), "reports_staff:list", 62, staff=True))
    registry.panel_cards.register(registry.PanelCard("reports", "reports/staff/_panel_card.html", _panel_card, 62))
    registry.profile_sections.register(
        registry.ProfileSection("reports", "reports/_profile_section.html", _profile_section, 62)
    )
    registry.page_sections.register(
        registry.PageSection("grants.call", "reports_call", "reports/_call_section.html", _call_public, 80)
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants_staff.call", "reports_call_staff", "reports/staff/_call_section.html", _call_staff, 80
        )
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants_staff.call_tabs", "reports_call_tab", "reports/staff/_call_tab.html", _call_tab, 80
        )
    )
    registry.daily_jobs.register(registry.DailyJob("reports.daily", _daily, order=60))
    registry.demo_loaders.register(registry.DemoLoader("reports", _demo, after=("contracts",)))
    history.describe("reports.report.demanded", _("Demanded by the office"), public=True)
    history.describe("reports.report.started", _("The oferent started the report"), public=True)
    history.describe("reports.report.awaited", _("The task ended: the final report is awaited"), public=True)
    history.describe("reports.settlement.return_recorded", _("Return recorded"), public=True, show_reason=False)
