"""The oferent's pages of a contract, under /umowy/: the contract read-only with its PDF, its annexes and the scans.
The people acting for the lead oferent or a partner see them, and the office; anyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from razem.contracts.views.common import (
    annex_for,
    contract_for,
    links,
    serve_annex_pdf,
    serve_contract_pdf,
    serve_scan,
    summary,
)
from razem.core.history import history_of
from razem.grants.models import Offer


def _offer_url(request: HttpRequest, offer: Offer) -> str:
    """The offer's page, when it opens for this person: a small grant's offer (art. 19a) has its own page, which the
    office does not open (it reads the offer in the panel)."""
    if offer.kind == Offer.Kind.COMPETITION:
        return offer.get_absolute_url() if request.user.has_perm("grants.view_offer", offer) else ""
    return (
        reverse("small_grants:offer", args=[offer.pk])
        if request.user.has_perm("small_grants.view_offer", offer)
        else ""
    )


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    shown = summary(contract)
    shown["history"] = history_of(contract, public=True)
    context = {"contract": contract, "offer_url": _offer_url(request, contract.offer), **shown, **links(contract)}
    return render(request, "contracts/detail.html", context)


@login_required
def contract_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    return serve_contract_pdf(request, contract_for(request, pk))


@login_required
def contract_scan(request: HttpRequest, pk: int) -> HttpResponseBase:
    return serve_scan(contract_for(request, pk))


@login_required
def annex_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    _contract, annex = annex_for(request, pk, number)
    return serve_annex_pdf(request, annex)


@login_required
def annex_scan(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    _contract, annex = annex_for(request, pk, number)
    return serve_scan(annex)
