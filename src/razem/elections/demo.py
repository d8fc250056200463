"""Elections for the demo: a finished KRDPP election, a by-election in its voting phase and a KDO election taking
nominations. Called by ``razem.core.demo`` after the recommendations demo; loaded once (the audit log says when).

- **KRDPP, V kadencja** (June of the year the V term began, as the bodies demo dates it): 8 seats, up to 8 marks,
  3 supporting organizations needed; 14 accepted candidates, the demo people nominated by their organizations
  (the 8 who won are the V term's members from organizations in ``razem.bodies.demo``); the electorate frozen at
  the eligible organizations (every verified one seated in Kraków today: the rule has no cut-off date); 120
  ballots: 110 online (anonymous, each with the hash of a random tracker) and 10 on paper, 2 of them invalid (too
  many marks); the online ballot of Stowarzyszenie Przyjaciół Nowej Huty (przedstawiciel@'s organization) carries
  the known tracker ``DEMO_TRACKER``, so that the tracker check can be tried as the README tells; counted with
  ``services.election_count`` (a tie at the last seat, if the seed gave one, decided by
  lot with ``services.tie_decide``) and published. The choices come from ``razem.core.demo.rng(SEED)``: the same
  ballots on every run, only the trackers and ballot ids are new.
- **Wybory uzupełniające do KRDPP VI kadencji** (2 seats, up to 2 marks): voting opened 3 days ago and closes in
  10; 9 accepted candidates; the electorate frozen with ``services.electorate_freeze``; 40 organizations have
  voted (37 online, 3 on paper). The demo NGO accounts' organizations (Fundacja Pod Wawelem, Stowarzyszenie
  Przyjaciół Nowej Huty) are in the electorate and have not voted: prezeska@ and przedstawiciel@ can vote. Its
  ``previous`` is the V kadencja election, so the results page can compare turnout.
- **KDO ds. Kultury** (organizations active in culture, area 16 of art. 4): announced with
  ``services.election_announce``, nominations open since yesterday; two candidacies made through the services,
  one with the candidate's consent and one support, one awaiting the candidate's consent.

Ballots, electors and supports are written with ``bulk_create``; the services' e-mails are kept in the outbox as
sent (``razem.core.demo.quietly``).
"""

import datetime
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from razem.accounts.models import User
from razem.bodies.models import Body, BodyMembership
from razem.core import demo as toolkit
from razem.core.models import PublicBenefitArea
from razem.elections import services
from razem.elections.models import Ballot, Candidacy, Election, Elector, Support, tracker_hash
from razem.organizations import demo as organizations_demo
from razem.organizations.demo_people import load_people
from razem.organizations.models import Organization

LOADED = "elections.demo.loaded"
SEED = 2022
PAST_SLUG = "wybory-krdpp-v-kadencja"
BY_ELECTION_SLUG = "wybory-uzupelniajace-krdpp-vi-kadencja"
KDO_SLUG = "wybory-kdo-kultury"
DRAFT_SLUG = "wybory-kdo-zdrowia"
ONLINE, PAPER, INVALID_PAPER = 110, 10, 2
# The one tracker of the demo anybody knows (the README prints it): the ballot of the NGO representative's
# organization in the counted V kadencja election, to try the check page (/wybory/wybory-krdpp-v-kadencja/
# sprawdz-glos/). A real tracker is random, shown once and never stored; this one is fixed only for the demo.
DEMO_TRACKER = "HUTA-KRDP-VKAD-ENCJ"
BY_ELECTION_VOTED, BY_ELECTION_PAPER = 40, 3
CULTURE = "16"
DAY = datetime.timedelta(days=1)

