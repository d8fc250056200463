"""The formal check's default checklist and what Razem can find by itself for each point (the pre-findings).

Every call gets the :data:`DEFAULTS` (by ``code``) the first time its checklist is used
(``grants.services.checks.call_ensure_checklist``); the office adds its own points, marks them remediable or not, or
removes one. For each default point :func:`prefindings` reads the **filed version** (its content, frozen at filing)
and the records Razem keeps, and suggests an outcome with the facts behind it; the officer confirms or overrides
every suggestion (nothing is recorded until the officer saves the findings):

- ``in_time``: the first version's time of filing against the call's deadline;
- ``eligible``: whether the oferents are verified organizations of the registry (their legal form shown);
- ``statutory_aims``: the public-benefit areas recorded for the lead oferent against the call's areas (a hint: the
  statute itself is the officer's to read);
- ``complete``: ``grants.validation.filing_problems`` of the offer (as filed: after the deadline its rows are the
  filed ones) and the statements of section VII in the version;
- ``attachments``: the call's mandatory attachments against the attachments listed in the version;
- ``signatures``: the version's signatories against each oferent's representation rule (who signs alone, how many
  together; ``organizations.representation``);
- ``budget``: ``grants.budget.check`` of the version's own figures against the call's rules.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.schedule import when
from razem.grants import budget as budget_module
from razem.grants import content as content_module
from razem.grants import validation
from razem.grants.reopening import STATEMENTS

MET, DEFECT, FAILED, NOT_APPLICABLE = "met", "defect", "failed", "na"


@dataclasses.dataclass(frozen=True)
class Default:
    """A point of the default checklist: ``sections`` are those a call for corrections of a defect in it opens."""

    code: str
    name: Any
    description: Any
    remediable: bool
    sections: tuple[str, ...] = ()


DEFAULTS: tuple[Default, ...] = (
    Default(
        "in_time",
        gettext_lazy("Filed in time"),
        gettext_lazy("The offer was filed in Razem by the call's deadline (its first filed version)."),
        False,
    ),
    Default(
        "eligible",
        gettext_lazy("Eligible oferent"),
        gettext_lazy(
            "The oferent and every partner is an organization or entity of art. 3 ust. 2–3 that may take part in "
            "the call."
        ),
        False,
    ),
    Default(
        "statutory_aims",
        gettext_lazy("Task within the statutory aims"),
        gettext_lazy("The task lies within the oferent's statutory public-benefit activity (compare the statute)."),
        False,
    ),
    Default(
        "complete",
        gettext_lazy("Every section completed"),
        gettext_lazy("Every part of the 2018 form is filled in, the statements of section VII included."),
        True,
    ),
    Default(
        "attachments",
        gettext_lazy("Required attachments"),
        gettext_lazy("Every attachment the call requires is attached, legible and valid."),
        True,
        (validation.ATTACHMENTS,),
    ),
    Default(
        "signatures",
        gettext_lazy("Signed according to the representation rule"),
        gettext_lazy("The offer is signed for each oferent by the people its representation rule requires."),
        True,
        (STATEMENTS,),
    ),
    Default(
        "budget",
        gettext_lazy("Budget rules of the call"),
        gettext_lazy(
            "The cost calculation meets the call's rules: the grant's limits, the own contribution, the "
            "administrative costs, the sums per year."
        ),
        True,
        ("koszty",),
    ),
)
BY_CODE = {default.code: default for default in DEFAULTS}


def default_sections(code: str) -> tuple[str, ...]:
    default = BY_CODE.get(code)
    return default.sections if default else ()


@dataclasses.dataclass(frozen=True)
class Prefinding:
    """What Razem found for one point: a suggested outcome (None: it cannot tell) and the facts, in words;
    ``sections``: where a defect would be corrected."""

    outcome: str | None
    facts: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()


# Reading a filed version -------------------------------------------------------------------------------------------


def budget_of(content: Mapping[str, Any]) -> budget_module.Budget:
    """The budget of a filed content, rebuilt from its cost lines and funding (the figures as filed)."""
    years = [int(y) for y in (content.get("budget") or {}).get("years") or sorted(content.get("funding") or {})]
    lines = [
        SimpleNamespace(
            category=row.get("category", "realization"),
            name=row.get("name", ""),
            unit=row.get("unit", ""),
            unit_cost=Decimal(str(row.get("unit_cost") or "0")),
            quantity=Decimal(str(row.get("quantity") or "0")),
            year_amounts=row.get("year_amounts") or {},
        )
        for row in content.get("costs") or []
    ]
    funding = [
        SimpleNamespace(year=int(year), **{s: Decimal(str(values.get(s) or "0")) for s in budget_module.SOURCES})
        for year, values in (content.get("funding") or {}).items()
    ]
    return budget_module.build(years, lines, funding)


def _oferent_organizations(offer: Any) -> list[Any]:
    partners = [p.organization for p in offer.partners.all() if p.status == p.Status.CONFIRMED]
    return [offer.organization, *partners]


def _in_time(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    first = context["first_version"]
    call = offer.call
    facts = (
        _("Version %(number)s was filed on %(when)s; the deadline was %(deadline)s.")
        % {"number": first.number, "when": when(first.filed_at), "deadline": when(call.submission_deadline)},
    )
    return Prefinding(MET if first.filed_at <= call.submission_deadline else FAILED, facts)


def _eligible(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    facts, all_verified = [], True
    for org in _oferent_organizations(offer):
        verified = org.status == org.Status.VERIFIED
        all_verified = all_verified and verified
        facts.append(
            _("%(org)s: %(form)s, %(state)s.")
            % {
                "org": org.name,
                "form": org.get_legal_form_display(),
                "state": _("verified in Razem") if verified else org.get_status_display().lower(),
            }
        )
    return Prefinding(MET if all_verified else None, tuple(facts))


def _statutory_aims(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    call_areas = {a.pk: a for a in offer.call.areas.all()}
    org_areas = {a.pk: a for a in offer.organization.areas.all()}
    common = [call_areas[pk] for pk in call_areas if pk in org_areas]
    if common:
        names = ", ".join(f"{a.code}. {a.name}" for a in common)
        return Prefinding(
            MET,
            (
                _("Among the areas recorded for %(org)s are the call's: %(areas)s. Compare with its statute.")
                % {"org": offer.organization.name, "areas": names},
            ),
        )
    return Prefinding(
        None,
        (
            _("None of the public-benefit areas recorded for %(org)s is among the call's; read its statute.")
            % {"org": offer.organization.name},
        ),
    )


def _complete(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    issues = [i for i in context["issues"] if i.section != validation.ATTACHMENTS and i.field != "draft"]
    facts = [f"{validation.section_title(i.section)}: {i.message}" for i in issues]
    sections = list(dict.fromkeys(i.section for i in issues))
    declarations = (version.content or {}).get("declarations") or {}
    for key, allowed in content_module.DECLARATION_CHOICES.items():
        if declarations.get(key) not in allowed:
            facts.append(_("VII. A statement is missing: %(key)s.") % {"key": key})
            sections.append(STATEMENTS)
    if not declarations.get(content_module.CONFIRMED):
        facts.append(_("VII. The statements were not confirmed."))
        sections.append(STATEMENTS)
    owes = [key for key in ("taxes", "social_insurance") if declarations.get(key) == "zalega"]
    notes = [_("VII. The oferent declares arrears (%(what)s).") % {"what": ", ".join(owes)}] if owes else []
    if facts:
        return Prefinding(DEFECT, tuple(facts + notes), tuple(dict.fromkeys(sections)))
    return Prefinding(MET, (_("Every section of the filed version is complete."), *notes))


def _attachments(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    listed = (version.content or {}).get("attachments") or []
    answered = {str(row.get("requirement") or "") for row in listed}
    required = [r for r in offer.call.required_attachments.all() if r.mandatory]
    missing = [r.name for r in required if r.name not in answered]
    if missing:
        return Prefinding(
            DEFECT,
            tuple(_("Missing: %(name)s.") % {"name": name} for name in missing),
            (validation.ATTACHMENTS,),
        )
    if not required:
        return Prefinding(
            MET if listed else NOT_APPLICABLE,
            (_("The call requires no attachment; %(n)s filed.") % {"n": len(listed)},),
        )
    return Prefinding(
        MET,
        (
            _("Every required attachment is listed in the version (%(names)s); open them to check them.")
            % {"names": ", ".join(r.name for r in required)},
        ),
    )


def _signatures(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    from razem.organizations import representation

    content = version.content or {}
    signed: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for row in content.get("signatories") or []:
        signed[int(row.get("oferent") or 0)].append(row)
    organizations = {org.name: org for org in _oferent_organizations(offer)}
    facts, ok = [], True
    for index, oferent in enumerate(content.get("oferents") or [], start=1):
        org = organizations.get(oferent.get("name"))
        rows = signed.get(index, [])
        names = ", ".join(
            f"{r.get('full_name')} ({r.get('function')})" if r.get("function") else str(r.get("full_name"))
            for r in rows
        )
        if org is None:
            facts.append(
                _("%(org)s: not an oferent of the offer any more; check by hand.") % {"org": oferent.get("name")}
            )
            ok = False
            continue
        rule = representation.parse(org.representation_rule)
        people = {p.full_name: p for p in org.representatives.all()}
        alone = any(
            (people[r["full_name"]].signs_alone if r.get("full_name") in people else False)
            or rule.signs_alone(str(r.get("function") or ""))
            for r in rows
        )
        strangers = [str(r.get("full_name")) for r in rows if r.get("full_name") not in people]
        rule_text = org.representation_rule.strip() or _("no rule recorded")
        if not rows:
            ok = False
            facts.append(_("%(org)s: nobody signed.") % {"org": org.name})
        elif alone or len(rows) >= org.signatures_required:
            facts.append(
                _("%(org)s: signed by %(names)s; its rule: “%(rule)s”.")
                % {"org": org.name, "names": names, "rule": rule_text}
            )
        else:
            ok = False
            facts.append(
                _("%(org)s: signed by %(names)s, but its rule (“%(rule)s”) requires %(required)s signing together.")
                % {"org": org.name, "names": names, "rule": rule_text, "required": org.signatures_required}
            )
        if strangers:
            facts.append(
                _("%(org)s: not among the representatives recorded now: %(names)s.")
                % {"org": org.name, "names": ", ".join(strangers)}
            )
    return Prefinding(MET if ok else DEFECT, tuple(facts), () if ok else (STATEMENTS,))


def _budget(offer: Any, version: Any, context: Mapping[str, Any]) -> Prefinding:
    problems = budget_module.check(budget_of(version.content or {}), offer.call)
    if problems:
        return Prefinding(DEFECT, tuple(p.message for p in problems), ("koszty",))
    return Prefinding(MET, (_("The filed budget meets every rule of the call."),))


FINDERS = {
    "in_time": _in_time,
    "eligible": _eligible,
    "statutory_aims": _statutory_aims,
    "complete": _complete,
    "attachments": _attachments,
    "signatures": _signatures,
    "budget": _budget,
}


def prefindings(offer: Any, items: Iterable[Any]) -> dict[int, Prefinding]:
    """What Razem finds for each default point of ``items`` on the offer's current filed version (by item id)."""
    items = [item for item in items if item.code in FINDERS]
    version = offer.current_version
    if version is None or not items:
        return {}
    versions = sorted(offer.versions.all(), key=lambda v: v.number)
    context = {
        "first_version": versions[0] if versions else version,
        "issues": validation.filing_problems(offer) if any(i.code == "complete" for i in items) else [],
    }
    return {item.pk: FINDERS[item.code](offer, version, context) for item in items}
