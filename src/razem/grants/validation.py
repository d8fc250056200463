"""What stops an offer from being filed, found in the offer itself (``filing_problems``), and the sections of the
editor it is reported in.

A draft is saved as the person types, however incomplete (only input that cannot be stored at all, such as "abc"
for an amount or an end before the start, is refused and kept aside in ``DraftInput``). Completeness and the rules
of the call are judged here, before filing: every required field of sections I–VI, the dates inside the call's
window, the activities of every year, the results table when the call requires it, the cost lines and the budget
rules of ``grants.budget``, the payment, the roles in a joint offer, the call's mandatory attachments and each
partner's confirmation. The filing service (``services.filing``) refuses while the list is not empty and adds its
own checks of the declarations and signatories.

Decisions the issue left open:

- A partner's confirmation holds for the offer as it was when they confirmed, until the budget (section V), the
  other information (section VI, with VI.2 "who does what") or the partnership itself (a partner invited, removed
  or declining) changes; editing the description or the activities does not ask the partners again
  (:func:`confirmation_holds`, ``CONFIRMATION_SECTIONS``).
- An organization may keep several drafts in a call, but may file only one offer in it as the leading oferent:
  a second is refused here until the first is withdrawn (a filed offer is corrected by filing a new version of the
  same offer).
- The contact person (II.2) needs a name and at least one way to reach them (a phone or an e-mail address).
- Every cost of the activities (V.A, part I) names the activity of III.4 it belongs to, as the statutory table
  groups the costs by activity; administrative costs (part II) name none.
"""

import dataclasses
from collections import defaultdict
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.grants import budget
from razem.grants.models import Offer
from razem.grants.models.calls import TaskForm

# The sections of the editor, in the order of the 2018 form: (URL slug, part of the form, title).
SECTIONS: tuple[tuple[str, str, Any], ...] = (
    ("podstawowe", "I–II", gettext_lazy("Basic information and the oferent")),
    ("zadanie", "III.1–3", gettext_lazy("The task")),
    ("dzialania", "III.4", gettext_lazy("Plan and schedule of activities")),
    ("rezultaty", "III.5–6", gettext_lazy("Expected results")),
    ("charakterystyka", "IV", gettext_lazy("The oferent's characteristics")),
    ("koszty", "V", gettext_lazy("Cost calculation")),
    ("inne", "VI", gettext_lazy("Other information")),
)
SECTION_SLUGS = tuple(slug for slug, _part, _title in SECTIONS)
# Issues that belong to the pages next to the editor.
PARTNERS = "partnerzy"
ATTACHMENTS = "zalaczniki"
ORDER = {slug: number for number, slug in enumerate((*SECTION_SLUGS, PARTNERS, ATTACHMENTS))}

# Which section each field of the offer itself belongs to.
FIELD_SECTIONS = {
    "task_form": "podstawowe",
    "contact_name": "podstawowe",
    "contact_phone": "podstawowe",
    "contact_email": "podstawowe",
    "title": "zadanie",
    "start_date": "zadanie",
    "end_date": "zadanie",
    "synthetic_description": "zadanie",
    "results_description": "rezultaty",
    "experience": "charakterystyka",
    "resources": "charakterystyka",
    "payment": "inne",
    "joint_roles": "inne",
    "other_info": "inne",
}
# A change of these sections after a partner confirmed asks the partner to confirm again.
CONFIRMATION_SECTIONS = ("koszty", "inne", PARTNERS)


@dataclasses.dataclass(frozen=True)
class Issue:
    """Something that stops filing: ``section`` is the editor's section slug (or "partnerzy", "zalaczniki"),
    ``field`` the field it belongs to ("title", "activities.2027", "lines.2.unit", "funding.2027.grant"),
    ``message`` says what to do, with the figures."""

    section: str
    field: str
    message: str


def section_title(slug: str) -> str:
    for key, part, title in SECTIONS:
        if key == slug:
            return f"{part}. {title}"
    if slug == PARTNERS:
        return str(_("Partners in a joint offer"))
    if slug == ATTACHMENTS:
        return str(_("Attachments"))
    return slug


def section_saved(offer: Any, section: str) -> int:
    """The revision at which ``section`` was last saved (0 when never)."""
    entry = (offer.section_revisions or {}).get(section) or {}
    return int(entry.get("revision") or 0)


def confirmation_holds(offer: Any, partner: Any) -> bool:
    """A partner's confirmation holds while neither the budget, nor section VI, nor the partnership changed after
    it (see the module's docstring)."""
    if partner.status != partner.Status.CONFIRMED or partner.confirmed_revision is None:
        return False
    return all(section_saved(offer, section) <= partner.confirmed_revision for section in CONFIRMATION_SECTIONS)


