"""Hardening 4 and 7: neither the published ballots nor the database tell the order of the cast or the channel.

- At the count (the close of the vote) the ballots are rewritten in a random order with new keys, keeping every
  tracker and choice: the ids, the row order (SQLite ``rowid``, PostgreSQL ``ctid``) and the published order no
  longer follow the cast; the results and the tracker check are unchanged. After the commit the table is compacted
  (``VACUUM (FULL)`` on PostgreSQL: the table gets a new file; ``VACUUM`` on SQLite).
- A paper ballot carries a decoy tracker hash: the published file mixes paper and online ballots in one random
  order without saying which is which.
- Before the count publishes the ballots, the office confirms when some, but fewer than k (``RAZEM_PAPER_BALLOT_K``,
  5), organizations voted on paper.

Run on PostgreSQL too: DATABASE_URL=postgres://... (the compaction test checks the table file there).
"""

import logging
import re

import pytest
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import ngettext

from razem.core.models import LogEntry
from razem.elections import export, selectors, services
from razem.elections.models import Ballot, Election, Elector, tracker_hash
from tests.core.helpers import text_of

N = 30


def physical_order(election: Election) -> list[str]:
    """The trackers in the order the rows lie in the table."""
    column = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tracker_sha256 FROM elections_ballot WHERE election_id = %s ORDER BY {column}",  # noqa: S608
            [election.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def cast_in_order(election: Election, candidates, count: int = N) -> list[str]:
    """``count`` ballots written one after another, as the votes came in; returns their tracker hashes in that
    order. Ballot i marks candidate i % 3 (and candidate 0 every fifth time)."""
    ids = [c.pk for c in candidates]
    electors = list(Elector.objects.filter(election=election).order_by("pk")[:count])
    hashes = []
    for i in range(count):
        choices = sorted({ids[i % 3], ids[0]} if i % 5 == 0 else {ids[i % 3]})
        h = tracker_hash(f"TRACKER{i:04d}")
        Ballot.objects.create(election=election, tracker_sha256=h, choices=choices)
        if i < len(electors):
            electors[i].voted_at = timezone.now()
            electors[i].channel = Elector.Channel.ONLINE
            electors[i].save(update_fields=["voted_at", "channel"])
        hashes.append(h)
    return hashes


@pytest.fixture
def counting(make_election, ready, voters):
    election = make_election("counting", seats=2, max_marks=2, support_needed=0)
    voters(12)  # the electorate: these and the candidates' organizations
    candidates = ready(election, candidates=3)
    return election, candidates


def test_the_count_rewrites_the_ballots_in_an_order_unrelated_to_the_cast(counting):
    election, candidates = counting
    cast_order = cast_in_order(election, candidates)
    before = {
        h: (choices, valid) for h, choices, valid in Ballot.objects.values_list("tracker_sha256", "choices", "is_valid")
    }
    ids_before = set(Ballot.objects.values_list("pk", flat=True))
    votes_before, ballots_before, invalid_before = services.tally(election)
    assert physical_order(election) == cast_order  # what the hardening is about

    services.election_count(actor=None, election=election)

    after = {
        h: (choices, valid) for h, choices, valid in Ballot.objects.values_list("tracker_sha256", "choices", "is_valid")
    }
    assert after == before  # every tracker with its choices and validity
    assert not ids_before & set(Ballot.objects.values_list("pk", flat=True))  # new keys for all
    by_id = list(Ballot.objects.filter(election=election).order_by("id").values_list("tracker_sha256", flat=True))
    rows = physical_order(election)
    # A permutation happened: the chance that a random order of 30 equals the cast order is 1/30!.
    assert sorted(rows) == sorted(cast_order) and rows != cast_order
    assert by_id != cast_order
    assert [h for h, _c, _v in selectors.published_ballots(election=election)] == by_id
    # The results and the tracker check are unchanged.
    assert services.tally(election) == (votes_before, ballots_before, invalid_before)
    election.refresh_from_db()
    assert (election.ballots_cast, election.invalid_ballots) == (N, 0)
    assert {c.pk: c.votes for c in election.candidacies.all()} == {c.pk: votes_before[c.pk] for c in candidates}
    ballot, marked = selectors.ballot_by_tracker(election=election, tracker="TRACKER0007")
    assert ballot is not None and [c.pk for c in marked] == before[tracker_hash("TRACKER0007")][0]


def test_the_reshuffle_does_not_correlate_with_the_cast_order(counting):
    """Over 30 ballots the rank correlation between the cast and the stored order stays far from 1."""
    election, candidates = counting
    cast_order = cast_in_order(election, candidates)
    services.election_count(actor=None, election=election)
    rank = {h: i for i, h in enumerate(physical_order(election))}
    n = len(cast_order)
    d2 = sum((i - rank[h]) ** 2 for i, h in enumerate(cast_order))
    spearman = 1 - 6 * d2 / (n * (n * n - 1))
    assert abs(spearman) < 0.9  # a random order exceeds this with a probability far below 1e-9


def test_no_timestamp_or_audit_entry_links_a_ballot_to_its_cast(counting, officer):
    election, candidates = counting
    [elector] = Elector.objects.filter(election=election)[:1]
    services.paper_ballot_record(
        actor=officer, election=election, organization=elector.organization, choices=[candidates[0].pk]
    )
    ballot = Ballot.objects.get(election=election)

    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "election", "tracker_sha256", "choices", "is_valid"}
    entry = LogEntry.objects.get(action="elections.ballot.paper_recorded")
    assert entry.object_type == "elections.elector"  # that the organization voted, never which ballot
    flat = repr(entry.data) + entry.object_id + entry.object_repr
    assert str(ballot.pk) not in flat and ballot.tracker_sha256 not in flat and "choices" not in entry.data


