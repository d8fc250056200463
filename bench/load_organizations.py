"""Load 100,000 fictional organizations into a fresh PostgreSQL database through the real import, and time it.

    uv run python bench/load_organizations.py [--database razem_bench] [--rows 100000] [--runs 2]
    uv run python bench/load_organizations.py --drop        # drop the bench database and exit

What it does, in order:

1. drops and creates the database (only names starting with ``razem_bench``), migrates it, loads the reference
   data (districts, art. 4 areas) and creates the cache table, as an operator would (docs/deploy.md);
2. writes a CSV of ``--rows`` organizations from the demo generator (razem.organizations.demo: valid NIP/REGON,
   unique KRS, the 18 districts, 1-4 areas each, about 8 % pending) with the documented import columns;
3. starts the import as the staff page does (``services.import_start``: stores the file, queues the task) and
   runs the real worker, ``razem worker --batch``, which executes ``import_organizations`` (importer.run) and exits;
4. repeats step 3 with the same file (``--runs 2``, the default): the second import updates every row by KRS
   or register number and creates nothing;
5. runs VACUUM ANALYZE, as autovacuum would after such a load, so that the latency benchmark that follows sees
   planner statistics and an up-to-date visibility map (index-only scans for the directory's counts).

It prints, for each import: rows, created, updated, rejected, the task's run time (started -> finished in the
task queue), the wall time of the worker process (including its start-up) and rows per second. The bar
(issue 3): 100,000 rows in under 2 minutes.
"""

import argparse
import csv
import os
import subprocess
import sys
import time

from common import DEFAULT_DATABASE, WORK_DIR, drop_database, production_env, razem_command, recreate_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="scratch database name (razem_bench...)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2, help="imports of the same file (the 2nd+ update)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-changed", action="store_true", help="skip the import of a file where every row changed")
    parser.add_argument("--drop", action="store_true", help="drop the bench database and exit")
    args = parser.parse_args()
    if args.drop:
        drop_database(args.database)
        print(f"Dropped database {args.database}.")
        return

    env = production_env(args.database)
    os.environ.update(env)
    log = WORK_DIR / "load.log"
    log.write_text("")
    print(f"Database {args.database} (PostgreSQL at 127.0.0.1), scratch files in {WORK_DIR}, log {log}")
    print(f"{os.cpu_count()} CPUs; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    started = time.perf_counter()
    recreate_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"Fresh database migrated, reference data loaded: {time.perf_counter() - started:.1f} s")

    from razem.organizations.demo import CSV_COLUMNS, iter_csv_rows

    path = WORK_DIR / f"organizations-{args.rows}.csv"
    started = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(iter_csv_rows(args.rows, seed=args.seed))
    size_mb = path.stat().st_size / 1_048_576
    print(f"CSV written: {args.rows} rows, {size_mb:.1f} MB, {time.perf_counter() - started:.1f} s ({path})")

    results = [run_import(path, env, log, number) for number in range(1, args.runs + 1)]
    if not args.no_changed:
        # The same organizations with a new description each: every row really changes on this import.
        changed = WORK_DIR / f"organizations-{args.rows}-changed.csv"
        description = CSV_COLUMNS.index("opis")
        with path.open(encoding="utf-8", newline="") as source, changed.open("w", encoding="utf-8", newline="") as out:
            reader, writer = csv.reader(source), csv.writer(out)
            writer.writerow(next(reader))
            for row in reader:
                row[description] = (row[description] + " Zaktualizowano w 2027 r.").strip()
                writer.writerow(row)
        results.append(run_import(changed, env, log, args.runs + 1, label="re-import, every row changed"))

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    from razem.organizations.models import Organization

    total = Organization.objects.count()
    verified = Organization.objects.filter(status=Organization.Status.VERIFIED).count()
    print(f"\nRegistry: {total} organizations, {verified} verified (shown in the directory). VACUUM ANALYZE done.")
    print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\nimport                          rows  created  updated  rejected   task s   wall s    rows/s")
    for label, r in results:
        print(
            f"{label:28} {r['rows']:>7} {r['created']:>8} {r['updated']:>8} {r['rejected']:>9} "
            f"{r['task']:>8.1f} {r['wall']:>8.1f} {r['rows'] / r['task']:>9.0f}"
        )
    print(f"\nBar (issue 3): {args.rows} rows imported in under 2 minutes:")
    for label, r in results:
        print(f"  {label}: {'yes' if r['task'] < 120 else 'NO'} ({r['task']:.1f} s)")


def run_import(path, env, log, number: int, label: str = "") -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    from django.core.files import File
    from django_tasks_db.models import DBTaskResult

    from razem.accounts.models import User
    from razem.organizations import services
    from razem.organizations.models import ImportJob

    officer, _ = User.objects.get_or_create(
        email="bench.officer@example.org", defaults={"full_name": "Bench Officer", "role": User.Role.OFFICER}
    )
    with path.open("rb") as handle:
        job = services.import_start(actor=officer, upload=File(handle, name=path.name))
    started = time.perf_counter()
    subprocess.run(
        [*razem_command(), "worker", "--batch", "--no-startup-delay"],
        env=env, check=True, stdout=log.open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    wall = time.perf_counter() - started
    job = ImportJob.objects.get(pk=job.pk)
    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert job.status == ImportJob.Status.DONE, (job.status, job.message)
    assert task is not None and task.finished_at and task.started_at
    seconds = (task.finished_at - task.started_at).total_seconds()
    label = label or ("first (creates)" if number == 1 else f"re-import {number - 1} (same file)")
    result = {
        "rows": job.total_rows, "created": job.created_count, "updated": job.updated_count,
        "rejected": job.error_count, "task": seconds, "wall": wall,
    }  # fmt: skip
    print(
        f"Import {number} ({label}): {job.total_rows} rows, {job.created_count} created, {job.updated_count} "
        f"updated, {job.error_count} rejected in {seconds:.1f} s ({job.total_rows / seconds:.0f} rows/s); "
        f"worker process {wall:.1f} s"
    )
    if job.errors:
        print(f"  first rejected rows: {job.errors[:3]}")
    return label, result


if __name__ == "__main__":
    sys.exit(main())