def is_joint(offer: Any) -> bool:
    """A joint offer (art. 14 ust. 2): one with a partner invited or confirmed."""
    return any(p.status != p.Status.DECLINED for p in offer.partners.all())


def _years(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def filing_problems(offer: Any) -> list[Issue]:
    """Everything in the offer that stops filing, in the order of the form (section by section)."""
    prefetch_related_objects(
        [offer],
        "partners__organization",
        "activities",
        "results",
        "cost_lines",
        "funding",
        "attachments",
        "draft_inputs",
        "call__funds",
        "call__required_attachments",
    )
    call = offer.call
    issues: list[Issue] = []

    def add(section: str, field: str, message: str) -> None:
        issues.append(Issue(section, field, message))

    def required(field: str, message: str) -> None:
        if not str(getattr(offer, field) or "").strip():
            add(FIELD_SECTIONS[field], field, message)

    # Unsaved input: what the person typed last is not what would be filed.
    for draft in offer.draft_inputs.all():
        add(
            draft.section,
            "draft",
            _("Your last changes in %(section)s were not saved; correct them or discard them.")
            % {"section": section_title(draft.section)},
        )

    # I. Basic information.
    forms = call.task_forms() if call is not None else []
    if len(forms) > 1 and offer.task_form not in forms:
        add("podstawowe", "task_form", _("Choose the form of the task: commissioning or support."))
    elif len(forms) == 1 and offer.task_form and offer.task_form != forms[0]:
        add(
            "podstawowe",
            "task_form",
            _("The call is for %(form)s only; choose it as the form of the task.")
            % {"form": dict(TaskForm.choices).get(forms[0], forms[0])},
        )
    if call is not None and offer.organization_id:
        other = (
            Offer.objects.filter(call=call, organization_id=offer.organization_id, status=Offer.Status.FILED)
            .exclude(pk=offer.pk)
            .first()
        )
        if other is not None:
            add(
                "podstawowe",
                "organization",
                _(
                    "%(org)s has already filed offer %(number)s in this call; an organization files one offer per "
                    "call. Withdraw that offer first, or correct it by filing a new version of it."
                )
                % {"org": offer.organization.name, "number": other.number or other.title},
            )
    # II.2 The contact person.
    required("contact_name", _("Give the name of the person who explains the offer (II.2)."))
    if not (offer.contact_phone.strip() or offer.contact_email.strip()):
        add("podstawowe", "contact_phone", _("Give the contact person's phone number or e-mail address (II.2)."))

    # III.1–3 The task.
    required("title", _("Give the title of the public task (III.1)."))
    if offer.start_date is None:
        add("zadanie", "start_date", _("Give the start date of the task (III.2)."))
    if offer.end_date is None:
        add("zadanie", "end_date", _("Give the end date of the task (III.2)."))
    if offer.start_date and offer.end_date and offer.start_date > offer.end_date:
        add("zadanie", "end_date", _("The end date is before the start date."))
    if call is not None:
        window = {"start": date_format(call.realization_start), "end": date_format(call.realization_end)}
        if offer.start_date and not call.realization_start <= offer.start_date <= call.realization_end:
            add(
                "zadanie",
                "start_date",
                _("The task must start within the call's window, %(start)s to %(end)s; it starts on %(date)s.")
                % {**window, "date": date_format(offer.start_date)},
            )
        if offer.end_date and not call.realization_start <= offer.end_date <= call.realization_end:
            add(
                "zadanie",
                "end_date",
                _("The task must end within the call's window, %(start)s to %(end)s; it ends on %(date)s.")
                % {**window, "date": date_format(offer.end_date)},
            )
    required("synthetic_description", _("Write the synthetic description of the task (III.3)."))

    # III.4 Activities: at least one in every year of the task, none outside its years.
    years = offer.years
    by_year: dict[int, list[Any]] = defaultdict(list)
    for activity in offer.activities.all():
        by_year[activity.year].append(activity)
    for year in years:
        if not by_year.get(year):
            add(
                "dzialania",
                f"activities.{year}",
                _("Plan at least one activity for %(year)s (III.4).") % {"year": year},
            )
    outside = sorted(year for year in by_year if year not in years)
    if outside:
        add(
            "dzialania",
            f"activities.{outside[0]}",
            _("Activities are planned for %(outside)s, outside the years of the task (%(years)s); move or remove them.")
            % {"outside": ", ".join(map(str, outside)), "years": _years(years)},
        )
    for year, activities in sorted(by_year.items()):
        for number, activity in enumerate(activities, start=1):
            if not activity.name.strip():
                add(
                    "dzialania",
                    f"activities.{year}.{number}.name",
                    _("Activity %(n)s of %(year)s has no name.") % {"n": number, "year": year},
                )

    # III.5–6 Results.
    required("results_description", _("Describe the expected results of the task (III.5)."))
    results = list(offer.results.all())
    if call is not None and call.results_table_required and not results:
        add("rezultaty", "results", _("The call requires the results table (III.6): add at least one result."))
    for number, result in enumerate(results, start=1):
        for field, label in (
            ("name", _("the name of the result")),
            ("target_value", _("the planned level")),
            ("monitoring", _("how it is monitored")),
        ):
            if not str(getattr(result, field) or "").strip():
                add(
                    "rezultaty",
                    f"results.{number}.{field}",
                    _("Result %(n)s of the table (III.6): give %(what)s.") % {"n": number, "what": label},
                )

    # IV. Characteristics.
    required("experience", _("Describe the oferent's earlier activity (IV.1)."))
    required("resources", _("Describe the staff, material and financial resources (IV.2)."))

    # V. Cost calculation.
    lines = sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk))
    partners = [p for p in offer.partners.all() if p.status != p.Status.DECLINED]
    oferenci = {offer.organization_id, *(p.organization_id for p in partners)}
    activity_ids = {a.pk for a in offer.activities.all()}
    if not lines:
        add("koszty", "lines", _("Add at least one cost line (V.A)."))
    no_quantity: set[int] = set()
    for number, line in enumerate(lines, start=1):
        if not line.name.strip():
            add("koszty", f"lines.{number}.name", _("Cost line %(n)s: give the kind of cost.") % {"n": number})
        if not line.unit.strip():
            message = _("Cost line %(n)s: give the unit (e.g. hour, piece).")
            add("koszty", f"lines.{number}.unit", message % {"n": number})
        if not line.quantity:
            no_quantity.add(number)
            add("koszty", f"lines.{number}.quantity", _("Cost line %(n)s: give the number of units.") % {"n": number})
        if line.category == line.Category.REALIZATION and line.activity_id not in activity_ids:
            add(
                "koszty",
                f"lines.{number}.activity",
                _("Cost line %(n)s: choose the activity (III.4) it belongs to.") % {"n": number},
            )
        if line.partner_id is not None and line.partner_id not in oferenci:
            add(
                "koszty",
                f"lines.{number}.partner",
                _("Cost line %(n)s is borne by an organization that is not an oferent of this offer.") % {"n": number},
            )
    figures = budget.build(years, lines, offer.funding.all())
    for problem in budget.check(figures, call):
        parts = problem.field.split(".")
        if len(parts) == 3 and parts[0] == "lines" and parts[2] == "quantity" and int(parts[1]) in no_quantity:
            continue  # said above, in its own words
        add("koszty", problem.field, problem.message)

    # VI. Other information.
    if not offer.payment:
        add("inne", "payment", _("Say whether the task will be done for a fee or free of charge (VI.1)."))
    if partners and not offer.joint_roles.strip():
        add(
            "inne",
            "joint_roles",
            _("Say what each oferent will do and how they are represented towards the office (VI.2)."),
        )

    # Partners: each one's confirmation of the offer as it is now.
    for partner in partners:
        name = partner.organization.name
        if partner.organization.status != partner.organization.Status.VERIFIED:
            add(
                PARTNERS,
                f"partner.{partner.pk}",
                _("%(org)s is not a verified organization; a joint offer is filed with verified partners only.")
                % {"org": name},
            )
        if partner.status == partner.Status.INVITED:
            add(PARTNERS, f"partner.{partner.pk}", _("%(org)s has not confirmed the joint offer yet.") % {"org": name})
        elif not confirmation_holds(offer, partner):
            add(
                PARTNERS,
                f"partner.{partner.pk}",
                _(
                    "%(org)s confirmed an earlier version; the budget or the roles changed since, so they must "
                    "confirm again."
                )
                % {"org": name},
            )

    # The call's mandatory attachments.
    if call is not None:
        answered = {a.requirement_id for a in offer.attachments.all()}
        for requirement in call.required_attachments.all():
            if requirement.mandatory and requirement.pk not in answered:
                add(
                    ATTACHMENTS,
                    f"requirement.{requirement.pk}",
                    _("Attach the required document: %(name)s.") % {"name": requirement.name},
                )

    issues.sort(key=lambda issue: ORDER.get(issue.section, len(ORDER)))
    return issues


def by_section(issues: list[Issue]) -> dict[str, list[Issue]]:
    grouped: dict[str, list[Issue]] = defaultdict(list)
    for issue in issues:
        grouped[issue.section].append(issue)
    return dict(grouped)
