"""Test data for every app: factory-boy factories, and the thin helpers older tests call.

Each factory makes a valid row with sensible Kraków defaults; pass any field to change it, e.g.
``OrganizationFactory(status=Organization.Status.PENDING)`` or ``MembershipFactory(representative=True, user=p)``.
Sequences (numbered names and e-mails) start again at 1 in every test (``tests/fixtures.py`` resets
them), so a test sees the same data whatever ran before it.

- ``UserFactory``: a signed-up person with a verified e-mail, the root conftest's PASSWORD, traits ``officer`` and
  ``administrator`` (with the TOTP second factor, as staff must have);
- ``OrganizationFactory``: saved with its derived slug and search text; ``areas=[...]`` sets public-benefit areas;
- ``MembershipFactory``: traits ``admin``, ``representative``, ``member``, ``requested``;
- ``VenueFactory`` (a civic centre with the room "Sala 1w038"), ``MeetingFactory`` (a published public forum in 7
  days with
  registration open), ``RegistrationFactory`` (a confirmed seat, no service: use the ``register`` fixture to go
  through the registration service);
- ``BodyFactory`` (with its current term, VI kadencja, unless ``current_term=None``), ``TermFactory`` (trait
  ``past``: V kadencja), ``BodyMembershipFactory`` (a seat from the start of the body's latest term);
- ``ElectionFactory(phase="voting")``: an announced election whose calendar puts it in that phase now;
  ``CandidacyFactory``: an accepted candidacy with consent and declarations;
- ``CallFactory``: an announced one-year call (next year) for offers accepting offers for 25 more days, with funds,
  the statutory criteria and one required attachment; ``CallFactory(status=Call.Status.DRAFT)`` for a draft;
  ``OfferFactory``: a draft offer of a verified organization in such a call, with one cost line and funding that
  meet the call's rules; ``RepresentativeFactory``: a board member who may sign alone;
- ``RecommendationFactory(status=..., parent=...)``: recorded by an officer through the service (numbered, with its
  first history entry) and moved along the shortest path to ``status``.

Reference data (districts, public-benefit areas) is not made here: the ``reference_data`` fixture loads it, and
the venue and meeting factories need it.
"""

import datetime
from decimal import Decimal
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from conftest import PASSWORD, TOTP_SECRET
from django.utils import timezone
from factory.django import DjangoModelFactory

from razem.accounts.models import User
from razem.bodies.models import Body, BodyMembership, Term
from razem.core.models import District, Room, Venue
from razem.elections.models import Candidacy, Election
from razem.events.models import Meeting, Registration
from razem.grants.models import Call, CallFunds, CostLine, Criterion, Funding, Offer, RequiredAttachment
from razem.organizations.models import Membership, Organization, Representative
from razem.recommendations.models import Recommendation

DAY = datetime.timedelta(days=1)


def all_factories() -> list[type[factory.Factory]]:
    """Every factory of this module (their sequences are reset before each test)."""
    return [
        f
        for f in globals().values()
        if isinstance(f, type) and issubclass(f, DjangoModelFactory) and f.__module__ == __name__
    ]


# People -------------------------------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n + 1}@example.org")
    full_name = factory.LazyAttribute(lambda o: o.email.split("@")[0].replace(".", " ").title())
    role = User.Role.RESIDENT
    password = PASSWORD
    totp = False  # not a field: activates the second factor with the root conftest's TOTP_SECRET

    class Params:
        officer = factory.Trait(role=User.Role.OFFICER, totp=True)
        administrator = factory.Trait(role=User.Role.ADMINISTRATOR, totp=True)

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, totp: bool = False, **kwargs: Any) -> User:
        user = model_class.objects.create_user(*args, **kwargs)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if totp:
            TOTP.activate(user, TOTP_SECRET)
        return user

    @classmethod
    def _build(cls, model_class: type[User], *args: Any, totp: bool = False, **kwargs: Any) -> User:
        return super()._build(model_class, *args, **kwargs)


# Organizations ------------------------------------------------------------------------------------------------------


