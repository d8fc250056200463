"""Office pages of elections, under /panel/wybory/: the list, the election form and its overview (the hub with the
steps the calendar allows now), lists of candidates, the verification of candidacies, opening the vote (freezing
the electorate), who voted (never how), paper ballots, the count, the decision by lot, publication, and seating
the elected in the body's term.

Every page is for city staff (``elections.manage_election``; the list ``elections.list_all_election``). Views stay
thin: reads come from ``selectors``, every write is one service call followed by a redirect (POST-redirect-GET); a
service's refusal is shown on the form next to the field it is about, or as a message for a lone button.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.bodies import services as body_services
from razem.bodies.forms.staff import TermForm
from razem.bodies.models import BodyMembership
from razem.core.access import require_perm
from razem.core.forms import DecisionForm, decide, parse_id, submitted
from razem.core.lists import Column, staff_list
from razem.core.slugs import get_by_slug_or_404
from razem.elections import selectors, services
from razem.elections.eligibility import lacking_krs_date
from razem.elections.forms.staff import (
    CandidateListForm,
    ElectionForm,
    PaperBallotForm,
    SeatTermForm,
    TieForm,
    VoterFilterForm,
)
from razem.elections.models import Candidacy, Election, Elector

MANAGE = "elections.manage_election"
LIST_ALL = "elections.list_all_election"
P = Election.Phase
PAGE_SIZE = 100
SEARCH_LIMIT = 20


def _election(request: HttpRequest, slug: str) -> Election:
    """The election by its address, for someone who manages elections (403 otherwise)."""
    require_perm(request, MANAGE)
    election = get_by_slug_or_404(Election.objects.select_related("body"), slug)
    require_perm(request, MANAGE, election)
    return election


def _to(name: str, election: Election, query: str = "", **kwargs: Any) -> HttpResponseRedirect:
    url = reverse(f"elections_staff:{name}", kwargs={"slug": election.slug, **kwargs})
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _page_context(election: Election) -> dict[str, Any]:
    """What every page of one election shows with its tabs."""
    phase = election.phase()
    has_tie = bool(election.closed_at) and election.candidacies.filter(tied=True, elected__isnull=True).exists()
    return {"election": election, "phase": phase, "phase_label": P(phase).label, "has_tie": has_tie}


def _page(request: HttpRequest, template: str, election: Election, **context: Any) -> HttpResponse:
    """Render a page of one election with its tabs."""
    return render(request, template, {**_page_context(election), **context})


# The list ---------------------------------------------------------------------------------------------------------


@login_required
def election_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, LIST_ALL)
    elections = selectors.election_list_for(user=request.user).annotate(
        voted=Count("electors", filter=Q(electors__voted_at__isnull=False))
    )
    return render(request, "elections/staff/list.html", {"elections": list(elections)})


# The election form and the hub --------------------------------------------------------------------------------------


@login_required
def election_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = ElectionForm(request.POST if request.method == "POST" else None)
    election = submitted(
        request,
        form,
        lambda data: services.election_save(
            actor=request.user, body=data["body"], data=form.service_data(), areas=form.areas(), request=request
        ),
        success=lambda election: (
            _("The draft “%(title)s” has been saved. Add lists if needed, then announce it.")
            % {"title": election.title}
        ),
    )
    if election is not None:
        return _to("edit", election)
    return render(request, "elections/staff/form.html", {"form": form, "election": None})


@login_required
def election_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    form = ElectionForm(request.POST if request.method == "POST" else None, election=election)
    if submitted(
        request,
        form,
        lambda data: services.election_save(
            actor=request.user,
            body=election.body,
            election=election,
            data=form.service_data(),
            areas=form.areas(),
            request=request,
        ),
        success=_("The changes have been saved."),
        saved=election,
    ):
        return _to("edit", election)
    phase = election.phase()
    counts = election.candidacies.aggregate(
        total=Count("id"),
        accepted=Count("id", filter=Q(status=Candidacy.Status.ACCEPTED)),
        to_verify=Count("id", filter=Q(status=Candidacy.Status.SUBMITTED)),
    )
    return _page(
        request,
        "elections/staff/edit.html",
        election,
        form=form,
        counts=counts,
        list_count=election.lists.count(),
        figures=selectors.turnout(election=election) if election.electorate_frozen_at else None,
        results=list(selectors.results(election=election)) if election.closed_at else [],
        can_announce=election.status == Election.Status.DRAFT,
        can_freeze=not election.electorate_frozen_at and phase in {P.VERIFICATION, P.WAITING, P.VOTING},
        can_count=phase == P.COUNTING and not election.closed_at,
        can_publish=bool(election.closed_at) and not election.results_published_at,
    )


@login_required
@require_POST
def announce(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    try:
        services.election_announce(actor=request.user, election=election, request=request)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Announced: the election is public and the organizations are being told."))
    return _to("edit", election)


# Lists of candidates ----------------------------------------------------------------------------------------------


@login_required
def lists(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    form = CandidateListForm(request.POST if request.method == "POST" else None)
    if submitted(
        request,
        form,
        lambda data: services.candidate_list_add(
            actor=request.user,
            election=election,
            name=data["name"],
            max_marks=data["max_marks"],
            position=data["position"],
            request=request,
        ),
        success=lambda candidate_list: _("The list “%(name)s” has been added.") % {"name": candidate_list.name},
    ):
        return _to("lists", election)
    return _page(
        request,
        "elections/staff/lists.html",
        election,
        form=form,
        lists=list(election.lists.annotate(candidacy_count=Count("candidacies")).order_by("position", "id")),
    )


# Candidacies ------------------------------------------------------------------------------------------------------


@login_required
def candidacies(request: HttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    return _page(
        request,
        "elections/staff/candidacies.html",
        election,
        candidacies=list(selectors.candidacies_of(election=election, public=False)),
        has_lists=election.lists.exists(),
    )


@login_required
def candidacy_verify(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    election = _election(request, slug)
    candidacy = get_object_or_404(
        selectors.candidacies_of(election=election, public=False).select_related("verified_by", "nominated_by"), pk=pk
    )
    form = _decision_form(request.POST if request.method == "POST" else None)
    if decide(
        request,
        form,
        lambda accept, reason: services.candidacy_verify(
            actor=request.user, candidacy=candidacy, accept=accept, reason=reason, request=request
        ),
        accepted=_("Accepted: the candidate will be on the ballot. They have been told."),
        declined=_("Rejected. The organization and the candidate have been told why."),
    ):
        return _to("candidacies", election)
    return _page(
        request,
        "elections/staff/candidacy_verify.html",
        election,
        form=form,
        candidacy=candidacy,
        can_verify=not election.electorate_frozen_at
        and candidacy.status in {Candidacy.Status.SUBMITTED, Candidacy.Status.AWAITING_CONSENT},
    )


def _decision_form(data: Any) -> DecisionForm:
    return DecisionForm(data, reason_help=_("Required to reject: the organization and the candidate will read it."))


# Opening the vote -------------------------------------------------------------------------------------------------


@login_required
def freeze(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    errors: list[str] = []
    if request.method == "POST":
        try:
            size = services.electorate_freeze(actor=request.user, election=election, request=request)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Voting is open: the electorate of %(n)s organization has been frozen.",
                    "Voting is open: the electorate of %(n)s organizations has been frozen.",
                    size,
                )
                % {"n": size},
            )
            return _to("edit", election)
    eligible = None if election.electorate_frozen_at else services.eligible_organizations(election).count()
    return _page(
        request,
        "elections/staff/freeze.html",
        election,
        errors=errors,
        eligible=eligible,
        lacking_krs=0 if election.electorate_frozen_at else lacking_krs_date(election),
        accepted=election.candidacies.filter(status=Candidacy.Status.ACCEPTED).count(),
    )


# Who voted (never how) --------------------------------------------------------------------------------------------


VOTER_COLUMNS = [
    Column("organization", _("Organization"), lambda e: e.organization.name, sort="organization__name"),
    Column("krs", _("KRS"), lambda e: e.organization.krs, sort="organization__krs"),
    Column("voted", _("Voted"), lambda e: e.voted_at, sort=("voted_at", "organization__name")),
    Column("channel", _("How"), lambda e: e.get_channel_display(), sort=("channel", "organization__name")),
    Column("recorded_by", _("Recorded by")),
]


@login_required
def voters(request: HttpRequest, slug: str) -> HttpResponseBase:
    election = _election(request, slug)
    return staff_list(
        request,
        template="elections/staff/voters.html",
        queryset=selectors.voters_for_staff(election=election),
        columns=VOTER_COLUMNS,
        default_sort="organization",
        filters=VoterFilterForm(request.GET or None),
        per_page=PAGE_SIZE,
        context={**_page_context(election), "figures": selectors.turnout(election=election)},
    )


# Paper ballots ----------------------------------------------------------------------------------------------------


@login_required
def paper(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    candidates = selectors.ballot_candidates(election=election)
    initial: dict[str, Any] = {}
    chosen = parse_id(request.GET.get("wybierz", ""))  # None for a number no key column holds
    if chosen is not None:
        elector = election.electors.select_related("organization").filter(organization_id=chosen).first()
        if elector is not None:
            initial["organization"] = elector.organization.krs or elector.organization.name
    form = PaperBallotForm(request.POST if request.method == "POST" else None, candidates=candidates, initial=initial)
    valid = submitted(
        request,
        form,
        lambda data: services.paper_ballot_record(
            actor=request.user,
            election=election,
            organization=data["organization"],
            choices=[c.pk for c in data["choices"]],
            request=request,
        ),
        success=lambda valid: (
            (
                _("The paper ballot of %(org)s has been recorded: valid.")
                if valid
                else _("The paper ballot of %(org)s has been recorded as invalid (too many marks, or none).")
            )
            % {"org": form.cleaned_data["organization"].name}
        ),
    )
    if valid is not None:  # False is a ballot recorded as invalid
        return _to("paper", election)
    search = request.GET.get("q", "").strip()
    matches: list[Elector] = []
    if search:
        electors = election.electors.filter(voted_at__isnull=True).select_related("organization")
        digits = "".join(ch for ch in search if ch.isdigit())
        condition = Q(organization__name__icontains=search)
        if digits:
            condition |= Q(organization__krs__contains=digits)
        matches = list(electors.filter(condition).order_by("organization__name")[:SEARCH_LIMIT])
    return _page(
        request,
        "elections/staff/paper.html",
        election,
        form=form,
        search=search,
        matches=matches,
        search_limit=SEARCH_LIMIT,
        figures=selectors.turnout(election=election) if election.electorate_frozen_at else None,
        can_record=election.phase() in {P.VOTING, P.COUNTING} and not election.closed_at,
    )


# Count, tie, publication ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def count(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Count the votes, which publishes the anonymous ballots. When some, but fewer than k, organizations voted on
    paper, the office first confirms on a page that says how many (their ballots are told apart among few)."""
    election = _election(request, slug)
    warning = selectors.paper_ballot_warning(election=election)
    confirmed = request.POST.get("confirm") == "1"
    if request.method == "GET" or (warning and not confirmed):
        return _page(
            request,
            "elections/staff/count.html",
            election,
            warning=warning,
            figures=selectors.turnout(election=election) if election.electorate_frozen_at else None,
            can_count=election.phase() == P.COUNTING and not election.closed_at,
        )
    try:
        election = services.election_count(
            actor=request.user, election=election, request=request, few_paper_confirmed=bool(warning)
        )
    except ValidationError as exc:
        _refused(request, exc)
        return _to("edit", election)
    if election.candidacies.filter(tied=True, elected__isnull=True).exists():
        messages.warning(
            request, _("The votes have been counted. Candidates are tied at the last seat: draw lots, then publish.")
        )
        return _to("tie", election)
    messages.success(request, _("The votes have been counted. Check the results, then publish them."))
    return _to("edit", election)


