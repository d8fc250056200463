"""The formal check in the office (under /panel/konkursy/<slug>/):

- ``checks`` (``ocena-formalna/``): every offer the check concerns, with its state, the progress of its checklist on
  the current version, its calls for corrections (open, corrected, lapsed);
- ``check_items`` (``ocena-formalna/wymogi/``): the call's checklist: the defaults, the office's own points, which
  can be corrected; add, mark, remove (until the check of the first offer has ended);
- ``offer_check`` (``oferty/<pk>/ocena-formalna/``): one offer: a finding and a note per point (Razem's own findings
  suggested), then admit, call for corrections (the parts to correct, the message, the deadline with its legal
  basis), or reject formally with the reasons.

City staff only (``grants.view_checks``; 403 for anyone else); the writes say why not when refused (the deadline not
passed, a point not met ...), next to the form that asked, with everything typed kept.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.permissions import why_not
from razem.grants import checks as check_defaults
from razem.grants import schedule
from razem.grants.forms.checks import CheckItemForm, CorrectionForm, FindingsForm, RejectForm
from razem.grants.models import Call, CheckItem, CheckResult, Offer
from razem.grants.reopening import section_titles
from razem.grants.selectors import checks as selectors
from razem.grants.selectors.staff import call_for_office
from razem.grants.services import checks as services

VIEW = "grants.view_checks"
CHECK = "grants.check_offer"
MANAGE = "grants.manage_check_items"


def _head(call: Call) -> dict[str, Any]:
    """What the call's office header (grants/staff/_call_header.html) reads."""
    now = timezone.now()
    return {
        "call": call,
        "phase_label": Call.Phase(call.phase(now)).label,
        "left": schedule.time_left(call.submission_deadline, now),
    }


