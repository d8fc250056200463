"""Ballot secrecy below the schema: the order in which ballots were cast must not survive the close of voting.

A ``Ballot`` row has no timestamp, no organization and a random key, but a database keeps rows in the order they
were written: SQLite's hidden ``rowid`` grows with each insert, PostgreSQL appends tuples to the table's pages (and
keeps deleted ones until a vacuum). Matched with the ``Elector.voted_at`` times, that order would tell who cast
which ballot. At the count (``election_count``, the close of the vote) ``ballots_reshuffle`` rewrites the
election's ballots in a random order with new keys, in the count's transaction, keeping every tracker hash and
choice; after the commit ``ballot_table_compact`` rewrites the table files so the old rows do not linger:
``VACUUM (FULL)`` of the ballot table on PostgreSQL, ``VACUUM`` and a WAL checkpoint on SQLite. What remains
(WAL archives, backups taken during the vote, server logs) is in docs/elections.md.

Paper ballots carry the hash of a tracker nobody receives (``decoy_tracker_hash``), so neither the table nor the
published file says which ballot came on paper.
"""

import logging
import random
import secrets

from django.db import connections, transaction

from razem.elections.models import Ballot, Election, tracker_hash

logger = logging.getLogger(__name__)


def decoy_tracker_hash() -> str:
    """The SHA-256 of a random tracker that is never shown, sent or stored: a paper ballot looks like any other."""
    from razem.elections.services.voting import new_tracker

    return tracker_hash(new_tracker())


def ballots_reshuffle(election: Election, *, rng: random.Random | None = None, using: str = "default") -> int:
    """Delete the election's ballots and insert them again in a random order with new keys (same trackers, same
    choices, same validity). Call inside the transaction that closes the vote; the table is compacted after the
    commit. ``rng`` is for tests; by default the order comes from the operating system's randomness. Returns the
    number of ballots."""
    if not connections[using].in_atomic_block:
        raise RuntimeError("ballots_reshuffle must run inside the transaction that closes the vote")
    rows = list(
        Ballot.objects.using(using)
        .select_for_update()
        .filter(election=election)
        .values_list("tracker_sha256", "choices", "is_valid")
    )
    (rng or secrets.SystemRandom()).shuffle(rows)
    Ballot.objects.using(using).filter(election=election).delete()
    Ballot.objects.using(using).bulk_create(
        [
            Ballot(election=election, tracker_sha256=tracker or decoy_tracker_hash(), choices=choices, is_valid=valid)
            for tracker, choices, valid in rows
        ],
        batch_size=500,
    )
    transaction.on_commit(lambda: ballot_table_compact(using=using), using=using)
    return len(rows)


def ballot_table_compact(*, using: str = "default") -> bool:
    """Rewrite the ballot table's storage so rows deleted by ``ballots_reshuffle`` (in the order of the cast) are
    gone from the files: ``VACUUM (FULL)`` on PostgreSQL, ``VACUUM`` then ``wal_checkpoint(TRUNCATE)`` on SQLite.
    Neither can run inside a transaction: called after the commit; inside one (a test's) it logs and does nothing.
    Returns whether it ran."""
    connection = connections[using]
    if connection.in_atomic_block:
        logger.warning("elections: the ballot table is not compacted inside a transaction; run it after the commit")
        return False
    table = connection.ops.quote_name(Ballot._meta.db_table)
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"VACUUM (FULL, ANALYZE) {table}")
            elif connection.vendor == "sqlite":
                cursor.execute("VACUUM")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                logger.warning("elections: no compaction of the ballot table on %s", connection.vendor)
                return False
    except Exception:  # the count is committed; a failed compaction is logged for the operator to run by hand
        logger.exception("elections: compacting the ballot table failed; run VACUUM by hand (docs/elections.md)")
        return False
    logger.info("elections: the ballot table has been compacted after the reshuffle")
    return True
