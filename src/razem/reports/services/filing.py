"""Filing a report (art. 18 u.d.p.p.w.; the 2018 report form) and filing it again after corrections.

Filing is the transition ``file`` of ``reports.workflows.REPORT``: the workflow locks the report's row and checks,
under the lock, that the person may file it (acting for the leading oferent; the report awaited, being prepared
or returned for corrections; the contract signed). The guard (:func:`check`) brings the rows in line with the plan
and refuses, listing every problem by field: input kept unsaved in a part, the narrative part incomplete, an
error of the figures (``reports.finance.check``: an amount missing, sources that do not balance the costs, a grant
spent above the grant received, fees that do not add up), a statement not ticked, and deviations (a line above
its tolerance, a grant's share above the plan) unless the oferent declares them and explains them in the remarks
on the costs. The effect (:func:`freeze`) stores the content (``reports.content``) as the next ``ReportFiling``
with its SHA-256. The PDF on the form is issued from the filing (``reports.pdf``).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.grants.content import content_checksum
from razem.reports import content as content_module
from razem.reports import finance
from razem.reports.figures import figures_of
from razem.reports.models import Report, ReportFiling
from razem.reports.services.drafts import parts_of, sync_rows
from razem.reports.workflows import REPORT

DECLARE = "declare_deviations"


def part_title(part: str) -> str:
    from razem.reports.services.drafts import COSTS, INFO, RESULTS, SOURCES_PART

    return {
        RESULTS: _("Part I. The narrative report"),
        COSTS: _("Part II.1. The costs"),
        SOURCES_PART: _("Part II.2–II.4. The sources of funding and income"),
        INFO: _("Part III. Additional information"),
    }.get(part, part)


def declaration_problems(declarations: Mapping[str, Any]) -> dict[str, str]:
    texts = {
        "status_unchanged": _("Confirm that the legal status of the oferent(s) has not changed since the contract."),
        "true_information": _("Confirm that the information in the report is true."),
        "procurement": _("Confirm that purchases were made under the public procurement rules where they apply."),
        "data_protection": _("Confirm the statement on the personal data of the people named in the report."),
    }
    return {key: texts[key] for key in content_module.DECLARATIONS if not declarations.get(key)}


def narrative_problems(report: Report) -> list[str]:
    problems = []
    if not report.results_description.strip():
        problems.append(_("Part I: describe the results achieved."))
    if not report.activities_description.strip():
        problems.append(_("Part I: describe how the task was carried out, with any deviations from the plan."))
    if not report.is_small:
        for row in report.results.all():
            if not row.achieved.strip():
                problems.append(
                    _("Part I: give the level achieved of the result “%(name)s” (planned: %(planned)s).")
                    % {"name": row.name, "planned": row.planned or "—"}
                )
    return problems


def filing_problems(
    report: Report, *, declarations: Mapping[str, Any], declare_deviations: bool
) -> tuple[dict[str, list[str]], list[finance.Problem]]:
    """What stops the report from being filed, by field of the filing form, and the figures' problems."""
    errors: dict[str, list[str]] = {}
    general = errors.setdefault(NON_FIELD_ERRORS, [])
    for part in parts_of(report):
        if part in (report.unsaved or {}):
            general.append(
                _("%(part)s holds input that was not saved; correct and save it, or discard it, before filing.")
                % {"part": part_title(part)}
            )
    general.extend(narrative_problems(report))
    problems = finance.check(figures_of(report))
    general.extend(p.message for p in problems if not p.is_deviation)
    deviations = [p for p in problems if p.is_deviation]
    if deviations and not declare_deviations:
        general.extend(p.message for p in deviations)
        errors[DECLARE] = [
            _(
                "The report shows deviations from the plan (listed above). Correct the figures or ask the office for "
                "an annex; if the figures are true, explain the deviations in the remarks on the costs and tick this "
                "box: the part of the grant they concern will be returned."
            )
        ]
    elif deviations and not report.cost_remarks.strip():
        errors[DECLARE] = [_("Explain the deviations in the remarks on the costs (part II.1) before filing them.")]
    for key, message in declaration_problems(declarations).items():
        errors.setdefault(key, []).append(message)
    return {field: messages for field, messages in errors.items() if messages}, problems


def check(report: Report, *, declarations: Mapping[str, Any], declare_deviations: bool) -> None:
    """Refuse (one ``ValidationError`` listing every problem, by field) a report that cannot be filed as it is."""
    sync_rows(report)
    errors, _problems = filing_problems(report, declarations=declarations, declare_deviations=declare_deviations)
    if errors:
        raise ValidationError(
            {field: [ValidationError(m, code="filing") for m in messages] for field, messages in errors.items()}
        )


def freeze(report: Report, *, actor: Any, declarations: Mapping[str, Any], declare_deviations: bool) -> ReportFiling:
    """Store the content of the locked ``report`` as its next filing (the workflow's effect, under the lock)."""
    report.declarations = {key: "yes" for key in content_module.DECLARATIONS if declarations.get(key)}
    figures = figures_of(report)
    problems = finance.check(figures)
    report.deviations_declared = bool(declare_deviations and any(p.is_deviation for p in problems))
    content = content_module.build(report, figures, problems=problems)
    checksum = content_checksum(content)
    last = report.filings.order_by("-number").values_list("number", flat=True).first() or 0
    filing = ReportFiling.objects.create(
        report=report,
        number=last + 1,
        filed_at=report.filed_at or timezone.now(),
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        content=content,
        checksum=checksum,
        deviations_declared=report.deviations_declared,
    )
    report.content, report.checksum = content, checksum
    audit.record(
        actor=actor,
        action="reports.report_filing.filed",
        obj=filing,
        data={"report": report.pk, "number": filing.number, "checksum": checksum},
    )
    return filing


def report_file(
    *,
    actor: User,
    report: Report,
    declarations: Mapping[str, Any],
    declare_deviations: bool = False,
    request: HttpRequest | None = None,
) -> ReportFiling:
    """File ``report`` (or file it again after corrections): the frozen filing with its checksum.

    Refused, and nothing changed, when the person may not file it (not acting for the leading oferent, a report
    filed or accepted, a contract not in force), input is kept unsaved, part I is incomplete, the figures have an
    error, a statement is not ticked, or deviations are not declared and explained."""
    filed = REPORT.take(
        report,
        "file",
        actor=actor,
        request=request,
        declarations=dict(declarations),
        declare_deviations=declare_deviations,
    )
    filing = filed.filings.order_by("-number").first()
    if filing is None:  # pragma: no cover - the effect always creates it
        raise ValidationError(_("The report could not be filed; try again."))
    return filing
