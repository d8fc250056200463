"""The demo NGO people: about 150 made-up people (deterministic names), each the administrator of a verified
generated organization (razem.organizations.demo), who register for meetings, sit in bodies and vote in the demo."""

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.core.text import slugify_pl
from razem.organizations.demo import FEATURED, organization_for
from razem.organizations.demo_words import FIRST_NAMES_F, FIRST_NAMES_M, SURNAME_STEMS, SURNAMES
from razem.organizations.models import Membership, Organization

PEOPLE = 148  # with the two NGO demo accounts, the 150 organizations at the January meeting
PEOPLE_DOMAIN = "ludzie.example.org"
PEOPLE_SEED = 2026


def people_specs(count: int = PEOPLE, seed: int = PEOPLE_SEED) -> list[tuple[str, str]]:
    """(e-mail, full name) of the demo NGO people: the same for the same seed."""
    rng = toolkit.rng(seed)
    specs: list[tuple[str, str]] = []
    emails: set[str] = set()
    while len(specs) < count:
        female = rng.random() < 0.55
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        surname = rng.choice(SURNAME_STEMS) + ("a" if female else "i") if rng.random() < 0.6 else rng.choice(SURNAMES)
        local = slugify_pl(f"{first}.{surname}").replace("-", ".") or "osoba"
        email, n = f"{local}@{PEOPLE_DOMAIN}", 1
        while email in emails:
            n += 1
            email = f"{local}{n}@{PEOPLE_DOMAIN}"
        emails.add(email)
        specs.append((email, f"{first} {surname}"))
    return specs


def featured_organizations() -> list[Organization]:
    return [organization_for(spec) for spec in FEATURED]


def load_people(seed: int = PEOPLE_SEED) -> list[tuple[User, int | None]]:
    """The demo NGO people, each the administrator of a verified generated organization; made once."""
    specs = people_specs(seed=seed)
    emails = [email for email, _name in specs]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [User(email=e, full_name=n, password=unusable) for e, n in specs if e not in existing], batch_size=500
    )
    people = User.objects.in_bulk(emails, field_name="email")
    acts_for = dict(
        Membership.objects.active().filter(user__in=people.values()).values_list("user_id", "organization_id")
    )
    featured = {o.pk for o in featured_organizations()}
    pool = list(
        Organization.objects.filter(status=Organization.Status.VERIFIED)
        .exclude(pk__in=featured)
        .exclude(memberships__role=Membership.Role.ADMIN)
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )
    toolkit.rng(seed).shuffle(pool)
    now = timezone.now()
    new = []
    for email in emails:
        person = people[email]
        if person.pk not in acts_for and pool:
            acts_for[person.pk] = pool.pop()
            new.append(
                Membership(
                    organization_id=acts_for[person.pk],
                    user=person,
                    role=Membership.Role.ADMIN,
                    status=Membership.Status.ACTIVE,
                    decided_at=now,
                )
            )
    Membership.objects.bulk_create(new, batch_size=500)
    return [(people[email], acts_for.get(people[email].pk)) for email in emails]
