"""The Kraków dialogue bodies for the demo: KRDPP, the Premises Forum and five KDOs, with their members, terms,
applications, acts, opinion requests and workspace posts.

``load_bodies()`` (the loader "bodies", after the organizations demo) makes the demo NGO people
(``razem.organizations.demo.load_people``) and calls ``load()`` with them. It matches bodies by slug, terms by
number and members by (body, person, start date), so running it again adds nothing:

- KRDPP (public, appointed, 16 seats): the VI kadencja began on 15 September of last year with 16 members, 8 elected
  by organizations, 4 delegated by the City Council and 4 appointed by the Mayor (a chair, a vice-chair and a
  secretary among them); the V kadencja's 16 members are in the history, ended with "koniec kadencji";
- the Premises Forum (by application, 12 seats): 12 representatives of 12 organizations, each with a deputy;
- five KDOs (open; the youth one transparent) with 4 to 8 member organizations each.

The people are taken from ``people`` in the order of ``SEATS`` (the first of each block chairs the body: the events
demo invites them as "the chairs"). The NGO representative demo account (przedstawiciel@razem.demo) sits in KRDPP
and in the Forum, so that the sittings for members only are visible to that account.

``load_activity()`` (the loader "bodies_activity", after "bodies"; once) records through the services what the
bodies did: KRDPP's resolutions and opinions of the term, an opinion request due in a few days and an answered
one, applications (two pending, one declined) and workspace posts. The e-mails those services queue describe past
events: they are kept in the outbox as sent rather than printed on the console (``razem.core.demo.quietly``).
The events demo, loaded after, links the acts to the sittings of the days they were adopted.
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from razem.accounts.models import User
from razem.bodies import services
from razem.bodies.models import Act, Body, BodyMembership, MembershipApplication, OpinionRequest, Post, Term
from razem.core.demo import once, quietly
from razem.organizations.demo_people import load_people
from razem.organizations.models import Membership, Organization, fold

K = Body.Kind
P = BodyMembership.Position
A = BodyMembership.Appointment
ACTIVITY_LOADED = "bodies.demo.activity_loaded"
END_OF_TERM = "koniec kadencji"
COUNCIL = "Rada Miasta Krakowa"
MAYOR = "Urząd Miasta Krakowa"
SOCIAL_DEPARTMENT = "Wydział Polityki Społecznej i Zdrowia"

PRIVATE_TEAM = "zespol-programu"
# (slug, name, short name, kind, description, other fields)
BODIES: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    ("krdpp", "Krakowska Rada Działalności Pożytku Publicznego", "KRDPP", K.COUNCIL,
     "Organ konsultacyjny i opiniodawczy Prezydenta Miasta Krakowa (art. 41a ustawy o działalności pożytku "
     "publicznego i o wolontariacie): 8 przedstawicieli organizacji, 4 Rady Miasta Krakowa i 4 Prezydenta. "
     "Opiniuje projekty strategii, programów i uchwał dotyczących organizacji pozarządowych.",
     {"visibility": Body.Visibility.PUBLIC, "joining": Body.Joining.APPOINTED, "seats": 16,
      "legal_basis": "Uchwała nr XLI/731/16 Rady Miasta Krakowa z 13 kwietnia 2016 r. w sprawie trybu powoływania "
                     "członków oraz organizacji i trybu działania Krakowskiej Rady Działalności Pożytku Publicznego",
      "department": SOCIAL_DEPARTMENT, "contact_email": "krdpp@razem.demo", "contact_phone": "12 616 78 23"}),
    ("forum-lokalowe", "Krakowskie Forum Lokalowe", "Forum Lokalowe", K.FORUM,
     "Przestrzeń dialogu organizacji i władz miasta o polityce lokalowej, utworzona z inicjatywy Pełnomocnika "
     "Prezydenta ds. Organizacji Pozarządowych. 12 przedstawicieli organizacji przygotowuje rekomendacje "
     "dotyczące najmu lokali użytkowych Gminy. Jedna organizacja: jeden przedstawiciel i jeden zastępca; "
     "zgłoszenia ocenia KRDPP.",
     {"visibility": Body.Visibility.PUBLIC, "joining": Body.Joining.APPLICATION, "seats": 12,
      "department": "Pełnomocnik Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych",
      "contact_phone": "12 616 78 11"}),
    ("kdo-mlodziezy", "Komisja Dialogu Obywatelskiego ds. Młodzieży", "KDO ds. Młodzieży", K.COMMISSION,
     "Organizacje pracujące z młodzieżą i Wydział Polityki Społecznej i Zdrowia. Dołączyć może każda organizacja "
     "działająca z młodzieżą w Krakowie. Przestrzeń robocza komisji jest jawna.",
     {"visibility": Body.Visibility.TRANSPARENT, "joining": Body.Joining.OPEN, "department": SOCIAL_DEPARTMENT,
      "theme": "młodzież"}),
    ("kdo-kultury", "Komisja Dialogu Obywatelskiego ds. Kultury", "KDO ds. Kultury", K.COMMISSION,
     "Opiniuje projekty dokumentów dotyczących kultury, zasady finansowania organizacji i współpracę "
     "z miejskimi instytucjami kultury.",
     {"visibility": Body.Visibility.PUBLIC, "joining": Body.Joining.OPEN,
      "department": "Wydział Kultury i Dziedzictwa Narodowego", "theme": "kultura"}),
    ("kdo-zdrowia", "Komisja Dialogu Obywatelskiego ds. Zdrowia", "KDO ds. Zdrowia", K.COMMISSION,
     "Organizacje pacjentów, profilaktyki i promocji zdrowia; opiniuje miejskie programy zdrowotne.",
     {"visibility": Body.Visibility.PUBLIC, "joining": Body.Joining.OPEN, "department": SOCIAL_DEPARTMENT,
      "theme": "zdrowie"}),
    ("kdo-niepelnosprawnosci", "Komisja Dialogu Obywatelskiego ds. Osób z Niepełnosprawnościami",
     "KDO ds. Osób z Niepełnosprawnościami", K.COMMISSION,
     "Organizacje działające na rzecz osób z niepełnosprawnościami; dostępność miasta, transport, rehabilitacja.",
     {"visibility": Body.Visibility.PUBLIC, "joining": Body.Joining.OPEN, "department": SOCIAL_DEPARTMENT,
      "theme": "osoby z niepełnosprawnościami"}),
    ("kdo-ekonomii-spolecznej", "Komisja Dialogu Obywatelskiego ds. Ekonomii Społecznej",
     "KDO ds. Ekonomii Społecznej", K.COMMISSION,
     "Spółdzielnie socjalne, przedsiębiorstwa społeczne i organizacje wspierające ekonomię społeczną.",
     {"visibility": Body.Visibility.PUBLIC, "joining": Body.Joining.OPEN, "department": SOCIAL_DEPARTMENT,
      "theme": "ekonomia społeczna"}),
    # A private team of KRDPP: its workspace is for members and the office only (try it as the representative and
    # as a resident, who sees nothing of it).
    (PRIVATE_TEAM, "Zespół roboczy KRDPP ds. Programu współpracy", "Zespół ds. Programu", K.TEAM,
     "Zespół roboczy Rady przygotowuje opinię o projekcie Programu współpracy na kolejny rok. Prace zespołu są "
     "wewnętrzne; stanowisko przyjmuje Rada na posiedzeniu.",
     {"visibility": Body.Visibility.PRIVATE, "joining": Body.Joining.APPOINTED, "department": SOCIAL_DEPARTMENT}),
]  # fmt: skip

# How many demo NGO people sit in each body (the first is the chair, the second the vice-chair), besides the
# accounts. The events demo reads it to find the chairs: keep KRDPP first.
SEATS = {"krdpp": 7, "forum-lokalowe": 11, "kdo-mlodziezy": 6, "kdo-kultury": 7, "kdo-zdrowia": 5,
         "kdo-niepelnosprawnosci": 4, "kdo-ekonomii-spolecznej": 6}  # fmt: skip
# Demo accounts in bodies: (e-mail, body slug).
ACCOUNT_SEATS = [
    ("przedstawiciel@razem.demo", "krdpp"),
    ("przedstawiciel@razem.demo", "forum-lokalowe"),
    ("prezeska@razem.demo", "kdo-kultury"),
    ("przedstawiciel@razem.demo", PRIVATE_TEAM),
]
# KRDPP's members from the city: (e-mail, full name, institution, position in the VI term or "" if only in the V).
CITY_PEOPLE = [
    ("tomasz.pawlikowski@rmk.example.org", "Tomasz Pawlikowski", COUNCIL, P.MEMBER),
    ("ewa.jablonska@rmk.example.org", "Ewa Jabłońska", COUNCIL, P.MEMBER),
    ("grzegorz.stanek@rmk.example.org", "Grzegorz Stanek", COUNCIL, P.MEMBER),
    ("beata.kurek@rmk.example.org", "Beata Kurek", COUNCIL, P.MEMBER),
    ("jolanta.malec@umk.example.org", "Jolanta Malec", MAYOR, P.SECRETARY),
    ("krzysztof.wiatr@umk.example.org", "Krzysztof Wiatr", MAYOR, P.MEMBER),
    ("dorota.lis@umk.example.org", "Dorota Lis", MAYOR, P.MEMBER),
    ("pawel.zieba@umk.example.org", "Paweł Zięba", MAYOR, P.MEMBER),
    # the V term only
    ("marek.sowa@rmk.example.org", "Marek Sowa", COUNCIL, ""),
    ("iwona.brzozowska@rmk.example.org", "Iwona Brzozowska", COUNCIL, ""),
    ("lucyna.gil@rmk.example.org", "Lucyna Gil", COUNCIL, ""),
    ("adam.kogut@umk.example.org", "Adam Kogut", MAYOR, ""),
    ("renata.wrona@umk.example.org", "Renata Wrona", MAYOR, ""),
]
# The V term's city members: those who sat then (the first of the council's continues, two of the Mayor's too).
PAST_CITY = [
    "tomasz.pawlikowski@rmk.example.org", "marek.sowa@rmk.example.org", "iwona.brzozowska@rmk.example.org",
    "lucyna.gil@rmk.example.org", "jolanta.malec@umk.example.org", "krzysztof.wiatr@umk.example.org",
    "adam.kogut@umk.example.org", "renata.wrona@umk.example.org",
]  # fmt: skip
PAST_SECRETARY = "adam.kogut@umk.example.org"
# Of KRDPP's NGO members today, these (indexes in its block of ``people``) sat in the V term too.
REELECTED = (1, 3)
# The deputies in the Forum: one per representative, a member of the representative's organization.
DEPUTY_NAMES = [
    "Agata Sikora", "Bartosz Mazur", "Celina Wawrzyniak", "Daniel Krawczyk", "Elżbieta Kaczmarek", "Filip Duda",
    "Gabriela Urban", "Henryk Szewczyk", "Izabela Ostrowska", "Jacek Tomaszewski", "Kinga Pietrzak",
    "Łukasz Jasiński",
]  # fmt: skip
DEPUTY_DOMAIN = "forum.example.org"


def term_start(slug: str, today: datetime.date) -> datetime.date:
    """KRDPP's term began in September of last year, the Forum's work in May of last year, the KDOs earlier."""
    if slug == "krdpp":
        return datetime.date(today.year - 1, 9, 15)
    if slug == "forum-lokalowe":
        return datetime.date(today.year - 1, 5, 5)
    if slug == PRIVATE_TEAM:
        return today - datetime.timedelta(days=40)
    return datetime.date(today.year - 2, 3, 1)


def _plus_years(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years)


def _terms(bodies: dict[str, Body], today: datetime.date) -> dict[str, Term]:
    start = term_start("krdpp", today)
    past_start = _plus_years(start, -3)
    one_day = datetime.timedelta(days=1)
    specs = [
        ("krdpp-5", bodies["krdpp"], 5, f"V kadencja {past_start.year}–{start.year}", past_start, start - one_day),
        ("krdpp-6", bodies["krdpp"], 6, f"VI kadencja {start.year}–{start.year + 3}", start,
         _plus_years(start, 3) - one_day),
        ("forum", bodies["forum-lokalowe"], 1, f"I kadencja {term_start('forum-lokalowe', today).year}",
         term_start("forum-lokalowe", today), None),
    ]  # fmt: skip
    terms = {}
    for key, body, number, name, starts_on, ends_on in specs:
        terms[key], _created = Term.objects.update_or_create(
            body=body, number=number, defaults={"name": name, "starts_on": starts_on, "ends_on": ends_on}
        )
    return terms


def _person(email: str, full_name: str) -> User:
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create(email=email, full_name=full_name, password=make_password(None))
    return person


def _deputy(index: int, organization_id: int) -> User:
    name = DEPUTY_NAMES[index % len(DEPUTY_NAMES)]
    first, last = name.split(" ", 1)
    person = _person(f"{fold(first)}.{fold(last)}@{DEPUTY_DOMAIN}".lower(), name)
    Membership.objects.get_or_create(
        organization_id=organization_id,
        user=person,
        defaults={"role": Membership.Role.MEMBER, "status": Membership.Status.ACTIVE, "decided_at": timezone.now()},
    )
    return person


def _acts_for(person: User) -> int | None:
    return (
        Membership.objects.active().filter(user=person).order_by("pk").values_list("organization_id", flat=True).first()
    )


def load_bodies(*, users: Mapping[str, User]) -> dict[str, int]:
    """The bodies with the demo NGO people seated in them (the loader "bodies")."""
    return {"bodies": len(load(users=users, people=load_people()))}


def load(*, users: Mapping[str, User], people: Sequence[tuple[User, int | None]]) -> dict[str, Body]:
    """The bodies, their terms and their members; ``people`` are (person, organization id) pairs, taken in order."""
    today = timezone.localdate()
    bodies: dict[str, Body] = {}
    for slug, name, short_name, kind, description, fields in BODIES:
        bodies[slug], _created = Body.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short_name, "kind": kind, "description": description, **fields},
        )
    Body.objects.filter(pk=bodies[PRIVATE_TEAM].pk).update(parent=bodies["krdpp"])
    terms = _terms(bodies, today)
    past = terms["krdpp-5"]
    wanted: list[BodyMembership] = []

    def seat(slug: str, person: User, **fields: Any) -> BodyMembership:
        body = bodies[slug]
        fields.setdefault("start_date", term_start(slug, today))
        fields.setdefault(
            "term", terms["krdpp-6"] if slug == "krdpp" else terms["forum"] if slug == "forum-lokalowe" else None
        )
        if fields["term"] is not None and fields["term"].ends_on and "end_date" not in fields:
            fields["end_date"] = fields["term"].ends_on
        membership = BodyMembership(body=body, person=person, **fields)
        wanted.append(membership)
        return membership

    pool = iter(people)
    blocks: dict[str, list[tuple[User, int | None]]] = {}
    for slug, count in SEATS.items():
        blocks[slug] = [p for p in (next(pool, (None, None)) for _ in range(count)) if p[0] is not None]
    former = [p for p in (next(pool, (None, None)) for _ in range(6)) if p[0] is not None]
    accounts = {email: users[email] for email, _slug in ACCOUNT_SEATS if email in users}

    # KRDPP, VI term: 8 elected from organizations (the chair, the vice-chair, the demo representative among them),
    # 4 from the City Council, 4 of the Mayor's (the secretary among them).
    krdpp_ngo = list(blocks["krdpp"])
    if "przedstawiciel@razem.demo" in accounts:
        krdpp_ngo.append((accounts["przedstawiciel@razem.demo"], _acts_for(accounts["przedstawiciel@razem.demo"])))
    for index, (person, organization_id) in enumerate(krdpp_ngo):
        if organization_id is None:
            continue
        position = P.CHAIR if index == 0 else P.VICE_CHAIR if index == 1 else P.MEMBER
        seat("krdpp", person, organization_id=organization_id, position=position, appointment=A.ELECTED)
    city = {email: (_person(email, name), institution, role) for email, name, institution, role in CITY_PEOPLE}
    for person, institution, role in city.values():
        if role:
            seat("krdpp", person, institution=institution, position=role,
                 appointment=A.COUNCIL if institution == COUNCIL else A.MAYOR)  # fmt: skip

    # KRDPP, V term: 8 from organizations (two of them re-elected), 8 from the city; all ended with the term.
    ended = {"term": past, "start_date": past.starts_on, "end_date": past.ends_on, "end_reason": END_OF_TERM}
    past_ngo = [krdpp_ngo[i] for i in REELECTED if i < len(krdpp_ngo)] + former
    for index, (person, organization_id) in enumerate(past_ngo[:8]):
        if organization_id is None:
            continue
        position = P.CHAIR if index == 2 else P.VICE_CHAIR if index == 0 else P.MEMBER
        seat("krdpp", person, organization_id=organization_id, position=position, appointment=A.ELECTED, **ended)
    for email in PAST_CITY:
        person, institution, _position = city[email]
        seat("krdpp", person, institution=institution, position=P.SECRETARY if email == PAST_SECRETARY else P.MEMBER,
             appointment=A.COUNCIL if institution == COUNCIL else A.MAYOR, **ended)  # fmt: skip

    # The Forum: 12 representatives of 12 organizations, each with a deputy from the same organization.
    forum = list(blocks["forum-lokalowe"])
    if "przedstawiciel@razem.demo" in accounts:
        forum.append((accounts["przedstawiciel@razem.demo"], _acts_for(accounts["przedstawiciel@razem.demo"])))
    forum_seats: list[tuple[BodyMembership, int]] = []
    for index, (person, organization_id) in enumerate(forum):
        if organization_id is None:
            continue
        position = P.CHAIR if index == 0 else P.VICE_CHAIR if index == 1 else P.MEMBER
        principal = seat("forum-lokalowe", person, organization_id=organization_id, position=position,
                         appointment=A.APPLICATION)  # fmt: skip
        forum_seats.append((principal, organization_id))

    # The KDOs: organizations join on application; the first person chairs.
    for slug in ("kdo-mlodziezy", "kdo-kultury", "kdo-zdrowia", "kdo-niepelnosprawnosci", "kdo-ekonomii-spolecznej"):
        block = list(blocks[slug])
        for email, account_slug in ACCOUNT_SEATS:
            if account_slug == slug and email in accounts:
                block.append((accounts[email], _acts_for(accounts[email])))
        for index, (person, organization_id) in enumerate(block):
            if organization_id is None:
                continue
            position = P.CHAIR if index == 0 else P.VICE_CHAIR if index == 1 else P.MEMBER
            seat(slug, person, organization_id=organization_id, position=position, appointment=A.APPLICATION)

    # The private team: KRDPP's chair and two of its NGO members, and the demo representative.
    team = [p for p in krdpp_ngo[:3] if p[1] is not None]
    if "przedstawiciel@razem.demo" in accounts:
        team.append((accounts["przedstawiciel@razem.demo"], _acts_for(accounts["przedstawiciel@razem.demo"])))
    for index, (person, organization_id) in enumerate(team):
        seat(PRIVATE_TEAM, person, organization_id=organization_id, position=P.CHAIR if index == 0 else P.MEMBER,
             appointment=A.OTHER)  # fmt: skip

    existing = {
        (body_id, person_id, start): pk
        for pk, body_id, person_id, start in BodyMembership.objects.filter(body__in=bodies.values()).values_list(
            "pk", "body_id", "person_id", "start_date"
        )
    }
    BodyMembership.objects.bulk_create([m for m in wanted if (m.body_id, m.person_id, m.start_date) not in existing])
    # The deputies, once their principals have ids.
    principals = {
        m.person_id: m
        for m in BodyMembership.objects.current(today).filter(body=bodies["forum-lokalowe"]).exclude(position=P.DEPUTY)
    }
    deputies = []
    for index, (principal, organization_id) in enumerate(forum_seats):
        saved = principals.get(principal.person_id)
        if saved is None or saved.deputies.exists():
            continue
        deputies.append(
            BodyMembership(
                body=bodies["forum-lokalowe"], term=terms["forum"], person=_deputy(index, organization_id),
                organization_id=organization_id, position=P.DEPUTY, appointment=A.APPLICATION, deputy_of=saved,
                start_date=saved.start_date,
            )
        )  # fmt: skip
    BodyMembership.objects.bulk_create(deputies)
    return bodies


# What the bodies did ---------------------------------------------------------------------------------------------


# (days after the term began, kind, title, the document it concerns, votes for / against / abstaining, summary)
RES, OPI = Act.Kind.RESOLUTION, Act.Kind.OPINION
ACTS: list[tuple[int, str, str, str, tuple[int, int, int], str]] = [
    (9, RES, "w sprawie wyboru Przewodniczącego, Wiceprzewodniczącej i Sekretarza Rady", "", (16, 0, 0),
     "Rada wybrała prezydium VI kadencji w głosowaniu jawnym."),
    (9, RES, "w sprawie przyjęcia Regulaminu pracy Rady", "Regulamin pracy KRDPP", (15, 0, 1),
     "Regulamin określa tryb zwoływania posiedzeń, głosowania elektronicznego i pracy zespołów roboczych."),
    (37, OPI, "o projekcie Programu współpracy Gminy Miejskiej Kraków z organizacjami pozarządowymi na rok {next}",
     "Projekt Programu współpracy na rok {next}", (13, 1, 2),
     "Rada opiniuje projekt pozytywnie, wnosząc o zwiększenie puli małych grantów i o harmonogram konkursów "
     "ogłoszony do końca stycznia."),
    (37, RES, "w sprawie powołania Zespołu roboczego ds. polityki lokalowej", "", (14, 0, 2),
     "Zespół przygotuje stanowisko Rady do rekomendacji Krakowskiego Forum Lokalowego."),
    (65, OPI, "o projekcie uchwały w sprawie Miejskiego Programu Profilaktyki i Rozwiązywania Problemów Alkoholowych",
     "Projekt uchwały Rady Miasta Krakowa", (12, 0, 3),
     "Opinia pozytywna z uwagą o udziale organizacji w ewaluacji programu."),
    (65, RES, "w sprawie planu pracy Rady na rok {next}", "", (16, 0, 0),
     "Plan obejmuje m.in. ewaluację programu współpracy, politykę lokalową i standardy konsultacji."),
    (148, OPI, "o projekcie Strategii Rozwoju Krakowa – aktualizacja celów operacyjnych w obszarze społecznym",
     "Projekt aktualizacji Strategii Rozwoju Krakowa", (11, 2, 3),
     "Rada postuluje wskaźniki dotyczące współpracy z organizacjami w każdym celu operacyjnym."),
    (148, RES, "w sprawie zaopiniowania zgłoszeń do Krakowskiego Forum Lokalowego", "Zgłoszenia organizacji",
     (14, 0, 1), "Rada pozytywnie oceniła zgłoszenia organizacji do Forum."),
    (239, OPI, "o projekcie zarządzenia w sprawie standardów realizacji zadań publicznych w obszarze pomocy społecznej",
     "Projekt zarządzenia Prezydenta Miasta Krakowa", (13, 0, 2),
     "Opinia pozytywna; Rada prosi o okres przejściowy dla umów wieloletnich."),
    (239, RES, "w sprawie stanowiska wobec rekomendacji Krakowskiego Forum Lokalowego", "Rekomendacje Forum Lokalowego",
     (15, 1, 0), "Rada popiera rekomendacje Forum i prosi o harmonogram ich wdrożenia."),
    (365, OPI, "o projekcie uchwały w sprawie zasad udzielania dotacji celowych na zadania z zakresu ekonomii "
     "społecznej", "Projekt uchwały Rady Miasta Krakowa", (12, 1, 1),
     "Opinia pozytywna z propozycją klauzul społecznych w zamówieniach miejskich."),
    (365, RES, "w sprawie przyjęcia sprawozdania z działalności Rady za pierwszy rok kadencji", "", (16, 0, 0),
     "Sprawozdanie zostanie opublikowane w BIP i w serwisie ngo.krakow.pl."),
]  # fmt: skip

POSTS = [
    ("krdpp", 2, "Materiały na posiedzenie: projekt Programu współpracy",
     "W załączeniu projekt Programu współpracy do opinii. Uwagi prosimy zgłaszać do piątku przed posiedzeniem."),
    ("krdpp", 0, "Zespoły robocze Rady – zapisy",
     "Zapraszamy członków Rady do zespołów: ds. polityki lokalowej, ds. standardów konsultacji i ds. ewaluacji."),
    ("forum-lokalowe", 0, "Harmonogram prac nad rekomendacjami",
     "Do końca miesiąca zbieramy uwagi do części o stawkach czynszu; kolejne posiedzenie omówi procedurę "
     "konkursów na lokale."),
    ("kdo-mlodziezy", 0, "Wakacje w mieście – podsumowanie ankiety",
     "Dziękujemy za 48 odpowiedzi organizacji. Wyniki omówimy na najbliższym otwartym posiedzeniu."),
    (PRIVATE_TEAM, 1, "Robocza wersja opinii o Programie współpracy",
     "Przesyłam roboczą wersję opinii z uwagami do § 5 i § 9. Proszę o uzupełnienia do środy; wersję końcową "
     "przedstawimy Radzie na posiedzeniu."),
]  # fmt: skip


def _chair(body: Body) -> User | None:
    seat = BodyMembership.objects.current().filter(body=body, position=P.CHAIR).select_related("person").first()
    return seat.person if seat else None


def load_activity(*, users: Mapping[str, User], people: Sequence[tuple[User, int | None]]) -> dict[str, int]:
    """Acts, opinion requests, applications and posts of the demo bodies; once (the audit log says when)."""
    return once(ACTIVITY_LOADED, lambda: _activity(users, people), activity_summary)


def _activity(users: Mapping[str, User], people: Sequence[tuple[User, int | None]]) -> bool:
    today = timezone.localdate()
    officer = users.get("urzednik@razem.demo")
    if officer is None:
        return False
    bodies = {b.slug: b for b in Body.objects.filter(slug__in=[spec[0] for spec in BODIES])}
    krdpp, forum = bodies["krdpp"], bodies["forum-lokalowe"]
    term = krdpp.terms.get(number=6)
    secretary = (
        BodyMembership.objects.current().filter(body=krdpp, position=P.SECRETARY).select_related("person").first()
    )
    recorder = secretary.person if secretary else officer
    with quietly():
        # The opinion on next year's programme answered a request; this year's programme request is still open.
        programme_year = term.starts_on.year + 1
        answered_received = term.starts_on + datetime.timedelta(days=30)
        answered = OpinionRequest.objects.create(
            body=krdpp, subject=f"Projekt Programu współpracy Gminy Miejskiej Kraków z organizacjami pozarządowymi "
            f"na rok {programme_year}", received_on=answered_received,
            due_on=answered_received + datetime.timedelta(days=14), legal_basis="art. 41i ust. 2 u.d.p.p.w.",
            description="Projekt przygotowany po konsultacjach z organizacjami.", created_by=officer,
        )  # fmt: skip
        waived_received = term.starts_on + datetime.timedelta(days=180)
        if waived_received + datetime.timedelta(days=14) < today:
            OpinionRequest.objects.create(
                body=krdpp, subject="Projekt uchwały w sprawie zasad wynajmowania lokali użytkowych Gminy",
                received_on=waived_received, due_on=waived_received + datetime.timedelta(days=14),
                legal_basis="art. 41i ust. 1 pkt 2 u.d.p.p.w.", status=OpinionRequest.Status.WAIVED,
                created_by=officer,
            )  # fmt: skip
        acts = 0
        for days, kind, title, concerns, (votes_for, against, abstaining), summary in ACTS:
            adopted_on = term.starts_on + datetime.timedelta(days=days)
            if adopted_on >= today:
                continue
            fill = {"next": programme_year}
            services.act_record(
                actor=recorder,
                body=krdpp,
                data={
                    "kind": kind, "title": title.format(**fill), "concerns": concerns.format(**fill),
                    "summary": summary, "adopted_on": adopted_on, "votes_for": votes_for, "votes_against": against,
                    "votes_abstaining": abstaining,
                    "request": answered if "Programu współpracy" in title else None,
                },
            )  # fmt: skip
            acts += 1
        next_year = today.year + 1
        services.opinion_request_create(
            actor=officer,
            body=krdpp,
            subject=f"Projekt Programu współpracy Gminy Miejskiej Kraków z organizacjami pozarządowymi "
            f"na rok {next_year}",
            description="Projekt po konsultacjach z organizacjami (październik). Opinia Rady jest wymagana przed "
            "skierowaniem projektu do Rady Miasta Krakowa.",
            received_on=today - datetime.timedelta(days=10),
        )
        # Applications: Fundacja Pod Wawelem to the Forum and an organization to the KDO for health await a
        # decision; one to the Forum was declined.
        prezeska, czlonek = users.get("prezeska@razem.demo"), users.get("czlonek@razem.demo")
        pod_wawelem = Organization.objects.filter(name="Fundacja Pod Wawelem").first()
        if prezeska and pod_wawelem:
            services.application_submit(
                actor=prezeska, body=forum, organization=pod_wawelem, representative=prezeska, deputy=czlonek,
                motivation="Prowadzimy dwa lokale gminne na Kazimierzu i w Podgórzu; chcemy wnieść doświadczenie "
                "z negocjacji czynszu i remontów na własny koszt.",
            )  # fmt: skip
        seated = set(BodyMembership.objects.values_list("person_id", flat=True))
        free = [
            (person, Organization.objects.get(pk=org_id))
            for person, org_id in people
            if org_id is not None and person.pk not in seated
        ][:2]
        if len(free) == 2:
            (health_person, health_org), (declined_person, declined_org) = free
            services.application_submit(
                actor=health_person, body=bodies["kdo-zdrowia"], organization=health_org,
                representative=health_person,
                motivation="Prowadzimy grupy wsparcia dla osób po udarze i chcemy współtworzyć miejskie programy "
                "profilaktyki.",
            )  # fmt: skip
            declined = services.application_submit(
                actor=declined_person, body=forum, organization=declined_org, representative=declined_person,
                motivation="Szukamy lokalu na działalność świetlicy.",
            )  # fmt: skip
            services.application_decide(
                actor=officer, application=declined, accept=False,
                reason="Forum ma komplet 12 przedstawicieli na tę kadencję. Zapraszamy na otwarte posiedzenia "
                "i do konsultacji rekomendacji; sprawę lokalu dla świetlicy prosimy zgłosić do ZBK.",
            )  # fmt: skip
            MembershipApplication.objects.filter(pk=declined.pk).update(
                created_at=timezone.now() - datetime.timedelta(days=60),
                decided_at=timezone.now() - datetime.timedelta(days=45),
            )
        for index, (slug, days_ago, title, text) in enumerate(POSTS):
            author = _chair(bodies[slug]) or officer
            post = services.post_create(actor=author, body=bodies[slug], title=title, text=text)
            Post.objects.filter(pk=post.pk).update(
                created_at=timezone.now() - datetime.timedelta(days=days_ago + 3 * index)
            )
        services.post_create(
            actor=officer, body=krdpp, kind=Post.Kind.DOCUMENT,
            title=f"Projekt Programu współpracy na rok {next_year}",
            text="Wersja skierowana do opinii Rady.",
            file=ContentFile(
                f"Projekt Programu współpracy Gminy Miejskiej Kraków z organizacjami pozarządowymi na rok "
                f"{next_year}\n\n§ 1. Cel główny: rozwój partnerskiej współpracy...\n".encode(),
                name=f"projekt-programu-wspolpracy-{next_year}.txt",
            ),
        )  # fmt: skip
    return True


def activity_summary() -> dict[str, int]:
    return {
        "acts": Act.objects.count(),
        "opinion_requests": OpinionRequest.objects.count(),
        "applications": MembershipApplication.objects.count(),
        "posts": Post.objects.count(),
        "memberships": BodyMembership.objects.count(),
    }
