"""Public pages of the NGO registry: the directory and its export, profiles, registration and editing."""

import dataclasses
import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core import registry
from razem.core.access import get_visible_or_404, require_perm
from razem.core.forms import add_service_error
from razem.core.http import HtmxHttpRequest
from razem.core.pagination import paginate
from razem.core.throttle import throttled
from razem.organizations import export as org_export
from razem.organizations import krs, selectors, services
from razem.organizations.forms import DirectoryFilterForm, JoinForm, KrsLookupForm, OrganizationForm
from razem.organizations.models import Membership, Organization

logger = logging.getLogger(__name__)

PAGE_SIZE = 25
# The KRS extract found at step 1 of the registration, kept until the organization is saved at step 2.
SESSION_KRS_EXTRACT = "organizations.krs_extract"
VIEW = "organizations.view_organization"


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("strona", None)
    return query.urlencode()


def _directory_list(form: DirectoryFilterForm) -> QuerySet[Organization]:
    if not form.is_valid():
        return Organization.objects.none()
    return selectors.organization_directory(filters=form.filters())


# The directory


def directory(request: HtmxHttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET)
    number = request.GET.get("strona")
    if form.is_valid():
        page = selectors.organization_directory_page(filters=form.filters(), number=number, per_page=PAGE_SIZE)
    else:
        page = paginate(Organization.objects.none(), number, PAGE_SIZE)
    query = query_without_page(request)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filtered": any(v for k, v in request.GET.items() if k not in {"strona", "sortuj"}),
        "can_export": request.user.has_perm("organizations.export_organization"),
    }
    template = "organizations/directory.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The directory as filtered on screen, all pages, public fields only."""
    require_perm(request, "organizations.export_organization")
    organizations = _directory_list(DirectoryFilterForm(request.GET))
    if fmt == "xlsx":
        return org_export.xlsx_response(organizations)
    return org_export.csv_response(organizations)


# The profile


def detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    organization = get_visible_or_404(request, selectors.organization_detail(pk=pk), VIEW, pk=pk)
    if slug != (organization.slug or "o"):
        return HttpResponsePermanentRedirect(organization.get_absolute_url())
    return render_detail(request, organization)


