from django.core.management.base import BaseCommand
from django.db.models import Count

from razem.core.models import OutboxEmail
from razem.core.tasks import retry_due


class Command(BaseCommand):
    help = "Show the e-mail outbox; with --retry, send what is waiting or due for another attempt."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--retry", action="store_true")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["retry"]:
            self.stdout.write(f"Attempted: {retry_due()}")
        for row in OutboxEmail.objects.order_by("status").values("status").annotate(n=Count("id")):
            self.stdout.write(f"{row['status']}: {row['n']}")
