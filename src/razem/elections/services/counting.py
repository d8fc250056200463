"""Counting and results: the tally, the seats, the decision by lot, publication and the protocol."""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot
from razem.elections.models import Ballot, Candidacy, Election, Elector
from razem.elections.schedule import SCHEDULE
from razem.elections.services.common import tell_electorate
from razem.elections.services.secrecy import ballots_reshuffle

PROTOCOL = "elections.protocol"


def tally(election: Election) -> tuple[Counter[int], int, int]:
    """Votes per candidacy over the valid ballots, the number of ballots and of invalid ones."""
    votes: Counter[int] = Counter()
    ballots = invalid = 0
    for choices, is_valid in (
        Ballot.objects.filter(election=election).values_list("choices", "is_valid").iterator(chunk_size=5000)
    ):
        ballots += 1
        if is_valid:
            votes.update(choices)
        else:
            invalid += 1
    return votes, ballots, invalid


def seat_allocation(votes: dict[int, int], candidacy_ids: Iterable[int], seats: int) -> tuple[set[int], set[int]]:
    """The candidacies elected outright, and those tied at the last seat (to be decided by lot)."""
    ranked = sorted(candidacy_ids, key=lambda pk: -votes.get(pk, 0))
    if len(ranked) <= seats:
        return set(ranked), set()
    cutoff = votes.get(ranked[seats - 1], 0)
    above = {pk for pk in ranked if votes.get(pk, 0) > cutoff}
    at_cutoff = {pk for pk in ranked if votes.get(pk, 0) == cutoff}
    if len(above) + len(at_cutoff) <= seats:
        return above | at_cutoff, set()
    return above, at_cutoff


@transaction.atomic
def election_count(
    *, actor: User | None, election: Election, request: HttpRequest | None = None, few_paper_confirmed: bool = False
) -> Election:
    """Count the valid ballots and close the vote: the ballots are reshuffled (``services.secrecy``) and become
    public. ``few_paper_confirmed`` records in the audit that the office went past the warning about few paper
    voters (``selectors.paper_ballot_warning``; the view asks)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if not SCHEDULE.is_in(election, "counting"):
        raise ValidationError(_("The votes are counted after voting closes."))
    if election.closed_at:
        raise ValidationError(_("The votes have already been counted."))
    votes, ballots, invalid = tally(election)
    # The close of the vote: the ballots are rewritten in a random order, so the order of the cast is gone.
    ballots_reshuffle(election)
    accepted = list(election.candidacies.filter(status=Candidacy.Status.ACCEPTED))
    elected, tied = seat_allocation(votes, [c.pk for c in accepted], election.seats)
    for candidacy in accepted:
        candidacy.votes = votes.get(candidacy.pk, 0)
        candidacy.tied = candidacy.pk in tied
        candidacy.elected = True if candidacy.pk in elected else (None if candidacy.pk in tied else False)
    Candidacy.objects.bulk_update(accepted, ["votes", "tied", "elected"])
    election.closed_at = timezone.now()
    election.ballots_cast = ballots
    election.invalid_ballots = invalid
    election.save(update_fields=["closed_at", "ballots_cast", "invalid_ballots"])
    audit.record(
        actor=actor,
        action="elections.election.counted",
        obj=election,
        data={"ballots": ballots, "invalid": invalid, "tied": len(tied), "few_paper_confirmed": few_paper_confirmed},
        request=request,
    )
    return election


@transaction.atomic
def tie_decide(
    *, actor: User, election: Election, winners: Iterable[Any], note: str, request: HttpRequest | None = None
) -> Election:
    """Record the decision by lot between the candidates tied at the last seat."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    tied = list(election.candidacies.filter(tied=True, elected__isnull=True))
    if not tied:
        raise ValidationError(_("No tie waits for a decision."))
    seats_left = election.seats - election.candidacies.filter(elected=True).count()
    chosen = {int(w) for w in winners}
    if not chosen <= {c.pk for c in tied} or len(chosen) != seats_left:
        raise ValidationError({"winners": _("Choose %(n)s of the tied candidates.") % {"n": seats_left}})
    if not note.strip():
        raise ValidationError({"note": _("Describe how the lot was drawn and who witnessed it.")})
    for candidacy in tied:
        candidacy.elected = candidacy.pk in chosen
    Candidacy.objects.bulk_update(tied, ["elected"])
    election.tie_note = note.strip()
    election.save(update_fields=["tie_note"])
    audit.record(
        actor=actor,
        action="elections.election.tie_decided",
        obj=election,
        data={"winners": sorted(chosen), "note": election.tie_note},
        request=request,
    )
    return election


@transaction.atomic
def results_publish(*, actor: User | None, election: Election, request: HttpRequest | None = None) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    if not election.closed_at:
        raise ValidationError(_("Count the votes first."))
    if election.candidacies.filter(tied=True, elected__isnull=True).exists():
        raise ValidationError(_("A tie at the last seat waits for the decision by lot."))
    if election.results_published_at:
        raise ValidationError(_("The results are already published."))
    election.results_published_at = timezone.now()
    election.save(update_fields=["results_published_at"])
    audit.record(actor=actor, action="elections.election.published", obj=election, request=request)
    tell_electorate(election, "elections/results")
    return election


def turnout_counts(election: Election) -> dict[str, int]:
    return Elector.objects.filter(election=election).aggregate(
        electorate=Count("id"),
        voted=Count("id", filter=Q(voted_at__isnull=False)),
        online=Count("id", filter=Q(channel=Elector.Channel.ONLINE)),
        paper=Count("id", filter=Q(channel=Elector.Channel.PAPER)),
    )


def protocol_issue(*, actor: User | None, election: Election) -> DocumentSnapshot:
    """The protocol of the count as an issued PDF (``razem.core.documents``): the same snapshot while the results
    are unchanged, with its checksum in the footer. For a counted election only."""
    from razem.elections.selectors import results_summary

    if not election.closed_at:
        raise ValidationError(_("Count the votes first."))
    context = {**results_summary(election=election), "url": settings.RAZEM_BASE_URL + election.get_absolute_url()}
    return issue_pdf(
        template="elections/protocol.html",
        context=context,
        kind=PROTOCOL,
        obj=election,
        title=_("Protocol of the election") + f" – {election.title}",
        actor=actor,
    )
