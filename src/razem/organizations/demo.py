"""Fictional Kraków organizations for the demo and the benchmarks.

``generate()`` builds any number of organizations deterministically (``razem.core.demo.rng(seed)``) from word lists:
plausible Polish names, the 18 districts, 1-4 public-benefit areas of art. 4, target groups, a short
description, example.org contacts and identifiers in a valid format (unique KRS numbers; NIP and REGON numbers
whose check digits pass python-stdnum). ``load()`` puts the demo set into the database with bulk inserts and
gives the NGO demo accounts their memberships; running it again adds nothing. ``csv_row()`` turns one of them
into a row of the documented import file (bench/load_organizations.py imports 100,000 of them).

Every name, address, phone number and identifier here is made up; e-mail addresses and websites use
subdomains of example.org, which is reserved for examples (RFC 2606).
"""

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.core.models import District, PublicBenefitArea
from razem.core.text import slugify_pl
from razem.organizations.demo_words import (
    ACTIVITY,
    ADJ_NOUN,
    ASSOCIATION_NOUNS,
    CAUSES,
    CLOSING,
    CLUBS,
    COMMON_AREAS,
    COOPERATIVES,
    FAMILIES,
    KGW_NAMES,
    LOCAL_AREAS,
    NIP_PREFIXES,
    PATRONS_F,
    PATRONS_M,
    PLACES,
    POSTAL_PREFIX,
    REGON_PREFIXES,
    REJECTED,
    STREETS,
    SURNAME_STEMS,
    SUSPENDED,
    UNDER,
)
from razem.organizations.models import Invitation, Membership, Organization, TargetGroup, hash_token
from razem.organizations.services import invitation_valid_days

DEMO_SEED = 2026
DEMO_COUNT = 200
LOADED = "organizations.demo.loaded"
IMPORT_LOADED = "organizations.demo.import_loaded"
IMPORT_NAME = "rejestr-z-wydzialu-2026.csv"

F = Organization.LegalForm

Place = tuple[str, str, str, int, bool]
PLACES_BY_DISTRICT = {n: [p for p in PLACES if p[3] == n] for n in range(1, 19)}
RURAL = [p for p in PLACES if p[4]]

FORM_WEIGHTS = [(F.ASSOCIATION, 40), (F.FOUNDATION, 34), (F.SCHOOL_SPORTS_CLUB, 7), (F.ORDINARY_ASSOCIATION, 7),
                (F.RURAL_WOMENS_CIRCLE, 4), (F.SOCIAL_COOPERATIVE, 5), (F.SPORTS_CLUB, 3)]  # fmt: skip


@dataclass
class DemoOrganization:
    """One fictional organization, before it is saved (``load``) or written to an import file (``csv_row``)."""

    name: str
    legal_form: str
    district: int
    areas: tuple[str, ...]
    target_groups: tuple[str, ...] = ()
    short_name: str = ""
    register_type: str = Organization.RegisterType.KRS
    krs: str = ""
    register_number: str = ""
    nip: str = ""
    regon: str = ""
    is_opp: bool = False
    street: str = ""
    postal_code: str = ""
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    status: str = Organization.Status.VERIFIED
    status_reason: str = ""
    age_days: int = 0

    @property
    def key(self) -> tuple[str, str]:
        """What identifies it again on the next run: the KRS number, or the number in its other register."""
        return ("krs", self.krs) if self.krs else ("nr", self.register_number)


