"""The office's pages of small grants (/panel/male-granty/): the list of offers filed (with the day each must be
published by, overdue ones marked; filters, sorting, CSV/XLSX), an offer's page with its comments (each may be
hidden with a reason), its publication in the three channels, the decision, and the plans of grants per year."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import require_perm
from razem.core.forms import add_service_error
from razem.core.history import history_of
from razem.core.lists import Column, Export, staff_list
from razem.core.money import ZERO
from razem.core.permissions import why_not
from razem.grants.models import Offer, OfferVersion
from razem.small_grants import limits, pdf, selectors
from razem.small_grants.forms import DecideForm, HideCommentForm, OfficeFilterForm, PublicationForm, YearPlanForm
from razem.small_grants.models import Comment, SmallGrant, YearPlan
from razem.small_grants.services import comments as comment_services
from razem.small_grants.services import office

OFFICE = "small_grants.view_office"


def _stage(small_grant: SmallGrant) -> str:
    offer = small_grant.offer
    today = timezone.localdate()
    if offer.status == "filed":
        return str(_("Publication overdue") if small_grant.publication_overdue(today) else _("Waiting for publication"))
    if offer.status == "published":
        return str(_("Waiting for the decision") if small_grant.comments_over(today) else _("In the comment period"))
    return offer.get_status_display()


COLUMNS = [
    Column("number", gettext_lazy("Number"), lambda s: s.offer.number, sort="offer__number"),
    Column(
        "organization", gettext_lazy("Oferent"), lambda s: s.offer.organization.name, sort="offer__organization__name"
    ),
    Column("title", gettext_lazy("Title"), lambda s: s.offer.title, sort="offer__title"),
    Column("received", gettext_lazy("Received"), lambda s: s.received_on, sort="received_on"),
    Column("due", gettext_lazy("To be published by"), lambda s: s.publication_due, sort="publication_due"),
    Column("published", gettext_lazy("Published"), lambda s: s.published_on, sort="published_on"),
    Column("comments_until", gettext_lazy("Comments until"), lambda s: s.comments_until, sort="comments_until"),
    Column("stage", gettext_lazy("Stage"), _stage, sort="offer__status"),
    Column(
        "grant",
        gettext_lazy("Grant requested"),
        lambda s: str(s.offer.current_version.grant_requested).replace(".", ","),
        sort="offer__current_version__grant_requested",
    ),
    Column("comments", gettext_lazy("Comments"), lambda s: s.comment_count, sort="comment_count"),
]


@login_required
def office_list(request: HttpRequest) -> HttpResponseBase:
    require_perm(request, OFFICE)
    return staff_list(
        request,
        template="small_grants/staff/list.html",
        queryset=selectors.office_offers(),
        columns=COLUMNS,
        default_sort="due",
        filters=OfficeFilterForm(request.GET),
        export=Export(stem="male-granty", sheet_title=_("Small grants"), action="small_grants.offer.exported"),
        context={"today": timezone.localdate()},
    )


def _offer(request: HttpRequest, pk: int) -> Offer:
    require_perm(request, OFFICE)
    offer = get_object_or_404(selectors.office_detail(), pk=pk)
    if offer.current_version is None:
        raise Http404
    return offer


def _version(offer: Offer) -> OfferVersion:
    version = offer.current_version
    if version is None:  # pragma: no cover - _offer() refuses an offer never filed
        raise Http404
    return version


def _page(request: HttpRequest, offer: Offer, **extra: Any) -> HttpResponse:
    small_grant = offer.small_grant
    version = _version(offer)
    today = timezone.localdate()
    year = small_grant.year
    can_decide = request.user.has_perm("small_grants.decide_offer", offer)
    if "decide_form" not in extra and can_decide:
        extra["decide_form"] = _decide_form(None, offer)
    context: dict[str, Any] = {
        "offer": offer,
        "small_grant": small_grant,
        "version": version,
        "c": version.content,
        "p": pdf.presented(version.content),
        "comments": list(selectors.visible_comments(small_grant).select_related("author", "hidden_by")),
        "history": history_of(offer, public=False),
        "today": today,
        "can_publish": request.user.has_perm("small_grants.publish_offer", offer),
        "publish_refusal": why_not(request.user, "small_grants.publish_offer", offer),
        "can_decide": can_decide,
        "decide_refusal": why_not(request.user, "small_grants.decide_offer", offer),
        "award": getattr(offer, "award", None) if offer.status == "awarded" else None,
        "pool": limits.pool(year, today) if year else None,
        "org_awarded": limits.awarded_small_grants(
            year=year, organization_id=offer.organization_id, exclude_offer_id=offer.pk
        )
        if year
        else None,
        "org_cap": limits.statutory_record(limits.ORG_YEAR_CAP, today),
        **extra,
    }
    return render(request, "small_grants/staff/detail.html", context, status=400 if extra.get("failed") else 200)


def _decide_form(data: Any, offer: Offer) -> DecideForm:
    return DecideForm(data, initial={"made_on": timezone.localdate(), "amount": _version(offer).grant_requested})


@login_required
def office_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _offer(request, pk))


@login_required
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if refusal := why_not(request.user, "small_grants.publish_offer", offer):
        return render(
            request, "small_grants/refused.html", {"offer": offer, "title": _("Publish"), "reason": refusal}, status=403
        )
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            office.small_grant_publish(
                actor=request.user, offer=offer, publications=form.publications(), request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The offer is published for comments."))
            return redirect("small_grants_staff:detail", pk=offer.pk)
    context = {"offer": offer, "small_grant": offer.small_grant, "form": form, "today": timezone.localdate()}
    return render(request, "small_grants/staff/publish.html", context, status=400 if form.errors else 200)


@login_required
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if refusal := why_not(request.user, "small_grants.decide_offer", offer):
        return render(
            request, "small_grants/refused.html", {"offer": offer, "title": _("Decide"), "reason": refusal}, status=403
        )
    form = _decide_form(request.POST or None, offer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accept = data["decision"] == "award"
        try:
            office.small_grant_decide(
                actor=request.user,
                offer=offer,
                accept=accept,
                number=data["number"],
                made_on=data["made_on"],
                amount=data["amount"],
                reason=data["reason"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The grant is awarded.") if accept else _("The grant is refused."))
            return redirect("small_grants_staff:detail", pk=offer.pk)
    return _page(request, offer, decide_form=form, failed=bool(form.errors))


@login_required
def hide_comment(request: AuthenticatedHttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, small_grant__offer=offer)
    if refusal := why_not(request.user, "small_grants.hide_comment", comment):
        return render(
            request,
            "small_grants/refused.html",
            {"offer": offer, "title": _("Hide the comment"), "reason": refusal},
            status=403,
        )
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.comment_hide(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The comment is hidden; the public page shows the reason."))
            return redirect("small_grants_staff:detail", pk=offer.pk)
    context = {"offer": offer, "comment": comment, "form": form}
    return render(request, "small_grants/staff/hide_comment.html", context, status=400 if form.errors else 200)


@login_required
def plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "small_grants.manage_plans")
    form = YearPlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = office.year_plan_record(
                actor=request.user,
                year=form.cleaned_data["year"],
                planned_grants=form.cleaned_data["planned_grants"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The plan for %(year)s is recorded.") % {"year": plan.year})
            return redirect("small_grants_staff:plans")
    share = limits.statutory_record(limits.POOL_SHARE, timezone.localdate())
    awarded = limits.awarded_per_year()
    rows = [
        {"plan": plan, "pool": limits.Pool(plan.year, plan, share.value, share.legal_ref, awarded.get(plan.year, ZERO))}
        for plan in YearPlan.objects.select_related("recorded_by")
    ]
    context = {"form": form, "rows": rows, "share": share}
    return render(request, "small_grants/staff/plans.html", context, status=400 if form.errors else 200)
