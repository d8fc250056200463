"""The demo toolkit: ``load_demo()`` runs the demo loaders the apps register (``razem.core.registry``), in the order
of their dependencies, in one transaction. Idempotent: running it again updates, never duplicates. The kernel's own
loader adds the reference data and the venues.

What every app's demo uses (no domain app is named here):

- ``loaded(code)`` / ``mark_loaded(code, data)`` / ``once(code, build, summary)``: data made only on the first run,
  with an audit entry ``<app>.demo.loaded`` saying when (a later run returns the summary and adds nothing);
- ``rng(seed)``: a deterministic random generator, so that the same people and answers are chosen on every first
  load;
- ``quietly()``: the services notify people about the demo's past events; those e-mails are kept in the outbox as
  sent, not printed;
- ``read_text(package, name)`` / ``read_json(package, name)``: the long texts kept in ``<package>/data/``;
- ``at(day, hour, minute)``: a time of a day in the current time zone.
"""

import contextlib
import datetime
import json
import random
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from typing import Any, TypedDict

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from razem.core import audit, registry
from razem.core.models import District, LogEntry, Notification, OutboxEmail, Room, Venue
from razem.core.notifications import delivered_now
from razem.core.reference import load_districts, load_public_benefit_areas

# The accounts ``razem demo`` prints, registered by the accounts app.
DEMO_ACCOUNTS = registry.demo_accounts


class VenueSpec(TypedDict):
    name: str
    address: str
    postal_code: str
    district: int
    description: str
    accessibility_notes: str
    rooms: list[tuple[str, int]]


VENUES: list[VenueSpec] = [
    {
        "name": "Urząd Miasta Krakowa, Wydział Polityki Społecznej i Zdrowia",
        "address": "ul. Dekerta 24",
        "postal_code": "30-703",
        "district": 13,
        "description": "Siedziba wydziału koordynującego współpracę z organizacjami pozarządowymi.",
        "accessibility_notes": "Wejście z poziomu chodnika, winda, toaleta dostępna na parterze.",
        "rooms": [("Sala konferencyjna", 40), ("Sala nr 3", 12)],
    },
    {
        "name": "Centrum Obywatelskie (Stadion Miejski)",
        "address": "ul. Reymonta 20",
        "postal_code": "30-059",
        "district": 5,
        "description": "Trybuna wschodnia, I piętro. Bezpłatne sale dla organizacji i grup nieformalnych.",
        "accessibility_notes": "Winda na I piętro od strony trybuny wschodniej; toaleta dostępna.",
        "rooms": [("Sala duża 1w038", 70), ("Sala warsztatowa 1w040", 20), ("Coworking", 15)],
    },
    {
        "name": "Centrum Obywatelskie Centrum C",
        "address": "os. Centrum C 10",
        "postal_code": "31-929",
        "district": 18,
        "description": "Wejście od al. Przyjaźni. Sale P1–P7.",
        "accessibility_notes": "Wejście na poziomie terenu; sale na parterze.",
        "rooms": [("Sala P1", 40), ("Sala P4", 16)],
    },
    {
        "name": "Centrum Wielokulturowe w Krakowie",
        "address": "ul. Zabłocie 20, budynek A, I piętro",
        "postal_code": "30-701",
        "district": 13,
        "description": "Program „Otwarty Kraków”; Punkt Informacyjny dla Obcokrajowców.",
        "accessibility_notes": "Winda w budynku A.",
        "rooms": [("Sala spotkań", 30)],
    },
    {
        "name": "Klaster Innowacji Społeczno-Gospodarczych Zabłocie 20.22",
        "address": "ul. Zabłocie 20–22",
        "postal_code": "30-701",
        "district": 13,
        "description": "Strefa Innowacji Społecznych: miejsce spotkań konsultacyjnych organizacji.",
        "accessibility_notes": "Budynki po adaptacji, windy i toalety dostępne.",
        "rooms": [("Sala 9 (open space, Zabłocie 22, parter)", 80), ("Sala warsztatowa", 25)],
    },
]


def load_reference(demo: dict[str, Any]) -> dict[str, Any]:
    load_public_benefit_areas()
    load_districts()
    districts = {d.number: d for d in District.objects.all()}
    for spec in VENUES:
        venue, _ = Venue.objects.update_or_create(
            name=spec["name"],
            address=spec["address"],
            defaults={
                "postal_code": spec["postal_code"],
                "district": districts[spec["district"]],
                "description": spec["description"],
                "accessibility_notes": spec["accessibility_notes"],
            },
        )
        for room_name, capacity in spec["rooms"]:
            Room.objects.update_or_create(venue=venue, name=room_name, defaults={"capacity": capacity})
    return {"venues": len(VENUES)}


