"""What the contracts app contributes to the kernel's registries: the office panel's menu, the sections on the
call's pages (public: the contracts signed; office: the tab and the awarded offers still without a contract), the
organization's profile (its contracts), and the demo.

Its relations to people are SET_NULL stamps (``created_by``, ``signed_recorded_by``): no personal-data section."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def call_public_section(call: Any, user: Any) -> dict[str, Any] | None:
    """On a call's public page: the contracts signed (count, sum, list of organization, number, amount)."""
    from razem.contracts.selectors import signed_for_call

    signed = signed_for_call(call)
    return signed if signed["contracts"] else None


def call_tab(call: Any, user: Any) -> dict[str, Any] | None:
    """The call's office tab "Contracts": the office's list filtered by the call, once the call is decided (no query:
    the tab is on every office page of the call)."""
    if call.status != call.Status.DECIDED or not (user is not None and user.has_perm("contracts.manage_contract")):
        return None
    return {"url": reverse("contracts_staff:list") + f"?call={call.slug}"}


def call_summary(call: Any, user: Any) -> dict[str, Any] | None:
    """On the office's overview of a call: the awarded offers without a contract, each with "Prepare the contract"
    (or why not yet), and how many contracts are prepared and signed."""
    from razem.contracts.models import Contract
    from razem.contracts.selectors import offers_awaiting_contract
    from razem.grants.models import Award

    if call.status != call.Status.DECIDED or not (user is not None and user.has_perm("contracts.manage_contract")):
        return None
    if not Award.objects.filter(offer__call=call).exists():
        return None
    waiting = offers_awaiting_contract(call)
    for offer in waiting:
        offer.refusal = _why_not_prepare(user, offer)  # type: ignore[attr-defined]
    contracts = Contract.objects.filter(offer__call=call)
    return {
        "waiting": waiting,
        "prepared": contracts.filter(status=Contract.Status.DRAFT).count(),
        "signed": contracts.filter(status=Contract.Status.SIGNED).count(),
        "list_url": reverse("contracts_staff:list") + f"?call={call.slug}",
    }


def _why_not_prepare(user: Any, offer: Any) -> str | None:
    from razem.core.permissions import why_not

    return why_not(user, "contracts.prepare_contract", offer)


def profile_section(organization: Any, user: Any) -> dict[str, Any] | None:
    """On an organization's profile: its contracts; all of them (with links) for the office and the people acting
    for it, the signed ones for everyone else."""
    from razem.contracts.selectors import contracts_of_organization
    from razem.core.predicates import is_city_staff
    from razem.organizations.predicates import is_org_representative

    insider = bool(is_city_staff(user) or is_org_representative(user, organization))
    contracts = contracts_of_organization(organization, everything=insider)
    if not contracts:
        return None
    return {"contracts": contracts, "insider": insider, "staff": bool(is_city_staff(user))}


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.contracts import demo as contracts_demo

    return contracts_demo.load(users=demo.get("users", {}))


def register() -> None:
    from razem.core import registry

    registry.navigation.register(
        registry.NavEntry("contracts_staff", _("Contracts"), "contracts_staff:list", 57, staff=True)
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants.call", "contracts_signed", "contracts/sections/_call_public.html", call_public_section, 70
        )
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants_staff.call_tabs", "contracts_tab", "contracts/sections/_call_tab.html", call_tab, 70
        )
    )
    registry.page_sections.register(
        registry.PageSection(
            "grants_staff.call", "contracts_todo", "contracts/sections/_call_summary.html", call_summary, 70
        )
    )
    registry.profile_sections.register(
        registry.ProfileSection("contracts", "contracts/sections/_profile.html", profile_section, 58)
    )
    # After the results of the calls (the grants_results loader) when that loader is there; until it is, after the
    # grants demo, and the contracts demo then finds no awards and does nothing.
    try:
        registry.demo_loaders.get("grants_results")
        after: tuple[str, ...] = ("grants_results",)
    except KeyError:
        after = ("grants",)
    registry.demo_loaders.register(registry.DemoLoader("contracts", _demo, after=after))
