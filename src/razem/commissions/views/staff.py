"""The office's pages of a call's commission, under /panel/konkursy/<slug>/komisja-konkursowa/.

- ``commission``: the composition (roles, chair, declarations, exclusions with their reasons, the note of art. 15
  ust. 2da when no NGO member sits) and the three ways to appoint: a representative of the Mayor, a nominee of the
  call's recruitment, an expert with an advisory voice; removing a member, choosing the chair, looking at the
  exclusions again;
- ``ranking``: every offer the commission evaluates with the voting members' average, how many scored it, the
  per-criterion averages, the experts' average apart, the grant requested and the proposed amount (editable until
  the opinion is adopted), the sums per year against the call's funds;
- ``opinion``: the record of the sitting (date, place, members present, text) and its adoption; the protocol and
  the opinion as PDFs afterwards.

Only city staff (``commissions.view_ranking``); the writes check their own permissions and say why not.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from razem.commissions import pdf, selectors
from razem.commissions.forms import (
    AppointExpertForm,
    AppointMayorForm,
    AppointNomineeForm,
    OpinionForm,
    ProposalsForm,
    proposal_input,
)
from razem.commissions.models import Member
from razem.commissions.predicates import opinion_of
from razem.commissions.services import members as member_services
from razem.commissions.services import opinion as opinion_services
from razem.core.access import require_perm
from razem.core.documents import document_response, latest
from razem.core.forms import submitted
from razem.core.permissions import why_not
from razem.core.slugs import get_by_slug_or_404
from razem.grants import schedule
from razem.grants.models import Call

VIEW = "commissions.view_ranking"


def _call(request: HttpRequest, slug: str) -> Call:
    require_perm(request, VIEW)
    return get_by_slug_or_404(Call.objects.exclude(status=Call.Status.DRAFT), slug)


def _page(request: HttpRequest, template: str, call: Call, **context: Any) -> HttpResponse:
    now = timezone.now()
    base = {
        "call": call,
        "phase_label": Call.Phase(call.phase(now)).label,
        "left": schedule.time_left(call.submission_deadline, now),
    }
    return render(request, template, {**base, **context})


# The composition -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def commission(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    nominations = selectors.nominations_to_appoint(call)
    action = request.POST.get("action") if request.method == "POST" else None
    mayor = AppointMayorForm(
        request.POST if action == "mayor" else None, prefix="mayor", staff=selectors.staff_to_appoint(call)
    )
    nominee = AppointNomineeForm(
        request.POST if action == "ngo" else None,
        prefix="ngo",
        nominations=[n for n in nominations if n.account is not None],  # type: ignore[attr-defined]
    )
    expert = AppointExpertForm(request.POST if action == "expert" else None, prefix="expert")
    forms = {"mayor": mayor, "ngo": nominee, "expert": expert}
    if action in forms:
        form = forms[action]
        done = submitted(
            request,
            form,
            lambda data: member_services.member_appoint(
                actor=request.user,  # type: ignore[arg-type]
                call=call,
                role=action,
                user=data.get("user"),
                nomination=data.get("nomination"),
                email=data.get("email", ""),
                chair=bool(data.get("chair")),
                request=request,
            ),
            success=lambda m: _("%(name)s is appointed; they are told by e-mail.") % {"name": m.full_name},
        )
        if done is not None:
            return redirect("commissions_staff:commission", call.slug)
    return _page(
        request,
        "commissions/staff/commission.html",
        call,
        composition=selectors.composition(call),
        progress=selectors.progress(call),
        nominations=nominations,
        mayor_form=mayor,
        nominee_form=nominee,
        expert_form=expert,
        refusal=why_not(request.user, "commissions.appoint", call),
    )


def _member(request: HttpRequest, slug: str, pk: int) -> tuple[Call, Member]:
    call = _call(request, slug)
    member = get_object_or_404(Member.objects.select_related("call", "declaration"), call=call, pk=pk)
    return call, member


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    call, member = _member(request, slug, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            member_services.member_remove(actor=request.user, member=member, request=request)  # type: ignore[arg-type]
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("%(name)s is no longer on the commission.") % {"name": member.full_name})
            return redirect("commissions_staff:commission", call.slug)
    return _page(
        request,
        "commissions/staff/remove.html",
        call,
        member=member,
        scores=member.scores.count(),
        errors=errors,
        refusal=why_not(request.user, "commissions.appoint", call),
    )


@login_required
@require_POST
def chair(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    call, member = _member(request, slug, pk)
    try:
        member_services.member_make_chair(actor=request.user, member=member, request=request)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s chairs the commission.") % {"name": member.full_name})
    return redirect("commissions_staff:commission", call.slug)


@login_required
@require_POST
def reevaluate(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    if refusal := why_not(request.user, "commissions.appoint", call):
        messages.error(request, refusal)
        return redirect("commissions_staff:commission", call.slug)
    changed = member_services.exclusions_reevaluate(call=call, actor=request.user, request=request)
    if changed:
        messages.success(
            request,
            _("Exclusions changed for: %(names)s.") % {"names": ", ".join(m.full_name for m in changed)},
        )
    else:
        messages.info(request, _("No exclusion changed."))
    return redirect("commissions_staff:commission", call.slug)


# The ranking ---------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    result = selectors.ranking(call, viewer=request.user)
    editable = request.user.has_perm("commissions.prepare_opinion", call)
    form = None
    if request.method == "POST":
        if not editable:
            messages.error(request, why_not(request.user, "commissions.prepare_opinion", call) or "")
            return redirect("commissions_staff:ranking", call.slug)
        form = ProposalsForm(request.POST, rows=result.rows)
        done = submitted(
            request,
            form,
            lambda data: opinion_services.proposals_save(
                actor=request.user,  # type: ignore[arg-type]
                call=call,
                amounts=form.amounts(),  # type: ignore[union-attr]
                request=request,
            ),
            success=_("The proposed amounts are saved."),
        )
        if done is not None:
            return redirect("commissions_staff:ranking", call.slug)
    # The inputs are written out by a template tag (300 rendered widgets would take most of the page's time).
    offers_prefix = reverse("grants_staff:offers", args=[call.slug])
    for row in result.rows:
        row.url = f"{offers_prefix}{row.offer.pk}/"  # type: ignore[attr-defined]
        row.input = (form.input(row.offer.pk) if form is not None else proposal_input(row)) if editable else None  # type: ignore[attr-defined]
    return _page(
        request,
        "commissions/staff/ranking.html",
        call,
        ranking=result,
        form=form,
        editable=editable,
        multi_year=len(result.years) > 1,
    )


# The opinion ---------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def opinion(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    current = opinion_of(call)
    action = request.POST.get("action") if request.method == "POST" else None
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "sat_on": current.sat_on,
            "place": current.place,
            "present": list(current.present.all()),
            "text": current.text,
        }
    form = OpinionForm(
        request.POST if action == "save" else None, initial=initial, members=selectors.members_for_present(call)
    )
    if action == "save":
        done = submitted(
            request,
            form,
            lambda data: opinion_services.opinion_save(
                actor=request.user,  # type: ignore[arg-type]
                call=call,
                sat_on=data["sat_on"],
                place=data.get("place", ""),
                present=data.get("present") or [],
                text=data.get("text", ""),
                request=request,
            ),
            success=_("The record of the sitting is saved."),
        )
        if done is not None:
            return redirect("commissions_staff:opinion", call.slug)
    adopt_errors: list[str] = []
    if action == "adopt":
        try:
            opinion_services.opinion_adopt(actor=request.user, call=call, request=request)  # type: ignore[arg-type]
        except ValidationError as exc:
            adopt_errors = exc.messages
        else:
            messages.success(request, _("The opinion is adopted; the protocol and the opinion are issued as PDFs."))
            return redirect("commissions_staff:opinion", call.slug)
    elif action is not None and action != "save":
        raise Http404
    current = opinion_of(call)
    result = selectors.ranking(call, viewer=request.user)
    return _page(
        request,
        "commissions/staff/opinion.html",
        call,
        opinion=current,
        form=form,
        adopt_errors=adopt_errors,
        ranking=result,
        composition=selectors.composition(call),
        can_prepare=request.user.has_perm("commissions.prepare_opinion", call),
        adopt_refusal=why_not(request.user, "commissions.adopt_opinion", call),
    )


def _document(request: HttpRequest, slug: str, kind: str) -> HttpResponseBase:
    call = _call(request, slug)
    current = opinion_of(call)
    if current is None or current.adopted_at is None:
        raise Http404
    snapshot = latest(kind=kind, obj=current)
    if snapshot is None:
        protocol, text = pdf.issue(current, actor=request.user)
        snapshot = protocol if kind == pdf.PROTOCOL else text
    return document_response(snapshot, filename=pdf.filename(current, kind))


@login_required
def protocol_pdf(request: HttpRequest, slug: str) -> HttpResponseBase:
    return _document(request, slug, pdf.PROTOCOL)


@login_required
def opinion_pdf(request: HttpRequest, slug: str) -> HttpResponseBase:
    return _document(request, slug, pdf.OPINION)
