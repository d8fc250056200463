"""Reads of elections: the public page, candidates with their support, turnout, results, the anonymous ballots."""

from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from razem.core.predicates import is_city_staff
from razem.elections.eligibility import ineligibility_reason
from razem.elections.models import Ballot, Candidacy, Election, Elector
from razem.elections.predicates import public_candidacy_statuses
from razem.organizations.models import Membership, Organization
from razem.organizations.selectors import organizations_acted_for


def election_list_for(*, user: Any) -> QuerySet[Election]:
    elections = Election.objects.select_related("body")
    if not is_city_staff(user):
        elections = elections.exclude(status=Election.Status.DRAFT)
    return elections.order_by("-voting_open", "-id")


def election_detail() -> QuerySet[Election]:
    return Election.objects.select_related("body", "debate", "previous").prefetch_related("lists", "areas")


def election_for_voting() -> QuerySet[Election]:
    """What the voter's pages and the cast need: the election's own row (its title, dates and phase). Its lists
    are read only where a ballot shows them or marks a candidate on one."""
    return Election.objects.all()


def candidacies_of(*, election: Election, user: Any = None, public: bool = True) -> QuerySet[Candidacy]:
    """Candidacies with their live support count. ``public``: those ``user`` may see (``elections.view_candidacy``):
    the consented ones the phase shows to everyone (``public_candidacy_statuses``), and to the candidate and the
    people of the nominating organization also their own in any status (awaiting consent, rejected); the office
    sees all. ``public=False``: all (the office's lists)."""
    candidacies = election.candidacies.select_related("person", "organization", "candidate_list").annotate(
        support_count=Count("supports", distinct=True)
    )
    if public and not is_city_staff(user):  # the office sees every candidacy, with its status
        shown = Q(status__in=public_candidacy_statuses(election))
        if user is not None and user.is_authenticated:
            # One's own (as the candidate or a member of the nominating organization), whatever its status.
            memberships = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
            shown |= Q(person=user) | Q(organization__in=memberships.values("organization_id"))
        candidacies = candidacies.filter(shown)
    return candidacies.order_by("ballot_number", "candidate_list__position", "person__full_name", "id")


def ballot_candidates(*, election: Election) -> QuerySet[Candidacy]:
    return (
        election.candidacies.filter(status=Candidacy.Status.ACCEPTED)
        .select_related("person", "organization", "candidate_list")
        .order_by("ballot_number", "id")
    )


def results(*, election: Election) -> QuerySet[Candidacy]:
    return (
        election.candidacies.filter(status=Candidacy.Status.ACCEPTED)
        .select_related("person", "organization", "candidate_list")
        .order_by("-votes", "ballot_number")
    )


def turnout(*, election: Election) -> dict[str, Any]:
    from razem.elections.services import turnout_counts

    counts: dict[str, Any] = dict(turnout_counts(election))
    size = election.electorate_size or counts["electorate"]
    counts["percent"] = round(100 * counts["voted"] / size, 1) if size else None
    return counts


def results_summary(*, election: Election) -> dict[str, Any]:
    """The figures of a counted election for the results page and the protocol: the candidates by votes, the
    turnout, valid and invalid ballots, and the previous election's turnout to compare."""
    counts = turnout(election=election)
    electorate = election.electorate_size or counts["electorate"]
    ballots_cast = election.ballots_cast or 0
    previous = election.previous
    return {
        "election": election,
        "results": list(results(election=election)),
        "turnout": counts,
        "electorate": electorate,
        "ballots_cast": ballots_cast,
        "valid_ballots": ballots_cast - (election.invalid_ballots or 0),
        "percent": round(100 * ballots_cast / electorate, 1) if electorate else None,
        "previous": previous,
        "previous_percent": round(100 * previous.turnout, 1) if previous and previous.turnout is not None else None,
    }


def voters_for_staff(*, election: Election, query: str = "", voted: str = "") -> QuerySet[Elector]:
    """Who voted and how (online or on paper), never what: for turnout and to stop double voting."""
    electors = election.electors.select_related("organization", "recorded_by")
    return voters_filtered(electors, query=query, voted=voted).order_by("organization__name")


