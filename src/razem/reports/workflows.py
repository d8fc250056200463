"""The path of a report (``core.workflow``, on ``Report.status``, audited as ``reports.report.<verb>``):

- ``start`` (awaited → being prepared): the first save of the oferent (``reports.edit_report``);
- ``file`` (being prepared, awaited or returned for corrections → filed): ``reports.file_report``; the guard
  (``reports.services.filing.check``) refuses a report with errors, unsaved input, statements missing, or
  deviations not declared; the effect (``reports.services.filing.freeze``) stores the filing (canonical JSON and
  its SHA-256);
- ``accept`` (filed → accepted): the office (``reports.review_report``); accepting the final report settles the
  grant per year (``reports.services.settlement.compute``);
- ``ask_corrections`` (filed → returned for corrections): the office, with what to correct (required) and by when.
"""

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.core.notifications import notify_many
from razem.core.workflow import ACTOR, NOW, REQUIRED, Step, Transition, Workflow


def oferent_people(report: Any) -> Any:
    """The people acting for the oferents (the lead and its partners) of the report's contract."""
    from razem.grants.selectors.offers import oferent_people as of_offer

    return of_offer(report.contract.offer)


def _check(report: Any, step: Step) -> None:
    from razem.reports.services import filing

    filing.check(
        report,
        declarations=step.data.get("declarations", {}),
        declare_deviations=bool(step.data.get("declare_deviations")),
    )


def _freeze(report: Any, step: Step) -> None:
    from razem.reports.services import filing

    filing.freeze(
        report,
        actor=step.actor,
        declarations=step.data.get("declarations", {}),
        declare_deviations=bool(step.data.get("declare_deviations")),
    )


def _tell_filed(report: Any, step: Step) -> None:
    notify_many(
        kind="reports/filed",
        audience=oferent_people(report),
        context={
            "report": report,
            "contract": report.contract,
            "checksum": report.checksum,
            "filed_at": report.filed_at,
            "corrected": step.source == "correcting",
        },
        url=reverse("reports:detail", args=[report.pk]),
    )


def _settle(report: Any, step: Step) -> None:
    if report.kind == "final":
        from razem.reports.services.settlement import compute

        compute(report, actor=step.actor)


def _tell_accepted(report: Any, step: Step) -> None:
    from razem.reports.models import Settlement

    settlements = list(Settlement.objects.filter(report=report).order_by("year"))
    total = sum((s.to_return for s in settlements), start=Decimal("0"))
    notify_many(
        kind="reports/accepted",
        audience=oferent_people(report),
        context={
            "report": report,
            "contract": report.contract,
            "settlements": settlements,
            "to_return": str(total) if total > 0 else "",
        },
        url=reverse("reports:detail", args=[report.pk]),
    )


def _check_correction_due(report: Any, step: Step) -> None:
    from razem.reports.services.review import correction_due_problem

    correction_due_problem(step.data.get("due_date"))


def _set_correction_due(report: Any, step: Step) -> None:
    report.correction_due = step.data["due_date"]


def _tell_corrections(report: Any, step: Step) -> None:
    notify_many(
        kind="reports/corrections",
        audience=oferent_people(report),
        context={
            "report": report,
            "contract": report.contract,
            "message": step.reason,
            "due": report.correction_due,
        },
        url=reverse("reports:detail", args=[report.pk]),
    )


REPORT = Workflow(
    prefix="reports.report",
    reason_field="correction_message",
    transitions=[
        Transition(
            "start",
            sources=("demanded",),
            target="draft",
            label=_("Started"),
            history_label=_("The oferent started the report"),
            permission="reports.edit_report",
            public=True,
        ),
        Transition(
            "file",
            sources=("demanded", "draft", "correcting"),
            target="filed",
            label=_("File the report"),
            history_label=_("Filed"),
            permission="reports.file_report",
            wrong_state=_("This report is %(status)s; it cannot be filed now."),
            guard=_check,
            effect=_freeze,
            stamps={"filed_at": NOW, "filed_by": ACTOR},
            notify=_tell_filed,
            public=True,
        ),
        Transition(
            "accept",
            sources=("filed",),
            target="accepted",
            label=_("Accept the report"),
            history_label=_("Accepted by the office"),
            permission="reports.review_report",
            wrong_state=_("Only a filed report can be accepted; this one is %(status)s."),
            effect=_settle,
            stamps={"accepted_at": NOW, "accepted_by": ACTOR},
            notify=_tell_accepted,
            public=True,
        ),
        Transition(
            "ask_corrections",
            sources=("filed",),
            target="correcting",
            label=_("Return for corrections"),
            history_label=_("Returned for corrections"),
            permission="reports.review_report",
            reason=REQUIRED,
            reason_missing=_("Say what the oferent must correct; the organization reads it."),
            wrong_state=_("Only a filed report can be returned for corrections; this one is %(status)s."),
            guard=_check_correction_due,
            effect=_set_correction_due,
            notify=_tell_corrections,
            public=True,
        ),
    ],
)