def detail_without_slug(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(request, Organization.objects.only("pk", "slug", "status"), VIEW, pk=pk)
    return HttpResponsePermanentRedirect(organization.get_absolute_url())


def _only_admin(organization: Organization, user: Any) -> bool:
    """The person is the organization's only active administrator (the service would refuse to let them go)."""
    admins = Membership.objects.active().filter(organization=organization, role=Membership.Role.ADMIN)
    return not admins.exclude(user=user).exists()


def render_detail(
    request: HttpRequest, organization: Organization, *, join_form: JoinForm | None = None
) -> HttpResponse:
    user = request.user
    membership = (
        Membership.objects.filter(organization=organization, user=user).first() if user.is_authenticated else None
    )
    can_join = user.has_perm("organizations.join_organization", organization)
    context: dict[str, Any] = {
        "organization": organization,
        "membership": membership,
        "can_join": can_join,
        "join_form": (join_form or JoinForm()) if can_join else None,
        "can_leave": user.has_perm("organizations.leave_organization", organization)
        and not (membership and membership.role == Membership.Role.ADMIN and _only_admin(organization, user)),
        "can_withdraw": user.has_perm("organizations.withdraw_request_organization", organization),
        "can_change": user.has_perm("organizations.change_organization", organization),
        "can_view_members": user.has_perm("organizations.view_members_organization", organization),
        "can_view_representatives": user.has_perm("organizations.view_representatives_organization", organization),
        "can_verify": user.has_perm("organizations.verify_organization", organization),
    }
    # What the other apps show on the profile (razem.core.registry.profile_sections): their sections, and the
    # links of the people acting for the organization.
    sections, actions = [], []
    for section in registry.profile_sections:
        found = section.context(organization, user)
        if found is None:
            continue
        actions.extend(found.pop("actions", []))
        if section.template:
            sections.append((section.template, found))
    context.update(profile_sections=sections, profile_actions=actions)
    return render(request, "organizations/detail.html", context)


# Registration: step 1 asks for the KRS number, step 2 is the form (filled in from KRS when the lookup worked).


def _remember_extract(request: HttpRequest, extract: krs.KrsExtract) -> None:
    request.session[SESSION_KRS_EXTRACT] = dataclasses.asdict(extract)


def _remembered_extract(request: HttpRequest, number: str) -> krs.KrsExtract | None:
    data = request.session.get(SESSION_KRS_EXTRACT)
    if not number or not isinstance(data, dict) or data.get("krs") != number:
        return None
    try:
        board = [krs.BoardMember(**member) for member in data.get("board") or []]
        return krs.KrsExtract(**{**data, "board": board})
    except TypeError:  # stored by an older version of the extract
        return None


def _lookup(request: HttpRequest, lookup: KrsLookupForm) -> HttpResponse:
    number = lookup.cleaned_data["krs"]
    existing = Organization.objects.filter(krs=number).only("pk", "name", "slug", "status").first()
    if existing is not None:
        lookup.add_error(
            "krs", _("This KRS number is already registered in Razem by: %(name)s.") % {"name": existing.name}
        )
        visible = existing if request.user.has_perm(VIEW, existing) else None
        return render(request, "organizations/register_lookup.html", {"lookup": lookup, "existing": visible})
    initial: dict[str, Any] = {"krs": number, "register_type": Organization.RegisterType.KRS}
    notices: list[tuple[str, str]] = []
    try:
        extract = krs.fetch_extract(number)
    except krs.KrsUnavailable as exc:
        logger.warning("KRS lookup of %s failed: %s", number, exc)
        notices.append(
            (
                "warning",
                _(
                    "We could not connect to the National Court Register (KRS) just now, so the form is empty. "
                    "Fill it in yourself: the city office will check the data against KRS when verifying."
                ),
            )
        )
    except krs.KrsNotFound:
        notices.append(
            (
                "warning",
                _(
                    "No organization with KRS number %(krs)s was found in the National Court Register. "
                    "Check the number, or fill in the form yourself."
                )
                % {"krs": number},
            )
        )
    else:
        _remember_extract(request, extract)
        initial.update({k: v for k, v in extract.as_form_data().items() if v})
        if extract.is_opp:
            initial["is_opp"] = True
        notices.append(
            (
                "success",
                _(
                    "We filled in the form from the KRS extract. Check the data, then add the areas, "
                    "the description and the contacts."
                ),
            )
        )
        if extract.in_liquidation:
            notices.append(("warning", _("According to KRS the organization is in liquidation.")))
        if not extract.seat_in_krakow:
            notices.append(
                ("info", _("According to KRS the organization's seat is outside Kraków. You can still register it."))
            )
    form = OrganizationForm(initial=initial)
    return render(request, "organizations/register_form.html", {"form": form, "notices": notices})


@login_required
@require_http_methods(["GET", "POST"])
@throttled("organizations.register", key="user")
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "organizations.register_organization")
    if request.method == "POST":
        return _register_save(request)
    if "krs" in request.GET:
        lookup = KrsLookupForm(request.GET)
        if lookup.is_valid():
            return _lookup(request, lookup)
        return render(request, "organizations/register_lookup.html", {"lookup": lookup})
    if request.GET.get("bez-krs"):
        form = OrganizationForm(initial={"register_type": Organization.RegisterType.LOCAL})
        return render(request, "organizations/register_form.html", {"form": form, "without_krs": True})
    return render(request, "organizations/register_lookup.html", {"lookup": KrsLookupForm()})


def _register_save(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                organization = services.organization_register(
                    actor=request.user,
                    data=form.profile_data(),
                    areas=form.cleaned_data["areas"],
                    target_groups=form.cleaned_data["target_groups"],
                    logo=form.logo_change() or None,
                    request=request,
                )
                extract = _remembered_extract(request, organization.krs)
                if extract is not None:
                    services.organization_store_krs_extract(
                        organization=organization, extract=extract, actor=request.user, request=request
                    )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            request.session.pop(SESSION_KRS_EXTRACT, None)
            messages.success(
                request,
                _(
                    "%(name)s is registered. It now awaits verification by the city office: until then it is not "
                    "shown in the public directory. We will notify you when the office decides."
                )
                % {"name": organization.name},
            )
            return redirect(organization)
    return render(request, "organizations/register_form.html", {"form": form})


# Editing


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(request, selectors.organization_detail(pk=pk), VIEW, pk=pk)
    require_perm(request, "organizations.change_organization", organization)
    initial = {"areas": list(organization.areas.all()), "target_groups": list(organization.target_groups.all())}
    # The form writes what was typed into its instance; the page keeps the saved name in its title.
    saved_name, saved_logo = organization.name, (organization.logo or None)
    if request.method == "POST":
        form = OrganizationForm(request.POST, request.FILES, instance=organization, initial=initial)
        if form.is_valid():
            try:
                updated = services.organization_update(
                    actor=request.user,
                    organization=organization,
                    data=form.profile_data(),
                    areas=form.cleaned_data["areas"],
                    target_groups=form.cleaned_data["target_groups"],
                    logo=form.logo_change(),
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The changes to the profile have been saved."))
                return redirect(updated)
    else:
        form = OrganizationForm(instance=organization, initial=initial)
    context = {"form": form, "organization": organization, "saved_name": saved_name, "saved_logo": saved_logo}
    return render(request, "organizations/edit.html", context)