# Hand-written organizations with fixed identifiers that always exist; the NGO demo accounts act for the first two.
# fmt: off
FEATURED = [
    DemoOrganization(
        "Fundacja Pod Wawelem", F.FOUNDATION, 1, ("16", "4", "19"), ("mieszkancy", "seniorzy"),
        short_name="Pod Wawelem", krs="0000421370", nip="6762418528", regon="121603472", is_opp=True,
        street="ul. Stradomska 12", postal_code="31-058",
        description="Działamy na Stradomiu od 2012 roku. Prowadzimy spacery po Starym Mieście i Kazimierzu, "
        "warsztaty dla seniorów i koncerty na podwórkach. Szukamy wolontariuszy-przewodników.",
        website="https://podwawelem.example.org", email="biuro@podwawelem.example.org", phone="+48 12 000 11 12",
        age_days=900,
    ),
    DemoOrganization(
        "Stowarzyszenie Przyjaciół Nowej Huty", F.ASSOCIATION, 18, ("13", "16", "4"), ("mieszkancy", "mlodziez"),
        short_name="SPNH", krs="0000231458", nip="6772150932", regon="120415969",
        street="os. Centrum C 7", postal_code="31-929",
        description="Od 2005 roku dbamy o dziedzictwo Nowej Huty. Organizujemy spacery, wystawy i sąsiedzkie "
        "pikniki w parku Ratuszowym.",
        website="https://spnh.example.org", email="kontakt@spnh.example.org", age_days=1000,
    ),
    DemoOrganization(
        "Uczniowski Klub Sportowy Orlęta Bieżanów", F.SCHOOL_SPORTS_CLUB, 12, ("17", "15"), ("dzieci", "mlodziez"),
        short_name="UKS Orlęta Bieżanów", register_type=Organization.RegisterType.LOCAL,
        register_number="UKS/27/2009", nip="6793011242", regon="356120990",
        street="ul. Teligi 24", postal_code="30-835",
        description="Klub przy szkole podstawowej w Bieżanowie. Prowadzimy treningi piłki siatkowej i lekkiej "
        "atletyki dla dzieci i młodzieży.",
        email="uks.orleta@example.org", age_days=700,
    ),
    DemoOrganization(
        "Koło Gospodyń Wiejskich w Wyciążu", F.RURAL_WOMENS_CIRCLE, 18, ("4", "16", "13"), ("kobiety", "mieszkancy"),
        short_name="KGW Wyciąże", register_type=Organization.RegisterType.KGW, register_number="KGW/1187/2019",
        regon="367890127", street="ul. Wyciąska 5", postal_code="31-979",
        description="Kultywujemy tradycje kulinarne i ludowe Wyciąża. Gotujemy na festynach i uczymy haftu.",
        email="kgw.wyciaze@example.org", age_days=500,
    ),
    DemoOrganization(
        "Spółdzielnia Socjalna Zakwas", F.SOCIAL_COOPERATIVE, 13, ("2", "8"), ("osoby-bezrobotne",),
        short_name="Zakwas", krs="0000614902", nip="9451203879", regon="381024755",
        street="ul. Zabłocie 9", postal_code="30-701",
        description="Piekarnia i kawiarnia na Zabłociu, w której pracują osoby wracające na rynek pracy.",
        website="https://zakwas.example.org", email="chleb@zakwas.example.org", phone="+48 12 000 23 45",
        age_days=400,
    ),
]
# fmt: on


