"""City staff pages of the NGO registry, under /panel/organizacje/: the list of every organization and the
verification queue, verification against the KRS extract, and imports from CSV/XLSX with their progress.

Views stay thin: the list is the staff list kit (``razem.core.lists``) over
``selectors.organizations_for_staff``, the decisions are the verification workflow's (``services.VERIFICATION``),
every write goes through a service. What the verification page compares lives in ``organizations.verification``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core import spreadsheet
from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.history import history_of
from razem.core.lists import EXPORT_PARAM, Column, Export, staff_list
from razem.core.models import District, LogEntry
from razem.organizations import export, importer, krs, selectors, services, verification
from razem.organizations.forms import ImportForm, StaffFilterForm, StatusForm
from razem.organizations.models import ImportJob, Membership, Organization, TargetGroup

PAGE_SIZE = 50
REJECTED_PAGE_SIZE = 100
RECENT_IMPORTS = 20
KRS_SEARCH_URL = "https://wyszukiwarka-krs.ms.gov.pl/"
Status = Organization.Status


# The list of every organization, and the queue of those awaiting verification


@login_required
def organization_list(request: HttpRequest) -> HttpResponseBase:
    return _organization_list(request, queue=False)


@login_required
def verification_queue(request: HttpRequest) -> HttpResponseBase:
    return _organization_list(request, queue=True)


def _export_columns() -> list[Column]:
    """The export has the public columns of the directory and the status (``organizations.export``)."""
    return [
        Column(f"c{number}", label, value) for number, (label, value) in enumerate(export.columns(with_status=True))
    ]


def _organization_list(request: HttpRequest, *, queue: bool) -> HttpResponseBase:
    """The kit's list (``razem.core.lists``); the order is the filter form's "Sort by", as in the directory."""
    require_perm(request, "organizations.list_all_organization")
    data = request.GET.copy()
    if queue and not data.get("sortuj"):
        data["sortuj"] = "najstarsze"  # the queue: who has waited longest comes first, and the form says so
    form = StaffFilterForm(data or None)
    if queue:
        del form.fields["status"]
    organizations = selectors.organizations_for_staff(queue=queue)
    if request.GET.get(EXPORT_PARAM):
        organizations = organizations.prefetch_related("areas")  # the export's areas column, without a query a row
    return staff_list(
        request,
        template="organizations/staff/list.html",
        queryset=organizations,
        filters=form,
        columns=_export_columns(),
        default_sort="",
        per_page=PAGE_SIZE,
        export=Export(
            stem="organizacje-do-weryfikacji" if queue else "organizacje-wszystkie",
            sheet_title=gettext_lazy("Organizations"),
            action="organizations.organization.exported",
        ),
        context={"queue": queue, "counts": selectors.organization_status_counts()},
    )


@login_required
def organization_verify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(selectors.organization_detail(pk=pk))
    require_perm(request, "organizations.verify_organization", organization)
    form = StatusForm(
        request.POST if request.method == "POST" else None,
        transitions=services.VERIFICATION.available(organization, request.user),
    )
    saved = submitted(
        request,
        form,
        lambda data: services.organization_set_status(
            actor=request.user,
            organization=organization,
            status=data["status"],
            reason=data["reason"],
            request=request,
        ),
        success=lambda saved: (
            _("Saved: %(name)s is now “%(status)s”. Its administrators have been notified.")
            % {"name": saved.name, "status": saved.get_status_display()}
        ),
    )
    if saved is not None:
        return HttpResponseRedirect(reverse("organizations_staff:verify", kwargs={"pk": saved.pk}))
    return render(request, "organizations/staff/verify.html", _verification_context(organization, form))


def _verification_context(organization: Organization, form: StatusForm) -> dict[str, Any]:
    extract = verification.stored_extract(organization)
    rows = verification.comparisons(organization, extract) if extract else []
    memberships = [m for m in selectors.members_of(organization=organization) if m.status == Membership.Status.ACTIVE]
    people, board_rows = verification.people(memberships, extract)
    registered = (
        LogEntry.objects.for_object(organization)
        .filter(action="organizations.organization.registered")
        .order_by("created_at", "id")
        .first()
    )
    next_in_queue = (
        Organization.objects.filter(status=Status.PENDING)
        .exclude(pk=organization.pk)
        .order_by("created_at", "id")
        .only("pk", "name")
        .first()
    )
    return {
        "organization": organization,
        "form": form,
        "extract": extract,
        "comparisons": rows,
        "mismatches": sum(1 for row in rows if row.differs),
        "people": people,
        "board_rows": board_rows,
        "checklist": verification.checklist(
            organization, extract, rows, people, registered.actor_id if registered else None
        ),
        "history": history_of(organization, public=False),
        "registrant": registered.actor_label if registered else "",
        "in_krs": bool(organization.krs),
        "krs_search_url": KRS_SEARCH_URL,
        "next_in_queue": next_in_queue,
        "counts": selectors.organization_status_counts(),
    }


@login_required
@require_POST
def organization_krs_fetch(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Fetch the current KRS extract and keep it on the organization; a KRS outage is said, never an error page."""
    organization = get_object_or_404(Organization, pk=pk)
    require_perm(request, "organizations.verify_organization", organization)
    target = reverse("organizations_staff:verify", kwargs={"pk": organization.pk}) + "#krs"
    if not organization.krs:
        messages.error(request, _("This organization has no KRS number, so there is no KRS extract to fetch."))
        return HttpResponseRedirect(target)
    try:
        extract = krs.fetch_extract(organization.krs)
    except krs.KrsUnavailable:
        messages.error(
            request,
            _(
                "The KRS service cannot be reached right now, so the extract was not fetched. The rest of the page "
                "works: try again in a few minutes, or check the entry in the KRS search at %(url)s."
            )
            % {"url": KRS_SEARCH_URL},
        )
    except krs.KrsNotFound:
        messages.warning(
            request,
            _(
                "KRS has no entity with number %(krs)s in the register of associations (S) nor of entrepreneurs "
                "(P). Check the number with the organization."
            )
            % {"krs": organization.krs},
        )
    else:
        services.organization_store_krs_extract(
            organization=organization, extract=extract, actor=request.user, request=request
        )
        messages.success(request, _("The current KRS extract has been fetched."))
    return HttpResponseRedirect(target)