STATEMENTS = [
    "Chcę, by Rada opiniowała programy współpracy na etapie założeń, a nie gotowych projektów.",
    "Zależy mi na przejrzystych konkursach ofert i na jednym kalendarzu naborów ogłaszanym w styczniu.",
    "Będę pilnować, by małe organizacje i grupy sąsiedzkie miały głos w Radzie, a małe granty były prostsze.",
    "Chcę, by polityka lokalowa Gminy wspierała organizacje działające w dzielnicach, także poza centrum.",
    "Proponuję stały zespół Rady ds. dostępności: dla osób z niepełnosprawnościami i dla seniorów.",
    "Chcę łączyć pracę Rady z komisjami dialogu obywatelskiego: regularne spotkania i wspólne stanowiska.",
    "Stawiam na rzetelną ewaluację programu współpracy i publikowanie jej wyników w otwartych danych.",
    "Będę zabiegać o wieloletnie umowy na zadania ciągłe, żeby organizacje mogły planować zatrudnienie.",
    "Chcę, by Rada szybciej informowała organizacje o swoich opiniach i przebiegu posiedzeń.",
    "Zależy mi na wsparciu wolontariatu i na lokalach dla organizacji młodzieżowych.",
]
FIELDS_OF_WORK = [
    "edukacji obywatelskiej", "pomocy społecznej", "kultury i dziedzictwa", "sportu dzieci i młodzieży",
    "ochrony zdrowia", "ekologii i zieleni miejskiej", "aktywizacji seniorów", "rozwoju społeczności lokalnych",
]  # fmt: skip


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _statement(rng: random.Random, organization_name: str) -> tuple[str, str]:
    years = rng.randint(3, 18)
    field = rng.choice(FIELDS_OF_WORK)
    statement = " ".join(rng.sample(STATEMENTS, 2))
    biography = f"Od {years} lat działa w organizacji {organization_name} w obszarze {field}."
    return statement, biography


def _calendar(nominations_open: datetime.datetime, steps: Sequence[int], voting: tuple[int, int]) -> dict[str, Any]:
    """The calendar from the opening of nominations: days to the close of nominations, support and verification;
    then (days to the opening of the vote, its length)."""
    day = timezone.localtime(nominations_open).date()
    close, support, verification = steps
    voting_open = _at(day + (close + support + verification + voting[0]) * DAY, 8)
    voting_close = _at(timezone.localtime(voting_open).date() + voting[1] * DAY, 16)
    return {
        "nominations_open": nominations_open,
        "nominations_close": _at(day + close * DAY, 16),
        "support_close": _at(day + (close + support) * DAY, 16),
        "verification_close": _at(day + (close + support + verification) * DAY, 16),
        "voting_open": voting_open,
        "voting_close": voting_close,
        "results_due": timezone.localtime(voting_close).date() + 14 * DAY,
    }


def _candidacies(
    election: Election,
    candidates: Sequence[tuple[User, int]],
    *,
    officer: User | None,
    electorate: Sequence[int],
    admins: Mapping[int, User],
    rng: random.Random,
) -> list[Candidacy]:
    """Accepted candidacies nominated, consented, supported and verified in the election's calendar."""
    names = dict(Organization.objects.filter(pk__in=[o for _p, o in candidates]).values_list("pk", "name"))
    span = (election.nominations_close - election.nominations_open).total_seconds()
    made = []
    for person, organization_id in candidates:
        nominated = election.nominations_open + datetime.timedelta(seconds=rng.uniform(0.05, 0.8) * span)
        statement, biography = _statement(rng, names[organization_id])
        made.append(
            Candidacy(
                election=election, organization_id=organization_id, person=person, nominated_by=person,
                statement=statement, biography=biography, consent_at=nominated + datetime.timedelta(hours=2),
                declarations_at=nominated + datetime.timedelta(hours=2), status=Candidacy.Status.ACCEPTED,
                verified_by=officer, verified_at=election.support_close + rng.randint(1, 5) * DAY,
                created_at=nominated,
            )
        )  # fmt: skip
    # The ballot numbers the electorate freeze gives: alphabetical.
    for number, candidacy in enumerate(sorted(made, key=lambda c: c.person.full_name), start=1):
        candidacy.ballot_number = number
    Candidacy.objects.bulk_create(made)
    supports = []
    for candidacy in made:
        others = [pk for pk in electorate if pk != candidacy.organization_id]
        for organization_id in rng.sample(others, election.support_needed + rng.randint(0, 3)):
            given = candidacy.created_at + datetime.timedelta(hours=rng.randint(3, 24 * 10))
            supports.append(
                Support(candidacy=candidacy, organization_id=organization_id, given_by=admins.get(organization_id),
                        created_at=min(given, election.support_close - datetime.timedelta(hours=1)))
            )  # fmt: skip
    Support.objects.bulk_create(supports)
    return made


