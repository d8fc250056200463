"""Office pages of the dialogue bodies, under /panel/ciala-dialogu/: the list of bodies, the body's settings,
its terms, members, applications, acts, requests for opinions and workspace posts, and the deadlines for opinions
across all bodies.

Most pages are for city staff (``bodies.manage_body``); the applications, acts and posts are also open to the
body's chair (applications) or officers (acts, posts), checked against the body. Views stay thin: reads come from
``selectors``, every write is one service call followed by a redirect (POST-redirect-GET); a service's refusal is
shown on the form next to the field it is about.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.bodies import selectors, services
from razem.bodies.forms.attendance import DismissalForm
from razem.bodies.forms.staff import (
    ActForm,
    BodyForm,
    BodyStaffFilterForm,
    MembershipEndForm,
    MembershipForm,
    OpinionRequestForm,
    PostForm,
    TermForm,
)
from razem.bodies.models import Body, BodyMembership, MembershipApplication, Post, Term
from razem.core.access import require_perm
from razem.core.deadlines import days_of
from razem.core.forms import DecisionForm, decide, submitted
from razem.core.history import history_of
from razem.core.lists import Column, Export, staff_list
from razem.core.slugs import get_by_slug_or_404

MANAGE = "bodies.manage_body"
DECIDE = "bodies.decide_application_body"
RECORD_ACT = "bodies.record_act_body"
POST = "bodies.post_workspace_body"
LIST_ALL = "bodies.list_all_body"
DISMISS = "bodies.dismiss_member_body"


def _body(request: HttpRequest, slug: str, perm: str = MANAGE) -> Body:
    """The body by its address, for someone who holds ``perm`` on it (403 otherwise)."""
    body = get_by_slug_or_404(
        Body.objects.select_related("parent"), slug, visible=lambda found: request.user.has_perm(perm, found)
    )
    require_perm(request, perm, body)
    return body


def _to(name: str, body: Body, **kwargs: Any) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(f"bodies_staff:{name}", kwargs={"slug": body.slug, **kwargs}))


def _page(request: HttpRequest, template: str, body: Body, **context: Any) -> HttpResponse:
    """Render a page of one body with the tabs the person may open."""
    user = request.user
    can = {
        "manage": user.has_perm(MANAGE, body),
        "decide": user.has_perm(DECIDE, body),
        "record": user.has_perm(RECORD_ACT, body),
        "post": user.has_perm(POST, body),
        "dismiss": user.has_perm(DISMISS, body),
    }
    return render(request, template, {"body": body, "can": can, **context})


def _post(request: HttpRequest) -> tuple[Any, Any]:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


# The list and the deadlines ---------------------------------------------------------------------------------------


BODY_COLUMNS = [
    Column("name", _l("Name"), lambda b: b.name, sort=("name",)),
    Column("kind", _l("Kind"), lambda b: b.get_kind_display(), sort=("-is_active", "kind", "name")),
    Column("visibility", _l("Visibility"), lambda b: b.get_visibility_display(), sort=("visibility", "name")),
    Column("joining", _l("Joining"), lambda b: b.get_joining_display(), sort=("joining", "name")),
    Column("members", _l("Members"), lambda b: b.member_count, sort=("member_count", "name")),
    Column("requests", _l("Open requests"), lambda b: b.open_request_count, sort=("open_request_count", "name")),
    Column(
        "applications",
        _l("Pending applications"),
        lambda b: b.pending_application_count,
        sort=("pending_application_count", "name"),
    ),
]


@login_required
def body_list(request: HttpRequest) -> HttpResponseBase:
    require_perm(request, LIST_ALL)
    return staff_list(
        request,
        template="bodies/staff/list.html",
        queryset=selectors.bodies_for_staff(),
        columns=BODY_COLUMNS,
        default_sort="kind",
        filters=BodyStaffFilterForm(request.GET or None),
        export=Export(stem="ciala-dialogu", sheet_title=_l("Dialogue bodies"), action="bodies.body.exported"),
    )


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    require_perm(request, LIST_ALL)
    today = timezone.localdate()
    days = days_of("opinion_deadlines_page_days", today)
    return render(
        request,
        "bodies/staff/deadlines.html",
        {
            "items": list(selectors.requests_due_soon(today=today, within_days=days)),
            "today": today,
            "days": days,
            "warning_days": days_of("opinion_warning_days", today),
        },
    )


# The body ---------------------------------------------------------------------------------------------------------


@login_required
def body_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = BodyForm(*_post(request))
    body = submitted(
        request,
        form,
        lambda data: services.body_save(
            actor=request.user,
            data=form.service_data(),
            areas=form.areas(),
            regulations=data.get("regulations"),
            request=request,
        ),
        success=lambda body: _("“%(name)s” has been created. Add its term of office next.") % {"name": body.name},
    )
    if body is not None:
        return _to("terms", body)
    return render(request, "bodies/staff/form.html", {"form": form, "body": None})


@login_required
def body_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = BodyForm(*_post(request), body=body)
    saved = submitted(
        request,
        form,
        lambda data: services.body_save(
            actor=request.user,
            body=body,
            data=form.service_data(),
            areas=form.areas(),
            regulations=data.get("regulations"),
            request=request,
        ),
        success=_("The changes have been saved."),
        saved=body,
    )
    if saved is not None:
        return _to("edit", saved)
    return _page(request, "bodies/staff/form.html", body, form=form)


# Terms of office ----------------------------------------------------------------------------------------------------


@login_required
def terms(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = TermForm(request.POST if request.method == "POST" else None)
    if submitted(
        request,
        form,
        lambda data: services.term_create(actor=request.user, body=body, data=data, request=request),
        success=lambda term: _("The term “%(name)s” has been added.") % {"name": term.name},
    ):
        return _to("terms", body)
    return _page(request, "bodies/staff/terms.html", body, form=form, terms=list(selectors.terms_of(body=body)))


@login_required
def term_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug)
    term = get_object_or_404(Term, pk=pk, body=body)
    form = TermForm(request.POST if request.method == "POST" else None, term=term)
    if submitted(
        request,
        form,
        lambda data: services.term_update(actor=request.user, term=term, data=data, request=request),
        success=lambda saved: _("The term “%(name)s” has been saved.") % {"name": saved.name},
        saved=term,
    ):
        return _to("terms", body)
    return _page(request, "bodies/staff/term_edit.html", body, form=form, term=term)


# Members ----------------------------------------------------------------------------------------------------------


@login_required
def members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = MembershipForm(
        request.POST if request.method == "POST" else None, body=body, initial={"start_date": timezone.localdate()}
    )
    if submitted(
        request,
        form,
        lambda data: services.membership_add(actor=request.user, body=body, data=form.service_data(), request=request),
        success=lambda membership: (
            _("%(name)s has been added to %(body)s and told by e-mail.")
            % {"name": membership.person.full_name, "body": body}
        ),
    ):
        return _to("members", body)
    return _page(
        request,
        "bodies/staff/members.html",
        body,
        form=form,
        current=selectors.current_members(body=body),
        history=selectors.member_history(body=body),
    )


@login_required
def member_end(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug)
    membership = get_object_or_404(
        BodyMembership.objects.select_related("person", "organization", "term"), pk=pk, body=body
    )
    form = MembershipEndForm(
        request.POST if request.method == "POST" else None, initial={"end_date": timezone.localdate()}
    )
    if submitted(
        request,
        form,
        lambda data: services.membership_end(
            actor=request.user,
            membership=membership,
            end_date=data["end_date"],
            reason=data["reason"],
            request=request,
        ),
        success=lambda ended: _("The membership of %(name)s has ended.") % {"name": ended.person.full_name},
    ):
        return _to("members", body)
    return _page(request, "bodies/staff/member_end.html", body, form=form, membership=membership)


# Dismissal for unexcused absences (art. 41g ust. 2 pkt 5) ---------------------------------------------------------


@login_required
def dismissals(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Do odwołania": current members with consecutive unexcused absences, the sittings missed and their dates."""
    body = _body(request, slug, DISMISS)
    return _page(
        request,
        "bodies/staff/dismissals.html",
        body,
        candidates=selectors.dismissal_candidates(body=body),
        threshold=selectors.absences_threshold(),
    )


