"""Public and voter pages of elections (/wybory/): the list, an election's page with its calendar and candidates,
nominating, the candidate's consent, support, the secret ballot in four steps, the published ballots, the tracker
check, the results and the protocol (PDF).

The vote is never redirected after the cast: the tracker is shown on that one answer (``no-store``) and e-mailed,
and never again. ``choices`` is a sensitive POST parameter, so error reports never carry a ballot."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404
from razem.core.documents import document_response
from razem.core.files import file_response
from razem.core.permissions import why_not
from razem.core.predicates import is_city_staff
from razem.core.spreadsheet import csv_response
from razem.core.throttle import throttled
from razem.elections import export, selectors, services
from razem.elections.forms.public import ConsentForm, NominationForm, OrganizationForm, TrackerForm
from razem.elections.models import Candidacy, Election, Support
from razem.elections.rules import NOMINATE, SUPPORT, VOTE
from razem.elections.schedule import SCHEDULE
from razem.organizations.models import Organization

VIEW = "elections.view_election"
VIEW_CANDIDACY = "elections.view_candidacy"


def _election(request: HttpRequest, slug: str) -> Election:
    return get_visible_or_404(request, selectors.election_detail(), VIEW, slug=slug)


def _refused(request: HttpRequest, election: Election, title: str, reason: str) -> HttpResponse:
    """A 403 page that says why, in words, and where to go back."""
    context = {"election": election, "title": title, "reason": reason}
    return render(request, "elections/refused.html", context, status=403)


def _my_organizations(request: HttpRequest, election: Election) -> list[Organization]:
    return [row["organization"] for row in selectors.my_organizations_status(user=request.user, election=election)]


def _organization(pk: Any) -> Organization | None:
    try:
        return Organization.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


# The list and an election's page


def election_list(request: HttpRequest) -> HttpResponse:
    elections = selectors.election_list_for(user=request.user)
    return render(request, "elections/list.html", {"elections": elections})


def _ballot_rows(statuses: list[dict[str, Any]], *, can_vote: bool) -> list[dict[str, Any]]:
    """The main action of the election page, per organization the person acts for: the button to cast its ballot
    while it has not voted and voting is open, or the status with the time of casting once it has (never the
    button again). An organization outside the electorate gets neither (the sidebar says why)."""
    rows = []
    for status in statuses:
        elector = status["elector"]
        if elector is None:
            continue
        if elector.voted_at is not None:
            rows.append({"organization": status["organization"], "voted_at": elector.voted_at})
        elif can_vote:
            rows.append({"organization": status["organization"], "voted_at": None})
    return rows


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    user = request.user
    statuses = selectors.my_organizations_status(user=user, election=election)
    can_vote = user.has_perm(VOTE, election)
    context = {
        "election": election,
        "phase": election.phase(),
        "calendar": SCHEDULE.calendar(election),
        "areas": list(election.areas.all()),
        "lists": list(election.lists.all()),
        "candidacies": list(selectors.candidacies_of(election=election, user=user)),
        "turnout": selectors.turnout(election=election) if election.electorate_frozen_at else None,
        "statuses": statuses,
        "can_nominate": user.has_perm(NOMINATE, election),
        "can_vote": can_vote,
        "ballot_rows": _ballot_rows(statuses, can_vote=can_vote),
        "can_support": user.has_perm(SUPPORT, election),
        "ballots_public": user.has_perm("elections.view_ballots_election", election),
        "is_staff": is_city_staff(user),
    }
    return render(request, "elections/detail.html", context)


# Nominating a candidate


@login_required
@require_http_methods(["GET", "POST"])
@throttled("elections.nominate", key="user")
def nominate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    if refusal := why_not(request.user, NOMINATE, election):
        return _refused(request, election, _("Nominate a candidate"), refusal)
    organizations = _my_organizations(request, election)
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, election=election, organizations=organizations)
        if form.is_valid():
            try:
                candidacy = services.candidacy_nominate(
                    actor=request.user,
                    election=election,
                    organization=_organization(form.cleaned_data["organization"]),
                    person=form.person,
                    statement=form.cleaned_data["statement"],
                    biography=form.cleaned_data.get("biography") or "",
                    photo=form.cleaned_data.get("photo"),
                    candidate_list=form.candidate_list(),
                    request=request,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("The candidacy of %(name)s is registered. The candidate must now consent in Razem.")
                    % {"name": candidacy.person.full_name},
                )
                return redirect("elections:candidacy", slug=election.slug, pk=candidacy.pk)
    else:
        form = NominationForm(election=election, organizations=organizations)
    return render(request, "elections/nominate.html", {"election": election, "form": form})


# A candidacy: consent and support


def _candidacy(request: HttpRequest, election: Election, pk: int) -> Candidacy:
    """The candidacy if the person may see it (``elections.view_candidacy``): a consented one as the phase shows
    it to everyone; one awaiting consent (or rejected, withdrawn) only to the candidate, the people of the
    nominating organization and the office. Anyone else gets 404, as if it did not exist."""
    candidacy = get_object_or_404(
        election.candidacies.select_related("election", "person", "organization", "candidate_list"), pk=pk
    )
    if not request.user.has_perm(VIEW_CANDIDACY, candidacy):
        raise Http404
    return candidacy


def _candidacy_page(
    request: HttpRequest,
    election: Election,
    candidacy: Candidacy,
    *,
    consent_form: ConsentForm | None = None,
    support_form: OrganizationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    supports = list(candidacy.supports.select_related("organization").order_by("organization__name"))
    mine = _my_organizations(request, election) if user.is_authenticated else []
    supporting_ids = {s.organization_id for s in supports}
    # Support is given to a consented candidacy: before consent it is not public (``elections.view_candidacy``).
    can_support = user.has_perm(SUPPORT, election) and candidacy.status == Candidacy.Status.SUBMITTED
    others = [o for o in mine if o.pk != candidacy.organization_id]
    can_consent = (
        user.is_authenticated
        and user.pk == candidacy.person_id
        and candidacy.status == Candidacy.Status.AWAITING_CONSENT
        and SCHEDULE.is_in(election, "nominations", "support")
    )
    givable = [o for o in others if o.pk not in supporting_ids]
    if can_support and givable and support_form is None:
        support_form = OrganizationForm(organizations=givable, label=_("Support on behalf of"))
    context = {
        "election": election,
        "candidacy": candidacy,
        "supports": supports,
        "support_count": len(supports),
        "can_consent": can_consent,
        "consent_form": consent_form or (ConsentForm() if can_consent else None),
        "support_form": support_form if can_support and givable else None,
        # A refused support is said even when no organization is left to choose (e.g. one's own candidate).
        "support_errors": [e for errors in support_form.errors.values() for e in errors]
        if support_form is not None and support_form.is_bound
        else [],
        "withdrawable": [o for o in others if o.pk in supporting_ids] if can_support else [],
    }
    return render(request, "elections/candidacy.html", context, status=status)


def candidacy(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    election = _election(request, slug)
    return _candidacy_page(request, election, _candidacy(request, election, pk))


def photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    election = _election(request, slug)
    item = _candidacy(request, election, pk)
    return file_response(item.photo, cache="private, max-age=3600")


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    election = _election(request, slug)
    item = _candidacy(request, election, pk)
    if request.user.pk != item.person_id:
        return _refused(request, election, _("Consent to the candidacy"),
                        _("Only the candidate can consent to their candidacy."))  # fmt: skip
    if request.method != "POST":
        return redirect("elections:candidacy", slug=election.slug, pk=item.pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.candidacy_consent(
                actor=request.user, candidacy=item, declarations=form.cleaned_data["declarations"], request=request
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Thank you: your consent is recorded and your candidacy is submitted."))
            return redirect("elections:candidacy", slug=election.slug, pk=item.pk)
    return _candidacy_page(request, election, item, consent_form=form, status=400 if form.errors else 200)


@login_required
@require_POST
def support(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    election = _election(request, slug)
    item = _candidacy(request, election, pk)
    if refusal := why_not(request.user, SUPPORT, election):
        return _refused(request, election, _("Support a candidate"), refusal)
    mine = [o for o in _my_organizations(request, election) if o.pk != item.organization_id]
    form = OrganizationForm(request.POST, organizations=mine, label=_("Support on behalf of"))
    if form.is_valid():
        organization = _organization(form.cleaned_data["organization"])
        try:
            if request.POST.get("withdraw") == "1":
                given = Support.objects.filter(candidacy=item, organization=organization).first()
                if given is None:
                    raise ValidationError(_("This organization does not support this candidate."))
                services.support_withdraw(actor=request.user, support=given, request=request)
                done = _("%(org)s no longer supports this candidate.")
            else:
                if organization is None:
                    raise ValidationError(_("You can act only for a verified organization you represent."))
                services.support_give(actor=request.user, candidacy=item, organization=organization, request=request)
                done = _("%(org)s now supports this candidate.")
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done % {"org": organization.name if organization else ""})
            return redirect("elections:candidacy", slug=election.slug, pk=item.pk)
    return _candidacy_page(request, election, item, support_form=form, status=400)


# The vote


def _vote_page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _ballot_context(election: Election, status: dict[str, Any], choices: list[str]) -> dict[str, Any]:
    candidates = list(selectors.ballot_candidates(election=election))
    lists = list(election.lists.all())
    marked = set(choices)
    groups: list[dict[str, Any]] = []
    if lists:
        for candidate_list in lists:
            members = [c for c in candidates if c.candidate_list_id == candidate_list.pk]
            if members:
                groups.append({"list": candidate_list, "candidates": members})
        rest = [c for c in candidates if c.candidate_list_id is None]
        if rest:
            groups.append({"list": None, "candidates": rest})
    else:
        groups.append({"list": None, "candidates": candidates})
    return {"election": election, "status": status, "groups": groups, "marked": marked, "step": "ballot"}


@sensitive_post_parameters("choices")
@login_required
@require_http_methods(["GET", "POST"])
def vote(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    # The voting pages show the election's title and dates and check the ballot against its lists: no more.
    election = get_visible_or_404(request, selectors.election_for_voting(), VIEW, slug=slug)
    organizations = selectors.organizations_acting_for(user=request.user)  # read once: the permission uses it too
    if refusal := why_not(request.user, VOTE, election):
        return _refused(request, election, _("Vote"), refusal)
    statuses = selectors.my_organizations_status(user=request.user, election=election, organizations=organizations)
    chosen = request.POST.get("organization") if request.method == "POST" else request.GET.get("organizacja")
    if chosen is None and len(statuses) == 1:
        chosen = str(statuses[0]["organization"].pk)
    status = next((s for s in statuses if str(s["organization"].pk) == (chosen or "")), None)
    if status is None:
        # Step 1: which organization votes (the page says which are in the electorate and which have voted).
        return _vote_page(request, "elections/vote_organization.html", {"election": election, "statuses": statuses})
    organization = status["organization"]
    elector = status["elector"]
    if elector is None or elector.voted_at is not None:
        if elector is None:
            reason = _("%(org)s is not in the electorate of this election.") % {"org": organization.name}
        else:
            reason = _("%(org)s has already voted (%(how)s); an organization casts one ballot.") % {
                "org": organization.name,
                "how": elector.get_channel_display().lower(),
            }
        context = {"election": election, "statuses": statuses, "refusal": reason}
        return _vote_page(request, "elections/vote_organization.html", context, status=403)

    step = request.POST.get("step", "") if request.method == "POST" else ""
    choices = request.POST.getlist("choices") if request.method == "POST" else []
    if step == "review":
        context = _ballot_context(election, status, choices)
        try:
            marked = selectors.ballot_review(election=election, choices=choices)
        except ValidationError as error:
            context["errors"] = _messages_of(error)
            return _vote_page(request, "elections/vote.html", context, status=400)
        context.update(step="review", marked_candidates=marked, choices=[str(c.pk) for c in marked])
        return _vote_page(request, "elections/vote_review.html", context)
    if step == "cast":
        try:
            tracker = services.ballot_cast(
                actor=request.user, election=election, organization=organization, choices=choices, request=request
            )
        except ValidationError as error:
            # The ballot again, with the marks kept; only a refused cast needs its candidates (a cast does not).
            context = {**_ballot_context(election, status, choices), "errors": _messages_of(error)}
            return _vote_page(request, "elections/vote.html", context, status=400)
        done = {
            "election": election,
            "organization": organization,
            "tracker": tracker,
            "email": getattr(request.user, "email", ""),
            # Where and when the tracker is checked: the check page, once the vote is counted.
            "check_url": request.build_absolute_uri(reverse("elections:check", args=[election.slug])),
        }
        return _vote_page(request, "elections/vote_done.html", done)
    # Step 2: the ballot (also "Back" from the review, with the marks kept).
    return _vote_page(request, "elections/vote.html", _ballot_context(election, status, choices))


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# The published ballots and the tracker check


def ballots(request: HttpRequest, slug: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    election = _election(request, slug)
    if not request.user.has_perm("elections.view_ballots_election", election):
        raise Http404
    published: Any = selectors.published_ballots(election=election)  # (hash, choices, valid) rows
    document = export.ballots_document(election, published)
    stem = f"karty-{election.slug}"
    if fmt == "csv":
        rows = (
            [b["tracker_sha256"] or "", " ".join(str(n) for n in b["choices"]), "yes" if b["valid"] else "no"]
            for b in document["ballots"]
        )
        return csv_response(["tracker_sha256", "choices", "valid"], rows, stem=stem)
    response = HttpResponse(export.dumps(document), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.json"'
    return response


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    context: dict[str, Any] = {"election": election, "counted": election.closed_at is not None}
    if not context["counted"]:
        return render(request, "elections/check.html", context)
    form = TrackerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ballot, marked = selectors.ballot_by_tracker(election=election, tracker=form.cleaned_data["tracker"])
        context.update(checked=True, ballot=ballot, marked=marked)
    context["form"] = form
    response = render(request, "elections/check.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


# Results and the protocol


def _counted(request: HttpRequest, slug: str) -> Election:
    """The election whose results may be shown: published, or counted for the office's preview."""
    election = _election(request, slug)
    if election.results_published_at or (election.closed_at and is_city_staff(request.user)):
        return election
    raise Http404


def results(request: HttpRequest, slug: str) -> HttpResponse:
    election = _counted(request, slug)
    return render(request, "elections/results.html", selectors.results_summary(election=election))


def protocol(request: HttpRequest, slug: str) -> FileResponse:
    election = _counted(request, slug)
    actor = request.user if request.user.is_authenticated else None
    snapshot = services.protocol_issue(actor=actor, election=election)
    return document_response(snapshot, filename=f"protokol-{election.slug}.pdf")