def _marks(rng: random.Random, ids: Sequence[int], weights: Sequence[float], most: int) -> list[int]:
    """One ballot: how many it marks (most mark all they may), which ones (the popular more often)."""
    k = rng.choices(range(1, most + 1), weights=[2 + 3 * n for n in range(most)] if most > 1 else [1])[0]
    pool, pool_weights, chosen = list(ids), list(weights), []
    for _ in range(min(k, len(pool))):
        index = rng.choices(range(len(pool)), weights=pool_weights)[0]
        chosen.append(pool.pop(index))
        pool_weights.pop(index)
    return sorted(chosen)


def _past_ballots(
    candidacies: Sequence[Candidacy], winners: set[int], seats: int, most: int, valid: int
) -> tuple[list[list[int]], random.Random]:
    """The valid ballots' choices: the first seed (from SEED on) whose count elects ``winners`` (a tie at the
    last seat among them is decided by lot afterwards). Deterministic: the same seed every run."""
    ids = [c.pk for c in candidacies]
    ranks = {pk: i for i, pk in enumerate(sorted(winners) + sorted(set(ids) - winners))}
    weights = [10.0 - 0.55 * ranks[pk] for pk in ids]
    for attempt in range(100):
        rng = toolkit.rng(SEED + attempt)
        ballots = [_marks(rng, ids, weights, most) for _ in range(valid)]
        votes = Counter(pk for choices in ballots for pk in choices)
        elected, tied = services.seat_allocation(votes, ids, seats)
        if elected <= winners <= elected | tied:
            return ballots, rng
    return ballots, rng


