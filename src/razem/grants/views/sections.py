"""A section of the offer's form on the 2018 form (/konkursy/oferty/<pk>/edycja/<section>/) and the live summary
of the budget (section V).

A section's form is saved as the person types (HTMX posts it to the same address on change and after a pause in
typing; the answer is the save status only, so the page is never redrawn under the person's hands) and by its Save
buttons without JavaScript. Input that cannot be saved (an amount that is not a number, an end before the start) or
that arrives after someone else saved the same section is kept (``DraftInput``) and shown again, with its errors,
until it is saved or discarded. What the section still needs before filing is said next to its fields.
"""

import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.money import money
from razem.core.permissions import why_not
from razem.grants import validation
from razem.grants.budget import check
from razem.grants.forms.offers.base import Editor
from razem.grants.forms.offers.budget import BudgetEditor
from razem.grants.forms.offers.editors import EDITORS, anchor
from razem.grants.models import DraftInput, Offer
from razem.grants.reopening import Reopening, due_text, reopening, section_titles
from razem.grants.selectors import offers as selectors
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.views.offers import EDIT, _offer, _refused, _section_links

REMOVE = re.compile(r"^(lines|results|activities-\d{4})-(\d{1,3})$")
ADD = re.compile(r"^(lines|results|activities-\d{4})$")


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _stored(data: Any) -> dict[str, Any]:
    """The posted data as JSON, without the token and the editor's controls."""
    skip = {"csrfmiddlewaretoken", "revision", "add", "remove", "next", "discard", "recalculate"}
    return {key: data.getlist(key) for key in data if key not in skip}


def _restored(data: dict[str, Any]) -> MultiValueDict:
    values = {key: value if isinstance(value, list) else [value] for key, value in data.items() if key[:1] != "_"}
    return MultiValueDict(values)


def _summary(editor: BudgetEditor) -> dict[str, Any]:
    """The live sums of section V for what the budget form holds (saved or typed)."""
    figures = editor.figures()
    offer = editor.offer
    years = list(figures.years)
    names = {offer.organization_id: offer.organization.name}
    names.update({pk: org.name for pk, org in editor.oferenci.items()})
    split = []
    if editor.joint:
        for partner_id, per_year in figures.split().items():
            total = money(sum(per_year.values(), Decimal("0")))
            name = names.get(partner_id or offer.organization_id, _("(not an oferent any more)"))
            split.append({"name": name, "years": [per_year.get(y, Decimal("0")) for y in years], "total": total})
    problems = [
        {"anchor": anchor(validation.Issue("koszty", p.field, p.message), years), "message": p.message}
        for p in check(figures, offer.call)
    ]
    for item in editor.error_items():
        problems.insert(0, {"anchor": item[0], "message": f"{item[1]}: {item[2]}" if item[1] else item[2]})
    by_year = [
        {"year": y, "cost": figures.cost_in(y), "sources": figures.sources_in(y), "shares": figures.shares(y)}
        for y in years
    ]
    return {
        "figures": figures,
        "years": years,
        "multi_year": len(years) > 1,
        "lines": [
            {
                "number": line.number,
                "name": line.name,
                "administration": line.category == "administration",
                "value": line.value,
                "years": [line.year_amounts.get(y, Decimal("0")) for y in years],
            }
            for line in figures.lines
        ],
        "by_year": by_year,
        "sources": figures.sources,
        "shares": figures.shares(),
        "split": split,
        "split_years": years,
        "problems": problems,
        "fees_allowed": bool(offer.call and offer.call.recipient_fees_allowed),
    }


def _closed_section(opened: Reopening, section: str) -> str:
    """Why a section of a reopened offer cannot change (only the reopening's sections may)."""
    return _(
        "Only these parts of the offer may change now, until %(due)s: %(sections)s. “%(section)s” stays as filed; "
        "it is shown read-only."
    ) % {
        "due": due_text(opened),
        "sections": ", ".join(section_titles(opened.sections)),
        "section": validation.section_title(section),
    }


def _section_page(
    request: HttpRequest,
    offer: Offer,
    editor: Editor,
    *,
    draft: DraftInput | None = None,
    note: str = "",
    status: int = 200,
    readonly: str = "",
) -> HttpResponse:
    slug = editor.slug
    opened = reopening(offer)
    issues = validation.filing_problems(offer)
    if not editor.bound:
        editor.note(i for i in issues if i.section == slug and i.field != "draft")
    index = validation.SECTION_SLUGS.index(slug)
    previous = validation.SECTION_SLUGS[index - 1] if index else ""
    following = validation.SECTION_SLUGS[index + 1] if index + 1 < len(validation.SECTION_SLUGS) else ""
    context = {
        "offer": offer,
        "call": offer.call,
        "section": slug,
        "section_title": validation.section_title(slug),
        "sections": _section_links(offer, issues),
        "editor": editor,
        "errors": editor.error_items() if editor.bound else [],
        "draft": draft,
        "draft_reason": (draft.data.get("_reason") if draft else "") or "",
        "draft_message": (draft.data.get("_message") if draft else "") or "",
        "note": note,
        "previous": previous,
        "following": following,
        "joint": validation.is_joint(offer),
        "summary": _summary(editor) if isinstance(editor, BudgetEditor) else None,
        "can_change_organization": request.user.has_perm("organizations.change_organization", offer.organization),
        # A reopened offer (grants.reopening): only its sections open; the others are shown read-only.
        "reopened": opened,
        "open_sections": sorted(opened.sections) if opened is not None else [],
        "readonly": readonly,
    }
    return render(request, "grants/offer/section.html", context, status=status)


