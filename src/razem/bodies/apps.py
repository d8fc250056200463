from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _panel_card(request: Any) -> dict[str, Any]:
    from razem.bodies import selectors
    from razem.core.deadlines import days_of

    days = days_of("opinion_warning_days")
    return {
        "days": days,
        "opinion_requests_due": list(selectors.requests_due_soon(within_days=days)),
        "applications_pending": selectors.pending_application_count(),
    }


def _profile_section(organization: Any, user: Any) -> dict[str, Any]:
    from razem.bodies.selectors import organization_seats

    return {"seats": organization_seats(organization=organization)}


def _lapse_requests() -> str:
    from razem.bodies.services import opinion_requests_lapse

    return f"Opinion requests lapsed: {opinion_requests_lapse()}."


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.bodies import demo as bodies_demo

    return bodies_demo.load_bodies(users=demo["users"])


def _demo_activity(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.bodies import demo as bodies_demo
    from razem.organizations.demo_people import load_people

    return bodies_demo.load_activity(users=demo["users"], people=load_people())


class BodiesConfig(AppConfig):
    name = "razem.bodies"
    label = "bodies"
    verbose_name = _("Dialogue bodies")

    def ready(self) -> None:
        from razem.bodies import home, personal_data
        from razem.core import registry

        registry.navigation.register(
            registry.NavEntry(
                "bodies",
                _("Dialogue bodies"),
                "bodies:list",
                order=30,
                description=_("Councils and commissions of civic dialogue: their members, resolutions and opinions."),
            )
        )
        registry.navigation.register(
            registry.NavEntry("bodies_staff", _("Dialogue bodies"), "bodies_staff:list", 30, staff=True)
        )
        registry.panel_cards.register(registry.PanelCard("bodies", "bodies/staff/_panel_card.html", _panel_card, 30))
        registry.profile_sections.register(
            registry.ProfileSection("bodies", "bodies/_profile_section.html", _profile_section, order=30)
        )
        home.register(registry)
        registry.daily_jobs.register(registry.DailyJob("bodies.lapse_opinion_requests", _lapse_requests, order=10))
        registry.demo_loaders.register(registry.DemoLoader("bodies", _demo, after=("organizations",)))
        from razem.bodies import roles

        registry.person_roles.register(registry.PersonRoles("bodies", roles.person_roles, order=30))
        registry.demo_loaders.register(registry.DemoLoader("bodies_activity", _demo_activity, after=("bodies",)))
        covers = personal_data.COVERS
        registry.personal_data.register(registry.PersonalDataSection("bodies", personal_data.export, covers))
        registry.deletion_checks.register(registry.DeletionHook("bodies", personal_data.deletion_problems, covers))
        registry.deletion_cleanups.register(registry.DeletionHook("bodies", personal_data.deletion_cleanup, covers))
