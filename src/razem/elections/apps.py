from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.elections import demo as elections_demo

    return elections_demo.load(users=demo["users"])


class ElectionsConfig(AppConfig):
    name = "razem.elections"
    label = "elections"
    verbose_name = _("Elections")

    def ready(self) -> None:
        from razem.core import registry
        from razem.elections import home, personal_data

        registry.navigation.register(
            registry.NavEntry(
                "elections",
                _("Elections"),
                "elections:list",
                order=50,
                description=_("Elections of the organizations' representatives: nominate, support, vote and check."),
            )
        )
        registry.navigation.register(
            registry.NavEntry("elections_staff", _("Elections"), "elections_staff:list", 50, staff=True)
        )
        home.register(registry)
        registry.demo_loaders.register(registry.DemoLoader("elections", _demo, after=("recommendations",)))
        covers = personal_data.COVERS
        registry.personal_data.register(registry.PersonalDataSection("elections", personal_data.export, covers))
        registry.deletion_checks.register(registry.DeletionHook("elections", personal_data.deletion_problems, covers))
        registry.deletion_cleanups.register(registry.DeletionHook("elections", personal_data.deletion_cleanup, covers))
