"""Sittings of the dialogue bodies (``data/sittings.json``): KRDPP's (members only) this year and the next one, the
Premises Forum's (members only, minutes for its participants) and open sittings of three KDOs. KRDPP's acts that
the bodies demo recorded (``razem.bodies.demo``, loaded before) are linked to the sitting of the day they were
adopted."""

from typing import Any

from django.utils import timezone

from razem.bodies.models import Act
from razem.events.demo.year import Year, data
from razem.events.models import Meeting

M = Meeting


def build(year: Year) -> dict[str, Meeting]:
    spec = data("sittings.json")
    made: dict[str, Meeting] = {}
    sitting: dict[str, Any] = {
        "kind": M.Kind.SITTING,
        "hours": 2,
        "registration": False,
        "organizer_kind": M.Organizer.BODY,
    }
    members = {**sitting, "visibility": M.Visibility.MEMBERS, "place": spec["members_place"]}
    krdpp = spec["krdpp"]
    for number, (month, day) in enumerate(krdpp["dates"], start=1):
        made[f"krdpp-{number}"] = year.from_spec(
            {
                **members,
                "body": "krdpp",
                "title": krdpp["title"],
                "summary": krdpp["summary"],
                "on": [month, day, krdpp["hour"]],
                **({"document": krdpp["minutes"]} if number == krdpp["minutes_of"] else {}),
            },
            {"number": number, "year": year.year},
        )
    upcoming = {**members, **spec["krdpp_upcoming"], "body": "krdpp"}
    made["krdpp-upcoming"] = year.from_spec(upcoming, {"year": year.starts(upcoming).year})
    for forum in spec["forum"]:
        made[forum["key"]] = year.from_spec(
            {**members, "place": spec["forum_place"], "body": "forum-lokalowe", **forum}
        )
    for commission in spec["commissions"]:
        made[commission["key"]] = year.from_spec({**sitting, "summary": spec["commissions_summary"], **commission})
    link_acts(year, [made[f"krdpp-{number}"] for number in range(1, len(krdpp["dates"]) + 1)])
    return made


def link_acts(year: Year, sittings: list[Meeting]) -> int:
    """The acts of a body adopted on the day of one of its past sittings name that sitting."""
    linked = 0
    for meeting in sittings:
        if meeting.starts_at < year.now:
            linked += Act.objects.filter(
                body=meeting.body, sitting__isnull=True, adopted_on=timezone.localdate(meeting.starts_at)
            ).update(sitting=meeting)
    return linked
