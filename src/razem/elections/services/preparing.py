"""Preparing an election: its calendar, the draft and its announcement."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies.models import Body
from razem.core import audit
from razem.core.deadlines import days_of
from razem.elections.models import Election
from razem.elections.schedule import SCHEDULE
from razem.elections.services.common import tell_electorate

ELECTION_FIELDS = (
    "title", "slug", "term_name", "description", "seats", "max_marks", "support_needed",
    "max_supports_per_organization", "seat_city", "registered_before", "registration_date",
    "nominations_open", "nominations_close",
    "support_close", "verification_close", "voting_open", "voting_close", "results_due", "debate", "previous",
)  # fmt: skip


def validate_calendar(election: Election) -> None:
    """Every date after the one before it (the order of ``SCHEDULE``), and a ballot of a sensible size."""
    errors: dict[str, list[str]] = {}
    try:
        SCHEDULE.validate(election)
    except ValidationError as error:
        errors.update(error.message_dict)
    if election.max_marks and election.seats and election.max_marks > max(election.seats, 1) * 3:
        errors["max_marks"] = [_("A ballot may mark at most three times as many candidates as there are seats.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def election_save(
    *,
    actor: User,
    body: Body,
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


@transaction.atomic
def election_announce(*, actor: User, election: Election, request: HttpRequest | None = None) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.DRAFT:
        raise ValidationError(_("This election has already been announced."))
    grace = datetime.timedelta(days=days_of("election_announce_grace_days"))
    if election.nominations_open < timezone.now() - grace:
        raise ValidationError(_("Nominations would already be open for more than a day; move the calendar first."))
    election.status = Election.Status.ANNOUNCED
    election.save(update_fields=["status"])
    audit.record(actor=actor, action="elections.election.announced", obj=election, request=request)
    tell_electorate(election, "elections/announced")
    return election
