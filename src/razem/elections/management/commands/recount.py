"""``razem recount ballots.json``: recompute an election's result from its published ballots.

Anyone can download the file from the election's page (after the vote is counted) and run this command, or read
``razem.elections.export.recount`` and redo it by hand: each valid ballot adds one vote to each candidate number it
marks; the seats go to the most votes; a tie at the last seat is decided by lot (published on the page).
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Recompute an election's result from the published ballots (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The ballots file downloaded from the election's page.")
        parser.add_argument("--tracker", help="Check that the ballot of this tracker is in the file, and print it.")

    def handle(self, *args: Any, **options: Any) -> None:
        from razem.elections.export import recount
        from razem.elections.models import tracker_hash

        document = json.loads(options["file"].read_text(encoding="utf-8"))
        result = recount(document)
        names = {c["number"]: f"{c['name']} ({c['organization']})" for c in document["candidates"]}
        self.stdout.write(f"{document['election']}: {result['ballots']} ballots, {result['invalid']} invalid")
        for number, count in sorted(result["votes"].items(), key=lambda item: (-item[1], item[0])):
            mark = "elected" if number in result["elected"] else ("tie, by lot" if number in result["tied"] else "")
            self.stdout.write(f"{number:>3}  {count:>6}  {names.get(number, '?')}  {mark}".rstrip())
        if options.get("tracker"):
            wanted = tracker_hash(options["tracker"])
            found = [b for b in document["ballots"] if b["tracker_sha256"] == wanted]
            if found:
                self.stdout.write(f"Your ballot is in the file: it marks {found[0]['choices']}.")
            else:
                self.stdout.write(self.style.ERROR("No ballot in the file has this tracker."))