def _load_past(
    krdpp: Body,
    candidates: Sequence[tuple[User, int]],
    winners: int,
    *,
    officer: User,
    admins: Mapping[int, User],
    known_voter: int | None = None,
) -> Election:
    """``known_voter``: the organization whose online ballot carries ``DEMO_TRACKER`` (when in the electorate)."""
    term = krdpp.terms.filter(number=5).first()
    year = term.starts_on.year if term else timezone.localdate().year - 4
    calendar = _calendar(_at(datetime.date(year, 5, 9), 9), (20, 5, 6), (4, 14))
    election = Election.objects.create(
        body=krdpp, slug=PAST_SLUG, status=Election.Status.ANNOUNCED, created_by=officer,
        title="Wybory przedstawicieli organizacji pozarządowych do Krakowskiej Rady Działalności Pożytku "
        "Publicznego V kadencji",
        term_name=term.name if term else f"V kadencja {year}–{year + 3}",
        description="Organizacje pozarządowe z siedzibą w Krakowie wybierają 8 członków Rady. Każda organizacja "
        "głosuje raz: przez Razem albo kartą papierową złożoną w Wydziale Polityki Społecznej i Zdrowia "
        "(ul. Dekerta 24). Na karcie można zaznaczyć do 8 kandydatów; karta z większą liczbą znaków jest nieważna. "
        "Kandydat musi mieć poparcie co najmniej 3 organizacji.",
        seats=8, max_marks=8, support_needed=3,
        created_at=calendar["nominations_open"] - 21 * DAY, **calendar,
    )  # fmt: skip
    electorate = sorted(services.eligible_organizations(election).values_list("pk", flat=True))
    rng = toolkit.rng(SEED)
    made = _candidacies(election, candidates, officer=officer, electorate=electorate, admins=admins, rng=rng)
    winner_ids = {c.pk for c in made[:winners]}
    choices, rng = _past_ballots(made, winner_ids, election.seats, election.max_marks, ONLINE + PAPER - INVALID_PAPER)
    ballots = [Ballot(election=election, tracker_sha256=tracker_hash(services.new_tracker()), choices=c)
               for c in choices[:ONLINE]]  # fmt: skip
    ballots[0].tracker_sha256 = tracker_hash(DEMO_TRACKER)  # the known voter's, below (the first online voter)
    ballots += [Ballot(election=election, tracker_sha256=None, choices=c) for c in choices[ONLINE:]]
    ballots += [
        Ballot(election=election, tracker_sha256=None, choices=[], is_valid=False) for _ in range(INVALID_PAPER)
    ]
    Ballot.objects.bulk_create(ballots)
    # Who voted (never how): 120 organizations of the electorate, online through the window, paper as it came in.
    voters = rng.sample(electorate, ONLINE + PAPER)
    if known_voter in electorate:
        # The known voter votes online (first); who else voted stays the seed's choice.
        if known_voter in voters:
            voters.remove(known_voter)
        else:
            voters.pop()
        voters.insert(0, known_voter)
    window = (election.voting_close - election.voting_open).total_seconds()
    electors = []
    for index, organization_id in enumerate(voters):
        online = index < ONLINE
        voted = election.voting_open + datetime.timedelta(seconds=rng.uniform(0.01, 0.99) * window)
        electors.append(
            Elector(election=election, organization_id=organization_id, voted_at=voted,
                    channel=Elector.Channel.ONLINE if online else Elector.Channel.PAPER,
                    recorded_by=None if online else officer)
        )  # fmt: skip
    electors += [Elector(election=election, organization_id=pk) for pk in sorted(set(electorate) - set(voters))]
    Elector.objects.bulk_create(electors, batch_size=500)
    Election.objects.filter(pk=election.pk).update(
        electorate_frozen_at=election.voting_open - DAY, electorate_size=len(electorate)
    )
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)
    tied = list(election.candidacies.filter(tied=True, elected__isnull=True))
    if tied:
        seats_left = election.seats - election.candidacies.filter(elected=True).count()
        chosen = sorted((c for c in tied if c.pk in winner_ids), key=lambda c: c.pk)[:seats_left]
        chosen += [c for c in tied if c not in chosen][: seats_left - len(chosen)]
        services.tie_decide(
            actor=officer, election=election, winners=[c.pk for c in chosen],
            note="Równą liczbę głosów na ostatnim miejscu rozstrzygnęło losowanie przeprowadzone przez komisję "
            "wyborczą w Wydziale Polityki Społecznej i Zdrowia, w obecności dwóch przedstawicieli organizacji.",
        )  # fmt: skip
    counted = _at(timezone.localtime(election.voting_close).date() + DAY, 11)
    Election.objects.filter(pk=election.pk).update(closed_at=counted, results_published_at=counted + 2 * DAY)
    return election