@login_required
def dismiss(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug, DISMISS)
    membership = get_object_or_404(
        BodyMembership.objects.select_related("person", "organization", "term", "body"), pk=pk, body=body
    )
    candidate = selectors.dismissal_candidate(body=body, membership=membership)
    form = DismissalForm(request.POST if request.method == "POST" else None, initial={"end_date": timezone.localdate()})
    if submitted(
        request,
        form,
        lambda data: services.membership_dismiss_for_absences(
            actor=request.user, membership=membership, end_date=data["end_date"], note=data["note"], request=request
        ),
        success=lambda ended: (
            _("%(name)s has been dismissed; the membership ended with the reason: %(reason)s")
            % {"name": ended.person.full_name, "reason": ended.end_reason}
        ),
    ):
        return _to("dismissals", body)
    return _page(
        request,
        "bodies/staff/dismiss.html",
        body,
        form=form,
        membership=membership,
        candidate=candidate,
        reason=services.dismissal_reason(body, candidate.sittings) if candidate else "",
    )


# Applications -----------------------------------------------------------------------------------------------------


@login_required
def applications(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, DECIDE)
    found = selectors.applications_of(body=body)
    return _page(
        request,
        "bodies/staff/applications.html",
        body,
        pending=list(found.filter(status=MembershipApplication.Status.PENDING)),
        decided=list(found.exclude(status=MembershipApplication.Status.PENDING)),
    )


