"""A year of meetings like the Kraków office's, for the demo: the calendar of the current year around today.

``load()`` runs after the organizations demo (the demo NGO people, each the administrator of a verified demo
organization) and the bodies demo (the dialogue bodies, their members and their acts); it makes, once (the audit
log says when):

- ``calendar``: the January meeting of the Pełnomocnik with NGOs (150 confirmed registrations on behalf of
  organizations, 120 checked in, minutes as a PDF made with WeasyPrint, materials as text); informal networking
  meetings every quarter (those already held are finished with attendance, the next one is published with
  registration open and the one after it is a draft; in late November that leaves the next quarter with a draft
  only, so the rhythm dashboard shows its warning on purpose); civic dialogue forums (premises policy, social
  economy), the 4 June civic picnic, consultation meetings of next year's cooperation programme (October),
  trainings;
- ``sittings``: sittings of KRDPP and of the Forum (members only) and of KDOs, KRDPP's acts linked to them;
- ``showcase``: upcoming, a full training with a waiting list, a forum with registration questions, a cancelled
  workshop, an online webinar, a hybrid meeting, an invited-only meeting with reserved seats;
- ``ngo_events``: nine approved, two awaiting approval, one rejected;
- ``registrations``: the demo accounts' registrations.

Meetings with a fixed date are placed in the current year and are finished when that date has passed, published
when it is still ahead; the showcase meetings are placed a few days or weeks from now. Bulk registrations are
written with ``bulk_create`` (no e-mails). The texts are in ``data/`` (see ``year``).
"""

from collections.abc import Mapping

from django.db import transaction

from razem.accounts.models import User
from razem.bodies.models import Body
from razem.core import demo as toolkit
from razem.events.demo import calendar, ngo_events, registrations, showcase, sittings
from razem.events.demo.year import Year
from razem.events.models import Meeting, MeetingDocument, Registration
from razem.organizations.demo_people import load_people

LOADED = "events.demo.loaded"


def summary() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "registrations": Registration.objects.count(),
        "documents": MeetingDocument.objects.count(),
        "bodies": Body.objects.count(),
    }


def build(users: Mapping[str, User]) -> dict[str, Meeting]:
    year = Year(users, load_people(), {body.slug: body for body in Body.objects.all()})
    named: dict[str, Meeting] = {}
    named.update(calendar.build(year))
    named.update(sittings.build(year))
    named.update(showcase.build(year))
    named.update(ngo_events.build(year))
    Registration.objects.bulk_create(year.registrations, batch_size=500)
    registrations.build(year, named)
    return named


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, int]:
    """A year of meetings, on the first run only (see the module doc)."""
    return toolkit.once(LOADED, lambda: build(users), summary)
