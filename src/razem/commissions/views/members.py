"""The members' pages, under /konkursy/<slug>/ocena/ (issue 12, points 3 and 4).

- ``home``: the member's seat: the declaration to sign, then the offers to score with the progress; an excluded
  nominee reads why and nothing more; ``/konkursy/komisje/ocena/`` lists all the person's commissions;
- ``declaration``: the declaration of impartiality: the text (art. 24 KPA) and the admitted offers (number,
  oferents, title), each to tick when in conflict, with the nature of the conflict;
- ``offer``: the filed offer (the grants office's rendering of a filed version) with the scoring form: points
  and a justification per criterion; the commission's scores once the member has scored it;
- ``attachment``: an attachment of the filed version, for a member who may open the offer.

Everyone else is refused with the reason (a 403 page saying why).
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from razem.commissions import selectors
from razem.commissions.arithmetic import points_text
from razem.commissions.forms import DeclarationForm, ScoreForm
from razem.commissions.models import Score
from razem.commissions.predicates import is_adopted, opinion_of, seat
from razem.commissions.rules import NOT_A_MEMBER
from razem.commissions.services.declarations import declaration_sign, declaration_text
from razem.commissions.services.scores import scores_save
from razem.core.files import file_response
from razem.core.forms import submitted
from razem.core.permissions import why_not
from razem.core.slugs import get_by_slug_or_404
from razem.grants.models import Call, Offer
from razem.grants.selectors import staff as grants_staff
from razem.grants.views.staff_offers import present

# ``/konkursy/komisje/ocena/``: the person's commissions (a call cannot be reached here under this address).
MINE = "komisje"


def mine_url() -> str:
    return reverse("commissions:home", args=[MINE])


def _call(slug: str) -> Call:
    return get_by_slug_or_404(Call.objects.exclude(status=Call.Status.DRAFT), slug)


def _refused(request: HttpRequest, call: Call, title: str, reason: str, *, status: int = 403) -> HttpResponse:
    return render(
        request,
        "commissions/member/refused.html",
        {"call": call, "title": title, "reason": reason, "mine_url": mine_url()},
        status=status,
    )


@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == MINE:
        return mine(request)
    call = _call(slug)
    member = seat(request.user, call)
    title = _("My work in the commission")
    if member is None:
        return _refused(request, call, title, str(NOT_A_MEMBER))
    context: dict[str, Any] = {"call": call, "member": member, "title": title, "mine_url": mine_url()}
    if not member.excluded:
        criteria = selectors.criteria_of(call)
        rows = selectors.member_offers(member, len(criteria)) if getattr(member, "declaration", None) else []
        to_score = [r for r in rows if not r.conflict]
        context.update(
            rows=rows,
            scored=sum(1 for r in to_score if r.scored),
            to_score=len(to_score),
            can_sign=request.user.has_perm("commissions.sign_declaration", call),
            sign_refusal=why_not(request.user, "commissions.sign_declaration", call),
            adopted=opinion_of(call) if is_adopted(call) else None,
        )
    return render(request, "commissions/member/home.html", context)


def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "commissions/member/mine.html", {"seats": selectors.seats_of(request.user)})


@login_required
def declaration(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(slug)
    title = _("Declaration of impartiality")
    refusal = why_not(request.user, "commissions.sign_declaration", call)
    if refusal is not None:
        return _refused(request, call, title, refusal)
    member = seat(request.user, call)
    if member is None:  # pragma: no cover - the permission needs a seat
        raise Http404
    form = DeclarationForm(request.POST or None, offers=selectors.undeclared_offers(member))
    done = submitted(
        request,
        form,
        lambda data: declaration_sign(
            actor=request.user,  # type: ignore[arg-type]
            call=call,
            answers=form.answers(),
            confirmed=bool(data.get("confirm")),
            request=request,
        ),
        success=_("Your declaration of impartiality is signed."),
    )
    if done is not None:
        return redirect("commissions:home", call.slug)
    rows = form.rows()
    for row in rows:
        row["oferents"] = selectors.oferent_names(row["offer"])
        row["title"] = selectors.title_of(row["offer"])
    return render(
        request,
        "commissions/member/declaration.html",
        {
            "call": call,
            "member": member,
            "title": title,
            "text": declaration_text(call, member.full_name),
            "form": form,
            "rows": rows,
            "completing": getattr(member, "declaration", None) is not None,
        },
    )


def _offer(request: HttpRequest, slug: str, pk: int) -> tuple[Call, Offer, HttpResponse | None]:
    call = _call(slug)
    offer = selectors.offer_for_member(call, pk)
    offer.call = call
    refusal = why_not(request.user, "commissions.view_offer", offer)
    if refusal is not None:
        return call, offer, _refused(request, call, _("Offer %(number)s") % {"number": offer.number}, refusal)
    return call, offer, None


@login_required
def offer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    call, offer, refused = _offer(request, slug, pk)
    if refused is not None:
        return refused
    member = seat(request.user, call)
    if member is None:  # pragma: no cover - the permission needs a seat
        raise Http404
    criteria = selectors.criteria_of(call)
    mine_scores = {s.criterion_id: s for s in Score.objects.filter(member=member, offer=offer)}
    initial = {}
    for criterion in criteria:
        score = mine_scores.get(criterion.pk)
        if score is not None:
            initial[f"points_{criterion.pk}"] = points_text(score.points)
            initial[f"justification_{criterion.pk}"] = score.justification
    can_score = request.user.has_perm("commissions.score_offer", offer)
    form = ScoreForm(request.POST or None if can_score else None, criteria=criteria, initial=initial)
    if request.method == "POST" and not can_score:
        return _refused(request, call, _("Offer %(number)s") % {"number": offer.number},
                        why_not(request.user, "commissions.score_offer", offer) or "")  # fmt: skip
    done = submitted(
        request,
        form,
        lambda data: scores_save(
            actor=request.user,  # type: ignore[arg-type]
            offer=offer,
            points=form.points(),
            justifications=form.justifications(),
            request=request,
        ),
        success=_("Your scores of offer %(number)s are saved.") % {"number": offer.number},
    )
    if done is not None:
        return HttpResponseRedirect(reverse("commissions:offer", args=[call.slug, offer.pk]) + "#scores-title")
    version = offer.current_version
    if version is None:  # pragma: no cover - the offers evaluated were filed
        raise Http404
    content = version.content or {}
    scored = bool(criteria) and all(c.pk in mine_scores for c in criteria)
    rows = selectors.member_offers(member, len(criteria))
    following = next((r for r in rows if not r.conflict and not r.scored and r.offer.pk != offer.pk), None)
    return render(
        request,
        "commissions/member/offer.html",
        {
            "call": call,
            "offer": offer,
            "member": member,
            "version": version,
            "content": content,
            "shown": present(content),
            "figures": grants_staff.figures(version),
            "oferents": grants_staff.oferent_names(version),
            "attachments": [
                {
                    **row,
                    "url": reverse("commissions:attachment", args=[call.slug, offer.pk, row["stored"].pk])
                    if row["stored"]
                    else "",
                }
                for row in grants_staff.attachment_links(offer, version)
            ],
            "form": form,
            "rows": form.rows(),
            "can_score": can_score,
            "score_refusal": None if can_score else why_not(request.user, "commissions.score_offer", offer),
            "scored": scored,
            "mine": [(c, mine_scores.get(c.pk)) for c in criteria],
            "scores": selectors.offer_scores(offer, criteria) if scored else [],
            "criteria": criteria,
            "following": following,
        },
    )


@login_required
def attachment(request: HttpRequest, slug: str, pk: int, attachment_pk: int) -> FileResponse | HttpResponse:
    call, offer, refused = _offer(request, slug, pk)
    if refused is not None:
        return refused
    version = offer.current_version
    if version is None:  # pragma: no cover - the offers evaluated were filed
        raise Http404
    listed = [row["stored"] for row in grants_staff.attachment_links(offer, version) if row["stored"] is not None]
    found = next((a for a in listed if a.pk == attachment_pk), None)
    if found is None:
        raise Http404
    return file_response(found.file, filename=found.name)