class OrganizationFactory(DjangoModelFactory):
    """Saved directly (no service, no audit), with its slug and search text computed."""

    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stowarzyszenie Testowe nr {n + 1}")
    status = Organization.Status.VERIFIED
    legal_form = Organization.LegalForm.ASSOCIATION
    krs = ""
    register_type = factory.LazyAttribute(lambda o: Organization.RegisterType.KRS if o.krs else "brak")
    status_changed_at = factory.LazyAttribute(
        lambda o: None if o.status == Organization.Status.PENDING else timezone.now()
    )

    @classmethod
    def _create(cls, model_class: type[Organization], *args: Any, **kwargs: Any) -> Organization:
        organization = model_class(*args, **kwargs)
        organization.refresh_derived()
        organization.save()
        return organization

    @factory.post_generation
    def areas(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.areas.set(extracted)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE

    class Params:
        admin = factory.Trait(role=Membership.Role.ADMIN)
        representative = factory.Trait(role=Membership.Role.REPRESENTATIVE)
        member = factory.Trait(role=Membership.Role.MEMBER)
        requested = factory.Trait(status=Membership.Status.REQUESTED)


def make_organization(name: str, *, status: str = Organization.Status.VERIFIED, **fields: Any) -> Organization:
    """An organization saved directly (no service, no audit), with its derived slug/search text."""
    return OrganizationFactory(name=name, status=status, **fields)


def add_membership(
    organization: Organization,
    user: User,
    role: str = Membership.Role.MEMBER,
    status: str = Membership.Status.ACTIVE,
) -> Membership:
    return MembershipFactory(organization=organization, user=user, role=role, status=status)


def with_people(organization: Organization, admin: User, representative: User, member: User) -> Organization:
    """The organization with ``admin``, ``representative`` and ``member`` as its active people."""
    MembershipFactory(organization=organization, user=admin, admin=True)
    MembershipFactory(organization=organization, user=representative, representative=True)
    MembershipFactory(organization=organization, user=member, member=True)
    return organization


# Meetings -----------------------------------------------------------------------------------------------------------


class VenueFactory(DjangoModelFactory):
    """A civic centre at ul. Reymonta 20, district V Krowodrza (needs the reference data), with the room
    "Sala 1w038" (70 seats)."""

    class Meta:
        model = Venue
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Centrum Obywatelskie nr {n + 1}")
    address = "ul. Reymonta 20"
    postal_code = "30-059"
    district = factory.LazyFunction(lambda: District.objects.get(number=5))
    room = factory.RelatedFactory(
        "tests.factories.RoomFactory", factory_related_name="venue", name="Sala 1w038", capacity=70
    )


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory, room=None)
    name = factory.Sequence(lambda n: f"Sala {n + 1}")
    capacity = 30


class MeetingFactory(DjangoModelFactory):
    """Saved directly (no service, no audit): a published public civic-dialogue forum at the venue, starting in 7
    days for 2 hours, registration open (since a day ago, until the start), no capacity limit."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    class Params:
        now = factory.LazyFunction(timezone.now)

    title = "Forum dialogu obywatelskiego"
    kind = Meeting.Kind.FORUM
    organizer_kind = Meeting.Organizer.CITY
    place_kind = Meeting.Place.VENUE
    venue = factory.SubFactory(VenueFactory)
    room = factory.LazyAttribute(lambda o: o.venue.rooms.first() if o.venue else None)
    district = factory.LazyAttribute(lambda o: o.venue.district if o.venue else None)
    starts_at = factory.LazyAttribute(lambda o: o.now + 7 * DAY)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    visibility = Meeting.Visibility.PUBLIC
    status = Meeting.Status.PUBLISHED
    registration_enabled = True
    registration_opens_at = factory.LazyAttribute(lambda o: o.now - DAY)
    registration_closes_at = None
    created_by = factory.SubFactory(UserFactory, officer=True)
    published_at = factory.LazyAttribute(lambda o: o.now - DAY)

    @factory.post_generation
    def areas(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.areas.set(extracted)


class RegistrationFactory(DjangoModelFactory):
    """A confirmed seat saved directly; the ``register`` fixture goes through the registration service instead."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Registration.Status.CONFIRMED else None
    )


