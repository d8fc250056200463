"""What the grants app contributes to the kernel's registries (navigation, panel, jobs, demo, personal data).

Each part of the app registers its own contributions in its ``register_*`` function below."""

from typing import Any

from django.utils.translation import gettext_lazy as _


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.grants import demo as grants_demo

    return grants_demo.load(users=demo["users"])


def register() -> None:
    from razem.core import registry

    registry.navigation.register(registry.NavEntry("grants", _("Grants"), "grants:list", order=55))
    registry.navigation.register(registry.NavEntry("grants_staff", _("Grants"), "grants_staff:list", 55, staff=True))
    registry.demo_loaders.register(registry.DemoLoader("grants", _demo, after=("elections",)))
    register_calls(registry)
    register_offers(registry)
    register_filing(registry)
    register_staff(registry)


def register_calls(registry: Any) -> None:
    """Calls and nominations: jobs (deadline reminders), personal data of nominees, the panel card."""


def register_offers(registry: Any) -> None:
    """The offer editor: the profile section (my offers)."""


def register_filing(registry: Any) -> None:
    """Filing and versions."""


def register_staff(registry: Any) -> None:
    """The office's lists of offers."""
