"""The PDF of a large filed offer: a 5-year task with 100 cost lines, rendered in the layout of the 2018 form.

    uv run python bench/offer_pdf.py [--database razem_bench_pdf] [--years 5] [--lines 100] [--runs 3] [--keep]

It drops and creates the scratch database, migrates it and loads the reference data, then with the ORM
(production settings) creates an announced call for a task over ``--years`` budget years and one organization
with a complete draft (``offer_deadline.make_drafts``: two activities a year, ``--lines`` cost lines each split
over every year, the results table, the funding of each year), files it through ``grants.services.filing``
(the version's content and SHA-256), and times ``grants.pdf.offer_pdf`` ``--runs`` times: the HTML rendered from
the version's content, WeasyPrint, the snapshot stored (the snapshot is deleted between runs, so each run renders
anew). It prints each run, the median, the size and the number of pages. Bar: 2 s.
"""

import argparse
import os
import statistics
import sys
import time

from common import WORK_DIR, drop_database, production_env, recreate_database, run_razem
from offer_deadline import make_call, make_drafts, make_organizations

DEFAULT_DATABASE = "razem_bench_pdf"
BAR_SECONDS = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()

    env = production_env(args.database)
    log = WORK_DIR / "offer_pdf.log"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    recreate_database(args.database)
    run_razem("migrate", "--noinput", env=env, log=log)
    run_razem("load_reference", env=env, log=log)
    os.environ.update(env)
    import datetime

    import django

    django.setup()
    from django.db import connections
    from django.utils import timezone

    from razem.core.models import DocumentSnapshot
    from razem.grants import pdf
    from razem.grants.services import filing

    first = timezone.localdate().year + 1
    call = make_call(number="BENCH/PDF/1", years=list(range(first, first + args.years)),
                     deadline=timezone.now() + datetime.timedelta(days=1))  # fmt: skip
    owners = make_organizations("Pdf", 1, 4)
    (offer,) = make_drafts(call, owners, lines=args.lines)
    _organization, person, representative = owners[0]
    version = filing.offer_file(
        actor=person, offer=offer, signatories=[representative], declarations=filing.default_declarations(offer)
    )
    print(f"A filed offer of {len(version.content['costs'])} cost lines over {len(call.years)} years "
          f"({call.years[0]}–{call.years[-1]}), total {version.total_cost} zł; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip

    times, snapshot = [], None
    for _ in range(args.runs):
        DocumentSnapshot.objects.filter(kind=pdf.KIND).delete()
        started = time.perf_counter()
        snapshot = pdf.offer_pdf(version=version, actor=None)
        times.append(time.perf_counter() - started)
    assert snapshot is not None
    # Where the time goes: the template (rendered twice by issue_pdf: for the checksum and for print) and WeasyPrint.
    from django.utils import translation
    from weasyprint import HTML

    from razem.core.documents import render_html

    with translation.override(pdf.LANGUAGE):
        started = time.perf_counter()
        html = render_html(pdf.TEMPLATE, pdf.pdf_context(version))
        template_time = time.perf_counter() - started
        started = time.perf_counter()
        document = HTML(string=html).render()
        layout_time = time.perf_counter() - started
        started = time.perf_counter()
        document.write_pdf()
        write_time = time.perf_counter() - started
    worst = max(times)
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"grants.pdf.offer_pdf: {runs} s (median {statistics.median(times):.2f} s); {snapshot.size / 1024:.0f} KB, "
          f"{len(document.pages)} pages, {len(html) / 1024:.0f} KB of HTML")  # fmt: skip
    print(f"Of one run: the template {template_time:.2f} s (issue_pdf renders it twice), WeasyPrint's layout "
          f"{layout_time:.2f} s, writing the PDF {write_time:.2f} s")  # fmt: skip
    print(f"Bar: <= {BAR_SECONDS:.0f} s: {'yes' if worst <= BAR_SECONDS else 'NO'} ({worst:.2f} s at worst); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    if not args.keep:
        connections.close_all()
        drop_database(args.database)
    return 0 if worst <= BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
