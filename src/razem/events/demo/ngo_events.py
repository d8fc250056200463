"""NGO events promoted in the calendar (``data/ngo_events.json``): those of the featured organizations and of
three generated ones; nine approved, two awaiting approval, one rejected. An event already held stays published."""

import datetime
from typing import Any

from razem.events.demo.year import Year, data
from razem.events.models import Meeting
from razem.organizations.models import Organization

M = Meeting
K = Meeting.Kind
S = Meeting.Status


def build(year: Year) -> dict[str, Meeting]:
    spec = data("ngo_events.json")
    generated = list(
        Organization.objects.filter(status=Organization.Status.VERIFIED)
        .exclude(pk__in=[o.pk for o in year.featured])
        .order_by("name", "pk")[:40]
    )
    others = year.rng.sample(generated, 3) if len(generated) >= 3 else []
    plan = [(event, year.featured[event["organization"]]) for event in spec["featured"]]
    if len(others) == 3:
        plan += [(event, others[event["organization"]]) for event in spec["others"]]
    made = {}
    for event, organization in plan:
        made[event["key"]] = ngo_event(year, event, organization, rejected_reason=spec["rejected_reason"])
    return made


def ngo_event(year: Year, event: dict[str, Any], organization: Organization, *, rejected_reason: str) -> Meeting:
    status = S(event["status"])
    fields: dict[str, Any] = {
        "organizer_kind": M.Organizer.ORGANIZATION,
        "organization": organization,
        "created_by": year.representative(organization),
        "contact_email": organization.email,
        "external_url": organization.website,
    }
    if status in {S.PUBLISHED, S.REJECTED}:
        fields["reviewed_by"] = year.officer
    if status == S.REJECTED:
        fields["status_reason"] = rejected_reason
    starts = year.starts(event)
    if starts + datetime.timedelta(hours=event["hours"]) <= year.now:
        status = S.PUBLISHED  # an NGO's past event stays published in the calendar
    title = event["title"]
    kind = K.TRAINING if title.startswith("Warsztaty") else K.CIVIC if "piknik" in title else K.OTHER
    return year.from_spec({**event, "kind": kind, "registration": False}, starts=starts, status=status, **fields)
