"""The published ballots (JSON and CSV) and the recount from such a file, which anyone can run."""

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from razem.elections.models import Election
from razem.elections.services import seat_allocation


def ballots_document(election: Election, ballots: Iterable[tuple[str | None, list[int], bool]]) -> dict[str, Any]:
    """The file anyone downloads: the candidates with their ballot numbers and every ballot, anonymous."""
    candidates = election.candidacies.filter(status="accepted").select_related("person", "organization")
    numbers = {c.pk: c.ballot_number for c in candidates}
    return {
        "election": election.title,
        "seats": election.seats,
        "max_marks": election.max_marks,
        "electorate": election.electorate_size,
        "candidates": [
            {"number": c.ballot_number, "name": c.person.full_name, "organization": c.organization.name}
            for c in sorted(candidates, key=lambda c: c.ballot_number or 0)
        ],
        "ballots": [
            {"tracker_sha256": h, "choices": sorted(numbers[i] for i in choices if i in numbers), "valid": valid}
            for h, choices, valid in ballots
        ],
    }


def recount(document: dict[str, Any]) -> dict[str, Any]:
    """The result recomputed from a published file: votes per candidate number, the elected, ties, invalid ballots."""
    votes: Counter[int] = Counter()
    invalid = 0
    for ballot in document["ballots"]:
        if ballot["valid"]:
            votes.update(ballot["choices"])
        else:
            invalid += 1
    numbers = [c["number"] for c in document["candidates"]]
    elected, tied = seat_allocation(votes, numbers, document["seats"])
    return {
        "ballots": len(document["ballots"]),
        "invalid": invalid,
        "votes": {n: votes.get(n, 0) for n in numbers},
        "elected": sorted(elected),
        "tied": sorted(tied),
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1)