def _load_by_election(
    krdpp: Body,
    candidates: Sequence[tuple[User, int]],
    *,
    previous: Election,
    officer: User,
    admins: Mapping[int, User],
    keep_out: set[int],
) -> Election:
    """Voting opened three days ago, closes in ten; 40 organizations have voted, none in ``keep_out``."""
    term = krdpp.terms.filter(number=6).first()
    today = timezone.localdate()
    calendar = _calendar(_at(today - 40 * DAY, 9), (14, 7, 11), (5, 13))
    election = Election.objects.create(
        body=krdpp, slug=BY_ELECTION_SLUG, status=Election.Status.ANNOUNCED, created_by=officer, previous=previous,
        title="Wybory uzupełniające do Krakowskiej Rady Działalności Pożytku Publicznego VI kadencji",
        term_name=f"{term.name if term else 'VI kadencja'} (2 mandaty uzupełniające)",
        description="Dwa mandaty przedstawicieli organizacji wygasły przed końcem kadencji (rezygnacja członka "
        "i odwołanie na wniosek organizacji, art. 41g ust. 2 ustawy). Organizacje z siedzibą w Krakowie wybierają "
        "2 członków Rady do końca VI kadencji. Na karcie można zaznaczyć do 2 kandydatów. Każda organizacja "
        "głosuje raz: przez Razem albo kartą papierową złożoną w Wydziale Polityki Społecznej i Zdrowia.",
        seats=2, max_marks=2, support_needed=3,
        created_at=calendar["nominations_open"] - 14 * DAY, **calendar,
    )  # fmt: skip
    electorate = sorted(services.eligible_organizations(election).values_list("pk", flat=True))
    rng = toolkit.rng(SEED + 1000)
    # Accepted in the verification window, written directly (the verification service refuses once voting is
    # open, and would date it today); the electorate is frozen by the service, which numbers the ballot and
    # tells the organizations that voting is open.
    made = _candidacies(election, candidates, officer=officer, electorate=electorate, admins=admins, rng=rng)
    services.electorate_freeze(actor=officer, election=election)
    Election.objects.filter(pk=election.pk).update(
        electorate_frozen_at=election.voting_open - datetime.timedelta(hours=1)
    )
    ids = [c.pk for c in made]
    weights = [9.0 - 0.7 * i for i in range(len(ids))]
    electors = list(Elector.objects.filter(election=election).exclude(organization_id__in=keep_out).order_by("pk"))
    voters = rng.sample(electors, min(BY_ELECTION_VOTED, len(electors)))
    span = (timezone.now() - election.voting_open).total_seconds()
    ballots = []
    for index, elector in enumerate(voters):
        paper = index < BY_ELECTION_PAPER
        elector.voted_at = election.voting_open + datetime.timedelta(seconds=rng.uniform(0.02, 0.98) * span)
        elector.channel = Elector.Channel.PAPER if paper else Elector.Channel.ONLINE
        elector.recorded_by = officer if paper else None
        ballots.append(
            Ballot(election=election, tracker_sha256=None if paper else tracker_hash(services.new_tracker()),
                   choices=_marks(rng, ids, weights, election.max_marks))
        )  # fmt: skip
    Ballot.objects.bulk_create(ballots)
    Elector.objects.bulk_update(voters, ["voted_at", "channel", "recorded_by"])
    return election


def _load_kdo(kdo: Body, people: Sequence[tuple[User, int]], *, officer: User) -> Election | None:
    """Announced through the service yesterday; two candidacies through the services."""
    now = timezone.now()
    today = timezone.localdate()
    calendar = _calendar(now - datetime.timedelta(hours=20), (15, 7, 7), (4, 14))
    election = services.election_save(
        actor=officer, body=kdo,
        data={"title": "Wybory przedstawicieli organizacji do Komisji Dialogu Obywatelskiego ds. Kultury",
              "slug": KDO_SLUG, "term_name": f"kadencja {today.year + 1}–{today.year + 2}",
              "description": "Organizacje kultury z siedzibą w Krakowie wybierają 3 przedstawicieli do prezydium "
              "Komisji. Kandydata zgłasza organizacja; kandydat wyraża zgodę w Razem; każda kandydatura "
              "potrzebuje poparcia 2 innych organizacji. Na karcie można zaznaczyć do 3 kandydatów.",
              "seats": 3, "max_marks": 3, "support_needed": 2, "seat_city": "Kraków", **calendar},
        areas=PublicBenefitArea.objects.valid_on(today).filter(code=CULTURE),
    )  # fmt: skip
    services.election_announce(actor=officer, election=election)
    election.refresh_from_db()
    eligible = set(services.eligible_organizations(election).values_list("pk", flat=True))
    able = [(person, org) for person, org in people if org in eligible]
    if len(able) < 4:
        return election
    (first, first_org), (nominator, nominator_org), (candidate, _org), (supporter, supporter_org) = able[:4]
    own = services.candidacy_nominate(
        actor=first, election=election, organization=Organization.objects.get(pk=first_org), person=first,
        statement="Chcę, by Komisja współtworzyła zasady konkursów w kulturze i program rezydencji dla "
        "organizacji w domach kultury.",
        biography="Od lat prowadzi festiwal sąsiedzki i warsztaty teatralne dla młodzieży.",
    )  # fmt: skip
    services.candidacy_consent(actor=first, candidacy=own, declarations=True)
    own.refresh_from_db()
    services.support_give(actor=supporter, candidacy=own, organization=Organization.objects.get(pk=supporter_org))
    services.candidacy_nominate(
        actor=nominator, election=election, organization=Organization.objects.get(pk=nominator_org),
        person=candidate,
        statement="Zależy mi na lokalach dla organizacji kultury i na wspólnym kalendarzu wydarzeń w dzielnicach.",
        biography="Animatorka kultury, współtworzy przeglądy kina niezależnego.",
    )  # fmt: skip
    return election


