"""The oferent's pages of small grants (/male-granty/...): my small grants, starting an offer, the offer's page, the
one-page editor, filing with its receipt, the PDF and withdrawing.

The editor saves as the person types (HTMX posts the whole form; the answer is the save status only) and with its
buttons without JavaScript. What cannot be saved (an amount that is not a number, an end before the start, a grant
part above its line) is kept (``grants.DraftInput``) and shown again with its errors until saved or discarded.
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
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.documents import document_response
from razem.core.forms import add_service_error
from razem.core.history import history_of
from razem.core.permissions import why_not
from razem.grants.forms.filing import FilingForm
from razem.grants.models import Offer
from razem.grants.services.filing import default_declarations
from razem.organizations.models import Representative
from razem.organizations.selectors import organizations_acted_for
from razem.small_grants import estimate, limits, pdf, selectors, validation
from razem.small_grants.forms import Editor, StartForm, WithdrawForm
from razem.small_grants.services import drafts, filing

VIEW = "small_grants.view_offer"
EDIT = "small_grants.edit_offer"
FILE = "small_grants.file_offer"
WITHDRAW = "small_grants.withdraw_offer"


def _offer(request: HttpRequest, pk: int, queryset: Any = None) -> Offer:
    offer = get_object_or_404(queryset if queryset is not None else selectors.editor_offer(), pk=pk)
    if not request.user.has_perm(VIEW, offer):
        raise Http404
    return offer


def _refused(request: HttpRequest, offer: Offer | None, title: str, reason: str) -> HttpResponse:
    return render(request, "small_grants/refused.html", {"offer": offer, "title": title, "reason": reason}, status=403)


def _limits_context(offer: Offer) -> dict[str, Any]:
    """What the filing will check, for the editor and the offer's page: the figures and the limits of today."""
    today = timezone.localdate()
    figures = estimate.from_offer(offer)
    year = limits.budget_year(offer.start_date)
    context: dict[str, Any] = {
        "figures": figures,
        "limit_problems": validation.limit_problems(offer, today) if offer.is_draft else [],
        "max_amount": limits.statutory_record(limits.MAX_AMOUNT, today),
        "max_days": limits.statutory_record(limits.MAX_DAYS, today),
        "org_cap": limits.statutory_record(limits.ORG_YEAR_CAP, today),
        "days": limits.duration_days(offer.start_date, offer.end_date)
        if offer.start_date and offer.end_date and offer.start_date <= offer.end_date
        else None,
        "year": year,
    }
    if year is not None:
        context["pool"] = limits.pool(year, today)
        context["org_awarded"] = limits.awarded_small_grants(
            year=year, organization_id=offer.organization_id, exclude_offer_id=offer.pk
        )
    return context


# My small grants, starting one ---------------------------------------------------------------------------------------


