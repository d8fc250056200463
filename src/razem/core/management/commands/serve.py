"""``razem serve``: the production web server (gunicorn).

Chosen by measurement on 2 cores (bench/README.md, "The request cycle"): a worker process per core, each with
``RAZEM_WEB_THREADS`` threads (gunicorn's ``gthread`` worker), spent less CPU per signed-in page than
``2 × CPUs + 1`` single-threaded (sync) workers and answered about twice the requests per second, since a thread
waiting for PostgreSQL leaves the core to another. The threads also keep the reverse proxy's connections open between
requests (``--keep-alive``, longer than the proxy's idle timeout, so that gunicorn never closes a connection the proxy
is about to reuse: docs/deploy.md). ``RAZEM_WEB_THREADS=1`` gives the sync workers of before.
"""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve Razem with gunicorn. Workers come from RAZEM_WEB_WORKERS (or WEB_CONCURRENCY), threads per worker from "
        "RAZEM_WEB_THREADS, the keep-alive of idle connections from RAZEM_WEB_KEEPALIVE (seconds)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--bind", default=os.environ.get("RAZEM_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--threads", type=int, default=int(os.environ.get("RAZEM_WEB_THREADS") or 4))
        parser.add_argument("--keep-alive", type=int, default=int(os.environ.get("RAZEM_WEB_KEEPALIVE") or 75))

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        cpus = os.cpu_count() or 1
        threads = max(1, options["threads"])
        # Threaded workers: one process per core. Single-threaded (sync) workers: gunicorn's 2 × cores + 1.
        workers = options["workers"] or int(
            os.environ.get("RAZEM_WEB_WORKERS")
            or os.environ.get("WEB_CONCURRENCY")
            or (cpus if threads > 1 else 2 * cpus + 1)
        )
        worker_class = "gthread" if threads > 1 else "sync"
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "razem.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--keep-alive",
            str(options["keep_alive"]),
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(
            f"Serving Razem on {options['bind']} with {workers} {worker_class} workers of {threads} thread(s)."
        )
        # The argument list is fixed (this Python running gunicorn), not shell input; exec replaces this process.
        os.execv(sys.executable, argv)  # noqa: S606
