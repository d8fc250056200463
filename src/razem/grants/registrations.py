"""What the grants app contributes to the kernel's registries (navigation, panel, jobs, demo, personal data)."""

from typing import Any

from django.utils.translation import gettext_lazy as _


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.grants import demo as grants_demo

    return grants_demo.load(users=demo["users"])


def register() -> None:
    from razem.core import registry

    registry.navigation.register(registry.NavEntry("grants", _("Grants"), "grants:list", order=45))
    registry.navigation.register(registry.NavEntry("grants_staff", _("Grants"), "grants_staff:list", 45, staff=True))
