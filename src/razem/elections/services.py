"""Every write of an election: preparing and announcing it, nominations and support, verification, freezing the
electorate, casting online and recording paper ballots, counting, the decision by lot and publication.

Ballot secrecy: ``ballot_cast`` writes the ``Elector`` row (that the organization voted) and an anonymous
``Ballot`` (what was marked) in one transaction, under a lock on the elector row; the audit entry and every
message name the organization and the channel, never the choices."""

import datetime
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from razem.core import audit
from razem.core.notifications import notify, queue_email
from razem.elections.models import Ballot, Candidacy, CandidateList, Election, Elector, Support, tracker_hash
from razem.organizations.models import Organization

P = Election.Phase
ELECTION_FIELDS = (
    "title", "slug", "term_name", "description", "seats", "max_marks", "support_needed",
    "max_supports_per_organization", "seat_city", "registered_before", "nominations_open", "nominations_close",
    "support_close", "verification_close", "voting_open", "voting_close", "results_due", "debate", "previous",
)  # fmt: skip
TRACKER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _when(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def eligible_organizations(election: Election) -> Any:
    """The organizations the eligibility rule admits today: verified, seated in the city, registered before the
    cut-off, active in one of the areas if any are set."""
    organizations = Organization.objects.filter(
        status=Organization.Status.VERIFIED, city__iexact=election.seat_city.strip()
    )
    if election.registered_before:
        organizations = organizations.filter(created_at__date__lt=election.registered_before)
    area_ids = list(election.areas.values_list("pk", flat=True))
    if area_ids:
        organizations = organizations.filter(areas__in=area_ids).distinct()
    return organizations


def _acting(actor: Any, organization: Any) -> None:
    if organization is None or not actor.has_perm("organizations.act_for_organization", organization):
        raise ValidationError(
            {"organization": _("You can act only for a verified organization you represent.")},
            code="not_representative",
        )


def _phase_is(election: Election, *phases: str) -> bool:
    return election.phase() in phases


# Preparing ------------------------------------------------------------------------------------------------------


def validate_calendar(election: Election) -> None:
    order = [
        ("nominations_open", "nominations_close", _("Nominations must close after they open.")),
        ("nominations_close", "support_close", _("Support cannot close before nominations close.")),
        ("support_close", "verification_close", _("Verification cannot end before support closes.")),
        ("verification_close", "voting_open", _("Voting cannot open before verification ends.")),
        ("voting_open", "voting_close", _("Voting must close after it opens.")),
    ]
    errors: dict[str, str] = {}
    for earlier, later, message in order:
        a, b = getattr(election, earlier), getattr(election, later)
        if a and b and (b < a or (b == a and later in {"nominations_close", "voting_close"})):
            errors[later] = message
    if (
        election.voting_close
        and election.results_due
        and election.results_due < timezone.localtime(election.voting_close).date()
    ):
        errors["results_due"] = _("Results cannot be due before voting closes.")
    if election.max_marks and election.seats and election.max_marks > max(election.seats, 1) * 3:
        errors["max_marks"] = _("A ballot may mark at most three times as many candidates as there are seats.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def election_save(
    *,
    actor: Any,
    body: Any,
    data: dict[str, Any],
    election: Election | None = None,
    areas: Iterable[Any] | None = None,
    request: HttpRequest | None = None,
) -> Election:
    created = election is None
    election = election or Election(body=body, created_by=actor)
    if election.pk and election.electorate_frozen_at:
        raise ValidationError(_("The electorate is frozen: the election can no longer be changed."))
    for field in ELECTION_FIELDS:
        if field in data:
            setattr(election, field, data[field])
    validate_calendar(election)
    election.full_clean()
    election.save()
    if areas is not None:
        election.areas.set(areas)
    audit.record(
        actor=actor,
        action="elections.election.created" if created else "elections.election.updated",
        obj=election,
        request=request,
    )
    return election


def _tell_electorate(election: Election, kind: str, organizations: Any = None) -> None:
    """Notify the people acting for the eligible organizations (in-app; the worker does it after the commit)."""
    from razem.elections.tasks import notify_electorate

    pk = election.pk
    transaction.on_commit(lambda: notify_electorate.enqueue(pk, kind))


@transaction.atomic
def election_announce(*, actor: Any, election: Election, request: HttpRequest | None = None) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.DRAFT:
        raise ValidationError(_("This election has already been announced."))
    if election.nominations_open < timezone.now() - datetime.timedelta(days=1):
        raise ValidationError(_("Nominations would already be open for more than a day; move the calendar first."))
    election.status = Election.Status.ANNOUNCED
    election.save(update_fields=["status"])
    audit.record(actor=actor, action="elections.election.announced", obj=election, request=request)
    _tell_electorate(election, "elections/announced")
    return election


# Candidates -----------------------------------------------------------------------------------------------------


@transaction.atomic
def candidacy_nominate(
    *,
    actor: Any,
    election: Election,
    organization: Any,
    person: Any,
    statement: str,
    biography: str = "",
    photo: Any = None,
    candidate_list: CandidateList | None = None,
    request: HttpRequest | None = None,
) -> Candidacy:
    """An organization nominates one candidate; the candidate then consents in Razem."""
    if not _phase_is(election, P.NOMINATIONS):
        raise ValidationError(
            _("Nominations are open from %(start)s to %(end)s.")
            % {"start": _when(election.nominations_open), "end": _when(election.nominations_close)},
            code="window",
        )
    _acting(actor, organization)
    if not eligible_organizations(election).filter(pk=organization.pk).exists():
        raise ValidationError({"organization": _("This organization does not meet the rule of the electorate.")})
    if person is None:
        raise ValidationError({"person": _("Choose the candidate: a person with an account in Razem.")})
    if candidate_list is not None and candidate_list.election_id != election.pk:
        raise ValidationError({"candidate_list": _("This list belongs to another election.")})
    if election.lists.exists() and candidate_list is None:
        raise ValidationError({"candidate_list": _("Choose the list of the candidacy.")})
    if not statement.strip():
        raise ValidationError({"statement": _("Write the candidate's statement.")})
    candidacy = Candidacy(
        election=election, organization=organization, person=person, nominated_by=actor, statement=statement.strip(),
        biography=biography.strip(), candidate_list=candidate_list,
    )  # fmt: skip
    try:
        with transaction.atomic():
            candidacy.save()
    except IntegrityError as exc:
        if Candidacy.objects.filter(election=election, organization=organization).exclude(status="withdrawn").exists():
            raise ValidationError(
                {"organization": _("%(org)s has already nominated a candidate in this election.")
                 % {"org": organization.name}}
            ) from exc  # fmt: skip
        raise ValidationError({"person": _("This person is already a candidate in this election.")}) from exc
    if photo is not None:  # stored once the candidacy exists, so a refused nomination leaves no file behind
        candidacy.photo.save(photo.name, photo, save=True)
    audit.record(
        actor=actor,
        action="elections.candidacy.nominated",
        obj=candidacy,
        data={"election": election.pk, "organization": organization.pk},
        request=request,
    )
    if person.pk != actor.pk:
        notify(
            recipient=person,
            kind="elections/consent_requested",
            context={"candidacy": candidacy, "election": election},
            url=election.get_absolute_url(),
        )
    return candidacy


@transaction.atomic
def candidacy_consent(
    *, actor: Any, candidacy: Candidacy, declarations: bool, request: HttpRequest | None = None
) -> Candidacy:
    """The candidate's own consent and declarations, given in Razem."""
    candidacy = Candidacy.objects.select_for_update().get(pk=candidacy.pk)
    if actor.pk != candidacy.person_id:
        raise ValidationError(_("Only the candidate can consent to their candidacy."))
    if candidacy.status != Candidacy.Status.AWAITING_CONSENT:
        raise ValidationError(_("This candidacy does not await consent."))
    if not _phase_is(candidacy.election, P.NOMINATIONS, P.SUPPORT):
        raise ValidationError(_("Consent can be given until support closes."))
    if not declarations:
        raise ValidationError({"declarations": _("Confirm the declarations to consent.")})
    now = timezone.now()
    candidacy.consent_at = now
    candidacy.declarations_at = now
    candidacy.status = Candidacy.Status.SUBMITTED
    candidacy.save(update_fields=["consent_at", "declarations_at", "status"])
    audit.record(actor=actor, action="elections.candidacy.consented", obj=candidacy, request=request)
    return candidacy


@transaction.atomic
def support_give(*, actor: Any, candidacy: Candidacy, organization: Any, request: HttpRequest | None = None) -> Support:
    election = candidacy.election
    if not _phase_is(election, P.NOMINATIONS, P.SUPPORT):
        raise ValidationError(
            _("Support can be given from %(start)s to %(end)s.")
            % {"start": _when(election.nominations_open), "end": _when(election.support_close)},
            code="window",
        )
    _acting(actor, organization)
    if candidacy.organization_id == organization.pk:
        raise ValidationError(_("An organization cannot support its own candidate."))
    if not eligible_organizations(election).filter(pk=organization.pk).exists():
        raise ValidationError(_("Only organizations that meet the rule of the electorate can support candidates."))
    if candidacy.status not in {Candidacy.Status.AWAITING_CONSENT, Candidacy.Status.SUBMITTED}:
        raise ValidationError(_("This candidacy cannot be supported any more."))
    Organization.objects.select_for_update().get(pk=organization.pk)
    limit = election.max_supports_per_organization
    if limit and Support.objects.filter(candidacy__election=election, organization=organization).count() >= limit:
        raise ValidationError(
            _("%(org)s has already supported %(limit)s candidates, the most allowed.")
            % {"org": organization.name, "limit": limit}
        )
    try:
        with transaction.atomic():
            support = Support.objects.create(candidacy=candidacy, organization=organization, given_by=actor)
    except IntegrityError as exc:
        raise ValidationError(_("%(org)s already supports this candidate.") % {"org": organization.name}) from exc
    audit.record(
        actor=actor,
        action="elections.support.given",
        obj=candidacy,
        data={"organization": organization.pk},
        request=request,
    )
    return support


@transaction.atomic
def support_withdraw(*, actor: Any, support: Support, request: HttpRequest | None = None) -> None:
    if not _phase_is(support.candidacy.election, P.NOMINATIONS, P.SUPPORT):
        raise ValidationError(_("Support can no longer be withdrawn."))
    _acting(actor, support.organization)
    audit.record(
        actor=actor,
        action="elections.support.withdrawn",
        obj=support.candidacy,
        data={"organization": support.organization_id},
        request=request,
    )
    support.delete()


@transaction.atomic
def candidacy_verify(
    *, actor: Any, candidacy: Candidacy, accept: bool, reason: str = "", request: HttpRequest | None = None
) -> Candidacy:
    candidacy = Candidacy.objects.select_for_update().select_related("election", "organization").get(pk=candidacy.pk)
    election = candidacy.election
    if election.phase() not in {P.VERIFICATION, P.WAITING}:
        raise ValidationError(_("Candidacies are verified after nominations close and before voting opens."))
    if election.electorate_frozen_at:
        raise ValidationError(_("Voting has been opened: the candidates are final."))
    reason = (reason or "").strip()
    if accept:
        if candidacy.status != Candidacy.Status.SUBMITTED:
            raise ValidationError(_("Only a candidacy with the candidate's consent can be accepted."))
        supporters = candidacy.supports.count()
        if supporters < election.support_needed:
            raise ValidationError(
                _("The candidacy has the support of %(n)s organizations; %(needed)s are needed.")
                % {"n": supporters, "needed": election.support_needed}
            )
    elif not reason:
        raise ValidationError({"reason": _("Say why the candidacy is rejected; the organization will read it.")})
    candidacy.status = Candidacy.Status.ACCEPTED if accept else Candidacy.Status.REJECTED
    candidacy.reason = reason
    candidacy.verified_by = actor
    candidacy.verified_at = timezone.now()
    candidacy.save(update_fields=["status", "reason", "verified_by", "verified_at"])
    audit.record(
        actor=actor,
        action="elections.candidacy.accepted" if accept else "elections.candidacy.rejected",
        obj=candidacy,
        data={} if accept else {"reason": reason},
        request=request,
    )
    from razem.accounts.models import User

    people = User.objects.filter(
        memberships__organization=candidacy.organization,
        memberships__role__in=["admin", "representative"],
        memberships__status="active",
        is_active=True,
    )
    for person in {*people, candidacy.person}:
        notify(
            recipient=person,
            kind="elections/candidacy_verified",
            context={"candidacy": candidacy, "election": election, "accepted": accept, "reason": reason},
            url=election.get_absolute_url(),
        )
    return candidacy


# Voting ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def electorate_freeze(*, actor: Any, election: Election, request: HttpRequest | None = None) -> int:
    """Store the eligible organizations and publish their number; the ballot gets its numbers. Once only."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.electorate_frozen_at:
        raise ValidationError(_("The electorate is already frozen."))
    if election.phase() not in {P.WAITING, P.VOTING, P.VERIFICATION}:
        raise ValidationError(_("The electorate is frozen when verification ends, before voting."))
    accepted = list(
        election.candidacies.filter(status=Candidacy.Status.ACCEPTED).order_by(
            "candidate_list__position", "person__full_name"
        )
    )
    if not accepted:
        raise ValidationError(_("There is no accepted candidate: voting cannot open."))
    for number, candidacy in enumerate(accepted, start=1):
        candidacy.ballot_number = number
    Candidacy.objects.bulk_update(accepted, ["ballot_number"])
    ids = list(eligible_organizations(election).values_list("pk", flat=True))
    Elector.objects.bulk_create([Elector(election=election, organization_id=pk) for pk in ids], batch_size=1000)
    election.electorate_frozen_at = timezone.now()
    election.electorate_size = len(ids)
    election.save(update_fields=["electorate_frozen_at", "electorate_size"])
    audit.record(
        actor=actor, action="elections.electorate.frozen", obj=election, data={"size": len(ids)}, request=request
    )
    _tell_electorate(election, "elections/voting_opens")
    return len(ids)


def validate_choices(election: Election, choices: Sequence[Any]) -> list[int]:
    """The marked candidacies as sorted ids, or a clear refusal: too many, unknown, over a list's limit."""
    try:
        ids = sorted({int(c) for c in choices})
    except (TypeError, ValueError) as exc:
        raise ValidationError({"choices": _("The ballot holds something that is not a candidate.")}) from exc
    if not ids:
        raise ValidationError({"choices": ValidationError(_("Mark at least one candidate."), code="empty")})
    if len(ids) > election.max_marks:
        # The code goes on the inner error: a dict's ValidationError drops its own ``code``, and
        # paper_ballot_record tells "invalid ballot" from "not a candidate" by it.
        raise ValidationError(
            {"choices": ValidationError(_("You marked %(n)s candidates; a ballot may mark at most %(max)s.")
                                        % {"n": len(ids), "max": election.max_marks}, code="too_many")}
        )  # fmt: skip
    candidacies = {
        c.pk: c
        for c in election.candidacies.filter(pk__in=ids, status=Candidacy.Status.ACCEPTED).select_related(
            "candidate_list"
        )
    }
    if len(candidacies) != len(ids):
        raise ValidationError(
            {"choices": ValidationError(_("The ballot marks someone who is not a candidate on it."), code="unknown")}
        )
    per_list = Counter(c.candidate_list_id for c in candidacies.values() if c.candidate_list_id)
    for candidate_list in election.lists.all():
        if per_list.get(candidate_list.pk, 0) > candidate_list.max_marks:
            raise ValidationError(
                {"choices": ValidationError(_("On the list %(list)s a ballot may mark at most %(max)s candidates.")
                                            % {"list": candidate_list.name, "max": candidate_list.max_marks},
                                            code="list_limit")}
            )  # fmt: skip
    return ids


def new_tracker() -> str:
    raw = "".join(secrets.choice(TRACKER_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def ballot_cast(
    *,
    actor: Any,
    election: Election,
    organization: Any,
    choices: Sequence[Any],
    request: HttpRequest | None = None,
) -> str:
    """Cast the organization's one ballot; returns the tracker (shown once, and e-mailed to the voter)."""
    if not _phase_is(election, P.VOTING):
        raise ValidationError(
            _("Voting is open from %(start)s to %(end)s.")
            % {"start": _when(election.voting_open), "end": _when(election.voting_close)},
            code="window",
        )
    if not election.electorate_frozen_at:
        raise ValidationError(_("Voting has not been opened by the office yet."), code="not_frozen")
    _acting(actor, organization)
    ids = validate_choices(election, choices)
    tracker = new_tracker()
    context = {"election": election, "tracker": tracker, "organization": organization,
               "base_url": settings.RAZEM_BASE_URL}  # fmt: skip
    subject = render_to_string("elections/email/tracker_subject.txt", context).strip()
    body_text = render_to_string("elections/email/tracker.txt", context)
    with transaction.atomic():
        elector = Elector.objects.select_for_update().filter(election=election, organization=organization).first()
        if elector is None:
            raise ValidationError(
                _("%(org)s is not in the electorate of this election.") % {"org": organization.name},
                code="not_eligible",
            )
        if elector.voted_at is not None:
            raise ValidationError(
                _("%(org)s has already voted (%(how)s); an organization casts one ballot.")
                % {"org": organization.name, "how": elector.get_channel_display().lower()},
                code="already_voted",
            )
        Ballot.objects.create(election=election, tracker_sha256=tracker_hash(tracker), choices=ids, is_valid=True)
        elector.voted_at = timezone.now()
        elector.channel = Elector.Channel.ONLINE
        elector.save(update_fields=["voted_at", "channel"])
        # Who voted, never how: the organization and the channel, no choices.
        audit.record(
            actor=actor,
            action="elections.ballot.cast",
            obj=elector,
            data={"election": election.pk, "organization": organization.pk, "channel": "online"},
            request=request,
        )
        if actor.email:
            queue_email(to=actor.email, subject=subject, body_text=body_text, recipient=actor, kind="elections/tracker")
    return tracker


@transaction.atomic
def paper_ballot_record(
    *,
    actor: Any,
    election: Election,
    organization: Any,
    choices: Sequence[Any],
    request: HttpRequest | None = None,
) -> bool:
    """Record a paper ballot of an organization that has not voted online; too many marks make it invalid, as the
    rules say. Returns whether it was valid."""
    if election.phase() not in {P.VOTING, P.COUNTING} or election.closed_at:
        raise ValidationError(_("Paper ballots are recorded from the opening of the vote until the count."))
    elector = Elector.objects.select_for_update().filter(election=election, organization=organization).first()
    if elector is None:
        raise ValidationError(
            {"organization": _("%(org)s is not in the electorate of this election.") % {"org": organization.name}}
        )
    if elector.voted_at is not None:
        raise ValidationError(
            {"organization": _("%(org)s has already voted (%(how)s); an organization casts one ballot.")
             % {"org": organization.name, "how": elector.get_channel_display().lower()}}
        )  # fmt: skip
    try:
        ids = validate_choices(election, choices)
        valid = True
    except ValidationError as error:
        if getattr(error, "error_dict", None) and error.error_dict["choices"][0].code in {"too_many", "list_limit",
                                                                                          "empty"}:  # fmt: skip
            ids, valid = [], False
        else:
            raise
    Ballot.objects.create(election=election, tracker_sha256=None, choices=ids, is_valid=valid)
    elector.voted_at = timezone.now()
    elector.channel = Elector.Channel.PAPER
    elector.recorded_by = actor
    elector.save(update_fields=["voted_at", "channel", "recorded_by"])
    audit.record(
        actor=actor,
        action="elections.ballot.paper_recorded",
        obj=elector,
        data={"election": election.pk, "organization": organization.pk, "channel": "paper"},
        request=request,
    )
    return valid


# Counting and results -------------------------------------------------------------------------------------------


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
def election_count(*, actor: Any, election: Election, request: HttpRequest | None = None) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.phase() != P.COUNTING:
        raise ValidationError(_("The votes are counted after voting closes."))
    if election.closed_at:
        raise ValidationError(_("The votes have already been counted."))
    votes, ballots, invalid = tally(election)
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
        data={"ballots": ballots, "invalid": invalid, "tied": len(tied)},
        request=request,
    )
    return election


@transaction.atomic
def tie_decide(
    *, actor: Any, election: Election, winners: Iterable[Any], note: str, request: HttpRequest | None = None
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
def results_publish(*, actor: Any, election: Election, request: HttpRequest | None = None) -> Election:
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
    _tell_electorate(election, "elections/results")
    return election


def turnout_counts(election: Election) -> dict[str, int]:
    return Elector.objects.filter(election=election).aggregate(
        electorate=Count("id"),
        voted=Count("id", filter=Q(voted_at__isnull=False)),
        online=Count("id", filter=Q(channel=Elector.Channel.ONLINE)),
        paper=Count("id", filter=Q(channel=Elector.Channel.PAPER)),
    )


# Lists of candidates --------------------------------------------------------------------------------------------


@transaction.atomic
def candidate_list_add(
    *,
    actor: Any,
    election: Election,
    name: str,
    max_marks: int,
    position: int = 0,
    request: HttpRequest | None = None,
) -> CandidateList:
    """Add a list of candidates (e.g. one per area) with its own limit of marks; refused once voting is open."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.electorate_frozen_at:
        raise ValidationError(_("The electorate is frozen: the lists of candidates can no longer be changed."))
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("Name the list.")
    if not max_marks or max_marks < 1:
        errors["max_marks"] = _("A list must allow at least one mark.")
    elif max_marks > election.max_marks:
        errors["max_marks"] = _("A list cannot allow more marks than the whole ballot (%(max)s).") % {
            "max": election.max_marks
        }
    if errors:
        raise ValidationError(errors)
    candidate_list = CandidateList(election=election, name=name.strip(), max_marks=max_marks, position=position or 0)
    candidate_list.full_clean()
    candidate_list.save()
    audit.record(
        actor=actor,
        action="elections.list.created",
        obj=candidate_list,
        data={"election": election.pk, "max_marks": max_marks},
        request=request,
    )
    return candidate_list
