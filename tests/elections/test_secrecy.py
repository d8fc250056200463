"""Ballot secrecy: nothing Razem stores joins a ballot to the organization that cast it.

The proof has three parts. The schema: ``Ballot`` has a random UUID key, no foreign key but its election, no
date or time and no sequence. The rows: after five organizations vote in a known order, every column of every
ballot is either random (the key, the hash of a random tracker) or the choices themselves, and neither the keys'
order nor the published order follows the order of voting. The side channels the application writes: the audit
log, the outbox e-mail with the tracker (removed once sent) and the log records of a cast hold no choices.

What lies below the application (the database's physical row order, its statement log) is out of scope:
docs/elections.md, "Threat model".
"""

import json
import logging
import uuid

import pytest
from conftest import make_person
from django.db import models
from django.utils import timezone

from razem.core.models import LogEntry, OutboxEmail
from razem.core.tasks import REDACTED, deliver
from razem.elections import services
from razem.elections.models import Ballot, Candidacy, Election, Elector, tracker_hash
from razem.organizations.models import Membership
from tests.factories import add_membership, make_organization


def test_a_ballot_has_a_random_key_no_owner_and_no_time():
    fields = {f.name: f for f in Ballot._meta.get_fields()}

    assert set(fields) == {"id", "election", "tracker_sha256", "choices", "is_valid"}
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    assert Ballot._meta.pk.default is uuid.uuid4
    relations = [f.name for f in fields.values() if f.is_relation]
    assert relations == ["election"]
    assert not [f for f in fields.values() if isinstance(f, models.DateField | models.TimeField)]  # DateTime too
    assert not [f for f in fields.values() if isinstance(f, models.AutoField | models.BigAutoField)]
    # No ordering that a reader of the ORM would get in the order of writing.
    assert Ballot._meta.ordering == ["election", "tracker_sha256", "id"]
    assert not getattr(Ballot._meta, "get_latest_by", None)


def test_the_elector_says_that_an_organization_voted_never_how():
    names = {f.name for f in Elector._meta.get_fields()}

    assert names == {"id", "election", "organization", "voted_at", "channel", "recorded_by"}


@pytest.fixture
def polling(make_election, ready, voters):
    """An election in its voting phase (3 accepted candidates, up to 3 marks) and five voting organizations."""
    election = make_election("voting", max_marks=3, seats=2)
    people = voters(5)
    candidacies = ready(election, candidates=3)
    return election, candidacies, people


# What each of the five organizations marks, in the order they vote.
MARKS = [[0], [1], [2], [0, 1], [1, 2]]


def test_no_stored_column_relates_a_ballot_to_its_organization_or_the_order_of_voting(polling):
    election, candidacies, people = polling
    cast_choices, trackers = [], []
    for (organization, person), marks in zip(people, MARKS, strict=True):
        choices = [candidacies[i].pk for i in marks]
        trackers.append(
            services.ballot_cast(actor=person, election=election, organization=organization, choices=choices)
        )
        cast_choices.append(sorted(choices))

    rows = list(Ballot.objects.filter(election=election).values())
    assert len(rows) == 5
    assert {tuple(row) for row in rows} == {("id", "election_id", "tracker_sha256", "choices", "is_valid")}
    # Random columns: a version-4 UUID, the hash of a tracker drawn from ``secrets``.
    assert all(row["id"].version == 4 for row in rows)
    assert {row["tracker_sha256"] for row in rows} == {tracker_hash(t) for t in trackers}
    # What is left to read is the multiset of choices: the same for every permutation of the voters.
    assert sorted(row["choices"] for row in rows) == sorted(cast_choices)
    assert {row["election_id"] for row in rows} == {election.pk} and all(row["is_valid"] for row in rows)
    # Nothing of the organizations or their people in any column.
    stored = json.dumps([{k: str(v) for k, v in row.items()} for row in rows])
    for organization, person in people:
        for trace in (organization.name, organization.slug, organization.krs, person.email, person.full_name):
            assert trace not in stored
    # The electorate holds who voted, with no pointer to a ballot.
    electors = Elector.objects.filter(election=election, voted_at__isnull=False)
    assert set(electors.values_list("organization", flat=True)) == {o.pk for o, _p in people}


