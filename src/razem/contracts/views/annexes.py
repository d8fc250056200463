"""The office's pages of annexes, under /panel/umowy/<pk>/aneksy/: prepare one (new dates, a new budget within the
award), change it while it is not signed, record its signing with the scan, add the scan later."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.contracts import plan, services
from razem.contracts.forms import AnnexForm, ScanForm, SignForm
from razem.contracts.models import Contract, ContractAnnex
from razem.contracts.views.common import annex_for, contract_for, refused
from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.history import describe
from razem.core.permissions import why_not

MANAGE = "contracts.manage_contract"

describe("contracts.annex.prepared", gettext_lazy("Annex prepared"))
describe("contracts.annex.updated", gettext_lazy("Annex changed before signing"))
describe("contracts.annex.scan_attached", gettext_lazy("Scan of the signed annex added"), public=True)


def _form(request: AuthenticatedHttpRequest, contract: Contract, annex: ContractAnnex | None) -> AnnexForm:
    if annex is not None and annex.budget:
        budget = plan.from_data(annex.budget, contract.years)
    else:
        budget = plan.planned(contract)
    initial: dict[str, Any] = {
        "reason": annex.reason if annex else "",
        "start_date": annex.start_date if annex else contract.start_date,
        "end_date": annex.end_date if annex else contract.end_date,
        "changes_budget": bool(annex and annex.budget),
    }
    return AnnexForm(request.POST or None, budget=budget, initial=initial)


def _page(request: AuthenticatedHttpRequest, template: str, context: dict[str, Any], form: Any) -> HttpResponse:
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def annex_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = contract_for(request, pk)
    title = _("Prepare an annex")
    if reason := why_not(request.user, "contracts.prepare_annex", contract):
        return refused(request, title=title, reason=reason, back=contract.get_staff_url(), contract=contract)
    form = _form(request, contract, None)
    annex = submitted(
        request,
        form,
        lambda data: services.annex_prepare(
            actor=request.user,
            contract=contract,
            reason=data["reason"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            budget=form.new_budget(),
            request=request,
        ),
        success=_("The annex is prepared for signing."),
    )
    if annex is not None:
        return redirect(annex.get_staff_url())
    return _page(request, "contracts/staff/annex_form.html", {"contract": contract, "title": title}, form)


@login_required
def annex_detail(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract, annex = annex_for(request, pk, number)
    user = request.user
    return render(
        request,
        "contracts/staff/annex_detail.html",
        {
            "contract": contract,
            "annex": annex,
            "actions": {
                "edit": user.has_perm("contracts.edit_annex", annex),
                "sign": user.has_perm("contracts.sign_annex", annex),
                "scan": user.has_perm("contracts.attach_annex_scan", annex),
            },
            "budget": plan.from_data(annex.budget, contract.years) if annex.budget else None,
        },
    )


def _annex_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    number: int,
    *,
    title: str,
    permission: str,
    form: Callable[[Contract, ContractAnnex], Any],
    service: Callable[[ContractAnnex, Any, dict[str, Any]], Any],
    success: str,
    template: str,
) -> HttpResponse:
    """One page acting on an annex: refused with the reason when ``permission`` does not allow it, else the form,
    whose data ``service(annex, form, data)`` writes; back to the annex when it is done."""
    require_perm(request, MANAGE)
    contract, annex = annex_for(request, pk, number)
    title = title % {"number": annex.number}
    if reason := why_not(request.user, permission, annex):
        return refused(request, title=title, reason=reason, back=annex.get_staff_url(), contract=contract)
    bound = form(contract, annex)
    done = submitted(request, bound, lambda data: service(annex, bound, data), success=success)
    if done is not None:
        return redirect(annex.get_staff_url())
    return _page(request, template, {"contract": contract, "annex": annex, "title": title}, bound)


@login_required
@require_http_methods(["GET", "POST"])
def annex_edit(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    return _annex_action(
        request, pk, number,
        title=_("Change annex no. %(number)s"),
        permission="contracts.edit_annex",
        form=lambda contract, annex: _form(request, contract, annex),
        service=lambda annex, form, data: services.annex_update(
            actor=request.user, annex=annex, reason=data["reason"], start_date=data["start_date"],
            end_date=data["end_date"], budget=form.new_budget(), request=request,
        ),
        success=_("The annex is saved."),
        template="contracts/staff/annex_form.html",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def annex_sign(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    return _annex_action(
        request, pk, number,
        title=_("Record the signing of annex no. %(number)s"),
        permission="contracts.sign_annex",
        form=lambda contract, annex: SignForm(request.POST or None, request.FILES or None),
        service=lambda annex, form, data: services.annex_sign(
            actor=request.user, annex=annex, signed_on=data["signed_on"], scan=data.get("scan"), request=request
        ),
        success=_("The signing of the annex is recorded; the contract follows it and the oferent is told."),
        template="contracts/staff/annex_sign.html",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def annex_scan(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    return _annex_action(
        request, pk, number,
        title=_("Scan of signed annex no. %(number)s"),
        permission="contracts.attach_annex_scan",
        form=lambda contract, annex: ScanForm(request.POST or None, request.FILES or None),
        service=lambda annex, form, data: services.annex_attach_scan(
            actor=request.user, annex=annex, upload=data.get("scan"), request=request
        ),
        success=_("The scan is kept with the annex."),
        template="contracts/staff/annex_scan.html",
    )  # fmt: skip
