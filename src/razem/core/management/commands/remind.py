"""``razem remind``: the daily jobs the apps register (``razem.core.registry.daily_jobs``); run it once a day from
cron or a systemd timer. Today: requests for opinions past their deadline lapse (silence is a waiver), and the
departments are reminded of recommendations due within a week or late."""

from typing import Any

from django.core.management.base import BaseCommand

from razem.core import registry


class Command(BaseCommand):
    help = "Run the daily jobs: lapse overdue opinion requests, remind departments of recommendations that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        summaries = [job.run() for job in registry.daily_jobs]
        self.stdout.write(" ".join(summaries))
