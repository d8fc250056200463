"""The Kraków dialogue bodies for the demo: KRDPP, the Premises Forum and five KDOs, with some members.

``load()`` is called by ``razem.events.demo.load`` with the demo people it made (NGO representatives, each with an
organization); it matches bodies by slug and members by (body, person), so running it again adds nothing.
The NGO representative demo account (przedstawiciel@razem.demo) sits in KRDPP and in the Forum, so that the
sittings for members only are visible to that account.
"""

import datetime
from collections.abc import Mapping, Sequence

from django.utils import timezone

from razem.accounts.models import User
from razem.bodies.models import Body, BodyMembership
from razem.organizations.models import Membership

K = Body.Kind
P = BodyMembership.Position

# (slug, name, short name, kind, description)
BODIES = [
    ("krdpp", "Krakowska Rada Działalności Pożytku Publicznego", "KRDPP", K.COUNCIL,
     "Organ konsultacyjny i opiniodawczy Prezydenta Miasta Krakowa (art. 41a ustawy o działalności pożytku "
     "publicznego i o wolontariacie): 8 przedstawicieli organizacji, 4 Rady Miasta Krakowa i 4 Prezydenta. "
     "Opiniuje projekty strategii, programów i uchwał dotyczących organizacji pozarządowych."),
    ("forum-lokalowe", "Krakowskie Forum Lokalowe", "Forum Lokalowe", K.FORUM,
     "Przestrzeń dialogu organizacji i władz miasta o polityce lokalowej, utworzona z inicjatywy Pełnomocnika "
     "Prezydenta ds. Organizacji Pozarządowych. 12 przedstawicieli organizacji przygotowuje rekomendacje "
     "dotyczące najmu lokali użytkowych Gminy."),
    ("kdo-mlodziezy", "Komisja Dialogu Obywatelskiego ds. Młodzieży", "KDO ds. Młodzieży", K.COMMISSION,
     "Organizacje pracujące z młodzieżą i Wydział Polityki Społecznej i Zdrowia. Dołączyć może każda organizacja "
     "działająca z młodzieżą w Krakowie."),
    ("kdo-kultury", "Komisja Dialogu Obywatelskiego ds. Kultury", "KDO ds. Kultury", K.COMMISSION,
     "Opiniuje projekty dokumentów dotyczących kultury, zasady finansowania organizacji i współpracę "
     "z miejskimi instytucjami kultury."),
    ("kdo-zdrowia", "Komisja Dialogu Obywatelskiego ds. Zdrowia", "KDO ds. Zdrowia", K.COMMISSION,
     "Organizacje pacjentów, profilaktyki i promocji zdrowia; opiniuje miejskie programy zdrowotne."),
    ("kdo-niepelnosprawnosci", "Komisja Dialogu Obywatelskiego ds. Osób z Niepełnosprawnościami",
     "KDO ds. Osób z Niepełnosprawnościami", K.COMMISSION,
     "Organizacje działające na rzecz osób z niepełnosprawnościami; dostępność miasta, transport, rehabilitacja."),
    ("kdo-ekonomii-spolecznej", "Komisja Dialogu Obywatelskiego ds. Ekonomii Społecznej",
     "KDO ds. Ekonomii Społecznej", K.COMMISSION,
     "Spółdzielnie socjalne, przedsiębiorstwa społeczne i organizacje wspierające ekonomię społeczną."),
]  # fmt: skip

# How many demo people sit in each body (the first is the chair, the second the vice-chair), besides the accounts.
SEATS = {"krdpp": 7, "forum-lokalowe": 8, "kdo-mlodziezy": 4, "kdo-kultury": 4, "kdo-zdrowia": 3,
         "kdo-niepelnosprawnosci": 3, "kdo-ekonomii-spolecznej": 3}  # fmt: skip
# Demo accounts in bodies: (e-mail, body slug).
ACCOUNT_SEATS = [
    ("przedstawiciel@razem.demo", "krdpp"),
    ("przedstawiciel@razem.demo", "forum-lokalowe"),
    ("prezeska@razem.demo", "kdo-kultury"),
]


def term_start(slug: str, today: datetime.date) -> datetime.date:
    """KRDPP's term began in September of last year, the Forum's work in May of last year, the KDOs earlier."""
    if slug == "krdpp":
        return datetime.date(today.year - 1, 9, 15)
    if slug == "forum-lokalowe":
        return datetime.date(today.year - 1, 5, 5)
    return datetime.date(today.year - 2, 3, 1)


def load(*, users: Mapping[str, User], people: Sequence[tuple[User, int | None]]) -> dict[str, Body]:
    """The bodies and their members; ``people`` are (person, organization id) pairs, taken in order."""
    today = timezone.localdate()
    bodies: dict[str, Body] = {}
    for slug, name, short_name, kind, description in BODIES:
        bodies[slug], _created = Body.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short_name, "kind": kind, "description": description}
        )
    wanted: list[BodyMembership] = []
    pool = iter(people)
    for slug, seats in SEATS.items():
        for index in range(seats):
            person, organization_id = next(pool, (None, None))
            if person is None:
                break
            position = P.CHAIR if index == 0 else P.VICE_CHAIR if index == 1 else P.MEMBER
            wanted.append(
                BodyMembership(
                    body=bodies[slug], person=person, organization_id=organization_id, position=position,
                    start_date=term_start(slug, today),
                )
            )  # fmt: skip
    # One member of KRDPP's previous term, whose seat ended when the new term began.
    former, former_org = next(pool, (None, None))
    if former is not None:
        start = term_start("krdpp", today)
        wanted.append(
            BodyMembership(
                body=bodies["krdpp"], person=former, organization_id=former_org,
                start_date=start.replace(year=start.year - 3), end_date=start - datetime.timedelta(days=1),
            )
        )  # fmt: skip
    for email, slug in ACCOUNT_SEATS:
        if email not in users:
            continue
        person = users[email]
        acts_for = (
            Membership.objects.active().filter(user=person).order_by("pk").values_list("organization_id", flat=True)
        )
        wanted.append(
            BodyMembership(
                body=bodies[slug], person=person, organization_id=acts_for.first(), start_date=term_start(slug, today)
            )
        )
    existing = set(BodyMembership.objects.filter(body__in=bodies.values()).values_list("body_id", "person_id"))
    BodyMembership.objects.bulk_create([m for m in wanted if (m.body_id, m.person_id) not in existing])
    return bodies
