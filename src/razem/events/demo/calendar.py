"""The year's meetings with a fixed date (``data/calendar.json``): the January meeting of the Pełnomocnik with NGOs,
a networking meeting every quarter, the forums, the trainings, the 4 June picnic and the consultations of next
year's cooperation programme. Each is finished when its date has passed and published when it is still ahead."""

import datetime
import string

from razem.core.documents import pdf_bytes
from razem.events.demo.year import Year, data, document_text, text
from razem.events.models import Meeting, MeetingDocument

S = Meeting.Status
JANUARY_REGISTERED, JANUARY_PRESENT = 150, 120


def build(year: Year) -> dict[str, Meeting]:
    calendar = data("calendar.json")
    made = {"january": january(year, calendar["january"])}
    made.update(networking(year, calendar["networking"]))
    next_year = year.year + 1
    for spec in calendar["forums_and_trainings"]:
        made[spec["key"]] = year.from_spec(spec, {"next_year": next_year})
    return made


def january(year: Year, spec: dict) -> Meeting:
    """150 organizations registered, 120 people checked in, the minutes as a PDF and the materials as text."""
    starts = year.on(1, 22, 17)
    if starts + datetime.timedelta(hours=spec["hours"]) > year.now:  # early January: last year's meeting
        starts = year.on(1, 22, 17, year=year.year - 1)
    meeting = year.from_spec(spec, starts=starts)
    accounts = [
        (year.users[e], year.acting_org(e))
        for e in ("przedstawiciel@razem.demo", "prezeska@razem.demo")
        if e in year.users
    ]
    people = accounts + [p for p in year.people if p[1] is not None]
    # The demo accounts come first, so they are among the 120 present.
    year.register(
        meeting,
        confirmed=JANUARY_REGISTERED,
        present=JANUARY_PRESENT,
        people=people[:JANUARY_REGISTERED],
        present_first=len(accounts),
    )
    html = string.Template(text("january-minutes.html")).substitute(
        title=meeting.title,
        when=year.when(meeting.starts_at),
        place=meeting.place_label,
        registered=JANUARY_REGISTERED,
        present=JANUARY_PRESENT,
    )
    year.document(
        meeting,
        kind=MeetingDocument.Kind.MINUTES,
        title="Protokół ze spotkania",
        name="protokol-spotkanie-noworoczne.pdf",
        content=pdf_bytes(html),  # a stand-in for the minutes the office uploads
    )
    year.document(
        meeting,
        kind=MeetingDocument.Kind.ATTACHMENT,
        title="Podsumowanie roku i plan spotkań",
        name="materialy-spotkanie-noworoczne.txt",
        content=document_text("january-materials.txt").encode(),
    )
    return meeting


def networking(year: Year, spec: dict) -> dict[str, Meeting]:
    """One informal networking meeting a quarter: held ones finished, the next published, the one after a draft.
    In late November that leaves the next quarter with a draft only: the rhythm dashboard warns on purpose."""
    made: dict[str, Meeting] = {}
    ahead = 0
    for planned in spec["plan"]:
        starts = year.on(*planned["on"], year=year.year + 1 if planned.get("next_year") else None)
        if starts > year.now:
            ahead += 1
            if ahead > 2:
                break
        meeting = year.from_spec(
            {**spec, "place": planned["place"], "capacity": planned["capacity"]},
            {"quarter": planned["quarter"], "year": starts.year},
            starts=starts,
            status=S.DRAFT if ahead == 2 else None,
        )
        if meeting.status != S.DRAFT:
            share = 0.85 if meeting.status == S.FINISHED else 0.45
            year.attendance(meeting, planned["capacity"], share=share)
        made[f"networking-{starts.year}-{planned['quarter']}"] = meeting
    return made
