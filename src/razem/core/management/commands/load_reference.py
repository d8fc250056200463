from django.core.management.base import BaseCommand

from razem.core.reference import load_districts, load_public_benefit_areas


class Command(BaseCommand):
    help = "Load reference data: the public-benefit areas of art. 4 and the districts of Kraków (idempotent)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--skip-districts", action="store_true", help="Load only the public-benefit areas.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        areas = load_public_benefit_areas()
        self.stdout.write(f"Public-benefit areas: {areas}")
        if not options["skip_districts"]:
            self.stdout.write(f"Districts: {load_districts()}")
