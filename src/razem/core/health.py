"""The health check for load balancers and monitoring: ``GET /zdrowie/``.

JSON with one entry a check (database, cache, the worker's queue); 200 when every check passes, 503 when one fails.
The cache is the exception: Razem serves without it, slower (razem.core.cache), so a failing cache answers 200 with
``"status": "degraded"``, for monitoring to alert on, never for a load balancer to take the site out.
It reads no session and no account, and says nothing about people: a load balancer may call it every few seconds.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

DB_BACKEND = "django_tasks_db.DatabaseBackend"
_CACHE_KEY = "razem:health"


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> dict[str, Any]:
    token = str(time.monotonic_ns())
    cache.set(_CACHE_KEY, token, timeout=30)
    return {"ok": cache.get(_CACHE_KEY) == token}


def oldest_waiting_task_age(now: datetime.datetime | None = None) -> float | None:
    """Seconds since the oldest task waiting for the worker became due (None when nothing waits).

    A task is due when it was enqueued, or at its ``run_after`` when it was scheduled for later.
    """
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    unscheduled = (
        ready.filter(run_after=get_date_max()).order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    )
    scheduled = (
        ready.exclude(run_after=get_date_max()).order_by("run_after").values_list("run_after", flat=True).first()
    )
    due = [moment for moment in (unscheduled, scheduled) if moment is not None]
    return max(0.0, (now - min(due)).total_seconds()) if due else None


def check_queue() -> dict[str, Any]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DB_BACKEND:
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1]}  # tasks run at once: no queue to fall behind
    limit = settings.RAZEM_HEALTH_QUEUE_MAX_AGE
    age = oldest_waiting_task_age()
    return {
        "ok": age is None or age <= limit,
        "oldest_age_seconds": None if age is None else round(age, 1),
        "limit_seconds": limit,
    }


# Checks whose failure makes Razem slower, not unable to serve.
DEGRADING = {"cache"}

CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": check_database,
    "cache": check_cache,
    "queue": check_queue,
}


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    results: dict[str, Any] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = check()
        except Exception as error:  # noqa: BLE001 - a failing dependency is exactly what this reports
            result = {"ok": False, "error": type(error).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    healthy = all(result["ok"] for name, result in results.items() if name not in DEGRADING)
    status = ("ok" if all(result["ok"] for result in results.values()) else "degraded") if healthy else "fail"
    return JsonResponse({"status": status, "checks": results}, status=200 if healthy else 503)