def from_(word: str) -> str:
    """The preposition "z" or "ze" before a place name: "z Bieżanowa", "ze Złocienia", "ze Stradomia"."""
    return "ze" if word[0].lower() in "sśzźż" and word[1].lower() not in "aeiouyąęó" else "z"


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = toolkit.rng(seed)
        self.krs: set[str] = set()
        self.nip: set[str] = set()
        self.regon: set[str] = set()
        self.names: set[str] = set()
        self.register_seq = {"SZ": 100, "UKS": 40, "KGW": 1200}
        for featured in FEATURED:
            self.krs.add(featured.krs)
            self.nip.add(featured.nip)
            self.regon.add(featured.regon)

    def digits(self, n: int) -> str:
        return f"{self.rng.randrange(10**n):0{n}d}"

    def new_krs(self) -> str:
        while True:
            number = f"{self.rng.randint(20_000, 1_190_000):010d}"
            if number not in self.krs:
                self.krs.add(number)
                return number

    def new_nip(self) -> str:
        weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
        while True:
            body = self.rng.choice(NIP_PREFIXES) + self.digits(6)
            check = sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11
            if check == 10:  # never issued: a NIP whose check would be 10 is invalid
                continue
            number = body + str(check)
            if number not in self.nip:
                self.nip.add(number)
                return number

    def new_regon(self) -> str:
        weights = (8, 9, 2, 3, 4, 5, 6, 7)
        while True:
            body = self.rng.choice(REGON_PREFIXES) + self.digits(6)
            number = body + str(sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11 % 10)
            if number not in self.regon:
                self.regon.add(number)
                return number

    def new_register_number(self, kind: str, year: int) -> str:
        self.register_seq[kind] += 1
        return f"{kind}/{self.register_seq[kind]}/{year}"

    def adj_noun(self) -> str:
        adjectives, nouns = self.rng.choice(ADJ_NOUN)
        return f"{self.rng.choice(adjectives)} {self.rng.choice(nouns)}"

    def name(self, form: str, place: Place) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
        """A name, a short name, and the areas and target groups the name suggests."""
        r = self.rng
        nom, gen, loc, _district, _rural = place
        cause, cause_areas, cause_groups = r.choice(CAUSES)
        local = (r.choice(LOCAL_AREAS),), ("mieszkancy",)
        if form == F.FOUNDATION:
            kind = r.randrange(7)
            if kind == 0:
                return f"Fundacja Pod {r.choice(UNDER)}", "", *local
            if kind == 5:
                female = r.random() < 0.5
                first = r.choice(PATRONS_F if female else PATRONS_M)
                patron = f"{first} {r.choice(SURNAME_STEMS)}{'iej' if female else 'iego'}"
                return f"Fundacja im. {patron}", "", (r.choice(COMMON_AREAS), r.choice(COMMON_AREAS)), ()
            if kind == 1:
                return f"Fundacja Rozwoju {gen}", "", *local
            if kind == 2:
                return f"Fundacja Rodziny {r.choice(FAMILIES)}", "", (r.choice(COMMON_AREAS),), ()
            if kind == 3:
                phrase = self.adj_noun()
                return f"Fundacja „{phrase}”", phrase, (r.choice(COMMON_AREAS),), ()
            return f"Fundacja {cause}", "", cause_areas, cause_groups
        if form == F.SPORTS_CLUB:
            club = r.choice(CLUBS)
            return f"Klub Sportowy {club} {nom}", f"KS {club}", ("17",), ("mlodziez",)
        if form == F.ASSOCIATION:
            kind = r.randrange(8)
            if kind == 0:
                return f"Stowarzyszenie Przyjaciół {gen}", "", *local
            if kind == 1:
                return f"Stowarzyszenie Mieszkańców {gen}", "", ("13",), ("mieszkancy",)
            if kind == 2:
                return f"Towarzystwo Miłośników {gen}", "", ("4", "16"), ()
            if kind == 3:
                phrase = self.adj_noun()
                return f"Stowarzyszenie „{phrase}”", phrase, (r.choice(COMMON_AREAS),), ()
            if kind == 4:
                return f"Krakowskie Stowarzyszenie {r.choice(ASSOCIATION_NOUNS)}", "", (r.choice(COMMON_AREAS),), ()
            if kind == 5:
                return f"Stowarzyszenie na rzecz Rozwoju {gen}", "", ("13", "32a"), ("mieszkancy",)
            return f"Stowarzyszenie {cause}", "", cause_areas, cause_groups
        if form == F.SCHOOL_SPORTS_CLUB:
            club = r.choice(CLUBS)
            return f"Uczniowski Klub Sportowy {club} {nom}", f"UKS {club} {nom}", ("17", "15"), ("dzieci", "mlodziez")
        if form == F.ORDINARY_ASSOCIATION:
            if r.random() < 0.5:
                z = f"{from_(gen)} {gen}"
                return f"Stowarzyszenie Zwykłe „Sąsiedzi {z}”", f"Sąsiedzi {z}", ("13",), ("mieszkancy",)
            phrase = self.adj_noun()
            return f"Stowarzyszenie Zwykłe „{phrase}”", phrase, (r.choice(LOCAL_AREAS),), ()
        if form == F.RURAL_WOMENS_CIRCLE:
            quoted = f"„{r.choice(KGW_NAMES)}” " if r.random() < 0.5 else ""
            return f"Koło Gospodyń Wiejskich {quoted}{loc}", f"KGW {nom}", ("4", "16"), ("kobiety",)
        word = r.choice(COOPERATIVES)
        return f"Spółdzielnia Socjalna {word}", word, ("2", "8"), ("osoby-bezrobotne",)

    def organization(self, *, unique_names: bool) -> DemoOrganization:
        r = self.rng
        year = r.randint(1995, 2025)
        form = r.choices([f for f, _w in FORM_WEIGHTS], weights=[w for _f, w in FORM_WEIGHTS])[0]
        rural = form == F.RURAL_WOMENS_CIRCLE
        place = r.choice(RURAL) if rural else r.choice(PLACES_BY_DISTRICT[r.randint(1, 18)])
        for _attempt in range(30):
            name, short, areas, groups = self.name(form, place)
            if not unique_names or name not in self.names:
                break
        self.names.add(name)
        district = place[3]
        areas = tuple(dict.fromkeys(areas + tuple(r.sample(COMMON_AREAS, r.randint(0, 2)))))[: r.randint(1, 4)]
        extra_groups = r.sample(["dzieci", "seniorzy", "rodziny", "mieszkancy", "mlodziez", "kobiety"], r.randint(0, 1))
        groups = tuple(dict.fromkeys(groups + tuple(extra_groups)))[:3]
        sentences = [f"Działamy {place[2]} od {year} roku." if r.random() < 0.7 else f"Działamy od {year} roku."]
        sentences.append(ACTIVITY.get(areas[0], "Realizujemy projekty dla mieszkańców Krakowa."))
        if r.random() < 0.5:
            sentences.append(r.choice(CLOSING))
        org = DemoOrganization(
            name, form, district, areas, groups, short_name=short if r.random() < 0.8 else "",
            street=f"{r.choice(STREETS[district])} {r.randint(1, 120)}",
            postal_code=f"{POSTAL_PREFIX[district]}{r.randint(0, 99):02d}",
            description=" ".join(sentences[: r.randint(1, 3)]), age_days=r.randint(31, 3 * 365),
        )  # fmt: skip
        domain = slugify_pl(org.short_name or org.name, max_length=48, default="organizacja") + ".example.org"
        if r.random() < 0.6:
            org.website = f"https://{domain}"
        if r.random() < 0.9:
            org.email = f"{r.choice(['biuro', 'kontakt', 'zarzad', 'info'])}@{domain}"
        if r.random() < 0.5:
            org.phone = f"+48 12 000 {r.randint(10, 99)} {r.randint(10, 99)}"
        # Registers and identifiers: KRS for associations, foundations and cooperatives; the others elsewhere.
        in_krs = org.legal_form in (F.ASSOCIATION, F.FOUNDATION, F.SOCIAL_COOPERATIVE, F.SPORTS_CLUB)
        if in_krs:
            org.register_type, org.krs = Organization.RegisterType.KRS, self.new_krs()
            org.is_opp = org.legal_form in (F.ASSOCIATION, F.FOUNDATION) and r.random() < 0.15
        elif org.legal_form == F.RURAL_WOMENS_CIRCLE:
            org.register_type = Organization.RegisterType.KGW
            org.register_number = self.new_register_number("KGW", max(year, 2018))
        else:
            kind = "UKS" if org.legal_form == F.SCHOOL_SPORTS_CLUB else "SZ"
            org.register_type = Organization.RegisterType.LOCAL
            org.register_number = self.new_register_number(kind, max(year, 2016 if kind == "SZ" else year))
        if r.random() < (0.95 if in_krs else 0.75):
            org.regon = self.new_regon()
        if r.random() < (0.9 if in_krs else 0.6):
            org.nip = self.new_nip()
        return org


