"""The office's pages of reports, under /panel/sprawozdania/:

- ``report_list``: every report (the final reports of ended tasks included, awaited or overdue), filtered by status,
  overdue, budget year, call and kind, sorted, paginated, exported (``core.lists``);
- ``review``: a report as filed (its content and checks), the filings' PDFs, and the decision: accept, or return for
  corrections with a due date;
- ``contract_reports``: the reports and the settlement of one contract, with the way to demand a partial report;
- ``demand``: demand a partial report (art. 18 ust. 2–3);
- ``settlement``: the settlement per budget year and the returns recorded, with the form to record one.

City staff only (``reports.view_reports_list``): anyone else signed in gets 403.
"""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.history import history_of
from razem.core.lists import Column, Export, staff_list
from razem.core.permissions import why_not
from razem.reports import jobs, selectors
from razem.reports.forms import CorrectionsForm, DemandForm, ReportFilterForm, ReturnForm
from razem.reports.models import Report
from razem.reports.presentation import present
from razem.reports.services import review as review_services
from razem.reports.services import settlement as settlement_services
from razem.reports.views.oferent import shown_content

LIST = "reports.view_reports_list"
PAGE_SIZE = 50


def _columns() -> list[Column]:
    return [
        Column("contract", gettext_lazy("Contract"), lambda r: r.contract.number, sort="contract__number"),
        Column(
            "organization",
            gettext_lazy("Organization"),
            lambda r: r.contract.offer.organization.name,
            sort="contract__offer__organization__name",
        ),
        Column(
            "call",
            gettext_lazy("Call"),
            lambda r: r.contract.offer.call.number if r.contract.offer.call else _("small grant"),
            sort="contract__offer__call__number",
        ),
        Column("kind", gettext_lazy("Kind"), lambda r: r.get_kind_display(), sort="kind"),
        Column(
            "period",
            gettext_lazy("Period"),
            lambda r: f"{r.period_start.isoformat()} – {r.period_end.isoformat()}",
            sort="period_start",
        ),
        Column("status", gettext_lazy("Status"), lambda r: r.get_status_display(), sort="status"),
        Column("due", gettext_lazy("Due"), lambda r: r.due.isoformat() if r.due else "", sort="due"),
        Column("filed", gettext_lazy("Filed"), lambda r: r.filed_at.isoformat() if r.filed_at else "", sort="filed_at"),
    ]


@login_required
def report_list(request: HttpRequest) -> HttpResponseBase:
    require_perm(request, LIST)
    jobs.ensure_final_reports()
    years, calls = selectors.filter_choices()
    return staff_list(
        request,
        template="reports/staff/list.html",
        queryset=selectors.reports_for_staff(),
        columns=_columns(),
        default_sort="due",
        filters=ReportFilterForm(request.GET, years=years, calls=calls),
        per_page=PAGE_SIZE,
        export=Export(stem="sprawozdania", sheet_title=_("Reports"), action="reports.report.exported"),
        context={"today": timezone.localdate()},
    )


def _review_page(
    request: HttpRequest,
    report: Report,
    *,
    corrections: CorrectionsForm | None = None,
    accept: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    content = shown_content(report)
    can_review = user.has_perm("reports.review_report", report)
    context = {
        "report": report,
        "contract": report.contract,
        "c": content,
        "shown": present(content),
        "can_review": can_review,
        "review_refusal": why_not(user, "reports.review_report", report),
        "accept_form": accept or (forms.Form() if can_review else None),
        "corrections_form": corrections or (CorrectionsForm() if can_review else None),
        "filings": list(report.filings.order_by("-number")),
        "settlements": list(report.settlements.order_by("year")),
        "history": history_of(report, public=False),
    }
    return render(request, "reports/staff/review.html", context, status=status)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, LIST)
    report = selectors.report_for_staff(pk)
    if request.method != "POST":
        return _review_page(request, report)
    user: Any = request.user
    if request.POST.get("action") == "accept":
        accept_form = forms.Form(request.POST)
        done = submitted(
            request,
            accept_form,
            lambda data: review_services.report_accept(actor=user, report=report, request=request),
            success=_("The report is accepted."),
        )
        if done is not None:
            return redirect("reports_staff:detail", pk=report.pk)
        return _review_page(request, selectors.report_for_staff(pk), accept=accept_form, status=400)
    corrections = CorrectionsForm(request.POST)
    done = submitted(
        request,
        corrections,
        lambda data: review_services.report_ask_corrections(
            actor=user, report=report, message=data["message"], due_date=data["due_date"], request=request
        ),
        success=_("The report is returned for corrections; the organization is told what to correct."),
    )
    if done is not None:
        return redirect("reports_staff:detail", pk=report.pk)
    return _review_page(request, selectors.report_for_staff(pk), corrections=corrections, status=400)


@login_required
def contract_reports(request: HttpRequest, contract_pk: int) -> HttpResponse:
    require_perm(request, LIST)
    contract = selectors.contract_for_reports(contract_pk)
    return render(
        request,
        "reports/staff/contract.html",
        {
            "contract": contract,
            "reports": list(contract.reports.all()),
            "settlements": list(contract.settlements.all()),
            "can_demand": request.user.has_perm("reports.demand_report", contract),
            "demand_refusal": why_not(request.user, "reports.demand_report", contract),
        },
    )


@login_required
def demand(request: HttpRequest, contract_pk: int) -> HttpResponse:
    require_perm(request, LIST)
    contract = selectors.contract_for_reports(contract_pk)
    refusal = why_not(request.user, "reports.demand_report", contract)
    form = DemandForm(request.POST or None, contract=contract)
    user: Any = request.user
    if not refusal:
        report = submitted(
            request,
            form,
            lambda data: review_services.report_demand(
                actor=user,
                contract=contract,
                delivered_on=data["delivered_on"],
                due_date=data["due_date"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                note=data["note"],
                request=request,
            ),
            success=_("The partial report is demanded; the organization is told."),
        )
        if report is not None:
            return redirect("reports_staff:contract", contract_pk=contract.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/staff/demand.html",
        {"contract": contract, "form": form, "refusal": refusal},
        status=403 if refusal else status,
    )


@login_required
def settlement(request: HttpRequest, contract_pk: int) -> HttpResponse:
    require_perm(request, LIST)
    contract = selectors.contract_for_reports(contract_pk)
    settlements = list(contract.settlements.all())
    open_ones = [s for s in settlements if not s.is_settled]
    form = ReturnForm(request.POST or None, settlements=open_ones) if open_ones else None
    user: Any = request.user
    if form is not None and request.method == "POST":
        recorded = submitted(
            request,
            form,
            lambda data: settlement_services.settlement_return_record(
                actor=user,
                settlement=form.chosen(),
                amount=data["amount"],
                returned_on=data["returned_on"],
                note=data["note"],
                request=request,
            ),
            success=_("The return is recorded."),
        )
        if recorded is not None:
            return redirect("reports_staff:settlement", contract_pk=contract.pk)
    final = next((r for r in contract.reports.all() if r.kind == Report.Kind.FINAL), None)
    return render(
        request,
        "reports/staff/settlement.html",
        {
            "contract": contract,
            "final": final,
            "settlements": settlements,
            "form": form,
            "totals": {
                "to_return": sum((s.to_return for s in settlements), start=0),
                "returned": sum((s.returned for s in settlements), start=0),
                "outstanding": sum((s.outstanding for s in settlements), start=0),
            },
        },
        status=400 if form is not None and request.method == "POST" else 200,
    )
