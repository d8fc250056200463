"""The attachments of an offer (/konkursy/oferty/<pk>/zalaczniki/): the list by the call's required documents,
adding a file, downloading and deleting one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.files import file_response
from razem.core.forms import add_service_error
from razem.core.permissions import why_not
from razem.grants.forms.offers.attachments import AttachmentForm
from razem.grants.models import Offer, OfferAttachment
from razem.grants.services import attachments as attachment_services
from razem.grants.views.offers import _offer, _refused

EDIT_ATTACHMENTS = "grants.edit_attachments"


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    requirements = list(offer.call.required_attachments.all()) if offer.call else []
    can_edit = request.user.has_perm(EDIT_ATTACHMENTS, offer)
    form = AttachmentForm(request.POST or None, request.FILES or None, requirements=requirements)
    if request.method == "POST":
        if refusal := why_not(request.user, EDIT_ATTACHMENTS, offer):
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
    return file_response(attachment.file, filename=attachment.name)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_delete(request: AuthenticatedHttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    offer, attachment = _attachment(request, pk, attachment_pk)
    if refusal := why_not(request.user, EDIT_ATTACHMENTS, offer):
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
