from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _panel_card(request: Any) -> dict[str, Any]:
    from django.utils import timezone

    from razem.events import selectors

    year = timezone.localdate().year
    return {
        "networking_warnings": [q for q in selectors.networking_rhythm(year=year) if q.warn],
        "ngo_events_to_review": selectors.ngo_events_to_review().count(),
    }


def _profile_section(organization: Any, user: Any) -> dict[str, Any]:
    from django.urls import reverse

    from razem.events import selectors

    actions = []
    if user.has_perm("events.submit_event_organization", organization):
        actions = [
            (_("Submit an event to the calendar"), reverse("events:submit") + f"?organizacja={organization.pk}"),
            (
                _("The organization's submitted events"),
                reverse("events:organization_submissions", kwargs={"pk": organization.pk}),
            ),
        ]
    return {"events": list(selectors.organization_events(organization=organization)[:10]), "actions": actions}


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.events import demo as events_demo

    return events_demo.load(users=demo["users"])


class EventsConfig(AppConfig):
    name = "razem.events"
    label = "events"
    verbose_name = _("Meetings and calendar")

    def ready(self) -> None:
        from razem.core import registry
        from razem.events import export, home
        from razem.events.services.registrations import deletion_cleanup

        registry.navigation.register(
            registry.NavEntry(
                "calendar",
                _("Calendar"),
                "events:calendar",
                order=20,
                description=_(
                    "Meetings of the city and the organizations: register for a seat, subscribe to the calendar."
                ),
            )
        )
        registry.navigation.register(
            registry.NavEntry("meetings_staff", _("Meetings"), "events_staff:list", 20, staff=True)
        )
        registry.panel_cards.register(
            registry.PanelCard("events", "events/staff/_panel_card.html", _panel_card, order=20)
        )
        registry.profile_sections.register(
            registry.ProfileSection("events", "events/_profile_section.html", _profile_section, order=20)
        )
        home.register(registry)
        registry.demo_loaders.register(registry.DemoLoader("events", _demo, after=("bodies_activity",)))
        covers = ("events.Registration.person", "events.MeetingInvitation.person")
        registry.personal_data.register(registry.PersonalDataSection("events", export.personal_data, covers))
        registry.deletion_cleanups.register(registry.DeletionHook("events", deletion_cleanup, covers))
