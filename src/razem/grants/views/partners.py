"""The partners of a joint offer (/konkursy/oferty/<pk>/partnerzy/): the leading oferent finds, invites and removes
partners; the people of an invited organization accept or decline.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.permissions import why_not
from razem.grants import validation
from razem.grants.forms.offers.partners import PartnerSearchForm
from razem.grants.models import OfferPartner
from razem.grants.selectors import offers as selectors
from razem.grants.services.offers import partners as offer_partners
from razem.grants.views.offers import DECIDE, INVITE, _budget, _offer, _refused
from razem.organizations.models import Organization


@login_required
@require_http_methods(["GET", "POST"])
def partners(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    can_invite = request.user.has_perm(INVITE, offer)
    search = PartnerSearchForm(request.GET or None)
    error = ""
    if request.method == "POST":
        if refusal := why_not(request.user, INVITE, offer):
            return _refused(request, offer, _("Partners in a joint offer"), refusal)
        try:
            if request.POST.get("action") == "remove":
                partner = get_object_or_404(OfferPartner, pk=request.POST.get("partner") or 0, offer=offer)
                name = partner.organization.name
                offer_partners.partner_remove(actor=request.user, partner=partner, request=request)
                messages.success(request, _("%(org)s is no longer a partner of this offer.") % {"org": name})
            else:
                organization = get_object_or_404(Organization, pk=request.POST.get("organization") or 0)
                offer_partners.partner_invite(
                    actor=request.user, offer=offer, organization=organization, request=request
                )
                messages.success(
                    request,
                    _("%(org)s is invited; its people accept or decline in Razem, and you will be told.")
                    % {"org": organization.name},
                )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("grants:partners", pk=offer.pk)
        offer = _offer(request, pk)
    candidates = []
    if can_invite and search.is_valid() and search.cleaned_data.get("szukaj"):
        candidates = selectors.partner_candidates(offer=offer, query=search.cleaned_data["szukaj"])
    rows = [
        {
            "partner": p,
            "holds": validation.confirmation_holds(offer, p),
            "mine": request.user.has_perm(DECIDE, p),
        }
        for p in offer.partners.all()
    ]
    context = {
        "offer": offer,
        "rows": rows,
        "can_invite": can_invite,
        "invite_refusal": why_not(request.user, INVITE, offer) if not can_invite else None,
        "search": search,
        "searched": bool(search.is_bound and search.is_valid() and search.cleaned_data.get("szukaj")),
        "candidates": candidates,
        "error": error,
    }
    return render(request, "grants/offer/partners.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def partner_decide(request: AuthenticatedHttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    partner = get_object_or_404(offer.partners.select_related("organization"), pk=partner_pk)
    partner.offer = offer
    if refusal := why_not(request.user, DECIDE, partner):
        return _refused(request, offer, _("Answer the invitation"), refusal)
    error = ""
    if request.method == "POST":
        accept = request.POST.get("decision") == "accept"
        try:
            offer_partners.partner_decide(actor=request.user, partner=partner, accept=accept, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if accept:
                messages.success(
                    request,
                    _("%(org)s confirmed the joint offer as it is now.") % {"org": partner.organization.name},
                )
                return redirect("grants:offer", pk=offer.pk)
            messages.success(request, _("%(org)s declined the joint offer.") % {"org": partner.organization.name})
            return redirect("grants:my_offers")
    context = {
        "offer": offer,
        "partner": partner,
        "holds": validation.confirmation_holds(offer, partner),
        "figures": _budget(offer),
        "error": error,
    }
    return render(request, "grants/offer/partner_decide.html", context, status=400 if error else 200)
