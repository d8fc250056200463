"""Public and member pages of dialogue bodies, under /ciala-dialogu/: the list, a body's page, its past members,
its documents, the members' workspace, an organization's application to join and "my bodies"."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.bodies import selectors, services
from razem.bodies.forms.public import ActFilterForm, ApplicationForm, BodyFilterForm, OrganizationChoiceForm
from razem.bodies.models import Act, Body, MembershipApplication, OpinionRequest, Post
from razem.core.access import get_visible_or_404, require_perm
from razem.core.deadlines import days_of
from razem.core.files import file_response
from razem.core.forms import add_service_error, parse_id
from razem.core.pagination import paginate
from razem.core.throttle import throttled
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for

VIEW = "bodies.view_body"
VIEW_WORKSPACE = "bodies.view_workspace_body"
ACTS_PAGE_SIZE = 25
RECENT_ACTS = 5
PAST_SITTINGS = 5


def _with_days_left(requests: Any) -> list[OpinionRequest]:
    """Open requests with the days left to their deadline (negative when late), for the page to say in words, and
    whether it falls within the office's warning window (``opinion_warning_days``)."""
    today = timezone.localdate()
    warning = days_of("opinion_warning_days", today)
    items = list(requests)
    for item in items:
        item.left = item.days_left(today)  # type: ignore[attr-defined]
        item.late = -item.left  # type: ignore[attr-defined]
        item.soon = item.left <= warning  # type: ignore[attr-defined]
    return items


def _body(request: HttpRequest, slug: str) -> Body:
    return get_visible_or_404(request, selectors.body_detail(), VIEW, slug=slug)


def _attachment(file: FieldFile, *, public: bool) -> FileResponse:
    return file_response(file, cache="" if public else "private, no-store")


# The list


def body_list(request: HttpRequest) -> HttpResponse:
    form = BodyFilterForm(request.GET)
    bodies = list(selectors.body_list_for(user=request.user, kind=form.kind())) if form.is_valid() else []
    groups = []
    for kind, label in Body.Kind.choices:
        members = [body for body in bodies if body.kind == kind]
        if members:
            groups.append({"kind": kind, "label": label, "bodies": members})
    context = {"form": form, "groups": groups, "count": len(bodies), "filtered": bool(form.kind())}
    return render(request, "bodies/list.html", context)


# A body


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    user = request.user
    now = timezone.now()
    can_workspace = user.has_perm(VIEW_WORKSPACE, body)
    sittings = selectors.sittings_of(body=body, user=user)
    upcoming = sorted((m for m in sittings if m.ends_at >= now), key=lambda m: m.starts_at)
    past = [m for m in sittings if m.ends_at < now][:PAST_SITTINGS]
    members = selectors.current_members(body=body)
    quorums = selectors.sitting_quorums(meetings=past)  # one read for all the past sittings shown
    context = {
        "body": body,
        "term": services.current_term(body),
        "members": members,
        "quorum": selectors.quorum_of_members(members),
        "parent": body.parent if body.parent and user.has_perm(VIEW, body.parent) else None,
        "children": [child for child in body.children.all() if child.is_active and user.has_perm(VIEW, child)],
        "can_workspace": can_workspace,
        "requests": _with_days_left(selectors.open_requests(body=body)) if can_workspace else [],
        "acts": selectors.recent_acts(body=body, limit=RECENT_ACTS),
        "upcoming": upcoming,
        "past": [(meeting, quorums[meeting.pk]) for meeting in past],
        "can_apply": user.has_perm("bodies.apply_body", body),
        "takes_applications": body.is_active and body.joining in {Body.Joining.OPEN, Body.Joining.APPLICATION},
        "can_manage": user.has_perm("bodies.manage_body", body),
    }
    return render(request, "bodies/detail.html", context)


