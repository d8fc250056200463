"""Seating the elected: every elected candidate takes a seat in the body's term, all in one transaction or none."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies import services as body_services
from razem.bodies.models import BodyMembership, Term
from razem.core import audit
from razem.elections.models import Election


@dataclasses.dataclass(frozen=True)
class Seating:
    """What seating the elected did: the seats it added and how many of the elected already had one."""

    added: list[BodyMembership]
    already_seated: int


@transaction.atomic
def elected_seat(
    *,
    actor: User,
    election: Election,
    term: Term,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Seating:
    """Seat every elected candidate of a published election in ``term`` of the election's body, as an elected
    member for the organization that nominated them, from ``start_date`` (the term's start) to ``end_date`` (the
    term's end). Those already seated in the term are left as they are. If any seat is refused, none is added:
    the refusal names each person and the reason."""
    election = Election.objects.select_for_update().select_related("body").get(pk=election.pk)
    if not election.results_published_at:
        raise ValidationError(_("Publish the results first."))
    body = election.body
    winners = list(
        election.candidacies.filter(elected=True).select_related("person", "organization").order_by("ballot_number")
    )
    seated = set(
        BodyMembership.objects.filter(body=body, term=term, person__in=[c.person_id for c in winners]).values_list(
            "person_id", flat=True
        )
    )
    added: list[BodyMembership] = []
    refusals: list[str] = []
    for candidacy in winners:
        if candidacy.person_id in seated:
            continue
        data = {
            "term": term,
            "person": candidacy.person,
            "organization": candidacy.organization,
            "position": BodyMembership.Position.MEMBER,
            "appointment": BodyMembership.Appointment.ELECTED,
            "start_date": start_date or term.starts_on,
            "end_date": end_date or term.ends_on,
        }
        try:
            with transaction.atomic():  # a savepoint, so that every refusal can be told, not only the first
                added.append(body_services.membership_add(actor=actor, body=body, data=data, request=request))
        except ValidationError as exc:
            refusals.append(
                _("%(name)s was not added: %(why)s")
                % {"name": candidacy.person.full_name, "why": " ".join(exc.messages)}
            )
    if refusals:
        raise ValidationError(refusals, code="seat_refused")  # rolls back every seat added above
    audit.record(
        actor=actor,
        action="elections.election.seated",
        obj=election,
        data={"term": term.pk, "added": len(added), "already_seated": len(seated)},
        request=request,
    )
    return Seating(added=added, already_seated=len(seated))
