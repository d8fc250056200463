"""The offer editor (/konkursy/...): my offers, starting an offer and the offer's page, with what the other pages of
the editor share (the offer fetched for the person, the refusal page, the links to the sections and to the filing
problems). A section of the form is in ``views.sections``, the partners of a joint offer in ``views.partners``, the
attachments in ``views.attachments``.

What the offer still needs before filing is said next to the fields and listed on the offer's page, with links.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404
from razem.core.forms import add_service_error
from razem.core.permissions import why_not
from razem.grants import validation
from razem.grants.budget import Budget, build, from_offer
from razem.grants.forms.offers.editors import anchor
from razem.grants.forms.offers.start import StartForm
from razem.grants.models import Call, Offer
from razem.grants.selectors import offers as selectors
from razem.grants.services.offers import drafts as offer_drafts
from razem.organizations.selectors import organizations_acted_for

VIEW = "grants.view_offer"
EDIT = "grants.edit_offer"
INVITE = "grants.invite_partner"
DECIDE = "grants.decide_partnership"
FILE = "grants.file_offer"


def _offer(request: HttpRequest, pk: int, queryset: Any = None) -> Offer:
    return get_visible_or_404(request, queryset if queryset is not None else selectors.offer_detail(), VIEW, pk=pk)


def _refused(request: HttpRequest, offer: Offer | None, title: str, reason: str) -> HttpResponse:
    """A 403 page that says why, and where to go back."""
    return render(request, "grants/offer/refused.html", {"offer": offer, "title": title, "reason": reason}, status=403)


def _url_or_empty(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _section_links(offer: Offer, issues: list[validation.Issue]) -> list[dict[str, Any]]:
    grouped = validation.by_section(issues)
    drafts = {d.section for d in offer.draft_inputs.all()}
    links = []
    for slug, part, title in validation.SECTIONS:
        own = grouped.get(slug, [])
        links.append(
            {
                "slug": slug,
                "part": part,
                "title": title,
                "url": reverse("grants:offer_section", args=[offer.pk, slug]),
                "issues": len(own),
                "draft": slug in drafts,
            }
        )
    for slug, name in ((validation.PARTNERS, "grants:partners"), (validation.ATTACHMENTS, "grants:attachments")):
        links.append(
            {
                "slug": slug,
                "part": "",
                "title": validation.section_title(slug),
                "url": reverse(name, args=[offer.pk]),
                "issues": len(grouped.get(slug, [])),
                "draft": False,
            }
        )
    return links


def _issue_links(offer: Offer, issues: list[validation.Issue]) -> list[dict[str, Any]]:
    """Each filing problem with the address of its field."""
    years = offer.years
    links = []
    for issue in issues:
        if issue.section == validation.PARTNERS:
            url = reverse("grants:partners", args=[offer.pk])
        elif issue.section == validation.ATTACHMENTS:
            url = reverse("grants:attachments", args=[offer.pk])
        else:
            url = reverse("grants:offer_section", args=[offer.pk, issue.section])
        target = anchor(issue, years)
        links.append(
            {
                "section": validation.section_title(issue.section),
                "url": f"{url}#{target}" if target else url,
                "message": issue.message,
            }
        )
    return links


# My offers, and starting one ---------------------------------------------------------------------------------------


@login_required
def my_offers(request: AuthenticatedHttpRequest) -> HttpResponse:
    offers = list(selectors.my_offers(user=request.user))
    acting = set(organizations_acted_for(user=request.user, verified=False).values_list("pk", flat=True))
    rows: list[dict[str, Any]] = [
        {"offer": offer, "lead": offer.organization_id in acting, "budget": from_offer(offer)} for offer in offers
    ]
    context = {
        "drafts": [r for r in rows if r["offer"].status == Offer.Status.DRAFT],
        "filed": [r for r in rows if r["offer"].status in Offer.FILED_STATES],
        "withdrawn": [r for r in rows if r["offer"].status == Offer.Status.WITHDRAWN],
        "invitations": list(selectors.invitations_for(user=request.user)),
    }
    return render(request, "grants/offer/my_offers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_start(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = get_visible_or_404(request, Call.objects.all(), "grants.view_call", slug=slug)
    if refusal := why_not(request.user, "grants.start_offer", call):
        return _refused(request, None, _("Start an offer"), refusal)
    organizations = list(organizations_acted_for(user=request.user))
    sources = list(selectors.offers_to_copy(user=request.user))
    form = StartForm(request.POST or None, organizations=organizations, offers=sources)
    if request.method == "POST" and form.is_valid():
        try:
            offer = offer_drafts.offer_start(
                actor=request.user,
                call=call,
                organization=form.cleaned_data["organization_obj"],
                copy_from=form.cleaned_data["copy_from_obj"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The offer is started; it is saved as you type. Fill in its sections."))
            if form.cleaned_data.get("joint"):
                return redirect("grants:partners", pk=offer.pk)
            return redirect("grants:offer_section", pk=offer.pk, section=validation.SECTION_SLUGS[0])
    drafts = list(
        Offer.objects.filter(call=call, organization__in=organizations, status=Offer.Status.DRAFT).select_related(
            "organization"
        )
    )
    context = {"call": call, "form": form, "drafts": drafts}
    return render(request, "grants/offer/start.html", context, status=400 if form.errors else 200)


# The offer's page --------------------------------------------------------------------------------------------------


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    user = request.user
    issues = validation.filing_problems(offer)
    partners = list(offer.partners.all())
    my_partnerships = [p for p in partners if user.has_perm(DECIDE, p)] if user.is_authenticated else []
    can_edit = user.has_perm(EDIT, offer)
    figures = _budget(offer)
    context = {
        "offer": offer,
        "call": offer.call,
        "issues": _issue_links(offer, issues) if can_edit else [],
        "ready": not issues,
        "sections": _section_links(offer, issues),
        "partners": [(p, validation.confirmation_holds(offer, p)) for p in partners],
        "my_partnerships": my_partnerships,
        "attachments": list(offer.attachments.all()),
        "figures": figures,
        "can_edit": can_edit,
        "edit_refusal": why_not(user, EDIT, offer) if user.is_authenticated and not can_edit else None,
        "can_invite": user.has_perm(INVITE, offer),
        "can_file": user.has_perm(FILE, offer),
        "file_url": _url_or_empty("grants:offer_file", offer.pk),
        "versions_url": _url_or_empty("grants:versions", offer.pk) if offer.current_version_id else "",
        "can_withdraw": user.has_perm("grants.withdraw_offer", offer),
        "withdraw_url": _url_or_empty("grants:offer_withdraw", offer.pk),
    }
    return render(request, "grants/offer/detail.html", context)


def _budget(offer: Offer) -> Budget:
    lines = sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk))
    return build(offer.years, lines, offer.funding.all())
