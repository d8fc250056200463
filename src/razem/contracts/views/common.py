"""What the office's and the oferent's pages of a contract share: fetching it (404 for a person who may not see it),
what the page shows of it, and serving its PDFs and scans."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.contracts import content as content_module
from razem.contracts import pdf, plan, selectors
from razem.contracts.models import Contract, ContractAnnex
from razem.core.access import get_visible_or_404
from razem.core.deadlines import deadline
from razem.core.documents import document_response
from razem.core.files import file_response
from razem.core.history import describe, history_of
from razem.core.money import ZERO, money

VIEW = "contracts.view_contract"

# What the history of a contract shows besides its workflow's transitions.
describe("contracts.contract.prepared", _("Prepared for signing"), public=True)
describe("contracts.contract.updated", _("Changed before signing"))
describe("contracts.contract.scan_attached", _("Scan of the signed contract added"), public=True)
describe("contracts.contract.annexed", _("Changed by a signed annex"), public=True)


def contract_for(request: HttpRequest, pk: int) -> Contract:
    return get_visible_or_404(request, selectors.contract_detail(pk), VIEW, pk=pk)


def annex_for(request: HttpRequest, pk: int, number: int) -> tuple[Contract, ContractAnnex]:
    contract = contract_for(request, pk)
    annex = next((a for a in contract.annexes.all() if a.number == number), None)
    if annex is None:
        raise Http404
    annex.contract = contract
    return contract, annex


def summary(contract: Contract) -> dict[str, Any]:
    """The contract as its pages show it: what it says (frozen once signed), and its terms as they stand after the
    signed annexes (the dates, the grant per year, the plan, the day the final report is due)."""
    content = contract.content or content_module.contract_content(contract)
    tranches = list(contract.tranches.all())
    plan_now = content_module.budget_summary(plan.planned(contract))
    return {
        "c": content,
        "tranches": tranches,
        "grant_total": money(sum((t.amount for t in tranches), ZERO)),
        "plan": plan_now,
        "report_due": deadline("grant_report_days", contract.end_date),
        "annexes": list(contract.annexes.all()),
        "version_pdf": content["offer"]["pdf"],
        "history": history_of(contract, public=False),
    }


def serve_contract_pdf(request: HttpRequest, contract: Contract) -> FileResponse:
    snapshot = pdf.contract_pdf(contract=contract, actor=request.user)
    response = document_response(snapshot, filename=pdf.filename(contract))
    response["Cache-Control"] = "private, no-store"
    return response


def serve_annex_pdf(request: HttpRequest, annex: ContractAnnex) -> FileResponse:
    snapshot = pdf.annex_pdf(annex=annex, actor=request.user)
    response = document_response(snapshot, filename=pdf.annex_filename(annex))
    response["Cache-Control"] = "private, no-store"
    return response


def serve_scan(obj: Contract | ContractAnnex) -> FileResponse:
    return file_response(obj.signed_scan, filename=obj.signed_scan_name or "skan.pdf")


def refused(
    request: HttpRequest, *, title: str, reason: str, back: str, contract: Contract | None = None
) -> HttpResponse:
    """A 403 page that says why, in words, and leads back."""
    return render(
        request,
        "contracts/staff/refused.html",
        {"title": title, "reason": reason, "back": back, "contract": contract},
        status=403,
    )


def links(contract: Contract) -> dict[str, str]:
    return {
        "pdf": reverse("contracts:pdf", args=[contract.pk]),
        "scan": reverse("contracts:scan", args=[contract.pk]) if contract.signed_scan else "",
    }
