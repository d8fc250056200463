"""Helpers shared by the benchmark scripts: the scratch PostgreSQL database and a production environment."""

import math
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg

DEFAULT_DATABASE = "razem_bench"
DEFAULT_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WORK_DIR = Path(os.environ.get("BENCH_WORK_DIR", "/tmp/razem-bench"))  # noqa: S108 - a scratch folder, by design


def check_name(name: str) -> str:
    """Only scratch databases: the scripts drop and create them."""
    if not re.fullmatch(r"razem_bench\w*", name):
        raise SystemExit(f"Refusing to use database {name!r}: bench databases are named razem_bench...")
    return name


def database_url(name: str, server: str = DEFAULT_SERVER) -> str:
    return f"{server.rstrip('/')}/{check_name(name)}"


def admin_connection(server: str = DEFAULT_SERVER) -> psycopg.Connection:
    return psycopg.connect(f"{server.rstrip('/')}/postgres", autocommit=True)


def database_exists(name: str, server: str = DEFAULT_SERVER) -> bool:
    with admin_connection(server) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def recreate_database(name: str, server: str = DEFAULT_SERVER) -> None:
    check_name(name)
    with admin_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def drop_database(name: str, server: str = DEFAULT_SERVER) -> None:
    check_name(name)
    with admin_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(name: str, *, port: int = 8000, work_dir: Path = WORK_DIR) -> dict[str, str]:
    """The environment of a production installation (docs/deploy.md) pointed at the bench database, on loopback."""
    work_dir.mkdir(parents=True, exist_ok=True)
    key_file = work_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RAZEM_") and k != "DJANGO_SETTINGS_MODULE"}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "razem.settings",
        "RAZEM_ENV": "production",
        "SECRET_KEY": key_file.read_text(),
        "DATABASE_URL": database_url(name),
        "ALLOWED_HOSTS": "127.0.0.1",
        "RAZEM_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback, no proxy terminating TLS in front
        "RAZEM_BEHIND_PROXY": "0",
        "RAZEM_VAR_DIR": str(work_dir / "var"),
        "STATIC_ROOT": str(work_dir / "static"),
        "MEDIA_ROOT": str(work_dir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DEFAULT_FROM_EMAIL": "Razem bench <razem@example.org>",
        "RAZEM_LOG_LEVEL": "WARNING",
        # The production cache (docs/deploy.md): Redis, which turns the page cache on. BENCH_CACHE_URL="" measures
        # an installation without one (the database cache, no page cache).
        "RAZEM_CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
    }


def razem_command() -> list[str]:
    """The installed `razem` script of this environment (or the module)."""
    script = Path(sys.executable).with_name("razem")
    return [str(script)] if script.exists() else [sys.executable, "-m", "razem.cli"]


def run_razem(*args: str, env: dict[str, str], log: Path | None = None) -> None:
    out = log.open("a") if log else subprocess.DEVNULL
    try:
        subprocess.run([*razem_command(), *args], env=env, check=True, stdout=out, stderr=out)
    finally:
        if log:
            out.close()  # type: ignore[union-attr]


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(p / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def concurrent_requests(send, clients: list, concurrency: int) -> dict:  # type: ignore[no-untyped-def]
    """``concurrency`` threads released together by a barrier, each calling ``send(client)`` for its share of the
    clients one after another. ``send`` returns (succeeded, what to report if not). Returns requests, errors,
    failures, wall seconds, requests per second and p50 / p95 / max latency in milliseconds."""
    import threading
    import time

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    concurrency = max(1, min(concurrency, len(clients)))
    barrier = threading.Barrier(concurrency)
    batches = [clients[i::concurrency] for i in range(concurrency)]

    def run(batch: list) -> None:
        barrier.wait()
        for client in batch:
            started = time.perf_counter()
            try:
                succeeded, problem = send(client)
            except OSError as error:
                succeeded, problem = False, f"0 {error}"
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not succeeded:
                    failures.append(problem)

    threads = [threading.Thread(target=run, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": len(failures),
        "failures": failures,
        "seconds": wall,
        "rps": len(latencies) / wall,
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "max": latencies[-1] * 1000 if latencies else float("nan"),
    }