def test_paper_ballots_look_like_online_ones_in_the_published_file(counting, officer, client):
    election, candidates = counting
    cast_in_order(election, candidates, count=8)
    voted = Elector.objects.filter(election=election, voted_at__isnull=False).values("organization_id")
    paper_voters = Elector.objects.filter(election=election).exclude(organization_id__in=voted)[:3]
    for elector in paper_voters:
        services.paper_ballot_record(
            actor=officer, election=election, organization=elector.organization, choices=[candidates[1].pk]
        )
    services.election_count(actor=None, election=election)

    document = export.ballots_document(election, selectors.published_ballots(election=election))
    assert len(document["ballots"]) == 11
    assert all(re.fullmatch(r"[0-9a-f]{64}", b["tracker_sha256"] or "") for b in document["ballots"])
    assert all(set(b) == {"tracker_sha256", "choices", "valid"} for b in document["ballots"])  # no channel
    assert export.recount(document)["votes"][candidates[1].ballot_number] >= 3
    response = client.get(f"/wybory/{election.slug}/karty.csv")
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    assert csv.splitlines()[0].strip() == "tracker_sha256;choices;valid"
    assert "paper" not in csv and "online" not in csv


# The warning before the count publishes the ballots ------------------------------------------------------------------


def record_paper(election, officer, candidates, count: int) -> None:
    for elector in Elector.objects.filter(election=election).select_related("organization")[:count]:
        services.paper_ballot_record(
            actor=officer, election=election, organization=elector.organization, choices=[candidates[0].pk]
        )


def count_url(election: Election) -> str:
    return f"/panel/wybory/{election.slug}/liczenie/"


def test_few_paper_voters_make_the_office_confirm_before_the_count(counting, officer, officer_client):
    election, candidates = counting
    record_paper(election, officer, candidates, 2)

    page = text_of(officer_client.get(count_url(election)))
    with translation.override("pl"):
        warning = ngettext(
            "Only %(counter)s organization voted on paper (fewer than %(k)s)",
            "Only %(counter)s organizations voted on paper (fewer than %(k)s)",
            2,
        ) % {"counter": 2, "k": 5}
    assert warning in page
    assert 'id="paper-warning"' in page and 'id="paper-count">2<' in page

    response = officer_client.post(count_url(election))  # the button on the overview: no confirmation yet
    assert response.status_code == 200 and 'id="paper-warning"' in text_of(response)
    election.refresh_from_db()
    assert election.closed_at is None

    response = officer_client.post(count_url(election), {"confirm": "1"})
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.closed_at is not None
    assert LogEntry.objects.get(action="elections.election.counted").data["few_paper_confirmed"] is True


@pytest.mark.parametrize(("paper", "k"), [(0, 5), (2, 2), (5, 5)])
def test_no_warning_without_paper_ballots_or_with_k_of_them(counting, officer, officer_client, settings, paper, k):
    settings.RAZEM_PAPER_BALLOT_K = k
    election, candidates = counting
    record_paper(election, officer, candidates, paper)

    assert 'id="paper-warning"' not in text_of(officer_client.get(count_url(election)))
    assert officer_client.post(count_url(election)).status_code == 302
    election.refresh_from_db()
    assert election.closed_at is not None


# The compaction after the commit (real transactions) -----------------------------------------------------------------


def table_file() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_filenode('elections_ballot')")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_after_the_count_commits_the_ballot_table_is_compacted(counting, caplog):
    election, candidates = counting
    cast_in_order(election, candidates, count=10)
    before = table_file() if connection.vendor == "postgresql" else ""

    with caplog.at_level(logging.INFO, logger="razem.elections.services.secrecy"):
        services.election_count(actor=None, election=election)

    assert "the ballot table has been compacted" in caplog.text
    if connection.vendor == "postgresql":
        assert table_file() != before  # VACUUM (FULL) wrote the table anew, without the deleted rows
    assert Ballot.objects.filter(election=election).count() == 10


def test_inside_a_transaction_the_compaction_waits_and_says_so(db, caplog):
    from django.db import transaction

    from razem.elections.services.secrecy import ballot_table_compact

    with transaction.atomic(), caplog.at_level(logging.WARNING):
        assert ballot_table_compact() is False
    assert "not compacted inside a transaction" in caplog.text
