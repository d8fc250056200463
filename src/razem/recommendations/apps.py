from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _remind() -> str:
    from razem.recommendations.services import remind_due

    return f"Recommendations reminded: {remind_due()}."


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.recommendations import demo as recommendations_demo

    return recommendations_demo.load(users=demo["users"])


class RecommendationsConfig(AppConfig):
    name = "razem.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from razem.core import registry
        from razem.recommendations import home, personal_data

        registry.navigation.register(
            registry.NavEntry(
                "recommendations",
                _("Recommendations"),
                "recommendations:tracker",
                order=40,
                description=_("What the dialogue bodies recommended to the city, and how the city answered."),
            )
        )
        registry.navigation.register(
            registry.NavEntry(
                "recommendations_staff", _("Recommendations"), "recommendations_staff:list", 40, staff=True
            )
        )
        home.register(registry)
        registry.daily_jobs.register(registry.DailyJob("recommendations.remind_due", _remind, order=20))
        registry.demo_loaders.register(registry.DemoLoader("recommendations", _demo, after=("events",)))
        covers = personal_data.COVERS
        registry.personal_data.register(registry.PersonalDataSection("recommendations", personal_data.export, covers))
        registry.deletion_cleanups.register(
            registry.DeletionHook("recommendations", personal_data.deletion_cleanup, covers)
        )