def generate(count: int = DEMO_COUNT, *, seed: int = DEMO_SEED, unique_names: bool = True) -> list[DemoOrganization]:
    """``count`` fictional organizations, the same for the same seed; the FEATURED ones come first."""
    gen = _Generator(seed)
    organizations = [DemoOrganization(**f.__dict__) for f in FEATURED[:count]]
    gen.names.update(o.name for o in organizations)
    organizations += [gen.organization(unique_names=unique_names) for _ in range(count - len(organizations))]
    # Statuses: most verified; about 8 % waiting for verification, a few suspended, rejected or dissolved.
    others = list(range(len(FEATURED), len(organizations)))
    gen.rng.shuffle(others)
    plan = [(Organization.Status.PENDING, 0.08), (Organization.Status.SUSPENDED, 0.015),
            (Organization.Status.REJECTED, 0.015), (Organization.Status.DISSOLVED, 0.01)]  # fmt: skip
    for status, share in plan:
        for _ in range(max(1, round(count * share)) if others else 0):
            org = organizations[others.pop()]
            org.status = status
            if status == Organization.Status.PENDING:
                org.age_days = gen.rng.randint(0, 30)  # the verification queue holds recent registrations
            elif status == Organization.Status.REJECTED:
                org.status_reason = gen.rng.choice(REJECTED)
            elif status == Organization.Status.SUSPENDED:
                org.status_reason = gen.rng.choice(SUSPENDED)
            org.is_opp = org.is_opp and status != Organization.Status.PENDING
            if not others:
                break
    return organizations


CSV_COLUMNS = ["nazwa", "nazwa_skrocona", "forma_prawna", "rejestr", "krs", "numer_w_rejestrze", "nip", "regon",
               "opp", "ulica", "kod_pocztowy", "miejscowosc", "dzielnica", "obszary", "grupy_docelowe", "opis", "www",
               "email", "telefon", "status"]  # fmt: skip


