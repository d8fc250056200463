"""Realistic Kraków demo data. Idempotent: running it again updates, never duplicates."""

from dataclasses import dataclass
from typing import TypedDict

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.db import transaction
from django.utils import timezone

from razem.accounts.models import User
from razem.bodies import demo as bodies_demo
from razem.core import audit
from razem.core.models import District, Notification, Room, Venue
from razem.core.notifications import notify
from razem.core.reference import load_districts, load_public_benefit_areas
from razem.elections import demo as elections_demo
from razem.events import demo as events_demo
from razem.organizations import demo as organizations_demo
from razem.recommendations import demo as recommendations_demo


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    full_name: str
    role: str
    description: str
    totp_secret: str = ""


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin@razem.demo",
        "Razem-Admin-2026",
        "Adam Administrator",
        User.Role.ADMINISTRATOR,
        "administrator",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    ),
    DemoAccount(
        "urzednik@razem.demo",
        "Razem-Urzad-2026",
        "Urszula Nowak",
        User.Role.OFFICER,
        "city officer (urzędniczka)",
        "KRSMZQ2TMNWGK3TLMFZG65DFMRUW4ZZA",
    ),
    DemoAccount(
        "mieszkanka@razem.demo", "Razem-Demo-2026", "Maria Kowalska", User.Role.RESIDENT, "resident (mieszkanka)"
    ),
    # The NGO accounts act for demo organizations (razem.organizations.demo.NGO_MEMBERSHIPS): the administrator
    # and the member for Fundacja Pod Wawelem, the representative for Stowarzyszenie Przyjaciół Nowej Huty.
    DemoAccount(
        "prezeska@razem.demo",
        "Razem-Prezeska-2026",
        "Katarzyna Wójcik",
        User.Role.RESIDENT,
        "NGO administrator (prezeska)",
    ),
    DemoAccount(
        "przedstawiciel@razem.demo",
        "Razem-Przedstawiciel-2026",
        "Piotr Zieliński",
        User.Role.RESIDENT,
        "NGO representative",
    ),
    DemoAccount(
        "czlonek@razem.demo", "Razem-Czlonek-2026", "Tomasz Lewandowski", User.Role.RESIDENT, "NGO member (członek)"
    ),
]


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


def current_code(secret: str) -> str:
    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(secret, counter))


def _account(spec: DemoAccount) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(email=spec.email, password=spec.password, full_name=spec.full_name)
    user.full_name = spec.full_name
    user.role = spec.role
    user.set_password(spec.password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=spec.email, defaults={"verified": True, "primary": True})
    if spec.totp_secret and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, spec.totp_secret)
    return user


@transaction.atomic
def load_demo() -> dict[str, User]:
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
    users = {spec.email: _account(spec) for spec in DEMO_ACCOUNTS}
    registry = organizations_demo.load(users=users)
    calendar = events_demo.load(users=users)  # demo NGO people, the dialogue bodies and a year of meetings
    dialogue = bodies_demo.load_activity(users=users, people=events_demo.load_people())  # acts, applications
    recommendations = recommendations_demo.load(users=users)
    elections = elections_demo.load(users=users)  # a finished KRDPP election, a vote open now, nominations
    resident = users["mieszkanka@razem.demo"]
    if not Notification.objects.filter(recipient=resident).exists():
        notify(recipient=resident, kind="welcome", url="/konto/", send_email=False)
    audit.record(
        actor=None,
        action="core.demo.loaded",
        data={
            "accounts": len(users),
            "venues": len(VENUES),
            "organizations": registry["organizations"],
            "meetings": calendar["meetings"],
            "acts": dialogue["acts"],
            "recommendations": recommendations["recommendations"],
            "elections": elections["elections"],
        },
    )
    return users
