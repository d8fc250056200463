"""The offer editor (/konkursy/...): my offers, starting an offer, the offer's page, its sections on the 2018 form,
the live budget summary, the partners of a joint offer and the attachments.

A section's form is saved as the person types (HTMX posts it to the same address on change and after a pause in
typing; the answer is the save status only, so the page is never redrawn under the person's hands) and by its Save
buttons without JavaScript. Input that cannot be saved (an amount that is not a number, an end before the start) or
that arrives after someone else saved the same section is kept (``DraftInput``) and shown again, with its errors,
until it is saved or discarded. What the offer still needs before filing is said next to the fields and listed on
the offer's page, with links.
"""

import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404
from razem.core.files import document_content_type
from razem.core.forms import add_service_error
from razem.core.money import money
from razem.core.permissions import why_not
from razem.grants import validation
from razem.grants.budget import Budget, build, check, from_offer
from razem.grants.forms.offers import (
    EDITORS,
    AttachmentForm,
    BudgetEditor,
    Editor,
    PartnerSearchForm,
    StartForm,
    anchor,
)
from razem.grants.models import Call, DraftInput, Offer, OfferAttachment, OfferPartner
from razem.grants.selectors import offers as selectors
from razem.grants.services import attachments as attachment_services
from razem.grants.services import offers as services
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for

VIEW = "grants.view_offer"
EDIT = "grants.edit_offer"
INVITE = "grants.invite_partner"
DECIDE = "grants.decide_partnership"
FILE = "grants.file_offer"
REMOVE = re.compile(r"^(lines|results|activities-\d{4})-(\d{1,3})$")
ADD = re.compile(r"^(lines|results|activities-\d{4})$")


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
        "filed": [r for r in rows if r["offer"].status == Offer.Status.FILED],
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
            offer = services.offer_start(
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


# A section of the form ---------------------------------------------------------------------------------------------


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


def _section_page(
    request: HttpRequest,
    offer: Offer,
    editor: Editor,
    *,
    draft: DraftInput | None = None,
    note: str = "",
    status: int = 200,
) -> HttpResponse:
    slug = editor.slug
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
        services.offer_discard_draft_input(actor=request.user, offer=offer, section=section, request=request)
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
        services.offer_keep_draft_input(actor=request.user, offer=offer, section=section, data=kept)
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
    editor = BudgetEditor(offer, request.POST.copy())
    editor.is_valid()
    if request.htmx:
        return render(request, "grants/offer/_budget_summary.html", {"summary": _summary(editor), "offer": offer})
    note = _("The sums below are recalculated from what you typed; it is not saved yet. Press “Save” to keep it.")
    return _section_page(request, offer, editor, note=note)


# Partners of a joint offer -----------------------------------------------------------------------------------------


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
                services.partner_remove(actor=request.user, partner=partner, request=request)
                messages.success(request, _("%(org)s is no longer a partner of this offer.") % {"org": name})
            else:
                organization = get_object_or_404(Organization, pk=request.POST.get("organization") or 0)
                services.partner_invite(actor=request.user, offer=offer, organization=organization, request=request)
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
            services.partner_decide(actor=request.user, partner=partner, accept=accept, request=request)
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


# Attachments -------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    requirements = list(offer.call.required_attachments.all()) if offer.call else []
    can_edit = request.user.has_perm(EDIT, offer)
    form = AttachmentForm(request.POST or None, request.FILES or None, requirements=requirements)
    if request.method == "POST":
        if refusal := why_not(request.user, EDIT, offer):
            return _refused(request, offer, _("Attachments"), refusal)
        if form.is_valid():
            try:
                attachment = attachment_services.attachment_add(
                    actor=request.user,
                    offer=offer,
                    upload=form.cleaned_data["file"],
                    requirement=form.cleaned_data["requirement_obj"],
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The file %(name)s is attached.") % {"name": attachment.name})
                return redirect("grants:attachments", pk=offer.pk)
        offer = _offer(request, pk)
    files = list(offer.attachments.all())
    filed_at = offer.current_version.filed_at if offer.current_version_id and offer.current_version else None
    listed = []
    for requirement in requirements:
        mine = [f for f in files if f.requirement_id == requirement.pk]
        listed.append({"requirement": requirement, "files": mine})
    others = [f for f in files if f.requirement_id is None or f.requirement_id not in {r.pk for r in requirements}]
    context = {
        "offer": offer,
        "requirements": listed,
        "others": others,
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "filed_at": filed_at,
    }
    return render(request, "grants/offer/attachments.html", context, status=400 if form.errors else 200)


def _attachment(request: HttpRequest, pk: int, attachment_pk: int) -> tuple[Offer, OfferAttachment]:
    offer = _offer(request, pk, Offer.objects.select_related("call", "organization", "current_version"))
    attachment = get_object_or_404(OfferAttachment, pk=attachment_pk, offer=offer)
    attachment.offer = offer
    return offer, attachment


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    _offer_obj, attachment = _attachment(request, pk, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=document_content_type(attachment.name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def attachment_delete(request: AuthenticatedHttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    offer, attachment = _attachment(request, pk, attachment_pk)
    if refusal := why_not(request.user, EDIT, offer):
        return _refused(request, offer, _("Delete an attachment"), refusal)
    error = ""
    if request.method == "POST":
        try:
            attachment_services.attachment_delete(actor=request.user, attachment=attachment, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The file %(name)s is deleted.") % {"name": attachment.name})
            return redirect("grants:attachments", pk=offer.pk)
    context = {"offer": offer, "attachment": attachment, "error": error}
    return render(request, "grants/offer/attachment_delete.html", context, status=400 if error else 200)
