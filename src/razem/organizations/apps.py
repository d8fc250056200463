from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _panel_card(request: Any) -> dict[str, Any]:
    from razem.organizations.selectors import organization_status_counts

    return {"counts": organization_status_counts()}


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.organizations import demo as organizations_demo

    return organizations_demo.load(users=demo["users"])


class OrganizationsConfig(AppConfig):
    name = "razem.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from razem.core import registry
        from razem.organizations import export
        from razem.organizations.services import deletion_cleanup, deletion_problems

        registry.navigation.register(
            registry.NavEntry(
                "organizations",
                _("Organizations"),
                "organizations:directory",
                order=10,
                description=_("Find organizations by area and district, and keep your organization's profile."),
            )
        )
        registry.navigation.register(
            registry.NavEntry("organizations_staff", _("Organizations"), "organizations_staff:list", 10, staff=True)
        )
        registry.panel_cards.register(
            registry.PanelCard("organizations", "organizations/staff/_panel_card.html", _panel_card, order=10)
        )
        registry.demo_loaders.register(registry.DemoLoader("organizations", _demo, after=("accounts",)))
        from razem.organizations import roles

        registry.person_roles.register(registry.PersonRoles("organizations", roles.person_roles, order=20))
        covers = ("organizations.Membership.user",)
        registry.personal_data.register(registry.PersonalDataSection("organizations", export.personal_data, covers))
        registry.deletion_checks.register(registry.DeletionHook("organizations", deletion_problems, covers))
        registry.deletion_cleanups.register(registry.DeletionHook("organizations", deletion_cleanup, covers))
