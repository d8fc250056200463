"""The oferent's pages of reports, under /sprawozdania/:

- ``index``: the signed contracts of the organizations the person acts for, with their reports and settlements, and
  the button that starts a final report;
- ``detail``: one report (its parts as saved, or as filed), the live check, the filing form, the filings' PDFs,
  the office's corrections and the settlement;
- ``part``: one part of the report form; saved whole, or refused with messages next to the fields and kept;
- ``checks``: the live check of what a part's form holds (HTMX; nothing saved);
- ``file`` and ``filing_pdf``.

The people acting for the leading oferent edit and file; the partners and the office read (others get 404).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.contracts.models import Contract
from razem.core.access import get_visible_or_404
from razem.core.deadlines import days_of
from razem.core.documents import document_response
from razem.core.forms import add_service_error, submitted
from razem.core.history import history_of
from razem.core.permissions import why_not
from razem.reports import content as content_module
from razem.reports import finance, pdf, selectors
from razem.reports.figures import figures_of
from razem.reports.forms import PART_FORMS, FileForm, PartForm
from razem.reports.models import Report
from razem.reports.presentation import present
from razem.reports.services import drafts, filing
from razem.reports.services.filing import part_title

VIEW = "reports.view_report"
EDIT = "reports.edit_report"
FILE = "reports.file_report"
CHECKED_PARTS = (drafts.COSTS, drafts.SOURCES_PART)
KEPT_OUT = {"csrfmiddlewaretoken", "next", "save", "discard"}


def _report(request: HttpRequest, pk: int) -> Report:
    return get_visible_or_404(request, selectors.report_detail(), VIEW, pk=pk)


def _refused(request: HttpRequest, report: Report, title: str, reason: str) -> HttpResponse:
    return render(request, "reports/refused.html", {"report": report, "title": title, "reason": reason}, status=403)


def shown_content(report: Report) -> dict[str, Any]:
    """What the report says: as filed once it is filed or accepted, else as saved now."""
    if report.status in (Report.Status.FILED, Report.Status.ACCEPTED) and report.content:
        return report.content
    return content_module.build(report, figures_of(report))


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    contracts = list(selectors.contracts_for_person(request.user))
    for contract in contracts:
        contract.can_start_final = request.user.has_perm("reports.start_final_report", contract)  # type: ignore[attr-defined]
    return render(request, "reports/index.html", {"contracts": contracts, "report_days": days_of("grant_report_days")})


@login_required
@require_POST
def start_final(request: AuthenticatedHttpRequest, contract_pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract.objects.select_related("offer__organization"), pk=contract_pk)
    if not request.user.has_perm("reports.view_contract_reports", contract):
        raise Http404
    try:
        report = drafts.report_start_final(actor=request.user, contract=contract, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:index")
    messages.success(request, _("The final report is started. Fill in its parts, then file it."))
    return redirect("reports:detail", pk=report.pk)


def _parts(report: Report) -> list[dict[str, Any]]:
    unsaved = report.unsaved or {}
    return [
        {
            "slug": slug,
            "title": part_title(slug),
            "url": reverse("reports:part", args=[report.pk, slug]),
            "unsaved": slug in unsaved,
        }
        for slug in drafts.parts_of(report)
    ]


def render_detail(
    request: HttpRequest, report: Report, *, file_form: FileForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    content = shown_content(report)
    shown = present(content)
    can_file = user.has_perm(FILE, report)
    deviations = bool(shown["deviations"])
    filings = list(report.filings.order_by("-number"))
    settlements = list(report.settlements.order_by("year")) if report.status == Report.Status.ACCEPTED else []
    context = {
        "report": report,
        "contract": report.contract,
        "c": content,
        "shown": shown,
        "parts": _parts(report),
        "can_edit": user.has_perm(EDIT, report),
        "edit_refusal": why_not(user, EDIT, report),
        "can_file": can_file,
        "file_form": file_form or (FileForm(deviations=deviations) if can_file else None),
        "filings": filings,
        "settlements": settlements,
        "to_return": sum((s.to_return for s in settlements), start=0),
        "history": history_of(report, public=True),
    }
    return render(request, "reports/detail.html", context, status=status)


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, _report(request, pk))


def _checks(report: Report, form: PartForm | None) -> dict[str, Any]:
    overrides = form.typed() if form is not None and form.is_bound else {}
    figures = figures_of(report, **overrides)
    problems = finance.check(figures)
    return {
        "errors": [p for p in problems if not p.is_deviation],
        "deviations": [p for p in problems if p.is_deviation],
        "figures": figures,
        "years": [
            {
                "year": y,
                "planned": figures.planned_cost(y),
                "actual": figures.actual_cost(y),
                "sources": figures.actual_sources(y).total,
                "grant_received": figures.grant_received(y),
                "grant_spent": figures.actual_sources(y).grant,
                "planned_share": figures.planned_shares(y)["grant"],
                "actual_share": figures.actual_shares(y)["grant"],
            }
            for y in figures.years
        ],
    }


def _joint(report: Report) -> bool:
    """Whether the report splits the costs between oferents (a joint offer; never a small grant's report)."""
    from razem.grants.models import OfferPartner

    if report.is_small:
        return False
    return OfferPartner.objects.filter(offer_id=report.contract.offer_id, status=OfferPartner.Status.CONFIRMED).exists()


def _part_page(
    request: HttpRequest,
    report: Report,
    slug: str,
    form: PartForm,
    *,
    status: int = 200,
    kept: bool = False,
    note: str = "",
) -> HttpResponse:
    parts = _parts(report)
    index = next(i for i, p in enumerate(parts) if p["slug"] == slug)
    context = {
        "report": report,
        "contract": report.contract,
        "part": slug,
        "title": part_title(slug),
        "parts": parts,
        "form": form,
        "kept": kept,
        "note": note,
        "joint": _joint(report),
        "checks": _checks(report, form) if slug in CHECKED_PARTS else None,
        "previous": parts[index - 1] if index else None,
        "following": parts[index + 1] if index + 1 < len(parts) else None,
        "template": f"reports/_part_{slug}.html",
    }
    return render(request, "reports/part.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def part(request: AuthenticatedHttpRequest, pk: int, part: str) -> HttpResponse:
    report = _report(request, pk)
    if part not in drafts.parts_of(report):
        raise Http404
    if refusal := why_not(request.user, EDIT, report):
        return _refused(request, report, part_title(part), refusal)
    form_class = PART_FORMS[part]
    if request.method == "GET":
        kept = (report.unsaved or {}).get(part)
        if kept is not None:
            form = form_class(report, kept)
            form.is_valid()
            return _part_page(request, report, part, form, kept=True)
        return _part_page(request, report, part, form_class(report))
    if "discard" in request.POST:
        drafts.report_discard_unsaved(actor=request.user, report=report, part=part)
        messages.success(request, _("Your unsaved input is discarded; the part shows what is saved."))
        return redirect("reports:part", pk=report.pk, part=part)
    form = form_class(report, request.POST)
    saved = submitted(
        request,
        form,
        lambda data: drafts.report_save_part(
            actor=request.user, report=report, part=part, payload=form.payload(), request=request
        ),
        success=_("Saved."),
    )
    if saved is not None:
        order = list(drafts.parts_of(saved))
        position = order.index(part)
        if "next" in request.POST:
            if position + 1 < len(order):
                return redirect("reports:part", pk=saved.pk, part=order[position + 1])
            return redirect("reports:detail", pk=saved.pk)
        return redirect("reports:part", pk=saved.pk, part=part)
    data = {key: request.POST.get(key, "") for key in request.POST if key not in KEPT_OUT}
    try:
        drafts.report_keep_unsaved(actor=request.user, report=report, part=part, data=data)
    except ValidationError as error:
        add_service_error(form, error)
    report = _report(request, pk)
    return _part_page(request, report, part, form, status=400, kept=True)


@login_required
@require_POST
def checks(request: AuthenticatedHttpRequest, pk: int, part: str) -> HttpResponse:
    """The live check of what the part's form holds (HTMX): nothing is saved."""
    report = _report(request, pk)
    if part not in CHECKED_PARTS or part not in drafts.parts_of(report):
        raise Http404
    if why_not(request.user, EDIT, report):
        raise Http404
    form = PART_FORMS[part](report, request.POST)
    form.is_valid()
    if not getattr(request, "htmx", False):
        note = _("The check below is of what you typed; it is not saved yet. Press “Save” to keep it.")
        return _part_page(request, report, part, form, note=note)
    return render(request, "reports/_checks.html", {"checks": _checks(report, form), "report": report})


@login_required
@require_POST
def file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if refusal := why_not(request.user, FILE, report):
        return _refused(request, report, _("File the report"), refusal)
    deviations = any(p.is_deviation for p in finance.check(figures_of(report)))
    form = FileForm(request.POST, deviations=deviations)
    filed = submitted(
        request,
        form,
        lambda data: filing.report_file(
            actor=request.user,
            report=report,
            declarations=form.declarations(),
            declare_deviations=bool(data.get("declare_deviations")),
            request=request,
        ),
    )
    if filed is None:
        report = _report(request, pk)
        return render_detail(request, report, file_form=form, status=400)
    pdf.report_pdf(filing=filed, actor=request.user)
    messages.success(
        request,
        _("The report is filed. Its SHA-256 is %(checksum)s; the office reviews it now.")
        % {"checksum": filed.checksum},
    )
    return redirect("reports:detail", pk=report.pk)


@login_required
def filing_pdf(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponseBase:
    report = _report(request, pk)
    found = get_object_or_404(report.filings, number=number)
    snapshot = pdf.report_pdf(filing=found, actor=request.user)
    return document_response(snapshot, filename=pdf.filename(found))
