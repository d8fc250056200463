"""The recount: the published ballots, downloaded as the public file, give back the stored result, with the
library function and with ``razem recount``; a voter finds their ballot by the tracker."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from razem.elections import export, selectors, services
from razem.elections.models import Candidacy, Election


@pytest.fixture
def counted(make_election, ready, voters, officer):
    """Seven organizations vote for 4 candidates (2 seats), one paper ballot is invalid; the vote is counted."""
    election = make_election("voting", seats=2, max_marks=2)
    people = voters(7)
    a, b, c, d = ready(election, candidates=4)
    marks = [[a, b], [a, c], [a, b], [c], [b, d], [a]]
    trackers = [
        services.ballot_cast(actor=person, election=election, organization=organization, choices=[x.pk for x in m])
        for (organization, person), m in zip(people, marks, strict=False)
    ]
    services.paper_ballot_record(actor=officer, election=election, organization=people[6][0],
                                 choices=[a.pk, b.pk, c.pk])  # fmt: skip
    Election.objects.filter(pk=election.pk).update(voting_close=timezone.now() - datetime.timedelta(minutes=1))
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)
    election.refresh_from_db()
    return {"election": election, "candidacies": [a, b, c, d], "trackers": trackers, "marks": marks}


def stored(election: Election) -> tuple[dict[int, int], list[int]]:
    candidacies = Candidacy.objects.filter(election=election, status="accepted")
    return {c.ballot_number: c.votes for c in candidacies}, sorted(c.ballot_number for c in candidacies if c.elected)


def document_of(election: Election) -> dict:
    return export.ballots_document(election, selectors.published_ballots(election=election))


def test_the_published_ballots_recount_to_the_stored_result(counted):
    election = counted["election"]
    document = json.loads(export.dumps(document_of(election)))  # as downloaded: JSON, numbers as keys of nothing

    result = export.recount(document)

    votes, elected = stored(election)
    assert result["votes"] == votes == {1: 4, 2: 3, 3: 2, 4: 1}
    assert result["elected"] == elected == [1, 2]
    assert result["tied"] == []
    assert (result["ballots"], result["invalid"]) == (election.ballots_cast, election.invalid_ballots) == (7, 1)
    assert [c["number"] for c in document["candidates"]] == [1, 2, 3, 4]
    assert all(set(b) == {"tracker_sha256", "choices", "valid"} for b in document["ballots"])


def test_the_recount_command_prints_the_same_result(counted, tmp_path, capsys):
    election = counted["election"]
    path = tmp_path / "karty.json"
    path.write_text(export.dumps(document_of(election)), encoding="utf-8")

    call_command("recount", str(path))

    out = capsys.readouterr().out
    assert f"{election.title}: 7 ballots, 1 invalid" in out
    lines = {int(line.split()[0]): line for line in out.splitlines()[1:]}
    votes, elected = stored(election)
    for number, count in votes.items():
        assert int(lines[number].split()[1]) == count
        assert lines[number].endswith("elected") == (number in elected)


def test_a_voter_finds_their_ballot_with_its_choices_by_the_tracker(counted, tmp_path, capsys):
    election, candidacies = counted["election"], counted["candidacies"]
    path = tmp_path / "karty.json"
    path.write_text(export.dumps(document_of(election)), encoding="utf-8")
    tracker = counted["trackers"][4]  # marked b and d
    numbers = sorted(c.ballot_number for c in Candidacy.objects.filter(pk__in=[x.pk for x in counted["marks"][4]]))
    assert numbers == [2, 4] and len(candidacies) == 4

    call_command("recount", str(path), "--tracker", tracker.lower().replace("-", " "))

    assert f"Your ballot is in the file: it marks {numbers}." in capsys.readouterr().out

    call_command("recount", str(path), "--tracker", "AAAA-BBBB-CCCC-DDDD")
    assert "No ballot in the file has this tracker." in capsys.readouterr().out


def test_a_tie_in_the_file_is_reported_as_a_tie(make_election, ready, voters, officer):
    election = make_election("voting", seats=1, max_marks=1)
    people = voters(2)
    a, b = ready(election, candidates=2)
    for (organization, person), choice in zip(people, [a, b], strict=True):
        services.ballot_cast(actor=person, election=election, organization=organization, choices=[choice.pk])
    Election.objects.filter(pk=election.pk).update(voting_close=timezone.now() - datetime.timedelta(minutes=1))
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)

    result = export.recount(document_of(election))

    assert result["elected"] == [] and result["tied"] == [1, 2]
    assert set(Candidacy.objects.filter(election=election, tied=True).values_list("ballot_number", flat=True)) == {1, 2}
