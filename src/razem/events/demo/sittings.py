"""Sittings of the dialogue bodies (``data/sittings.json``): KRDPP's (members only) this year and the next one, the
Premises Forum's (members only, minutes for its participants) and open sittings of three KDOs. KRDPP's acts that
the bodies demo recorded (``razem.bodies.demo``, loaded before) are linked to the sitting of the day they were
adopted. The office recorded the members' attendance at KRDPP's held sittings: one member missed the last three
without an excuse (so is on the list for dismissal under art. 41g ust. 2), another sent an excuse once."""

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
    held = [made[f"krdpp-{number}"] for number in range(1, len(krdpp["dates"]) + 1)]
    link_acts(year, held)
    record_attendance(year, [m for m in held if m.status == M.Status.FINISHED])
    return made


def record_attendance(year: Year, held: list[Meeting]) -> None:
    """Attendance at KRDPP's held sittings through the office's service: present unless said otherwise."""
    from razem.bodies import selectors
    from razem.bodies.models import SittingAttendance
    from razem.bodies.services.attendance import Entry, sitting_attendance_record

    if len(held) < 3 or year.officer is None:
        return
    status = SittingAttendance.Status
    rows = selectors.sitting_attendance(sitting=held[-1])
    ngo = [r.membership for r in rows if r.membership.organization_id and not r.membership.person.email.endswith(
        "@razem.demo") and r.membership.position == r.membership.Position.MEMBER]  # fmt: skip
    if len(ngo) < 2:
        return
    missing, excused = ngo[-1], ngo[-2]
    for index, sitting in enumerate(held):
        entries = []
        for row in selectors.sitting_attendance(sitting=sitting):
            seat = row.membership
            if row.checked_in_at is not None:
                continue
            if seat.pk == missing.pk and index >= len(held) - 3:
                entries.append(Entry(seat.pk, status.UNEXCUSED))
            elif seat.pk == excused.pk and index == len(held) - 2:
                entries.append(Entry(seat.pk, status.EXCUSED, "Zwolnienie lekarskie (zgłoszone sekretarzowi Rady)."))
            else:
                entries.append(Entry(seat.pk, status.PRESENT))
        sitting_attendance_record(actor=year.officer, sitting=sitting, entries=entries)


def link_acts(year: Year, sittings: list[Meeting]) -> int:
    """The acts of a body adopted on the day of one of its past sittings name that sitting."""
    linked = 0
    for meeting in sittings:
        if meeting.starts_at < year.now:
            linked += Act.objects.filter(
                body=meeting.body, sitting__isnull=True, adopted_on=timezone.localdate(meeting.starts_at)
            ).update(sitting=meeting)
    return linked
