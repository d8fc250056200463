"""``razem serve``: the production web server (gunicorn)."""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Razem with gunicorn. Workers come from RAZEM_WEB_WORKERS (or WEB_CONCURRENCY)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--bind", default=os.environ.get("RAZEM_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--threads", type=int, default=int(os.environ.get("RAZEM_WEB_THREADS", "1")))

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        workers = options["workers"] or int(
            os.environ.get("RAZEM_WEB_WORKERS") or os.environ.get("WEB_CONCURRENCY") or (2 * (os.cpu_count() or 1) + 1)
        )
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "razem.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(workers),
            "--threads",
            str(options["threads"]),
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(f"Serving Razem on {options['bind']} with {workers} workers.")
        # The argument list is fixed (this Python running gunicorn), not shell input; exec replaces this process.
        os.execv(sys.executable, argv)  # noqa: S606