def test_neither_the_key_order_nor_the_published_order_follows_the_order_of_voting(krdpp, officer, voters):
    """Ten elections, the same five organizations voting in the same order in each: where the first voter's ballot
    falls among the five, by key and in the published order, changes (the chance that a random order keeps it in
    one place ten times is 5 × 5⁻¹⁰, two in ten million)."""
    from tests.factories import calendar_for

    people = voters(5)
    nominee = make_organization("Fundacja Kandydująca", krs="0000300001")
    persons = [make_person(f"kandydat{i}@example.org") for i in range(2)]
    by_key, published = [], []
    for round_ in range(10):
        election = Election.objects.create(
            body=krdpp, title=f"Runda {round_}", slug=f"runda-{round_}", term_name="VII", seats=1, max_marks=1,
            status="announced", created_by=officer, electorate_frozen_at=timezone.now(), **calendar_for("voting"),
        )  # fmt: skip
        candidacies = [
            Candidacy.objects.create(
                election=election,
                organization=nominee if i == 0 else people[0][0],
                person=p,
                statement="P.",
                status=Candidacy.Status.ACCEPTED,
                ballot_number=i + 1,
            )  # fmt: skip
            for i, p in enumerate(persons)
        ]
        Elector.objects.bulk_create([Elector(election=election, organization=o) for o, _p in people])
        first = None
        for n, (organization, person) in enumerate(people):
            tracker = services.ballot_cast(
                actor=person, election=election, organization=organization, choices=[candidacies[n % 2].pk]
            )
            first = first or tracker_hash(tracker)
        keys = list(Ballot.objects.filter(election=election).order_by("pk").values_list("tracker_sha256", flat=True))
        order = list(services_published(election))
        by_key.append(keys.index(first))
        published.append(order.index(first))

    assert len(set(by_key)) > 1
    assert len(set(published)) > 1


def services_published(election):
    from razem.elections.selectors import published_ballots

    return (h for h, _choices, _valid in published_ballots(election=election))


def test_the_audit_log_of_a_cast_names_the_organization_and_the_channel_never_the_choices(polling):
    election, candidacies, people = polling
    organization, person = people[0]
    chosen = [candidacies[0], candidacies[2]]
    before = set(LogEntry.objects.values_list("pk", flat=True))

    services.ballot_cast(actor=person, election=election, organization=organization, choices=[c.pk for c in chosen])

    entries = list(LogEntry.objects.exclude(pk__in=before))
    assert [e.action for e in entries] == ["elections.ballot.cast"]
    [entry] = entries
    assert entry.data == {"election": election.pk, "organization": organization.pk, "channel": "online"}
    assert entry.object_type == "elections.elector"
    assert entry.object_id == str(Elector.objects.get(election=election, organization=organization).pk)
    written = json.dumps([entry.data, entry.object_repr, entry.actor_label], ensure_ascii=False)
    for candidacy in candidacies:
        assert candidacy.person.full_name not in written
        assert candidacy.organization.name not in written


@pytest.mark.uncommitted  # looks at the outbox before the worker sends
def test_the_tracker_e_mail_is_removed_from_the_outbox_once_sent(polling, settings, mailoutbox):
    assert "elections/tracker" in settings.RAZEM_OUTBOX_REDACTED_KINDS
    election, candidacies, people = polling
    organization, person = people[0]

    tracker = services.ballot_cast(
        actor=person, election=election, organization=organization, choices=[candidacies[1].pk]
    )
    email = OutboxEmail.objects.get(kind="elections/tracker")
    assert tracker in email.body_text and tracker not in email.subject
    assert candidacies[1].person.full_name not in email.body_text  # the tracker, never the choices

    assert deliver(email.pk) == OutboxEmail.Status.SENT  # the worker's path (send_outbox_email)

    email.refresh_from_db()
    assert email.body_text == REDACTED and email.body_html == ""
    assert tracker not in email.subject
    assert len(mailoutbox) == 1 and tracker in mailoutbox[0].body and mailoutbox[0].to == [person.email]


def test_the_log_records_of_a_cast_hold_no_choices(polling, caplog):
    election, candidacies, people = polling
    organization, person = people[0]
    second = make_person("druga@example.org")
    add_membership(organization, second, Membership.Role.REPRESENTATIVE)
    chosen = sorted([candidacies[0].pk, candidacies[2].pk])
    caplog.set_level(logging.DEBUG)

    tracker = services.ballot_cast(actor=person, election=election, organization=organization, choices=chosen)
    with pytest.raises(services.ValidationError):  # a refused second ballot logs nothing of its choices either
        services.ballot_cast(actor=second, election=election, organization=organization, choices=[candidacies[1].pk])

    logged = "\n".join(
        f"{record.name} {record.getMessage()} {record.args!r} {getattr(record, 'sql', '')} "
        f"{getattr(record, 'params', '')}"
        for record in caplog.records
    )
    for forbidden in (json.dumps(chosen), str(chosen), tracker, tracker_hash(tracker)):
        assert forbidden not in logged
    for candidacy in candidacies:
        assert candidacy.person.full_name not in logged
    assert not [r for r in caplog.records if r.name == "django.db.backends"]  # no SQL with its parameters