def csv_row(org: DemoOrganization) -> list[str]:
    """The organization as a row of the documented import file (columns ``CSV_COLUMNS``)."""
    return [
        org.name, org.short_name, org.legal_form, org.register_type, org.krs, org.register_number, org.nip, org.regon,
        "tak" if org.is_opp else "nie", org.street, org.postal_code, "Kraków", str(org.district), ";".join(org.areas),
        ";".join(org.target_groups), org.description, org.website, org.email, org.phone, org.status,
    ]  # fmt: skip


# Saving the demo set


def _exists(specs: list[DemoOrganization]) -> set[tuple[str, str]]:
    krs = Organization.objects.filter(krs__in=[s.krs for s in specs if s.krs]).values_list("krs", flat=True)
    numbers = Organization.objects.filter(
        krs="", register_number__in=[s.register_number for s in specs if not s.krs]
    ).values_list("register_number", flat=True)
    return {("krs", k) for k in krs} | {("nr", n) for n in numbers}


def create_organizations(specs: list[DemoOrganization]) -> int:
    """Save those of ``specs`` not in the registry yet (by KRS or register number); returns how many were added."""
    existing = _exists(specs)
    todo = [s for s in specs if s.key not in existing]
    if not todo:
        return 0
    now = timezone.now()
    areas = {a.code: a.pk for a in PublicBenefitArea.objects.valid_on(timezone.localdate())}
    groups = dict(TargetGroup.objects.values_list("code", "pk"))
    districts = dict(District.objects.values_list("number", "pk"))
    organizations: list[Organization] = []
    for s in todo:
        created = now - datetime.timedelta(days=s.age_days, minutes=len(organizations))
        org = Organization(
            name=s.name, short_name=s.short_name, legal_form=s.legal_form, register_type=s.register_type, krs=s.krs,
            register_number=s.register_number, nip=s.nip, regon=s.regon, is_opp=s.is_opp, street=s.street,
            postal_code=s.postal_code, district_id=districts.get(s.district), description=s.description,
            website=s.website, email=s.email, phone=s.phone, status=s.status, status_reason=s.status_reason,
            created_at=created, status_changed_at=None if s.status == Organization.Status.PENDING else created,
        )  # fmt: skip
        org.refresh_derived()
        organizations.append(org)
    Organization.objects.bulk_create(organizations, batch_size=500)
    area_through = Organization.areas.through
    group_through = Organization.target_groups.through
    pairs = list(zip(todo, organizations, strict=True))
    area_through.objects.bulk_create(
        [
            area_through(organization_id=o.pk, publicbenefitarea_id=areas[c])
            for s, o in pairs
            for c in s.areas
            if c in areas
        ],
        batch_size=1000,
    )
    group_through.objects.bulk_create(
        [
            group_through(organization_id=o.pk, targetgroup_id=groups[c])
            for s, o in pairs
            for c in s.target_groups
            if c in groups
        ],
        batch_size=1000,
    )
    return len(organizations)


def organization_for(spec: DemoOrganization) -> Organization:
    kind, value = spec.key
    if kind == "krs":
        return Organization.objects.get(krs=value)
    return Organization.objects.get(krs="", register_number=value)


# (demo account e-mail, index in FEATURED, role). The resident (mieszkanka) keeps no membership.
NGO_MEMBERSHIPS = [
    ("prezeska@razem.demo", 0, Membership.Role.ADMIN),
    ("czlonek@razem.demo", 0, Membership.Role.MEMBER),
    ("przedstawiciel@razem.demo", 1, Membership.Role.REPRESENTATIVE),
]
# A person without a demo login: the administrator of the second organization, who also asks to join the first.
APPLICANT = ("zofia.kaminska@example.org", "Zofia Kamińska")
INVITED_EMAIL = "nowa.wolontariuszka@example.org"


def _membership(organization: Organization, user: User, role: str) -> None:
    Membership.objects.update_or_create(
        organization=organization, user=user,
        defaults={"role": role, "status": Membership.Status.ACTIVE, "decided_at": timezone.now()},
    )  # fmt: skip