def _autosave_answer(
    request: HttpRequest, offer: Offer, editor: Editor, *, state: str, message: str = ""
) -> HttpResponse:
    context = {
        "offer": offer,
        "state": state,
        "message": message,
        "errors": editor.error_items() if state == "invalid" else [],
        "saved_at": timezone.localtime(offer.updated_at),
        "oob": editor.oob_inputs() if state == "saved" else [],
    }
    return render(request, "grants/offer/_autosave.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_section(request: AuthenticatedHttpRequest, pk: int, section: str) -> HttpResponse:
    if section not in EDITORS:
        raise Http404
    queryset = selectors.offer_detail() if request.method == "GET" else selectors.offer_for_editing()
    offer = _offer(request, pk, queryset)
    if refusal := why_not(request.user, EDIT, offer):
        if request.htmx:  # an autosave after the deadline: the reason, in the status
            return render(
                request, "grants/offer/_autosave.html", {"offer": offer, "state": "refused", "message": refusal}
            )
        return _refused(request, offer, validation.section_title(section), refusal)
    opened = reopening(offer)
    if opened is not None and section not in opened.sections and "discard" not in request.POST:
        closed = _closed_section(opened, section)
        if request.method == "GET":  # unsaved input kept from before the deadline can still be discarded
            draft = next((d for d in offer.draft_inputs.all() if d.section == section), None)
            return _section_page(request, offer, EDITORS[section](offer), draft=draft, readonly=closed)
        if request.htmx:
            return render(
                request, "grants/offer/_autosave.html", {"offer": offer, "state": "refused", "message": closed}
            )
        return _refused(request, offer, validation.section_title(section), closed)
    editor_class = EDITORS[section]
    add = request.GET.get("dodaj", "") if request.method == "GET" else request.POST.get("add", "")
    add = add if ADD.match(add) else ""
    if request.method == "GET":
        draft = next((d for d in offer.draft_inputs.all() if d.section == section), None)
        if draft is not None:
            editor = editor_class(offer, _restored(draft.data), add=add)
            editor.is_valid()
            return _section_page(request, offer, editor, draft=draft)
        return _section_page(request, offer, editor_class(offer, add=add))

    if "discard" in request.POST:
        offer_drafts.offer_discard_draft_input(actor=request.user, offer=offer, section=section, request=request)
        messages.success(request, _("Your unsaved changes are discarded; the section shows what is saved."))
        return redirect("grants:offer_section", pk=offer.pk, section=section)
    removed = REMOVE.match(request.POST.get("remove", ""))
    # The posted data as it came; a copy only when a row is added or removed (an autosave changes nothing in it).
    data = request.POST.copy() if removed or add else request.POST
    if removed:
        data[f"{removed.group(1)}-{removed.group(2)}-DELETE"] = "on"
    editor = editor_class(offer, data, add=add)
    state, message = "invalid", ""
    if editor.is_valid():
        try:
            offer = editor.save(actor=request.user, revision=_revision(request), request=request)
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                state, message = "stale", error.messages[0]
            else:
                editor.add_service_error(error)
        else:
            state = "saved"
    if state != "saved":
        kept = _stored(data)
        kept["_reason"] = state
        if message:
            kept["_message"] = message
        offer_drafts.offer_keep_draft_input(actor=request.user, offer=offer, section=section, data=kept)
    if request.htmx:
        return _autosave_answer(request, offer, editor, state=state, message=message)
    if state == "saved":
        messages.success(request, _("Saved."))
        if add:
            url = reverse("grants:offer_section", args=[offer.pk, section])
            return redirect(f"{url}?dodaj={add}#{add}-new")
        if removed:
            return redirect(f"{reverse('grants:offer_section', args=[offer.pk, section])}#{removed.group(1)}")
        if "next" in request.POST:
            index = validation.SECTION_SLUGS.index(section)
            if index + 1 < len(validation.SECTION_SLUGS):
                return redirect("grants:offer_section", pk=offer.pk, section=validation.SECTION_SLUGS[index + 1])
            return redirect("grants:offer", pk=offer.pk)
        return redirect("grants:offer_section", pk=offer.pk, section=section)
    offer = _offer(request, pk)
    draft = next((d for d in offer.draft_inputs.all() if d.section == section), None)
    return _section_page(request, offer, editor, draft=draft, status=409 if state == "stale" else 400)


@login_required
@require_http_methods(["GET", "POST"])
def budget_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The sums and shares of section V for the posted, unsaved form (HTMX: the summary alone; without JavaScript
    the "Recalculate" button: the whole section with the typed input and its sums, nothing saved)."""
    offer = _offer(request, pk)
    if request.method == "GET":
        return redirect("grants:offer_section", pk=offer.pk, section="koszty")
    if refusal := why_not(request.user, EDIT, offer):
        return _refused(request, offer, validation.section_title("koszty"), refusal)
    opened = reopening(offer)
    if opened is not None and "koszty" not in opened.sections:
        return _refused(request, offer, validation.section_title("koszty"), _closed_section(opened, "koszty"))
    editor = BudgetEditor(offer, request.POST.copy())
    editor.is_valid()
    if request.htmx:
        return render(request, "grants/offer/_budget_summary.html", {"summary": _summary(editor), "offer": offer})
    note = _("The sums below are recalculated from what you typed; it is not saved yet. Press “Save” to keep it.")
    return _section_page(request, offer, editor, note=note)
