"""``razem remind``: the daily reminders and deadlines (run it once a day from cron or a systemd timer).

- requests for opinions past their deadline become "no opinion by the deadline" (silence is a waiver);
- recommendations due within a week or late: the addressed department is e-mailed and the office told.
"""

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Lapse overdue opinion requests and remind departments of recommendations that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        from razem.bodies.services import opinion_requests_lapse
        from razem.recommendations.services import remind_due

        lapsed = opinion_requests_lapse()
        reminded = remind_due()
        self.stdout.write(f"Opinion requests lapsed: {lapsed}. Recommendations reminded: {reminded}.")