@transaction.atomic
def load(*, users: Mapping[str, User], count: int = DEMO_COUNT, seed: int = DEMO_SEED) -> dict[str, Any]:
    """The demo registry: ``count`` organizations, the NGO accounts' memberships, a join request, an invitation.

    Organizations are matched by KRS or register number, so a second run adds nothing. The generated ones are
    loaded only once (the audit log says when): a later run with a changed generator (other names, other
    numbers) must not add a second set, so it only makes sure the FEATURED ones and the memberships exist.
    """
    specs = generate(count, seed=seed)
    loaded_before = toolkit.loaded(LOADED)
    added = create_organizations(specs[: len(FEATURED)] if loaded_before else specs)
    featured = [organization_for(s) for s in specs[: len(FEATURED)]]
    for email, index, role in NGO_MEMBERSHIPS:
        if email in users:
            _membership(featured[index], users[email], role)
    applicant = User.objects.filter(email=APPLICANT[0]).first()
    if applicant is None:
        applicant = User.objects.create_user(email=APPLICANT[0], password=None, full_name=APPLICANT[1])
    _membership(featured[1], applicant, Membership.Role.ADMIN)
    Membership.objects.get_or_create(
        organization=featured[0], user=applicant,
        defaults={"role": Membership.Role.MEMBER, "status": Membership.Status.REQUESTED,
                  "message": "Chętnie poprowadzę spacery po Kazimierzu, znam dobrze jego historię."},
    )  # fmt: skip
    inviter = users.get(NGO_MEMBERSHIPS[0][0])
    invitation = Invitation.objects.filter(organization=featured[0], email=INVITED_EMAIL).first()
    if invitation is None:
        Invitation.objects.create(
            organization=featured[0], email=INVITED_EMAIL, role=Membership.Role.MEMBER,
            token_hash=hash_token(Invitation.new_token()), invited_by=inviter,
            expires_at=timezone.now() + datetime.timedelta(days=invitation_valid_days()),
        )  # fmt: skip
    elif invitation.accepted_at is None and invitation.revoked_at is None:
        # A later run keeps it pending (not expired), so the members page always shows one.
        invitation.expires_at = timezone.now() + datetime.timedelta(days=invitation_valid_days())
        invitation.save(update_fields=["expires_at"])
    officer = users.get("urzednik@razem.demo")
    if officer is not None:
        toolkit.once(
            IMPORT_LOADED, lambda: _import_with_rejected_rows(officer, specs[: len(FEATURED)]), _import_summary
        )
    summary = {"organizations": len(specs), "added": added, "featured": [o.name for o in featured]}
    toolkit.mark_loaded(LOADED, {"organizations": len(specs), "added": added})
    return summary


def _import_summary() -> dict[str, int]:
    from razem.organizations.models import ImportJob

    return {"imports": ImportJob.objects.count()}


def _import_with_rejected_rows(officer: User, featured: list[DemoOrganization]) -> bool:
    """A finished import from a department's list: the featured organizations updated (nothing changed), three
    rows rejected with the reasons the office sees on the import's page (a wrong NIP, a postal code, no name)."""
    import csv
    import io

    from django.core.files.base import ContentFile

    from razem.organizations import importer
    from razem.organizations.models import ImportJob

    rows = [csv_row(spec) for spec in featured]
    bad_nip = ["Stowarzyszenie Przyjaciół Plant", "", "stowarzyszenie", "krs", "0000999123", "", "1234567890",
               "", "nie", "ul. Basztowa 1", "31-134", "Kraków", "1", "", "", "", "", "", "", ""]  # fmt: skip
    bad_postcode = ["Fundacja Zielone Podgórze", "", "fundacja", "krs", "0000999124", "", "", "", "nie",
                    "ul. Limanowskiego 2", "3O-551", "Kraków", "13", "", "", "", "", "", "", ""]  # fmt: skip
    no_name = ["", "", "stowarzyszenie", "krs", "0000999125", "", "", "", "nie", "", "", "Kraków", "", "", "", "",
               "", "", "", ""]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([*rows, bad_nip, bad_postcode, no_name])
    data = out.getvalue().encode()
    job = ImportJob(
        original_name=IMPORT_NAME, created_by=officer, created_at=timezone.now() - datetime.timedelta(days=3)
    )
    job.file.save(IMPORT_NAME, ContentFile(data), save=False)
    job.save()
    importer.finish(job, importer.run(job, data))
    return True


def iter_csv_rows(count: int, *, seed: int) -> Iterator[list[str]]:
    """Rows of an import file with ``count`` organizations (names may repeat; identifiers never do)."""
    for org in generate(count, seed=seed, unique_names=False):
        yield csv_row(org)
