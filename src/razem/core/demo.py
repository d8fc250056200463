"""The demo toolkit: ``load_demo()`` runs the demo loaders the apps register (``razem.core.registry``), in the order
of their dependencies, in one transaction. Idempotent: running it again updates, never duplicates. The kernel's own
loader adds the reference data and the venues."""

from typing import Any, TypedDict

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.db import transaction
from django.utils import timezone

from razem.core import audit, registry
from razem.core.models import District, Room, Venue
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


def current_code(secret: str) -> str:
    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(secret, counter))


@transaction.atomic
def load_demo() -> dict[str, Any]:
    """Load every app's demo data; returns the demo accounts by e-mail."""
    demo: dict[str, Any] = {}
    for loader in registry.demo_loader_order():
        demo.update(loader.load(demo) or {})
    figures = {key: value for key, value in demo.items() if isinstance(value, int)}
    audit.record(actor=None, action="core.demo.loaded", data={"accounts": len(demo.get("users", {})), **figures})
    return demo.get("users", {})
