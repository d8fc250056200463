"""``razem demo``: a local Razem on SQLite with Kraków demo data, served on http://127.0.0.1:8000."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Start Razem with Kraków demo data on SQLite (var/), printing the address and the demo accounts."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", default=8000, type=int, help="Port to listen on (default 8000).")
        parser.add_argument("--reset", action="store_true", help="Delete the demo database and start over.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data, print the accounts, and exit.")
        parser.add_argument("--code", metavar="EMAIL", help="Print the current second-factor code of a demo account.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if settings.ENV != "demo":
            raise CommandError("razem demo runs only with RAZEM_ENV=demo (the default for this command).")
        from razem.core import demo

        if options["code"]:
            spec = next((a for a in demo.DEMO_ACCOUNTS if a.email == options["code"] and a.totp_secret), None)
            if spec is None:
                raise CommandError(f"{options['code']} is not a demo account with a second factor.")
            self.stdout.write(demo.current_code(spec.totp_secret))
            return
        database = Path(settings.DATABASES["default"]["NAME"])
        if options["reset"] and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            # The system checks have already opened the database: close it, or migrate would write to the file
            # just deleted.
            connections.close_all()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            self.stdout.write("The demo database was removed; starting over.")
        call_command("migrate", interactive=False, verbosity=0)
        demo.load_demo()
        # `razem demo` sets RAZEM_BASE_URL from --host and --port (razem.cli), so every link leads back here.
        address = settings.RAZEM_BASE_URL + "/"
        self.stdout.write(self.style.SUCCESS(f"\nRazem demo is ready at {address}\n"))
        self.stdout.write(f"Database: {database}\nE-mails are printed here, in this console.\n")
        self.stdout.write("Demo accounts (e-mail / password):")
        for spec in demo.DEMO_ACCOUNTS:
            line = f"  {spec.description:28} {spec.email:26} {spec.password}"
            if spec.totp_secret:
                line += f"\n  {'':28} second factor: TOTP secret {spec.totp_secret}"
                line += f"\n  {'':28} or the current code: uv run razem demo --code {spec.email}"
            self.stdout.write(line)
        self.stdout.write("")
        if options["no_serve"]:
            return
        call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False, use_threading=True)