# The toolkit of the app demos -----------------------------------------------------------------------------------


def loaded(code: str) -> bool:
    """Whether the data recorded under ``code`` (``<app>.demo.loaded``) was made by an earlier run."""
    return LogEntry.objects.filter(action=code).exists()


def mark_loaded(code: str, data: Mapping[str, Any] | None = None) -> None:
    """Record in the audit log that the data of ``code`` is made (with its figures)."""
    audit.record(actor=None, action=code, data=data)


def once[T: Mapping[str, Any]](code: str, build: Callable[[], object], summary: Callable[[], T]) -> T:
    """Run ``build()`` unless an earlier run did (the audit log says so); return ``summary()`` either way.

    ``build()`` returns ``False`` when it could make nothing (what it needs is missing): then nothing is recorded,
    and a later run tries again."""
    if loaded(code):
        return summary()
    if build() is False:
        return summary()
    result = summary()
    mark_loaded(code, result)
    return result


def rng(seed: int) -> random.Random:
    """A random generator giving the same choices for the same seed: made-up demo data, never secrets."""
    return random.Random(seed)  # noqa: S311 - made-up demo data, not secrets


def read_text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>`` (UTF-8), as it is in the file."""
    return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")


def read_json(package: str, name: str) -> Any:
    return json.loads(read_text(package, name))


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``hour``:``minute`` of ``day`` in the current time zone."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone())


def _mark_sent(after: int) -> None:
    OutboxEmail.objects.filter(pk__gt=after, status=OutboxEmail.Status.PENDING).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now()
    )


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """The services notify people by e-mail; the demo's past events are kept in the outbox as sent, not printed.

    Within the block ``notify_many`` delivers at once (``core.notifications.delivered_now``), so that the e-mails of
    those notifications are in the outbox when the block ends and are kept as sent too; their sending, after the
    commit, then finds them sent."""
    last = OutboxEmail.objects.aggregate(m=Max("pk"))["m"] or 0
    with delivered_now():
        yield
    _mark_sent(last)


def current_code(secret: str) -> str:
    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(secret, counter))


# The notifications the story leaves unread are dated a little before the load ends, the first of an account the
# newest, the others some hours earlier.
STORY_FIRST = datetime.timedelta(minutes=25)
STORY_SPACING = datetime.timedelta(hours=3)
# The notifications the load made about the demo's past are dated this much earlier, read when they came.
PAST_SHIFT = datetime.timedelta(days=1)


def settle_notifications(after: int) -> int:
    """A fresh demo account starts with a few unread notifications that tell its story, not with every one the
    loaders' services made: of the notifications made after ``after`` (a pk), each demo account keeps unread the
    newest of each kind its ``DemoAccount.unread`` names (at most three, dated a few hours ago in that order), and
    every other is marked read and dated a day earlier, read when it came. Returns how many were marked read.

    ``load_demo`` runs it at the end of the load and again after the commit, for the messages sent then
    (``notify_many``, the registrations' confirmations); a second run changes only what came since."""
    made = Notification.objects.filter(pk__gt=after)
    now = timezone.now()
    keep: list[int] = []
    for spec in registry.demo_accounts:
        for position, kind in enumerate(spec.unread[:3]):
            pk = (
                made.filter(recipient__email=spec.email, kind=kind).order_by("-pk").values_list("pk", flat=True).first()
            )
            if pk is None:
                continue
            keep.append(pk)
            made.filter(pk=pk).update(read_at=None, created_at=now - STORY_FIRST - STORY_SPACING * position)
    return (
        made.filter(read_at__isnull=True)
        .exclude(pk__in=keep)
        .update(read_at=F("created_at"), created_at=F("created_at") - PAST_SHIFT)
    )


@transaction.atomic
def load_demo() -> dict[str, Any]:
    """Load every app's demo data; returns the demo accounts by e-mail. The notifications the load makes are
    settled (``settle_notifications``): each demo account starts with at most three unread."""
    demo: dict[str, Any] = {}
    after = Notification.objects.aggregate(m=Max("pk"))["m"] or 0
    for loader in registry.demo_loader_order():
        demo.update(loader.load(demo) or {})
    settle_notifications(after)
    transaction.on_commit(lambda: settle_notifications(after))
    figures = {key: value for key, value in demo.items() if isinstance(value, int)}
    audit.record(actor=None, action="core.demo.loaded", data={"accounts": len(demo.get("users", {})), **figures})
    return demo.get("users", {})