def _load_draft(body: Body, *, officer: User) -> Election:
    """In preparation: saved by the office, not announced, so only the office sees it."""
    today = timezone.localdate()
    calendar = _calendar(timezone.now() + 30 * DAY, (14, 7, 7), (4, 14))
    return services.election_save(
        actor=officer, body=body,
        data={"title": "Wybory przedstawicieli organizacji do Komisji Dialogu Obywatelskiego ds. Zdrowia",
              "slug": DRAFT_SLUG, "term_name": f"kadencja {today.year + 1}–{today.year + 2}",
              "description": "Projekt ogłoszenia: organizacje działające w ochronie zdrowia wybiorą 3 przedstawicieli "
              "do prezydium Komisji. Terminy do uzgodnienia z Komisją przed ogłoszeniem.",
              "seats": 3, "max_marks": 3, "support_needed": 2, "seat_city": "Kraków", **calendar},
        areas=PublicBenefitArea.objects.none(),
    )  # fmt: skip


def load(*, users: Mapping[str, User]) -> dict[str, int]:
    """The four elections (one still in preparation), once (the audit log says when); nothing without the officer
    and the bodies."""
    return toolkit.once(LOADED, lambda: _build(users), summary)


def _build(users: Mapping[str, User]) -> bool:
    officer = users.get("urzednik@razem.demo")
    bodies = {b.slug: b for b in Body.objects.filter(slug__in=["krdpp", "kdo-kultury", "kdo-zdrowia"])}
    if officer is None or len(bodies) < 3 or Election.objects.filter(slug=PAST_SLUG).exists():
        return False
    featured_ids = [organizations_demo.organization_for(spec).pk for spec in organizations_demo.FEATURED[:2]]
    featured = set(featured_ids)
    people = [(person, org) for person, org in load_people() if org is not None and org not in featured]
    admins = {org: person for person, org in people}
    krdpp = bodies["krdpp"]
    seated = BodyMembership.objects.filter(body=krdpp, organization__isnull=False).select_related("person")
    past_members = [
        (m.person, m.organization_id)
        for m in seated.filter(term__number=5, appointment="elected").order_by("pk")
        if m.organization_id
    ]
    past_ids = {p.pk for p, _o in past_members}
    current_only = [
        (m.person, m.organization_id)
        for m in seated.filter(term__number=6, appointment="elected").order_by("pk")
        if m.organization_id and m.person_id not in past_ids and not m.person.email.endswith("@razem.demo")
    ]
    # People outside KRDPP, one of each name (the generated names repeat), for the other candidacies.
    names = {m.person.full_name for m in seated}
    taken_orgs = {o for _p, o in past_members + current_only}
    free = []
    for person, org in people:
        if person.full_name not in names and org not in taken_orgs:
            names.add(person.full_name)
            free.append((person, org))
    # V kadencja: the 8 who won, 3 who won in the VI term, the rest from people outside KRDPP (14 in all).
    winners = past_members[:8]
    past = winners + current_only[:3]
    past += free[: 14 - len(past)]
    used = 14 - len(winners) - len(current_only[:3])
    with toolkit.quietly():
        past_election = _load_past(
            krdpp, past, len(winners), officer=officer, admins=admins, known_voter=featured_ids[1]
        )
        # The by-election: two who lost in the V term run again, seven new candidates.
        by_candidates = free[:2] + free[used : used + 7]
        _load_by_election(
            krdpp, by_candidates, previous=past_election, officer=officer, admins=admins, keep_out=featured
        )
        _load_kdo(bodies["kdo-kultury"], free[used + 7 :], officer=officer)
        _load_draft(bodies["kdo-zdrowia"], officer=officer)
    return True


def summary() -> dict[str, int]:
    return {"elections": Election.objects.count(), "ballots": Ballot.objects.count()}
