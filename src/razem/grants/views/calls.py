"""Public pages of calls for offers (/konkursy/): the list with its filters, a call's page (the whole announcement,
its corrections, the cancellation, what one may do now and why not), the iCalendar entry of a deadline and the feed
of deadlines, and the nominations to the competition commission: nominating, withdrawing, and the nominee's consent
through the e-mailed link (no account needed)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404
from razem.core.forms import add_service_error
from razem.core.pagination import paginate
from razem.core.permissions import why_not
from razem.core.predicates import is_city_staff
from razem.core.throttle import throttled
from razem.grants import ics, schedule
from razem.grants.forms.calls.filters import CallFilterForm
from razem.grants.forms.calls.nominations import NominationForm
from razem.grants.models import Call, CommissionNomination, Publication
from razem.grants.selectors import calls as selectors
from razem.grants.services import nominations as nomination_services
from razem.organizations.selectors import organizations_acted_for

VIEW = "grants.view_call"
START = "grants.start_offer"
NOMINATE = "grants.nominate_member"
PAGE_SIZE = 20
FEED_MAX_AGE = 900


def _call(request: HttpRequest, slug: str, queryset: Any = None) -> Call:
    return get_visible_or_404(request, queryset if queryset is not None else Call.objects.all(), VIEW, slug=slug)


def _refused(request: HttpRequest, call: Call, title: str, reason: str) -> HttpResponse:
    """A 403 page that says why, in words, and where to go back."""
    return render(request, "grants/call_refused.html", {"call": call, "title": title, "reason": reason}, status=403)


# The list -----------------------------------------------------------------------------------------------------------


def call_list(request: HttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET)
    now = timezone.now()
    calls = selectors.call_list_public(filters=form.filters(), now=now)
    if not form.is_valid():
        calls = calls.none()
    page = paginate(calls, request.GET.get("strona"), PAGE_SIZE)
    rows = [{"call": call, "phase": call.phase(now), "left": schedule.time_left(call.submission_deadline, now)}
            for call in page.object_list]  # fmt: skip
    feed_path = reverse("grants:feed")
    feed_url = settings.RAZEM_BASE_URL + feed_path
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": form.is_filtered(),
        "query": form.query_string(),
        "feed_path": feed_path,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
    }
    return render(request, "grants/call_list.html", context)


def deadlines_feed(request: HttpRequest) -> HttpResponse:
    body = ics.deadlines_calendar(selectors.feed_calls())
    response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="terminy-konkursow.ics"'
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response


# A call -------------------------------------------------------------------------------------------------------------


def _my_nominations(request: HttpRequest, call: Call) -> list[dict[str, Any]]:
    if not request.user.is_authenticated:
        return []
    organization_ids = list(organizations_acted_for(user=request.user, verified=False).values_list("pk", flat=True))
    if not organization_ids:
        return []
    rows = []
    for nomination in selectors.nominations_of(call=call, organizations=organization_ids):
        rows.append(
            {
                "nomination": nomination,
                "can_withdraw": nomination.status in nomination_services.ACTIVE
                and call.status == Call.Status.ANNOUNCED
                and request.user.has_perm("grants.withdraw_nomination", nomination),
            }
        )
    return rows


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug, selectors.call_detail())
    user = request.user
    now = timezone.now()
    publications = list(call.publications.all())
    context = {
        "call": call,
        "phase": call.phase(now),
        "left": schedule.time_left(call.submission_deadline, now),
        "calendar": schedule.calendar(call, now),
        "areas": list(call.areas.all()),
        "funds": list(call.funds.all()),
        "criteria": list(call.criteria.all()),
        "points_total": sum((c.max_points for c in call.criteria.all()), start=0),
        "attachments": list(call.required_attachments.all()),
        "call_publications": [p for p in publications if p.subject == Publication.Subject.CALL],
        "cancel_publications": [p for p in publications if p.subject == Publication.Subject.CANCELLATION],
        "corrections": list(call.corrections.all()),
        "can_start": user.has_perm(START, call),
        "why_not_start": why_not(user, START, call) if call.status != Call.Status.DRAFT else None,
        "recruits": call.recruits_commission and call.status != Call.Status.DRAFT,
        "nominations_close": schedule.nominations_close_at(call),
        "can_nominate": user.has_perm(NOMINATE, call),
        "why_not_nominate": why_not(user, NOMINATE, call) if call.recruits_commission else None,
        "my_nominations": _my_nominations(request, call),
        "is_staff": is_city_staff(user),
    }
    return render(request, "grants/call_detail.html", context)


def call_ics(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    if call.status == Call.Status.DRAFT:
        raise Http404
    response = HttpResponse(ics.call_calendar(call), content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="termin-{call.slug}.ics"'
    return response


# Nominations to the commission --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@throttled("grants.nominate", key="user")
def nominate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    title = _("Nominate a member of the competition commission")
    if refusal := why_not(request.user, NOMINATE, call):
        return _refused(request, call, title, refusal)
    organizations = organizations_acted_for(user=request.user)
    form = NominationForm(request.POST if request.method == "POST" else None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = nomination_services.nomination_create(
                actor=request.user,
                call=call,
                organization=form.cleaned_data["organization"],
                data=form.service_data(),
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is nominated. We have e-mailed them a link to consent; the office sees the nomination "
                    "once they answer."
                )
                % {"name": nomination.full_name},
            )
            return redirect(reverse("grants:call", args=[call.slug]) + "#komisja")
    context = {"call": call, "form": form, "title": title, "close": schedule.nominations_close_at(call)}
    return render(request, "grants/nomination_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def nomination_withdraw(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    call = _call(request, slug)
    nomination = get_object_or_404(CommissionNomination.objects.select_related("organization"), call=call, pk=pk)
    if not request.user.has_perm("grants.withdraw_nomination", nomination):
        raise Http404
    try:
        nomination_services.nomination_withdraw(actor=request.user, nomination=nomination, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The nomination of %(name)s is withdrawn; they have been told.") % {"name": nomination.full_name}
        )
    return redirect(reverse("grants:call", args=[call.slug]) + "#komisja")


@require_http_methods(["GET", "POST"])
@throttled("grants.nomination_consent", counts="all")
def nomination_consent(request: HttpRequest, token: str) -> HttpResponse:
    """The nominee's answer through the e-mailed link; the token is the only key (no sign-in needed)."""
    nomination = nomination_services.nomination_by_token(token)
    errors: list[str] = []
    answered = False
    if nomination is not None and request.method == "POST":
        decision = request.POST.get("decision", "")
        if decision not in {"accept", "decline"}:
            errors.append(_("Choose: consent or decline."))
        else:
            try:
                nomination = nomination_services.nomination_answer(
                    token=token, accept=decision == "accept", user=request.user
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                answered = True
    context = {"nomination": nomination, "errors": errors, "answered": answered}
    status = 404 if nomination is None else 400 if errors else 200
    response = render(request, "grants/nomination_consent.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