def history(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    context = {
        "body": body,
        "history": selectors.member_history(body=body),
        "terms": list(selectors.terms_of(body=body)),
    }
    return render(request, "bodies/history.html", context)


# Documents


def acts(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = ActFilterForm(request.GET)
    queryset = selectors.acts_of(body=body, kind=form.kind()) if form.is_valid() else Act.objects.none()
    page = paginate(queryset, request.GET.get("strona"), ACTS_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("strona", None)
    context = {"body": body, "form": form, "page": page, "query": query.urlencode(), "filtered": bool(form.kind())}
    return render(request, "bodies/acts.html", context)


def act_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    body = _body(request, slug)
    act = get_object_or_404(Act, pk=pk, body=body)
    return _attachment(act.document, public=body.visibility != Body.Visibility.PRIVATE)


def regulations(request: HttpRequest, slug: str) -> FileResponse:
    body = _body(request, slug)
    return _attachment(body.regulations, public=body.visibility != Body.Visibility.PRIVATE)


# The members' workspace


def _workspace_body(request: HttpRequest, slug: str) -> Body:
    """404 when the person may not see the body, 403 when they see it but not its workspace."""
    body = _body(request, slug)
    require_perm(request, VIEW_WORKSPACE, body)
    return body


def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    body = _workspace_body(request, slug)
    posts = list(selectors.posts_of(body=body))
    context = {
        "body": body,
        "announcements": [p for p in posts if p.kind == Post.Kind.ANNOUNCEMENT],
        "documents": [p for p in posts if p.kind == Post.Kind.DOCUMENT],
        "requests": _with_days_left(selectors.open_requests(body=body)),
        "is_transparent": body.visibility == Body.Visibility.TRANSPARENT,
        "can_post": request.user.has_perm("bodies.post_workspace_body", body),
    }
    return render(request, "bodies/workspace.html", context)


def post_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    body = _workspace_body(request, slug)
    post = get_object_or_404(Post, pk=pk, body=body)
    return _attachment(post.file, public=False)


def request_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    body = _workspace_body(request, slug)
    item = get_object_or_404(OpinionRequest, pk=pk, body=body)
    return _attachment(item.document, public=False)


# Applications


def _organization_id(value: Any) -> int | None:
    return parse_id(value)  # a key column can hold it: a longer number would crash the lookup on SQLite


@login_required
@require_http_methods(["GET", "POST"])
@throttled("bodies.apply", key="user")
def apply(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    require_perm(request, "bodies.apply_body", body)
    organizations = list(organizations_acted_for(user=request.user))
    unverified = organizations_acted_for(user=request.user, verified=False).exclude(
        status=Organization.Status.VERIFIED
    )  # the organizations the person acts for that cannot apply yet
    context: dict[str, Any] = {"body": body, "organizations": organizations, "unverified": list(unverified)}
    if request.method == "POST":
        organization_id = _organization_id(request.POST.get("organization"))
        form = ApplicationForm(request.POST, body=body, organization_id=organization_id)
        if form.is_valid():
            organization = Organization.objects.filter(pk=organization_id).first() if organization_id else None
            try:
                services.application_submit(
                    actor=request.user,
                    body=body,
                    organization=organization,
                    representative=form.cleaned_data["representative"],
                    deputy=form.cleaned_data.get("deputy"),
                    motivation=form.cleaned_data.get("motivation") or "",
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The application of %(org)s to %(body)s has been sent. The body's chair or the city office "
                        "will decide; you will be notified."
                    )
                    % {"org": organization.name if organization else "", "body": body},
                )
                return redirect("bodies:mine")
    else:
        organization_id = _organization_id(request.GET.get("organizacja"))
        if organization_id is None and len(organizations) == 1:
            organization_id = organizations[0].pk
        if organization_id is None or organization_id not in {o.pk for o in organizations}:
            choice = OrganizationChoiceForm(
                request.GET if "organizacja" in request.GET else None, organizations=organizations
            )
            context["choice_form"] = choice
            return render(request, "bodies/apply.html", context)
        form = ApplicationForm(body=body, organization_id=organization_id, initial={"organization": organization_id})
    context["form"] = form
    context["organization"] = next((o for o in organizations if o.pk == organization_id), None) or (
        Organization.objects.filter(pk=organization_id).first() if organization_id else None
    )
    return render(request, "bodies/apply.html", context)


# My bodies


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    memberships = list(selectors.bodies_for_person(user=user))
    acting = list(organizations_acted_for(user=user))
    applications = list(selectors.applications_of().filter(organization__in=acting).order_by("-created_at"))
    context = {
        "current": [m for m in memberships if m.is_current(today)],
        "past": [m for m in memberships if not m.is_current(today)],
        "applications": applications,
        "withdrawable": {a.pk for a in applications if services.APPLICATION_FLOW.permits(a, "withdraw", user)},
        "acting": acting,
    }
    return render(request, "bodies/mine.html", context)


@login_required
@require_POST
def application_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(MembershipApplication.objects.select_related("organization", "body"), pk=pk)
    if not request.user.has_perm("bodies.withdraw_application", application):
        raise Http404  # another organization's application: not even its existence is confirmed
    try:
        services.application_withdraw(actor=request.user, application=application, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The application of %(org)s to %(body)s has been withdrawn.")
            % {"org": application.organization.name, "body": application.body},
        )
    return redirect("bodies:mine")