# Imports


def column_guide() -> list[dict[str, Any]]:
    """The documented import columns, in template order, with what each accepts."""
    help_texts = {
        "nazwa": _("Full name, up to 300 characters."),
        "nazwa_skrocona": _("Short name, up to 100 characters."),
        "forma_prawna": _("One of: %(values)s (or the name of the form in words).")
        % {"values": ", ".join(Organization.LegalForm.values)},
        "rejestr": _("One of: %(values)s. Empty: krs when a KRS number is given, otherwise brak.")
        % {"values": ", ".join(Organization.RegisterType.values)},
        "krs": _("10 digits; shorter numbers are padded with zeros. Re-imports update by this number."),
        "numer_w_rejestrze": _("The number in another register, for organizations outside KRS."),
        "nip": _("10 digits, the check digit is checked."),
        "regon": _("9 or 14 digits, the check digit is checked."),
        "opp": _("tak or nie (also 1/0, t/n, x). Empty: nie."),
        "ulica": _("Street and number."),
        "kod_pocztowy": _("00-000."),
        "miejscowosc": _("Empty: Kraków."),
        "dzielnica": _("The district's number (1–18), Roman numeral (I–XVIII) or name."),
        "obszary": _("Item numbers of art. 4 of the Act, separated by ; or , (e.g. 1;16;32a)."),
        "grupy_docelowe": _("Codes separated by ; or , (e.g. %(codes)s).") % {"codes": "seniorzy;dzieci"},
        "opis": _("Plain text."),
        "www": _("Address of the website; https:// is added when missing."),
        "email": _("E-mail address."),
        "telefon": _("Phone number."),
        "status": _(
            "One of: %(values)s. Empty: verified for a new organization; one already in Razem keeps its status."
        )
        % {"values": ", ".join(Status.values)},
    }
    return [
        {
            "name": name,
            "required": name in importer.REQUIRED,
            "aliases": [a for a in aliases if a != name],
            "help": help_texts.get(name, ""),
        }
        for name, aliases in importer.COLUMNS.items()
    ]


@login_required
def import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "organizations.import_organization")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.import_start(actor=request.user, upload=form.cleaned_data["file"], request=request)
        return HttpResponseRedirect(reverse("organizations_staff:import_job", kwargs={"pk": job.pk}))
    jobs = ImportJob.objects.select_related("created_by").defer("errors")[:RECENT_IMPORTS]
    return render(
        request,
        "organizations/staff/import.html",
        {
            "form": form,
            "jobs": jobs,
            "columns": column_guide(),
            "districts": District.objects.all(),
            "target_groups": TargetGroup.objects.all(),
            "counts": selectors.organization_status_counts(),
        },
    )


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty import file with the documented header: UTF-8 with BOM, ``;`` separated (Polish Excel)."""
    require_perm(request, "organizations.import_organization")
    content = "\ufeff" + ";".join(importer.COLUMNS) + "\r\n"
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wzor-importu-organizacji.csv"'
    return response


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "organizations.import_organization")
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    context = {
        "job": job,
        "active": job.status in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING},
        "rejected": Paginator(job.errors or [], REJECTED_PAGE_SIZE).get_page(request.GET.get("strona")),
    }
    if getattr(request, "htmx", False):
        response = render(request, "organizations/staff/import_job.html#progress", context)
    else:
        context["counts"] = selectors.organization_status_counts()
        response = render(request, "organizations/staff/import_job.html", context)
    patch_vary_headers(response, ("HX-Request",))  # the same URL answers with a fragment or a whole page
    return response


@login_required
def import_job_rejected(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The rejected rows as CSV: line, reasons and the row as it was in the file, ready to correct and re-import.

    The extra columns ``wiersz`` and ``powody`` are ignored by the importer."""
    require_perm(request, "organizations.import_organization")
    job = get_object_or_404(ImportJob, pk=pk)
    reasons = {int(e["line"]): e.get("errors") or [] for e in job.errors or []}
    originals: dict[int, dict[str, str]] = {}
    try:
        with job.file.open("rb") as handle:
            _total, rows = importer.read_rows(job.original_name, handle.read())
        originals = {row.line: row.values for row in rows if row.line in reasons}
    except (OSError, ValueError, importer.FileProblem):
        pass  # the file is gone or unreadable: the lines and reasons are still worth having

    # Only the columns the original file had: re-importing the corrected rows must not clear the fields of
    # columns the file never mentioned (an update changes only the columns a file has).
    present = {column for values in originals.values() for column in values}
    columns = [column for column in importer.COLUMNS if column in present]
    table = (
        [str(line), "; ".join(errors), *(originals.get(line, {}).get(c, "") for c in columns)]
        for line, errors in reasons.items()
    )
    response = spreadsheet.csv_response(["wiersz", "powody", *columns], table, stem=f"import-{job.pk}")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-odrzucone-wiersze.csv"'
    return response
