"""What the grants app contributes to the kernel's registries (navigation, panel, jobs, demo, personal data).

Each part of the app registers its own contributions in its ``register_*`` function below."""

from typing import Any

from django.utils.translation import gettext_lazy as _


def _demo(demo: dict[str, Any]) -> dict[str, Any]:
    from razem.grants import demo as grants_demo

    return grants_demo.load(users=demo["users"])


def register() -> None:
    from razem.core import registry

    registry.navigation.register(
        registry.NavEntry(
            "grants",
            _("Grants"),
            "grants:list",
            order=55,
            namespaces=("small_grants",),
            description=_("Calls for offers and small grants: file an offer, follow the results and the figures."),
        )
    )
    registry.navigation.register(registry.NavEntry("grants_staff", _("Grants"), "grants_staff:list", 55, staff=True))
    registry.demo_loaders.register(registry.DemoLoader("grants", _demo, after=("elections",)))
    register_calls(registry)
    register_offers(registry)
    register_filing(registry)
    register_staff(registry)
    register_checks(registry)
    register_results(registry)


def register_calls(registry: Any) -> None:
    """Calls and nominations: jobs (deadline reminders), personal data of nominees, the panel card."""
    from razem.grants import personal_data

    def remind_drafts() -> str:
        from razem.grants.jobs import remind_drafts as run

        return f"Draft offers reminded of the deadline: {run()}."

    def panel_card(request: Any) -> dict[str, Any]:
        from razem.grants.selectors.calls import panel_calls

        return panel_calls()

    registry.daily_jobs.register(registry.DailyJob("grants.remind_drafts", remind_drafts, order=30))
    registry.panel_cards.register(
        registry.PanelCard("grants_calls", "grants/staff/_call_panel_card.html", panel_card, 55)
    )
    covers = personal_data.COVERS
    registry.personal_data.register(registry.PersonalDataSection("grants_calls", personal_data.export, covers))
    registry.deletion_cleanups.register(registry.DeletionHook("grants_calls", personal_data.deletion_cleanup, covers))


def _offers_profile_section(organization: Any, user: Any) -> dict[str, Any] | None:
    """On an organization's profile, for the people acting for it: its latest offers and the way to all of them."""
    from django.urls import reverse

    from razem.grants.models import Offer
    from razem.organizations.predicates import is_org_representative

    if not is_org_representative(user, organization):
        return None
    offers = list(
        Offer.objects.filter(organization=organization, kind=Offer.Kind.COMPETITION)
        .select_related("call")
        .order_by("-updated_at", "id")[:10]
    )
    return {"offers": offers, "actions": [(_("Offers in calls for offers"), reverse("grants:my_offers"))]}


def register_offers(registry: Any) -> None:
    """The offer editor: the profile section (my offers)."""
    registry.profile_sections.register(
        registry.ProfileSection("grants_offers", "grants/offer/_profile_section.html", _offers_profile_section, 55)
    )


def register_filing(registry: Any) -> None:
    """Filing and versions: nothing to register. Their relations to people are SET_NULL stamps (``filed_by``), the
    receipts go through ``notify_many``, the PDFs are ``core`` document snapshots, and the people entitled to sign
    belong to the organizations app."""


def register_staff(registry: Any) -> None:
    """The office's lists of offers: nothing to register. Its pages hang off the call's office pages (the "Offers"
    tab of ``grants/staff/_call_header.html``, the calls' list and panel card link to ``grants_staff:offers``), its
    export is audited as ``grants.offer.exported`` by ``core.lists``, and it holds no personal data of its own."""


def register_checks(registry: Any) -> None:
    """The formal check (grants.services.checks): its reopening provider (registered by importing the service), the
    daily job that marks the corrections not filed by their deadline and tells the office, and its demo."""
    from razem.grants.services import checks  # noqa: F401 - registers the correction's reopening provider

    def lapse_corrections() -> str:
        from razem.grants.services.checks import corrections_lapse

        return f"Calls for corrections past their deadline: {len(corrections_lapse())}."

    def demo_checks(demo: dict[str, Any]) -> dict[str, Any]:
        from razem.grants.demo.checks import load

        return load(users=demo["users"])

    registry.daily_jobs.register(registry.DailyJob("grants.lapse_corrections", lapse_corrections, order=31))
    registry.demo_loaders.register(registry.DemoLoader("grants_checks", demo_checks, after=("grants",)))


def register_results(registry: Any) -> None:
    """The decision and the results (grants.services.results): the update's reopening provider and the demo (two
    decided calls of the current year, after the grants demo). Questions and decisions keep their people only as
    SET_NULL stamps (``asked_by``, ``answered_by``, ``recorded_by``): nothing for the personal-data hooks."""
    from razem.grants import reopening
    from razem.grants.services.results import update_reopening

    reopening.provider(update_reopening)

    def load_demo(demo: dict[str, Any]) -> dict[str, Any]:
        from razem.grants.demo import results as results_demo

        return results_demo.load(users=demo["users"])

    registry.demo_loaders.register(registry.DemoLoader("grants_results", load_demo, after=("grants",)))
