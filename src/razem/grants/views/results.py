"""The decision, the results, questions and the update after a partial award (points 5–6 of issue 12).

The office (``/panel/konkursy/<slug>/…``, city staff):

- ``decision``: before the decision, the form of the Mayor's order — every admitted offer with its points, the
  grant requested and the amount to award per year (prefilled from the commission's proposal), the sums per year
  against the call's funds (live through HTMX; "Recalculate" without JavaScript); after it, the decision with its
  awards and the state of each update (awaited, overdue, filed, resigned);
- ``results_publish``: the publication of the results in the BIP and on the notice board (Razem is recorded today);
- ``questions`` / ``question_answer``: the questions about the decision, the longest waiting first, and the answer.

The public (``/konkursy/<slug>/wyniki/``): ``results``, once published (the office sees it from the decision on).

The oferent (``/konkursy/oferty/<pk>/…``): ``question_ask`` (the questions of the offer with their answers, and a
new one), ``offer_update`` (what the update must meet, with links into the editor), ``offer_resign``.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404, require_perm
from razem.core.deadlines import days_of
from razem.core.forms import submitted
from razem.core.money import ZERO, money, share
from razem.core.permissions import why_not
from razem.core.slugs import get_by_slug_or_404
from razem.grants import budget as budget_module
from razem.grants import schedule, validation
from razem.grants.forms.offers.editors import anchor
from razem.grants.forms.results import AnswerForm, DecisionForm, QuestionForm, ResignForm, ResultsPublishForm
from razem.grants.models import Award, Call, CallFunds, Offer, Question
from razem.grants.reopening import reopening
from razem.grants.selectors import offers as offer_selectors
from razem.grants.selectors import results as selectors
from razem.grants.services import results as services

MANAGE = "grants.manage_call"
DECIDE = "grants.decide_call"
PUBLISH = "grants.publish_results"
VIEW_RESULTS = "grants.view_results"
ASK = "grants.ask_question"
ANSWER = "grants.answer_question"
UPDATE = "grants.update_offer"
RESIGN = "grants.resign_award"


# The office ---------------------------------------------------------------------------------------------------------


def _staff_call(request: HttpRequest, slug: str) -> Call:
    require_perm(request, MANAGE)
    call = get_by_slug_or_404(
        Call.objects.prefetch_related(Prefetch("funds", CallFunds.objects.order_by("year"))), slug
    )
    require_perm(request, MANAGE, call)
    return call


def _page(request: HttpRequest, template: str, call: Call, status: int = 200, **context: Any) -> HttpResponse:
    now = timezone.now()
    base = {
        "call": call,
        "phase_label": Call.Phase(call.phase(now)).label,
        "left": schedule.time_left(call.submission_deadline, now),
    }
    return render(request, template, {**base, **context}, status=status)


def _years(call: Call, rows: list[selectors.Candidate]) -> list[int]:
    years = set(call.years) | {year for row in rows for year in row.requested_by_year}
    return sorted(years)


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    funds = selectors.call_funds(call)
    recorded = selectors.decision_for(call)
    if recorded is not None:
        rows = selectors.candidates(call)
        return _page(
            request,
            "grants/staff/results/decision_recorded.html",
            call,
            decision=recorded,
            rows=[r for r in rows if r.award is not None],
            not_funded=[r for r in rows if r.award is None],
            years=_years(call, rows),
            sums=selectors.year_sums(funds, (r.awarded_by_year for r in rows)),
            counts=selectors.update_counts(rows),
            publications=selectors.publications_of(call),
            can_publish=request.user.has_perm(PUBLISH, call),
            days_since=(timezone.localdate() - recorded.made_on).days,
        )
    rows = selectors.candidates(call)
    years = _years(call, rows)
    refusal = why_not(request.user, DECIDE, call)
    form = DecisionForm(
        request.POST if request.method == "POST" and not refusal else None, candidates=rows, years=years
    )
    if getattr(request, "htmx", False) and request.GET.get("sumy"):
        sums = selectors.year_sums(funds, form.typed_amounts())
        return render(request, "grants/staff/results/_decision_sums.html", {"sums": sums, "call": call})
    recalculate = request.method == "POST" and "recalculate" in request.POST
    if recalculate:
        form.is_valid()
    elif not refusal:
        done = submitted(
            request,
            form,
            lambda data: services.decision_record(
                actor=request.user,
                call=call,
                number=data.get("number") or "",
                made_on=data.get("made_on"),
                awards=form.amounts(),
                title=data.get("title") or "",
                note=data.get("note") or "",
                request=request,
            ),
            success=_("The decision is recorded. Publish the results in the three channels now."),
        )
        if done is not None:
            return HttpResponseRedirect(reverse("grants_staff:decision", args=[call.slug]))
    return _page(
        request,
        "grants/staff/results/decision.html",
        call,
        status=400 if form.errors and not recalculate else 200,
        form=form,
        rows=form.bound_rows(),
        years=years,
        sums=selectors.year_sums(funds, form.typed_amounts()),
        refusal=refusal,
        waiting=selectors.waiting_offers(call),
        rejected=selectors.rejected_count(call),
        requested_total=money(sum((r.requested for r in rows), ZERO)),
        proposed_total=money(sum((r.proposed or ZERO for r in rows), ZERO)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def results_publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    recorded = selectors.decision_for(call)
    refusal = why_not(request.user, PUBLISH, call)
    form = ResultsPublishForm(request.POST if request.method == "POST" and not refusal else None)
    if not refusal:
        done = submitted(
            request,
            form,
            lambda data: services.results_publish(
                actor=request.user, call=call, publications=form.publications(), request=request
            ),
            success=_("The results are published; every oferent is being told."),
        )
        if done is not None:
            return HttpResponseRedirect(reverse("grants_staff:results_publish", args=[call.slug]))
    return _page(
        request,
        "grants/staff/results/publish.html",
        call,
        status=400 if form.errors else 200,
        form=form,
        decision=recorded,
        refusal=refusal,
        publications=selectors.publications_of(call),
        results_url=reverse("grants:results", args=[call.slug]),
    )


@login_required
def questions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    rows = selectors.questions_of(call)
    return _page(
        request,
        "grants/staff/results/questions.html",
        call,
        rows=rows,
        unanswered=sum(1 for row in rows if not row.question.answered_at),
        window=days_of("question_answer_days"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    call = _staff_call(request, slug)
    question = get_object_or_404(
        Question.objects.select_related("offer", "offer__organization", "asked_by", "answered_by"), call=call, pk=pk
    )
    refusal = why_not(request.user, ANSWER, question)
    form = AnswerForm(request.POST if request.method == "POST" and not refusal else None)
    if not refusal:
        done = submitted(
            request,
            form,
            lambda data: services.question_answer(
                actor=request.user, question=question, answer=data["answer"], request=request
            ),
            success=_("The answer is saved; the oferent is told."),
        )
        if done is not None:
            return HttpResponseRedirect(reverse("grants_staff:questions", args=[call.slug]))
    asked = timezone.localtime(question.asked_at).date()
    return _page(
        request,
        "grants/staff/results/question_answer.html",
        call,
        status=400 if form.errors else 200,
        form=form,
        question=question,
        refusal=refusal,
        waiting=(timezone.localdate() - asked).days,
    )


# The public results ------------------------------------------------------------------------------------------------


def results(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_visible_or_404(
        request,
        Call.objects.prefetch_related(Prefetch("funds", CallFunds.objects.order_by("year"))),
        "grants.view_call",
        slug=slug,
    )
    if not request.user.has_perm(VIEW_RESULTS, call):
        raise Http404
    found = selectors.results_of(call)
    if found is None:  # pragma: no cover - the permission needs the decision
        raise Http404
    return render(request, "grants/results/results.html", {"call": call, "results": found})


# The oferent ----------------------------------------------------------------------------------------------------


def _offer(request: HttpRequest, pk: int, queryset: Any = None) -> Offer:
    queryset = queryset if queryset is not None else Offer.objects.select_related("call", "organization")
    return get_visible_or_404(request, queryset, "grants.view_offer", pk=pk)


def _refused(request: HttpRequest, offer: Offer, title: str, reason: str) -> HttpResponse:
    return render(request, "grants/offer/refused.html", {"offer": offer, "title": title, "reason": reason}, status=403)


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    refusal = why_not(request.user, ASK, offer)
    if request.method == "POST" and refusal:
        return _refused(request, offer, _("Ask about the decision"), refusal)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    done = submitted(
        request,
        form,
        lambda data: services.question_ask(actor=request.user, offer=offer, text=data["text"], request=request),
        success=_("Your question is sent; the office answers here and tells you by e-mail."),
    )
    if done is not None:
        return HttpResponseRedirect(reverse("grants:question_ask", args=[offer.pk]))
    return render(
        request,
        "grants/results/questions.html",
        {
            "offer": offer,
            "call": offer.call,
            "form": form,
            "refusal": refusal,
            "questions": selectors.questions_of_offer(offer),
            "window": days_of("question_answer_days"),
        },
        status=400 if form.errors else 200,
    )


def _issue_links(offer: Offer, issues: list[validation.Issue]) -> list[dict[str, Any]]:
    years = offer.years
    links = []
    for issue in issues:
        url = reverse("grants:offer_section", args=[offer.pk, issue.section])
        target = anchor(issue, years)
        links.append({"message": issue.message, "url": f"{url}#{target}" if target else url})
    return links


@login_required
def offer_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk, offer_selectors.offer_detail())
    award = selectors.award_of(offer)
    if award is None:
        raise Http404
    awarded = {row.year: row.amount for row in award.years.order_by("year")}
    requested = selectors.requested_by_year(award.version)
    lines = sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk))
    figures = budget_module.build(offer.years, lines, offer.funding.all())
    years = sorted(set(requested) | set(awarded) | set(figures.years))
    awaited = award.update == Award.Update.AWAITED and offer.status == Offer.Status.AWARDED
    problems = services.update_problems(offer) if awaited else []
    open_now = reopening(offer)
    return render(
        request,
        "grants/results/update.html",
        {
            "offer": offer,
            "call": offer.call,
            "award": award,
            "state": selectors.update_state(award),
            "rows": [
                {
                    "year": year,
                    "requested": requested.get(year, ZERO),
                    "awarded": awarded.get(year, ZERO),
                    "now": figures.sources_in(year).grant,
                }
                for year in years
            ],
            "multi_year": len(years) > 1,
            "figures": figures,
            "share_now": share(figures.grant, figures.total_cost),
            "least_cost": services.least_total_cost(award.amount, award.grant_share),
            "problems": _issue_links(offer, problems),
            "awaited": awaited,
            "reopening": open_now,
            "can_update": request.user.has_perm(UPDATE, offer),
            "why_not_update": why_not(request.user, UPDATE, offer) if awaited else None,
            "can_resign": request.user.has_perm(RESIGN, offer),
            "sections": [
                {"title": validation.section_title(slug), "url": reverse("grants:offer_section", args=[offer.pk, slug])}
                for slug in ("dzialania", "koszty")
            ],
            "file_url": reverse("grants:offer_file", args=[offer.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_resign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    title = _("Resign from the grant")
    if refusal := why_not(request.user, RESIGN, offer):
        return _refused(request, offer, title, refusal)
    form = ResignForm(request.POST if request.method == "POST" else None)
    done = submitted(
        request,
        form,
        lambda data: services.offer_resign(
            actor=request.user, offer=offer, reason=data.get("reason") or "", request=request
        ),
        success=_("You resigned from the grant; the office is told."),
    )
    if done is not None:
        return HttpResponseRedirect(offer.get_absolute_url())
    return render(
        request,
        "grants/results/resign.html",
        {"offer": offer, "call": offer.call, "form": form, "award": selectors.award_of(offer), "title": title},
        status=400 if form.errors else 200,
    )
