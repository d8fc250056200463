"""The vote: freezing the electorate, checking a ballot's marks, casting online and recording paper ballots.

Ballot secrecy: ``ballot_cast`` writes the ``Elector`` row (that the organization voted) and an anonymous ``Ballot``
(what was marked) in one transaction, under a lock on the elector row; the audit entry and every message name the
organization and the channel, never the choices."""

import secrets
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.forms import parse_id
from razem.core.notifications import queue_email
from razem.elections.models import Ballot, Candidacy, Election, Elector, tracker_hash
from razem.elections.rules import VOTE
from razem.elections.schedule import SCHEDULE
from razem.elections.services.common import (
    eligible_organizations,
    require_acting,
    require_permission,
    tell_electorate,
)
from razem.elections.services.secrecy import decoy_tracker_hash
from razem.organizations.models import Organization

TRACKER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@transaction.atomic
def electorate_freeze(*, actor: User, election: Election, request: HttpRequest | None = None) -> int:
    """Store the eligible organizations and publish their number; the ballot gets its numbers. Once only."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.electorate_frozen_at:
        raise ValidationError(_("The electorate is already frozen."))
    if not SCHEDULE.is_in(election, "verification", "waiting", "voting"):
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
    tell_electorate(election, "elections/voting_opens")
    return len(ids)


def validate_choices(election: Election, choices: Sequence[Any]) -> list[int]:
    """The marked candidacies as sorted ids, or a clear refusal: too many, unknown, over a list's limit."""
    # parse_id: a number no key column can hold (twenty digits) is "not a candidate", never an overflow.
    parsed = {parse_id(c) for c in choices}
    if None in parsed:
        raise ValidationError({"choices": _("The ballot holds something that is not a candidate.")})
    ids = sorted(number for number in parsed if number is not None)
    if not ids:
        raise ValidationError({"choices": ValidationError(_("Mark at least one candidate."), code="empty")})
    if len(ids) > election.max_marks:
        # The code goes on the inner error: a dict's ValidationError drops its own ``code``, and
        # paper_ballot_record tells "invalid ballot" from "not a candidate" by it.
        raise ValidationError(
            {"choices": ValidationError(_("You marked %(n)s candidates; a ballot may mark at most %(max)s.")
                                        % {"n": len(ids), "max": election.max_marks}, code="too_many")}
        )  # fmt: skip
    # The list of each marked candidacy, as plain values: the check needs no candidacy objects.
    lists_of = dict(
        election.candidacies.filter(pk__in=ids, status=Candidacy.Status.ACCEPTED).values_list("pk", "candidate_list_id")
    )
    if len(lists_of) != len(ids):
        raise ValidationError(
            {"choices": ValidationError(_("The ballot marks someone who is not a candidate on it."), code="unknown")}
        )
    per_list = Counter(list_id for list_id in lists_of.values() if list_id)
    for candidate_list in election.lists.all() if per_list else ():
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


def _already_voted(organization: Organization, elector: Elector) -> str:
    return _("%(org)s has already voted (%(how)s); an organization casts one ballot.") % {
        "org": organization.name,
        "how": elector.get_channel_display().lower(),
    }


def ballot_cast(
    *,
    actor: User,
    election: Election,
    organization: Organization | None,
    choices: Sequence[Any],
    request: HttpRequest | None = None,
) -> str:
    """Cast the organization's one ballot; returns the tracker (shown once, and e-mailed to the voter)."""
    organization = require_acting(actor, organization)
    require_permission(actor, VOTE, election)  # the window, then whether the office has opened the vote
    ids = validate_choices(election, choices)
    tracker = new_tracker()
    context = {"election": election, "tracker": tracker, "organization": organization,
               "base_url": settings.RAZEM_BASE_URL}  # fmt: skip
    # The tracker is secret and shown once: one e-mail rendered here, before the lock, never a queued notice.
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
            raise ValidationError(_already_voted(organization, elector), code="already_voted")
        Ballot.objects.create(election=election, tracker_sha256=tracker_hash(tracker), choices=ids, is_valid=True)
        elector.voted_at = timezone.now()
        elector.channel = Elector.Channel.ONLINE
        elector.save(update_fields=["voted_at", "channel"])
        # The audit entry names the elector ("organization (election)"): both are at hand, not read again.
        elector.organization, elector.election = organization, election
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
    actor: User,
    election: Election,
    organization: Organization,
    choices: Sequence[Any],
    request: HttpRequest | None = None,
) -> bool:
    """Record a paper ballot of an organization that has not voted online; too many marks make it invalid, as the
    rules say. Returns whether it was valid."""
    if not SCHEDULE.is_in(election, "voting", "counting") or election.closed_at:
        raise ValidationError(_("Paper ballots are recorded from the opening of the vote until the count."))
    elector = Elector.objects.select_for_update().filter(election=election, organization=organization).first()
    if elector is None:
        raise ValidationError(
            {"organization": _("%(org)s is not in the electorate of this election.") % {"org": organization.name}}
        )
    if elector.voted_at is not None:
        raise ValidationError({"organization": _already_voted(organization, elector)})
    try:
        ids = validate_choices(election, choices)
        valid = True
    except ValidationError as error:
        if getattr(error, "error_dict", None) and error.error_dict["choices"][0].code in {"too_many", "list_limit",
                                                                                          "empty"}:  # fmt: skip
            ids, valid = [], False
        else:
            raise
    # The hash of a tracker nobody receives: the row does not say it came on paper (services.secrecy).
    Ballot.objects.create(election=election, tracker_sha256=decoy_tracker_hash(), choices=ids, is_valid=valid)
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