@login_required
def checks(request: HttpRequest, slug: str) -> HttpResponse:
    require_perm(request, VIEW)
    call = call_for_office(slug)
    rows = selectors.checked_offers(call)
    counts = {
        "waiting": sum(1 for r in rows if r.offer.status == Offer.Status.FILED),
        "correcting": sum(1 for r in rows if r.offer.status == Offer.Status.CORRECTING),
        "rejected": sum(1 for r in rows if r.offer.status == Offer.Status.REJECTED),
        "lapsed": sum(1 for r in rows if r.lapsed),
    }
    counts["admitted"] = len(rows) - counts["waiting"] - counts["correcting"] - counts["rejected"]
    context = {
        **_head(call),
        "rows": rows,
        "counts": counts,
        "items": rows[0].total if rows else None,
        "closed": not call.accepts_offers(),
        "today": timezone.localdate(),
    }
    return render(request, "grants/staff/checks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def check_items(request: HttpRequest, slug: str) -> HttpResponse:
    require_perm(request, VIEW)
    call = call_for_office(slug)
    services.call_ensure_checklist(actor=request.user, call=call, request=request)  # type: ignore[arg-type]
    refusal = why_not(request.user, MANAGE, call)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = CheckItemForm(request.POST if action == "add" else None, prefix="new")
    errors: list[str] = []
    status = 200
    if action == "add":
        added = submitted(
            request,
            form,
            lambda data: services.check_item_add(
                actor=request.user,  # type: ignore[arg-type]
                call=call,
                name=data["name"],
                description=data["description"],
                remediable=data["remediable"],
                request=request,
            ),
            success=_("The requirement is added to the checklist."),
        )
        if added is not None:
            return redirect(f"{reverse('grants_staff:check_items', args=[call.slug])}#item-{added.pk}")
        status = 400
    elif action in {"toggle", "remove"}:
        item = get_object_or_404(CheckItem, call=call, pk=request.POST.get("item") or 0)
        try:
            if action == "toggle":
                services.check_item_update(
                    actor=request.user,  # type: ignore[arg-type]
                    item=item,
                    name=item.name,
                    description=item.description,
                    remediable=not item.remediable,
                    request=request,
                )
                messages.success(request, _("Saved."))
            else:
                services.check_item_remove(actor=request.user, item=item, request=request)  # type: ignore[arg-type]
                messages.success(request, _("The requirement “%(name)s” is removed.") % {"name": item.name})
        except ValidationError as error:
            errors = list(error.messages)
            status = 400
        else:
            return redirect("grants_staff:check_items", slug=call.slug)
    elif action:
        status = 400
    items = list(CheckItem.objects.filter(call=call).order_by("position", "id"))
    found = set(CheckResult.objects.filter(item__call=call).values_list("item_id", flat=True).distinct())
    context = {
        **_head(call),
        "items": [{"item": item, "found": item.pk in found} for item in items],
        "form": form,
        "errors": errors,
        "refusal": refusal,
        "can_manage": refusal is None,
    }
    return render(request, "grants/staff/checks_items.html", context, status=status)


def _suggested_sections(rows: list[selectors.ChecklistRow], found: dict[int, check_defaults.Prefinding]) -> list[str]:
    """The parts to correct that the defects found point at (the officer may choose others)."""
    sections: list[str] = []
    for row in rows:
        if row.result is not None and row.result.outcome == CheckResult.Outcome.DEFECT:
            sections += check_defaults.default_sections(row.item.code)
            prefinding = found.get(row.item.pk)
            if prefinding is not None:
                sections += prefinding.sections
    return list(dict.fromkeys(sections))


@login_required
@require_http_methods(["GET", "POST"])
def offer_check(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_perm(request, VIEW)
    call = call_for_office(slug)
    offer = selectors.offer_for_check(call, pk)
    user: Any = request.user
    items = services.call_ensure_checklist(actor=user, call=call, request=request)
    refusal = why_not(user, CHECK, offer)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    rows = selectors.offer_checklist(offer)
    results = {row.item.pk: row.result for row in rows if row.result is not None}
    found = check_defaults.prefindings(offer, items) if offer.status == Offer.Status.FILED else {}
    findings_form = FindingsForm(
        request.POST if action == "findings" else None, items=items, results=results, prefindings=found
    )
    correction_form = CorrectionForm(
        request.POST if action == "correct" else None,
        prefix="correction",
        initial={"sections": _suggested_sections(rows, found)},
    )
    reject_form = RejectForm(request.POST if action == "reject" else None, prefix="reject")
    admit_errors: list[str] = []
    here = reverse("grants_staff:offer_check", args=[call.slug, offer.pk])
    done: Any = None
    if action == "findings":
        done = submitted(
            request,
            findings_form,
            lambda data: services.offer_record_findings(
                actor=user, offer=offer, findings=findings_form.findings(), request=request
            ),
            success=_("The findings are recorded."),
        )
        if done is not None:
            return redirect(f"{here}#findings")
    elif action == "admit":
        try:
            services.offer_admit(actor=user, offer=offer, request=request)
        except ValidationError as error:
            admit_errors = list(error.messages)
        else:
            messages.success(
                request, _("The offer %(number)s is admitted: formally correct.") % {"number": offer.number}
            )
            return redirect(here)
    elif action == "correct":
        done = submitted(
            request,
            correction_form,
            lambda data: services.offer_request_correction(
                actor=user, offer=offer, sections=data["sections"], message=data["reason"], request=request
            ),
            success=_("The call for corrections is sent to the oferent."),
        )
        if done is not None:
            return redirect(here)
    elif action == "reject":
        done = submitted(
            request,
            reject_form,
            lambda data: services.offer_reject_formally(
                actor=user, offer=offer, reason=data["reason"], request=request
            ),
            success=_("The offer %(number)s is rejected formally; the oferent is told.") % {"number": offer.number},
        )
        if done is not None:
            return redirect(here)
    requests = list(offer.correction_requests.all())
    latest = requests[-1] if requests else None
    versions = sorted(offer.versions.all(), key=lambda v: v.number)
    answered_from = None
    if latest is not None and latest.answered_version_id:
        earlier = [v for v in versions if v.number < latest.answered_version.number]  # type: ignore[union-attr]
        answered_from = earlier[-1].number if earlier else None
    status = (
        400
        if action and (admit_errors or any(f.errors for f in (findings_form, correction_form, reject_form)))
        else 200
    )
    context = {
        **_head(call),
        "offer": offer,
        "version": offer.current_version,
        "rows": [
            {
                "row": row,
                "prefinding": found.get(row.item.pk),
                "outcome": findings_form[f"outcome_{row.item.pk}"],
                "note": findings_form[f"note_{row.item.pk}"],
            }
            for row in rows
        ],
        "findings_form": findings_form,
        "correction_form": correction_form,
        "reject_form": reject_form,
        "admit_errors": admit_errors,
        "refusal": refusal,
        "can_check": refusal is None,
        "is_waiting": offer.status == Offer.Status.FILED,
        "is_correcting": offer.status == Offer.Status.CORRECTING,
        "requests": [{"request": r, "sections": section_titles(r.fields)} for r in requests],
        "latest": latest,
        "answered_from": answered_from,
        "due": services.correction_deadline(),
        "today": timezone.localdate(),
    }
    return render(request, "grants/staff/checks_offer.html", context, status=status)
