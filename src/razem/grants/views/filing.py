"""Filing an offer (the checklist, the statements, the signatories, the File button), withdrawing it, its versions
with what changed between them, the receipt of a filing and the PDF of a filed version.

The oferents' people see all of it; the office sees the versions, receipts and PDFs of an offer filed at least
once (``grants.view_offer_versions``). A second click of the File button while nothing changed files nothing and
shows the receipt of the version already filed."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404
from razem.core.documents import document_response
from razem.core.forms import add_service_error
from razem.core.permissions import why_not
from razem.core.predicates import is_city_staff
from razem.grants import content, pdf, validation
from razem.grants.forms.filing import FilingForm, WithdrawForm
from razem.grants.models import Offer, OfferVersion
from razem.grants.reopening import reopening, section_titles
from razem.grants.services import filing
from razem.grants.views.staff_offers import present
from razem.organizations.models import Representative

VIEW = "grants.view_offer"
VERSIONS = "grants.view_offer_versions"
FILE = "grants.file_offer"
WITHDRAW = "grants.withdraw_offer"


def _offer(request: HttpRequest, pk: int, perm: str = VIEW) -> Offer:
    queryset = Offer.objects.select_related("call", "organization", "current_version", "current_version__filed_by")
    return get_visible_or_404(request, queryset, perm, pk=pk)


def _version(request: HttpRequest, pk: int, number: int) -> tuple[Offer, OfferVersion]:
    offer = _offer(request, pk, VERSIONS)
    version = get_object_or_404(OfferVersion.objects.select_related("filed_by"), offer=offer, number=number)
    version.offer = offer
    return offer, version


def _refused(request: HttpRequest, offer: Offer, title: str, reason: str) -> HttpResponse:
    """A 403 page that says why, in words, and leads back to the offer."""
    return render(request, "grants/filing/refused.html", {"offer": offer, "title": title, "reason": reason}, status=403)


def _link(offer: Offer, section: str) -> str:
    if section == validation.PARTNERS:
        return reverse("grants:partners", args=[offer.pk])
    if section == validation.ATTACHMENTS:
        return reverse("grants:attachments", args=[offer.pk])
    if section in validation.SECTION_SLUGS:
        return reverse("grants:offer_section", args=[offer.pk, section])
    return offer.get_absolute_url()


def _checklist(offer: Offer) -> list[dict[str, Any]]:
    return [
        {"title": validation.section_title(section), "url": _link(offer, section), "issues": issues}
        for section, issues in validation.by_section(validation.filing_problems(offer)).items()
    ]


def _initial(offer: Offer, people: dict[int, list[Representative]]) -> dict[str, Any]:
    """What to tick at first: the statements and signatories of the current version, else the usual answers."""
    version = offer.current_version
    if version is None:
        defaults = filing.default_declarations(offer)
        return {"register": defaults["register"]}
    filed = version.content.get("declarations") or {}
    initial: dict[str, Any] = {key: filed.get(key, "") for key in ("taxes", "social_insurance", "register")}
    names = {(s.get("organization"), s.get("full_name")) for s in version.content.get("signatories", [])}
    for org_id, reps in people.items():
        initial[f"signatories_{org_id}"] = [str(r.pk) for r in reps if (r.organization.name, r.full_name) in names]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def offer_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    opened = reopening(offer)  # after the deadline: a correction, or the update after a partial award
    title = _("File the offer") if offer.current_version_id is None else _("File a corrected version")
    if opened is not None:
        title = str(opened.label)
    if refusal := why_not(request.user, FILE, offer):
        return _refused(request, offer, title, refusal)
    oferents = filing.oferents(offer)
    people: dict[int, list[Representative]] = {org.pk: [] for org in oferents}
    for person in Representative.objects.filter(organization__in=oferents).select_related("organization"):
        people[person.organization_id].append(person)
    data = request.POST if request.method == "POST" else None
    form = FilingForm(data, oferents=oferents, people=people, initial=_initial(offer, people))
    if data is not None and form.is_valid():
        try:
            version = filing.offer_file(
                actor=request.user,
                offer=offer,
                signatories=form.chosen(),
                declarations=form.declarations(),
                request=request,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == filing.UNCHANGED and offer.current_version is not None:
                messages.info(request, " ".join(error.messages))
                return redirect("grants:receipt", pk=offer.pk, number=offer.current_version.number)
            add_service_error(form, error)
            offer.refresh_from_db()
        else:
            messages.success(
                request,
                _("The offer %(number)s is filed as version %(version)s. Keep the receipt.")
                % {"number": offer.number, "version": version.number},
            )
            return redirect("grants:receipt", pk=offer.pk, number=version.number)
    call = offer.call
    context = {
        "offer": offer,
        "call": call,
        "title": title,
        "form": form,
        "checklist": _checklist(offer),
        "oferents": [
            {
                "organization": org,
                "field": form[f"signatories_{org.pk}"],
                "people": people[org.pk],
                "records_url": reverse("organizations:representatives", kwargs={"pk": org.pk}),
                "may_record": request.user.has_perm("organizations.manage_representatives_organization", org),
            }
            for org in oferents
        ],
        "deadline": call.submission_deadline if call else None,
        "now": timezone.now(),
        "joint": len(oferents) > 1,
        "reopened": opened,
        "reopened_sections": section_titles(opened.sections) if opened is not None else [],
    }
    return render(request, "grants/filing/file.html", context)


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
            filing.offer_withdraw(actor=request.user, offer=offer, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The offer %(number)s is withdrawn.") % {"number": offer.number or offer.title})
            return redirect(offer)
    return render(request, "grants/filing/withdraw.html", {"offer": offer, "form": form})


def _with_changes(versions: list[OfferVersion]) -> list[dict[str, Any]]:
    rows = []
    previous: OfferVersion | None = None
    for version in versions:
        rows.append(
            {
                "version": version,
                "previous": previous,
                "changes": content.diff(previous.content, version.content) if previous is not None else None,
            }
        )
        previous = version
    return rows


@login_required
def versions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk, VERSIONS)
    rows = _with_changes(list(offer.versions.select_related("filed_by").order_by("number")))
    context = {"offer": offer, "rows": list(reversed(rows)), "staff": is_city_staff(request.user)}
    return render(request, "grants/filing/versions.html", context)


@login_required
def version_detail(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    offer, version = _version(request, pk, number)
    previous = offer.versions.filter(number__lt=version.number).order_by("-number").first()
    context = {
        "offer": offer,
        "version": version,
        "c": version.content,
        "shown": present(version.content),
        "previous": previous,
        "changes": content.diff(previous.content, version.content) if previous is not None else None,
        "recomputed": content.content_checksum(version.content),
    }
    return render(request, "grants/filing/version.html", context)


@login_required
def receipt(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    offer, version = _version(request, pk, number)
    context = {
        "offer": offer,
        "version": version,
        "c": version.content,
        "is_current": offer.current_version_id == version.pk,
        "can_correct": request.user.has_perm(FILE, offer),
        "can_withdraw": request.user.has_perm(WITHDRAW, offer),
    }
    return render(request, "grants/filing/receipt.html", context)


@login_required
def version_pdf(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponseBase:
    _offer_, version = _version(request, pk, number)
    snapshot = pdf.offer_pdf(version=version, actor=request.user)
    response = document_response(snapshot, filename=pdf.filename(version))
    response["Cache-Control"] = "private, no-store"
    return response