# Dialogue bodies ----------------------------------------------------------------------------------------------------


def _term_start(past: bool) -> datetime.date:
    return timezone.localdate() - (200 + 3 * 365 if past else 200) * DAY


class TermFactory(DjangoModelFactory):
    """The current term (VI kadencja, began 200 days ago, 3 years); ``past=True``: the one before (V kadencja)."""

    class Meta:
        model = Term

    class Params:
        past = factory.Trait(
            number=5,
            name="V kadencja",
            starts_on=factory.LazyFunction(lambda: _term_start(past=True)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() - 201 * DAY),
        )

    body = factory.SubFactory("tests.factories.BodyFactory", current_term=None)
    number = 6
    name = "VI kadencja"
    starts_on = factory.LazyFunction(lambda: _term_start(past=False))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + 3 * 365 * DAY)


class BodyFactory(DjangoModelFactory):
    """A public council joined by appointment, with its current term (``current_term=None``: without one)."""

    class Meta:
        model = Body
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Rada Testowa nr {n + 1}")
    slug = factory.Sequence(lambda n: f"rada-testowa-{n + 1}")
    kind = Body.Kind.COUNCIL
    joining = Body.Joining.APPOINTED
    visibility = Body.Visibility.PUBLIC
    current_term = factory.RelatedFactory(TermFactory, factory_related_name="body")


class BodyMembershipFactory(DjangoModelFactory):
    """A seat (no service) from the start of the body's latest term, position member, representing
    ``organization`` or else the institution "Urząd Miasta Krakowa"."""

    class Meta:
        model = BodyMembership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(UserFactory)
    term = factory.LazyAttribute(lambda o: o.body.terms.order_by("-starts_on").first())
    start_date = factory.LazyAttribute(lambda o: o.term.starts_on if o.term else timezone.localdate())
    organization = None
    institution = factory.LazyAttribute(lambda o: "" if o.organization else "Urząd Miasta Krakowa")


def make_body(
    name: str, slug: str, *, kind: str, joining: str = "appointed", visibility: str = "public", **fields: Any
) -> Body:
    """A body with its current term (VI kadencja, began 200 days ago, 3 years)."""
    return BodyFactory(name=name, slug=slug, kind=kind, joining=joining, visibility=visibility, **fields)


# Elections ----------------------------------------------------------------------------------------------------------

# Where "now" falls in the calendar for each phase: offsets (in days) of the six boundaries from now.
PHASES = {
    "nominations": (-1, 5, 10, 15, 20, 30),
    "support": (-6, -1, 5, 10, 15, 25),
    "verification": (-11, -6, -1, 5, 10, 20),
    "waiting": (-16, -11, -6, -1, 5, 15),
    "voting": (-21, -16, -11, -6, -1, 10),
    "counting": (-31, -26, -21, -16, -11, -1),
}
_BOUNDARIES = ["nominations_open", "nominations_close", "support_close", "verification_close", "voting_open",
               "voting_close"]  # fmt: skip


def calendar_for(phase: str) -> dict:
    """An election calendar (the six boundaries and results_due) that puts the election in ``phase`` now."""
    now = timezone.now()
    dates: dict[str, Any] = {name: now + offset * DAY for name, offset in zip(_BOUNDARIES, PHASES[phase], strict=True)}
    dates["results_due"] = (dates["voting_close"] + 14 * DAY).date()
    return dates


def _on_calendar(name: str) -> factory.LazyAttribute:
    return factory.LazyAttribute(lambda o: o.calendar[name])