@login_required
def my_small_grants(request: AuthenticatedHttpRequest) -> HttpResponse:
    offers = list(selectors.my_small_grants(user=request.user))
    context = {
        "offers": offers,
        "can_start": request.user.has_perm("small_grants.start_offer"),
        "start_refusal": why_not(request.user, "small_grants.start_offer"),
        "today": timezone.localdate(),
    }
    return render(request, "small_grants/my.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    if refusal := why_not(request.user, "small_grants.start_offer"):
        return _refused(request, None, _("Start an offer for a small grant"), refusal)
    organizations = organizations_acted_for(user=request.user)
    form = StartForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            offer = drafts.small_grant_start(
                actor=request.user, organization=form.cleaned_data["organization"], request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The offer is started; it is saved as you type."))
            return redirect("small_grants:edit", pk=offer.pk)
    today = timezone.localdate()
    context = {
        "form": form,
        "max_amount": limits.statutory_record(limits.MAX_AMOUNT, today),
        "max_days": limits.statutory_record(limits.MAX_DAYS, today),
        "org_cap": limits.statutory_record(limits.ORG_YEAR_CAP, today),
        "pool_share": limits.statutory_record(limits.POOL_SHARE, today),
    }
    return render(request, "small_grants/start.html", context, status=400 if form.errors else 200)


# The offer's page ---------------------------------------------------------------------------------------------------


@login_required
def offer_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk, selectors.editor_offer().select_related("small_grant__decision", "award"))
    user = request.user
    context = {
        "offer": offer,
        "small_grant": offer.small_grant,
        "issues": validation.filing_problems(offer) if offer.is_draft else [],
        "can_edit": user.has_perm(EDIT, offer),
        "can_file": user.has_perm(FILE, offer),
        "can_withdraw": user.has_perm(WITHDRAW, offer),
        "history": history_of(offer, public=False),
        "today": timezone.localdate(),
        **_limits_context(offer),
    }
    return render(request, "small_grants/offer.html", context)


# The editor ---------------------------------------------------------------------------------------------------------


def _stored(data: Any) -> dict[str, Any]:
    skip = {"csrfmiddlewaretoken", "revision", "add", "remove", "discard", "next"}
    return {key: data.getlist(key) for key in data if key not in skip}


def _restored(data: dict[str, Any]) -> MultiValueDict:
    return MultiValueDict(
        {key: value if isinstance(value, list) else [value] for key, value in data.items() if key[:1] != "_"}
    )


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _editor_page(request: HttpRequest, offer: Offer, editor: Editor, *, status: int = 200) -> HttpResponse:
    draft = next((d for d in offer.draft_inputs.all() if d.section == validation.EDITOR_SECTION), None)
    context = {
        "offer": offer,
        "small_grant": offer.small_grant,
        "editor": editor,
        "errors": editor.error_items() if editor.bound else [],
        "draft": draft,
        "draft_reason": (draft.data.get("_reason") if draft else "") or "",
        "draft_message": (draft.data.get("_message") if draft else "") or "",
        "issues": validation.filing_problems(offer),
        **_limits_context(offer),
    }
    return render(request, "small_grants/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if refusal := why_not(request.user, EDIT, offer):
        if request.htmx:
            return render(
                request, "small_grants/_autosave.html", {"offer": offer, "state": "refused", "message": refusal}
            )
        return _refused(request, offer, _("Edit the offer"), refusal)
    if request.method == "GET":
        draft = next((d for d in offer.draft_inputs.all() if d.section == validation.EDITOR_SECTION), None)
        if draft is not None:
            editor = Editor(offer, _restored(draft.data))
            editor.is_valid()
            return _editor_page(request, offer, editor)
        return _editor_page(request, offer, Editor(offer, add=request.GET.get("dodaj", "")))
    if "discard" in request.POST:
        drafts.small_grant_discard_input(actor=request.user, offer=offer, request=request)
        messages.success(request, _("Your unsaved changes are discarded; the page shows what is saved."))
        return redirect("small_grants:edit", pk=offer.pk)
    data = request.POST.copy()
    removed = str(data.get("remove", ""))
    prefix, _sep, index = removed.rpartition("-")
    if prefix in ("activities", "results", "lines") and index.isdigit():
        data[f"{prefix}-{index}-DELETE"] = "on"
    add = str(data.get("add", ""))
    editor = Editor(offer, data, add=add)
    state, message = "invalid", ""
    if editor.is_valid():
        try:
            offer = drafts.small_grant_save(
                actor=request.user, offer=offer, revision=_revision(request), request=request, **editor.payload()
            )
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
        drafts.small_grant_keep_input(actor=request.user, offer=offer, data=kept)
    if request.htmx:
        context = {
            "offer": offer,
            "state": state,
            "message": message,
            "errors": editor.error_items() if state == "invalid" else [],
            "saved_at": timezone.localtime(offer.updated_at),
        }
        return render(request, "small_grants/_autosave.html", context)
    if state == "saved":
        if add:
            messages.success(request, _("Saved. A new row is added below."))
            return redirect(f"{reverse('small_grants:edit', args=[offer.pk])}?dodaj={add}#{add}-new")
        messages.success(request, _("Saved."))
        if "next" in request.POST:
            return redirect("small_grants:offer", pk=offer.pk)
        return redirect("small_grants:edit", pk=offer.pk)
    offer = _offer(request, pk)
    return _editor_page(request, offer, editor, status=409 if state == "stale" else 400)


# Filing, receipt, PDF, withdrawal -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def offer_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    title = _("File the offer")
    if refusal := why_not(request.user, FILE, offer):
        return _refused(request, offer, title, refusal)
    organization = offer.organization
    people = {organization.pk: list(Representative.objects.filter(organization=organization))}
    data = request.POST if request.method == "POST" else None
    initial = {"register": default_declarations(offer)["register"]}
    form = FilingForm(data, oferents=[organization], people=people, initial=initial)
    if data is not None and form.is_valid():
        try:
            version = filing.small_grant_file(
                actor=request.user,
                offer=offer,
                signatories=form.chosen(),
                declarations=form.declarations(),
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
            offer = _offer(request, pk)
        else:
            messages.success(request, _("The offer %(number)s is filed. Keep the receipt.") % {"number": offer.number})
            return redirect("small_grants:receipt", pk=version.offer_id)
    context = {
        "offer": offer,
        "title": title,
        "form": form,
        "issues": validation.filing_problems(offer),
        "signatories": form[f"signatories_{organization.pk}"],
        "people": people[organization.pk],
        "records_url": reverse("organizations:representatives", kwargs={"pk": organization.pk}),
        "may_record": request.user.has_perm("organizations.manage_representatives_organization", organization),
        **_limits_context(offer),
    }
    return render(request, "small_grants/file.html", context, status=400 if form.errors else 200)


@login_required
def receipt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk, selectors.editor_offer().select_related("current_version__filed_by"))
    if offer.current_version is None:
        raise Http404
    context = {"offer": offer, "version": offer.current_version, "small_grant": offer.small_grant}
    return render(request, "small_grants/receipt.html", context)


def offer_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The PDF of the filed offer: for the oferent and the office, and for anyone once it is published."""
    offer = get_object_or_404(selectors.public_detail(), pk=pk)
    if not (request.user.has_perm(VIEW, offer) or request.user.has_perm("small_grants.view_public", offer)):
        raise Http404
    version = offer.current_version
    if version is None:
        raise Http404
    version.offer = offer
    snapshot = pdf.offer_pdf(version=version, actor=request.user)
    response = document_response(snapshot, filename=pdf.filename(version))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def offer_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if refusal := why_not(request.user, WITHDRAW, offer):
        return _refused(request, offer, _("Withdraw the offer"), refusal)
    form = WithdrawForm(
        request.POST or None,
        reason_label=_("Reason (optional)"),
        reason_help=_("The office reads it with the withdrawn offer."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            filing.small_grant_withdraw(
                actor=request.user, offer=offer, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The offer %(number)s is withdrawn.") % {"number": offer.number})
            return redirect("small_grants:offer", pk=offer.pk)
    return render(request, "small_grants/withdraw.html", {"offer": offer, "form": form})