def voters_filtered(electors: QuerySet[Elector], *, query: str = "", voted: str = "") -> QuerySet[Elector]:
    if voted == "yes":
        electors = electors.filter(voted_at__isnull=False)
    elif voted == "no":
        electors = electors.filter(voted_at__isnull=True)
    if query:
        electors = electors.filter(organization__name__icontains=query)
    return electors


def published_ballots(*, election: Election) -> QuerySet[Ballot, tuple[str | None, Any, bool]]:
    """Every ballot, anonymous, paper and online mixed in one order that says nothing: by the ballot's random key,
    drawn anew when the vote closed (``services.secrecy.ballots_reshuffle``). Not by cast time, not grouped by
    channel; a paper ballot carries a decoy tracker hash like any other. Stable between downloads."""
    return Ballot.objects.filter(election=election).order_by("id").values_list("tracker_sha256", "choices", "is_valid")


def paper_ballot_threshold() -> int:
    """k: fewer than k organizations voting on paper (but some) get a warning before their ballots go public
    (the setting ``RAZEM_PAPER_BALLOT_K``, 5 by default)."""
    return int(getattr(settings, "RAZEM_PAPER_BALLOT_K", 5))


def paper_ballot_warning(*, election: Election) -> dict[str, int] | None:
    """The figures of the warning before the count publishes the ballots, or None when no warning is due: some
    organizations, but fewer than k, voted on paper, so their ballots are distinguishable among few."""
    paper = election.electors.filter(channel=Elector.Channel.PAPER).count()
    threshold = paper_ballot_threshold()
    if 0 < paper < threshold:
        return {"paper": paper, "threshold": threshold}
    return None


def organizations_acting_for(*, user: Any) -> list[Organization]:
    """The verified organizations the person acts for, read once for the request: the predicate
    ``acts_for_some_organization`` (the same query, as ``exists``) then answers from what was read."""
    organizations = list(organizations_acted_for(user=user))
    if getattr(user, "is_authenticated", False):
        # The predicate's cache (elections.predicates) is on the user the permission backends get: the one behind
        # request.user's lazy wrapper (evaluated by now).
        person = getattr(user, "_wrapped", user)
        person.__dict__["_razem_acts_for_any"] = bool(organizations)
    return organizations


def my_organizations_status(
    *, user: Any, election: Election, organizations: list[Organization] | None = None
) -> list[dict[str, Any]]:
    """For a person acting for organizations: each one, whether it is in the electorate and whether it voted.
    ``organizations``: those of ``organizations_acting_for``, when already read."""
    if organizations is None:
        organizations = list(organizations_acted_for(user=user))
    if not organizations:
        return []
    electors = {e.organization_id: e for e in election.electors.filter(organization__in=organizations)}
    if election.electorate_frozen_at:
        return [{"organization": o, "elector": electors.get(o.pk), "refusal": None} for o in organizations]
    # Before the freeze, an organization the rule does not admit is told why (the dates of the rule included).
    return [{"organization": o, "elector": None, "refusal": ineligibility_reason(election, o)} for o in organizations]


def ballot_review(*, election: Election, choices: list[Any]) -> list[Candidacy]:
    """The marked candidates for the voter's review, checked as the cast will check them (a ``ValidationError`` with
    the same message when the ballot would be refused: too many marks, unknown candidate, a list's limit)."""
    from razem.elections.services import validate_choices

    ids = validate_choices(election, choices)
    return list(ballot_candidates(election=election).filter(pk__in=ids))


def ballot_by_tracker(*, election: Election, tracker: str) -> tuple[Ballot | None, list[Candidacy]]:
    """The published ballot whose tracker hash matches, and the candidates it marks (by ballot number)."""
    from razem.elections.models import tracker_hash

    ballot = Ballot.objects.filter(election=election, tracker_sha256=tracker_hash(tracker)).first()
    if ballot is None:
        return None, []
    return ballot, list(ballot_candidates(election=election).filter(pk__in=ballot.choices))
