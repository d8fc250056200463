"""What stops a simplified offer from being filed, found in the offer itself (``filing_problems``).

A draft saves however incomplete; before filing every field of the simplified form must be there: the kind of task
(a public-benefit area), the form of the task, the contact person with a phone or an e-mail, the title, the place,
the dates, the description, at least one activity, the expected results, at least one cost line with its unit,
number of units and unit cost, and a grant asked for. The limits of art. 19a are checked by ``limits`` at filing
and at the decision; ``problems_with_limits`` lists both for the editor, so that a person sees a refusal coming.
"""

import dataclasses
import datetime
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from razem.small_grants import estimate, limits

EDITOR_SECTION = "male-granty"
TABLE_ANCHORS = {"activities": "activities", "results": "results", "lines": "lines", "draft": "draft-input"}


@dataclasses.dataclass(frozen=True)
class Issue:
    """Something that stops filing: ``field`` is the editor's field ("title", "lines", "activities")."""

    field: str
    message: str

    @property
    def anchor(self) -> str:
        """The id of its place on the editor's page."""
        if self.field in TABLE_ANCHORS:
            return TABLE_ANCHORS[self.field]
        return f"id_{self.field}"


def filing_problems(offer: Any) -> list[Issue]:
    """Everything in the simplified offer that stops filing, in the order of the form."""
    prefetch_related_objects([offer], "activities", "results", "cost_lines__small_grant_share", "draft_inputs")
    small_grant = getattr(offer, "small_grant", None)
    issues: list[Issue] = []

    def add(field: str, message: str) -> None:
        issues.append(Issue(field, message))

    if any(d.section == EDITOR_SECTION for d in offer.draft_inputs.all()):
        add("draft", _("Your last changes were not saved; correct them or discard them."))
    if small_grant is None or small_grant.area_id is None:
        add("area", _("Choose the kind of public task (a public-benefit area)."))
    if not offer.task_form:
        add("task_form", _("Choose the form of the task: commissioning or support."))
    if not offer.contact_name.strip():
        add("contact_name", _("Give the name of the person who explains the offer."))
    if not (offer.contact_phone.strip() or offer.contact_email.strip()):
        add("contact_phone", _("Give the contact person's phone number or e-mail address."))
    if not offer.title.strip():
        add("title", _("Give the title of the public task."))
    if small_grant is None or not small_grant.place.strip():
        add("place", _("Say where the task will be done."))
    if offer.start_date is None:
        add("start_date", _("Give the start date of the task."))
    if offer.end_date is None:
        add("end_date", _("Give the end date of the task."))
    if offer.start_date and offer.end_date and offer.start_date > offer.end_date:
        add("end_date", _("The end date is before the start date."))
    if not offer.synthetic_description.strip():
        add("synthetic_description", _("Describe the task: what will be done, for whom and how."))
    activities = list(offer.activities.all())
    if not activities:
        add("activities", _("Plan at least one activity."))
    for number, activity in enumerate(activities, start=1):
        if not activity.name.strip():
            add("activities", _("Activity %(n)s has no name.") % {"n": number})
    if not offer.results_description.strip():
        add("results_description", _("Describe the expected results of the task."))
    for number, result in enumerate(offer.results.all(), start=1):
        if not (result.name.strip() and result.target_value.strip() and result.monitoring.strip()):
            add("results", _("Result %(n)s: give its name, its planned level and how it is monitored.") % {"n": number})
    figures = estimate.from_offer(offer)
    if not figures.lines:
        add("lines", _("Add at least one cost line."))
    for line in figures.lines:
        if not line.name.strip():
            add("lines", _("Cost line %(n)s: give the kind of cost.") % {"n": line.number})
        if not line.unit.strip():
            add("lines", _("Cost line %(n)s: give the unit (e.g. hour, piece).") % {"n": line.number})
        if line.value <= 0:
            add("lines", _("Cost line %(n)s: give the number of units and the unit cost.") % {"n": line.number})
    if figures.lines and figures.grant <= 0:
        add("lines", _("Say how much of the costs the grant should cover: the grant asked for is zero."))
    return issues


def limit_problems(offer: Any, day: datetime.date) -> list[limits.Refusal]:
    """The limits of art. 19a the draft would break if filed on ``day``."""
    figures = estimate.from_offer(offer)
    return limits.refusals(
        organization=offer.organization,
        start=offer.start_date,
        end=offer.end_date,
        grant=figures.grant,
        day=day,
        exclude_offer_id=offer.pk,
    )