@login_required
def application_decide(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug, DECIDE)
    application = get_object_or_404(selectors.applications_of(body=body), pk=pk)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        reason_label=_l("Reason for declining"),
        reason_help=_l("Required when you decline: the organization receives it."),
    )
    if decide(
        request,
        form,
        lambda accept, reason: services.application_decide(
            actor=request.user, application=application, accept=accept, reason=reason, request=request
        ),
        accepted=_("Accepted: the seats are below. The organization has been told."),
        declined=_("Declined. The organization has been told why."),
    ):
        return _to("application_decide", body, pk=application.pk)
    seats = (
        selectors.application_seats(application=application)
        if application.status == MembershipApplication.Status.ACCEPTED
        else []
    )
    return _page(
        request,
        "bodies/staff/application_decide.html",
        body,
        form=form,
        application=application,
        seats=seats,
        pending=application.status == MembershipApplication.Status.PENDING,
        history=history_of(application, public=False),
    )


# Acts -------------------------------------------------------------------------------------------------------------


@login_required
def acts(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, RECORD_ACT)
    form = ActForm(*_post(request), body=body)
    if submitted(
        request,
        form,
        lambda data: services.act_record(
            actor=request.user,
            body=body,
            data=form.service_data(),
            number=data["number"],
            document=data["document"],
            request=request,
        ),
        success=lambda act: _("%(label)s has been recorded.") % {"label": act.label},
    ):
        return _to("acts", body)
    return _page(request, "bodies/staff/acts.html", body, form=form, acts=list(selectors.acts_of(body=body)))


# Requests for opinions --------------------------------------------------------------------------------------------


@login_required
def requests(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = OpinionRequestForm(*_post(request))
    if submitted(
        request,
        form,
        lambda data: services.opinion_request_create(
            actor=request.user,
            body=body,
            subject=data["subject"],
            description=data["description"],
            received_on=data["received_on"],
            due_on=data["due_on"],
            document=data["document"],
            request=request,
        ),
        success=lambda item: (
            _("The request has been recorded; the opinion is due on %(date)s. The members have been told.")
            % {"date": formats.date_format(item.due_on, "DATE_FORMAT")}
        ),
    ):
        return _to("requests", body)
    return _page(
        request,
        "bodies/staff/requests.html",
        body,
        form=form,
        items=list(body.opinion_requests.order_by("-due_on", "-id")),
        today=timezone.localdate(),
        warning_days=days_of("opinion_warning_days"),
    )


# Workspace posts --------------------------------------------------------------------------------------------------


@login_required
def posts(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, POST)
    form = PostForm(*_post(request))
    if submitted(
        request,
        form,
        lambda data: services.post_create(
            actor=request.user,
            body=body,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            file=data["file"],
            request=request,
        ),
        success=lambda post: _("“%(title)s” has been published in the workspace.") % {"title": post.title},
    ):
        return _to("posts", body)
    return _page(request, "bodies/staff/posts.html", body, form=form, posts=list(selectors.posts_of(body=body)))


@login_required
@require_POST
def post_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug, POST)
    post = get_object_or_404(Post, pk=pk, body=body)
    services.post_delete(actor=request.user, post=post, request=request)
    messages.success(request, _("“%(title)s” has been deleted.") % {"title": post.title})
    return _to("posts", body)