class ElectionFactory(DjangoModelFactory):
    """An announced election for 8 seats, ballots of up to 8 marks, 3 supporting organizations needed; its calendar
    puts it in ``phase`` now ("nominations", "support", "verification", "waiting", "voting", "counting")."""

    class Meta:
        model = Election

    class Params:
        phase = "voting"
        calendar = factory.LazyAttribute(lambda o: calendar_for(o.phase))

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Wybory do KRDPP {n + 1}")
    slug = factory.Sequence(lambda n: f"wybory-krdpp-{n + 1}")
    term_name = "VII kadencja"
    seats = 8
    max_marks = 8
    support_needed = 3
    status = Election.Status.ANNOUNCED
    created_by = factory.SubFactory(UserFactory, officer=True)
    nominations_open = _on_calendar("nominations_open")
    nominations_close = _on_calendar("nominations_close")
    support_close = _on_calendar("support_close")
    verification_close = _on_calendar("verification_close")
    voting_open = _on_calendar("voting_open")
    voting_close = _on_calendar("voting_close")
    results_due = _on_calendar("results_due")


class CandidacyFactory(DjangoModelFactory):
    """An accepted candidacy, nominated by the candidate, with consent and declarations given."""

    class Meta:
        model = Candidacy

    election = factory.SubFactory(ElectionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    person = factory.SubFactory(UserFactory)
    nominated_by = factory.SelfAttribute("person")
    statement = "Chcę reprezentować organizacje."
    consent_at = factory.LazyFunction(timezone.now)
    declarations_at = factory.LazyFunction(timezone.now)
    status = Candidacy.Status.ACCEPTED


# Recommendations ----------------------------------------------------------------------------------------------------

S = Recommendation.Status
# The shortest path to each status (the first step is always "submitted").
PATHS = {
    S.SUBMITTED: [],
    S.ANALYSIS: [S.ANALYSIS],
    S.ACCEPTED: [S.ANALYSIS, S.ACCEPTED],
    S.PARTLY_ACCEPTED: [S.ANALYSIS, S.PARTLY_ACCEPTED],
    S.REJECTED: [S.ANALYSIS, S.REJECTED],
    S.IMPLEMENTING: [S.ANALYSIS, S.ACCEPTED, S.IMPLEMENTING],
    S.IMPLEMENTED: [S.ANALYSIS, S.ACCEPTED, S.IMPLEMENTED],
}


def advance(recommendation: Recommendation, status: str, *, actor: User) -> Recommendation:
    """Move a recommendation along the shortest path to ``status`` through the service (answering where needed)."""
    from razem.recommendations import services

    for step in PATHS[status]:
        recommendation = services.recommendation_change_status(
            actor=actor,
            recommendation=recommendation,
            status=step,
            response="Wydział przyjmuje rekomendację." if step in services.NEEDS_ANSWER else "",
        )
    return recommendation


_ONLY_TOP = object()  # a default a sub-recommendation (``parent=``) does not send to the service


def _top_level(value: Any) -> factory.Maybe:
    return factory.Maybe("parent", yes_declaration=_ONLY_TOP, no_declaration=value)


class RecommendationFactory(DjangoModelFactory):
    """Recorded by ``actor`` (an officer) through the service, so it has its number and first history entry; by
    default from a body on premises policy, addressed to the Wydział Skarbu Miasta. ``status=`` moves it along the
    shortest path; ``parent=`` makes it a sub-recommendation ("Część n")."""

    class Meta:
        model = Recommendation

    actor = factory.SubFactory(UserFactory, officer=True)
    parent = None
    status = S.SUBMITTED
    title = factory.Maybe(
        "parent",
        yes_declaration=factory.LazyAttribute(lambda o: f"Część {o.parent.children.count() + 1}"),
        no_declaration="Przejrzyste zasady najmu lokali dla organizacji",
    )
    text = factory.Maybe(
        "parent",
        yes_declaration="Krok do wykonania.",
        no_declaration="Miasto publikuje listę wolnych lokali i kryteria ich przydziału.",
    )
    source_kind = _top_level(Recommendation.Source.BODY)
    body = _top_level(factory.SubFactory(BodyFactory, kind=Body.Kind.FORUM, joining=Body.Joining.APPLICATION))
    policy_area = _top_level(Recommendation.PolicyArea.PREMISES)
    department = _top_level("Wydział Skarbu Miasta")
    department_email = _top_level("skarb@krakow.example")

    @classmethod
    def _create(cls, model_class: type[Recommendation], *args: Any, **kwargs: Any) -> Recommendation:
        from razem.recommendations import services

        actor, parent, status = kwargs.pop("actor"), kwargs.pop("parent"), kwargs.pop("status")
        data = {key: value for key, value in kwargs.items() if value is not _ONLY_TOP}
        recommendation = services.recommendation_create(actor=actor, data=data, parent=parent)
        return advance(recommendation, status, actor=actor)


# Grants -------------------------------------------------------------------------------------------------------------


class CallFactory(DjangoModelFactory):
    """Saved directly: an announced call (published yesterday, deadline in 25 days) for a task next year."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"TEST-OKO/{n + 1:02d}")
    slug = factory.Sequence(lambda n: f"konkurs-testowy-{n + 1}")
    title = factory.Sequence(lambda n: f"Aktywizacja seniorów w dzielnicach, edycja {n + 1}")
    task_kind = "Działalność na rzecz osób w wieku emerytalnym"
    form = Call.Form.SUPPORT
    department = "Wydział Polityki Społecznej i Zdrowia"
    min_grant = Decimal("1000.00")
    max_grant = Decimal("50000.00")
    own_share_min = Decimal("10.00")
    own_financial_share_min = Decimal("0")
    own_nonfinancial_share_min = Decimal("0")
    admin_costs_max = Decimal("20.00")
    realization_start = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year + 1, 2, 1))
    realization_end = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year + 1, 11, 30))
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + 25 * DAY)
    choice_date = factory.LazyFunction(lambda: timezone.localdate() + 60 * DAY)
    status = Call.Status.ANNOUNCED
    published_at = factory.LazyFunction(lambda: timezone.now() - DAY)

    @factory.post_generation
    def funds(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            for year, amount in (extracted or {year: Decimal("200000.00") for year in self.years}).items():
                CallFunds.objects.create(call=self, year=year, amount=amount)

    @factory.post_generation
    def criteria(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            from razem.grants.criteria import STATUTORY

            for position, (code, name, support_only) in enumerate(STATUTORY, start=1):
                if support_only and self.form == Call.Form.COMMISSIONING:
                    continue
                Criterion.objects.create(call=self, position=position, name=name, max_points=5, statutory=code)

    @factory.post_generation
    def attachments(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            RequiredAttachment.objects.create(call=self, position=1, name="Statut organizacji", mandatory=True)


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = Representative

    organization = factory.SubFactory(OrganizationFactory)
    full_name = factory.Sequence(lambda n: f"Anna Prezes {n + 1}")
    function = "Prezes Zarządu"
    signs_alone = True


class OfferFactory(DjangoModelFactory):
    """Saved directly: a draft whose one cost line (9 000 zł) and funding (8 000 zł grant, 1 000 zł own) meet the
    call's rules; sections other than the budget are filled with short texts."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Seniorzy w sieci"
    task_form = "wspieranie"
    start_date = factory.LazyAttribute(lambda o: o.call.realization_start)
    end_date = factory.LazyAttribute(lambda o: o.call.realization_end)
    contact_name = "Jan Kontakt"
    contact_email = "kontakt@example.org"
    contact_phone = "+48 600 000 000"
    synthetic_description = "Warsztaty cyfrowe dla seniorów w Nowej Hucie."
    results_description = "60 seniorów nauczy się korzystać z e-usług."
    experience = "Od 2015 r. prowadzimy zajęcia dla seniorów."
    resources = "Dwóch trenerów, sala, 10 laptopów."
    payment = Offer.Payment.FREE

    @factory.post_generation
    def budget(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            year = self.years[0]
            CostLine.objects.create(
                offer=self,
                position=1,
                name="Wynagrodzenie trenera",
                unit="godzina",
                unit_cost=Decimal("150.00"),
                quantity=Decimal("60"),
                year_amounts={str(year): "9000.00"},
            )
            Funding.objects.create(offer=self, year=year, grant=Decimal("8000.00"), own_personal=Decimal("1000.00"))
