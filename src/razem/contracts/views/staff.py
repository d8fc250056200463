"""The office's pages of contracts, under /panel/umowy/ (city staff only; anyone else signed in gets 403).

- ``contract_list``: every contract, filtered (status, year of the task, call, department, text), sorted, paged and
  exported (CSV, XLSX) through ``core.lists.staff_list``;
- ``contract_prepare``: the contract of an awarded offer, from the offer and the decision, with what the office
  types (refused with the reason before the decision, while the update is awaited, for a resigned oferent);
- ``contract_detail``: the contract with what can be done now: edit while a draft (the number too), record the
  signing with the scan, add the scan later, prepare an annex, terminate;
- ``contract_edit``, ``contract_sign``, ``contract_scan``, ``contract_terminate``: those actions.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.contracts import selectors, services
from razem.contracts.forms import ContractFilterForm, ContractForm, ScanForm, SignForm, TerminateForm, contract_initial
from razem.contracts.models import Contract
from razem.contracts.services import contracts as contract_services
from razem.contracts.views.common import contract_for, links, refused, summary
from razem.contracts.workflows import CONTRACT
from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.lists import Column, Export, staff_list
from razem.core.permissions import why_not
from razem.grants.models import Offer

MANAGE = "contracts.manage_contract"
PAGE_SIZE = 50


def _years(contract: Contract) -> str:
    years = contract.years
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


COLUMNS = [
    Column("number", gettext_lazy("Number"), lambda c: c.number, sort="number"),
    Column(
        "organization", gettext_lazy("Oferent"), lambda c: c.offer.organization.name, sort="offer__organization__name"
    ),
    Column("title", gettext_lazy("Task"), lambda c: c.title, sort="title"),
    Column(
        "call",
        gettext_lazy("Call"),
        lambda c: c.offer.call.number if c.offer.call else _("small grant (art. 19a)"),
        sort="offer__call__number",
    ),
    Column("years", gettext_lazy("Years"), _years, sort=("start_date", "end_date")),
    Column("grant", gettext_lazy("Grant [PLN]"), lambda c: str(c.grant_total).replace(".", ","), sort="grant_total"),
    Column("status", gettext_lazy("Status"), lambda c: c.get_status_display(), sort="status"),
    Column(
        "signed_on",
        gettext_lazy("Signed on"),
        lambda c: c.signed_on.isoformat() if c.signed_on else "",
        sort="signed_on",
    ),
]


@login_required
def contract_list(request: HttpRequest) -> HttpResponseBase:
    require_perm(request, MANAGE)
    return staff_list(
        request,
        template="contracts/staff/list.html",
        queryset=selectors.contracts_for_staff(),
        columns=COLUMNS,
        default_sort="-signed_on",
        filters=ContractFilterForm(request.GET),
        per_page=PAGE_SIZE,
        export=Export(
            stem="umowy", sheet_title=_("Contracts"), action="contracts.contract.exported", permission=MANAGE
        ),
        context={"waiting": selectors.awarded_without_contract()},
    )


def _offer_facts(offer: Offer) -> dict[str, Any]:
    version = contract_services.annexed_version(offer)
    return {
        "offer": offer,
        "version": version,
        "award_years": contract_services.award_years(offer, version),
        "award": getattr(offer, "award", None),
    }


@login_required
@require_http_methods(["GET", "POST"])
def contract_prepare(request: AuthenticatedHttpRequest, offer_pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    offer = get_object_or_404(Offer.objects.select_related("organization", "call"), pk=offer_pk)
    title = _("Prepare the contract")
    if reason := why_not(request.user, "contracts.prepare_contract", offer):
        existing = Contract.objects.filter(offer=offer).first()
        back = existing.get_staff_url() if existing else reverse("contracts_staff:list")
        return refused(request, title=title, reason=reason, back=back, contract=existing)
    facts = _offer_facts(offer)
    oferents = contract_services.oferent_organizations(offer)
    initial = ContractForm.initial_from(contract_services.defaults_for(offer))
    form = ContractForm(request.POST or None, oferents=oferents, years=list(facts["award_years"]), initial=initial)
    contract = submitted(
        request,
        form,
        lambda data: services.contract_prepare(actor=request.user, offer=offer, terms=form.terms(), request=request),
        success=_("The contract is prepared for signing; the oferent is told."),
    )
    if contract is not None:
        return redirect(contract.get_staff_url())
    return render(
        request,
        "contracts/staff/prepare.html",
        {**facts, "form": form, "title": title, "next_number": initial["number"]},
        status=400 if form.errors else 200,
    )


@login_required
def contract_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = contract_for(request, pk)
    user = request.user
    actions = {
        "edit": user.has_perm("contracts.edit_contract", contract),
        "sign": user.has_perm("contracts.sign_contract", contract),
        "scan": user.has_perm("contracts.attach_scan", contract),
        "annex": user.has_perm("contracts.prepare_annex", contract),
        "terminate": CONTRACT.permits(contract, "terminate", user),
    }
    return render(
        request,
        "contracts/staff/detail.html",
        {
            "contract": contract,
            **summary(contract),
            **links(contract),
            "actions": actions,
            "annex_refusal": why_not(user, "contracts.prepare_annex", contract) if contract.is_signed else "",
            "warnings": contract_services.representation_warnings(contract) if contract.is_draft else [],
        },
    )


def _action_page(request: AuthenticatedHttpRequest, contract: Contract, perm: str, title: str) -> HttpResponse | None:
    if reason := why_not(request.user, perm, contract):
        return refused(request, title=title, reason=reason, back=contract.get_staff_url(), contract=contract)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def contract_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = contract_for(request, pk)
    title = _("Edit the contract")
    if (page := _action_page(request, contract, "contracts.edit_contract", title)) is not None:
        return page
    form = ContractForm(
        request.POST or None,
        oferents=contract_services.oferent_organizations(contract.offer),
        years=[t.year for t in contract.tranches.all()],
        initial=contract_initial(contract),
    )
    done = submitted(
        request,
        form,
        lambda data: services.contract_update(
            actor=request.user, contract=contract, terms=form.terms(), request=request
        ),
        success=_("The contract is saved."),
    )
    if done is not None:
        return redirect(contract.get_staff_url())
    return render(
        request,
        "contracts/staff/edit.html",
        {"contract": contract, "form": form, "title": title, "next_number": contract_services.next_number()},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_sign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = contract_for(request, pk)
    title = _("Record the signing")
    if (page := _action_page(request, contract, "contracts.sign_contract", title)) is not None:
        return page
    form = SignForm(request.POST or None, request.FILES or None)
    done = submitted(
        request,
        form,
        lambda data: services.contract_sign(
            actor=request.user, contract=contract, signed_on=data["signed_on"], scan=data.get("scan"), request=request
        ),
        success=_("The signing is recorded; the oferent is told."),
    )
    if done is not None:
        return redirect(contract.get_staff_url())
    return render(
        request,
        "contracts/staff/sign.html",
        {"contract": contract, "form": form, "title": title, **links(contract)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_scan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = contract_for(request, pk)
    title = _("Scan of the signed contract")
    if (page := _action_page(request, contract, "contracts.attach_scan", title)) is not None:
        return page
    form = ScanForm(request.POST or None, request.FILES or None)
    done = submitted(
        request,
        form,
        lambda data: services.contract_attach_scan(
            actor=request.user, contract=contract, upload=data.get("scan"), request=request
        ),
        success=_("The scan is kept with the contract."),
    )
    if done is not None:
        return redirect(contract.get_staff_url())
    return render(
        request,
        "contracts/staff/scan.html",
        {"contract": contract, "form": form, "title": title, **links(contract)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_terminate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = contract_for(request, pk)
    title = _("Terminate the contract") if contract.was_signed else _("Withdraw the prepared contract")
    if (page := _action_page(request, contract, "contracts.terminate_contract", title)) is not None:
        return page
    form = TerminateForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda data: services.contract_terminate(
            actor=request.user, contract=contract, reason=data["reason"], request=request
        ),
        success=_("The contract is terminated; the oferent is told."),
    )
    if done is not None:
        return redirect(contract.get_staff_url())
    return render(
        request,
        "contracts/staff/terminate.html",
        {"contract": contract, "form": form, "title": title},
        status=400 if form.errors else 200,
    )