@login_required
def tie(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    tied = election.candidacies.filter(tied=True).select_related("person", "organization").order_by("ballot_number")
    pending = tied.filter(elected__isnull=True)
    form = TieForm(request.POST if request.method == "POST" else None, tied=pending)
    if submitted(
        request,
        form,
        lambda data: services.tie_decide(
            actor=request.user,
            election=election,
            winners=[c.pk for c in data["winners"]],
            note=data["note"],
            request=request,
        ),
        success=_("The decision by lot has been recorded. You can publish the results now."),
    ):
        return _to("edit", election)
    seats_left = election.seats - election.candidacies.filter(elected=True).count()
    return _page(
        request,
        "elections/staff/tie.html",
        election,
        form=form,
        tied=list(tied),
        pending=pending.exists(),
        seats_left=seats_left,
    )


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    try:
        services.results_publish(actor=request.user, election=election, request=request)
    except ValidationError as exc:
        _refused(request, exc)
        return _to("edit", election)
    messages.success(request, _("The results are published and the organizations are being told."))
    return _to("elected", election)


# Seating the elected ----------------------------------------------------------------------------------------------


@login_required
def elected(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    election = _election(request, slug)
    body = election.body
    action = request.POST.get("action") if request.method == "POST" else None
    term_form = TermForm(request.POST if action == "term" else None)
    seat_form = SeatTermForm(request.POST if action == "seat" else None, body=body)
    winners = list(
        election.candidacies.filter(elected=True).select_related("person", "organization").order_by("ballot_number")
    )
    published = bool(election.results_published_at)
    if action and not published:
        messages.error(request, _("Publish the results first."))
        return _to("elected", election)
    added_term = submitted(  # the term form is bound only when action == "term"
        request,
        term_form,
        lambda data: body_services.term_create(actor=request.user, body=body, data=data, request=request),
        success=lambda term: _("The term “%(name)s” has been added. Now add the elected to it.") % {"name": term.name},
    )
    if added_term is not None:
        return _to("elected", election, f"kadencja={added_term.pk}")
    if action == "seat" and seat_form.is_valid():
        term = seat_form.cleaned_data["term"]
        try:
            seating = services.elected_seat(actor=request.user, election=election, term=term, request=request)
        except ValidationError as exc:
            _refused(request, exc)  # nobody was seated: each refusal is said
            return _to("elected", election, f"kadencja={term.pk}")
        added, skipped = len(seating.added), seating.already_seated
        text = ngettext(
            "%(n)s elected person has been added to %(term)s.",
            "%(n)s elected people have been added to %(term)s.",
            added,
        ) % {"n": added, "term": term.name}
        if skipped:
            text += " " + ngettext(
                "%(n)s already had a seat in this term.", "%(n)s already had a seat in this term.", skipped
            ) % {"n": skipped}
        messages.success(request, text)
        return _to("elected", election, f"kadencja={term.pk}")
    term_pk = request.GET.get("kadencja", "")
    if not seat_form.is_bound and term_pk.isdigit():
        seat_form = SeatTermForm(body=body, initial={"term": int(term_pk)})
    seated_ids = set(
        BodyMembership.objects.filter(
            body=body, person__in=[c.person_id for c in winners], appointment=BodyMembership.Appointment.ELECTED
        ).values_list("person_id", flat=True)
    )
    return _page(
        request,
        "elections/staff/elected.html",
        election,
        term_form=term_form,
        seat_form=seat_form,
        winners=[(c, c.person_id in seated_ids) for c in winners],
        published=published,
    )
