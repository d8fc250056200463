"""What the small_grants app contributes to the kernel's registries: the public and the office's menu entries, the
panel card, the organization's profile section, the demo and the personal data of comments."""

from typing import Any

from django.utils.translation import gettext_lazy as _


def _panel_card(request: Any) -> dict[str, Any]:
    from razem.small_grants.selectors import panel

    return panel()


def _profile_section(organization: Any, user: Any) -> dict[str, Any] | None:
    """On an organization's profile, for the people acting for it: its small-grant offers and their stage."""
    from django.utils import timezone

    from razem.grants.models import Offer
    from razem.organizations.predicates import is_org_representative

    if not is_org_representative(user, organization):
        return None
    offers = list(
        Offer.objects.filter(organization=organization, kind=Offer.Kind.SMALL_GRANT, small_grant__isnull=False)
        .select_related("small_grant", "award")
        .order_by("-updated_at", "id")[:10]
    )
    return {"offers": offers, "today": timezone.localdate()}


def _demo(demo: dict[str, Any]) -> dict[str, Any] | None:
    from razem.small_grants import demo as small_grants_demo

    return small_grants_demo.load(users=demo["users"])


def _list_link(obj: Any, user: Any) -> dict[str, Any]:
    return {}


def register() -> None:
    from razem.core import registry
    from razem.small_grants import personal_data

    # The public reach small grants from the list of calls (a page section "grants.list"), under "Grants".
    registry.page_sections.register(
        registry.PageSection("grants.list", "small_grants_link", "small_grants/_list_link.html", _list_link, 10)
    )
    registry.navigation.register(
        registry.NavEntry("small_grants_staff", _("Small grants"), "small_grants_staff:list", 57, staff=True)
    )
    registry.panel_cards.register(
        registry.PanelCard("small_grants", "small_grants/staff/_panel_card.html", _panel_card, order=57)
    )
    registry.profile_sections.register(
        registry.ProfileSection("small_grants", "small_grants/_profile_section.html", _profile_section, 57)
    )
    registry.demo_loaders.register(registry.DemoLoader("small_grants", _demo, after=("contracts",)))
    covers = personal_data.COVERS
    registry.personal_data.register(registry.PersonalDataSection("small_grants", personal_data.export, covers))
    registry.deletion_checks.register(registry.DeletionHook("small_grants", personal_data.deletion_problems, covers))
    registry.deletion_cleanups.register(registry.DeletionHook("small_grants", personal_data.deletion_cleanup, covers))
