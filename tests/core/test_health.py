"""The health check a load balancer calls: /zdrowie/ answers 200 when Razem can serve, 503 when it cannot."""

import datetime
import json

import pytest
from django.db import connection
from django.utils import timezone

from razem.core import health

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_healthy_site_answers_200_with_each_check(client, db):
    response = client.get("/zdrowie/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


def test_the_check_sets_no_cookie_and_reads_no_session(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the database check's SELECT 1, and nothing for a session or account
        response = client.get("/zdrowie/")

    assert response.status_code == 200
    assert not response.cookies


def test_it_says_nothing_about_people(client, resident):
    client.force_login(resident)

    text = client.get("/zdrowie/").content.decode()

    assert resident.email not in text
    assert "Kowalska" not in text
    assert str(resident.pk) not in json.dumps(json.loads(text)["status"])


def test_a_database_that_does_not_answer_makes_it_503(client, db, monkeypatch):
    def refuse():
        raise ConnectionError("connection to server at 10.0.0.5 failed: password authentication failed")

    monkeypatch.setitem(health.CHECKS, "database", refuse)

    response = client.get("/zdrowie/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "ConnectionError",
        "ms": body["checks"]["database"]["ms"],
    }
    assert "password" not in response.content.decode()  # the error's class only, never its message


def test_a_broken_cache_is_reported_as_degraded_not_as_down(client, db, monkeypatch):
    # Razem serves without its cache (slower): monitoring sees it, a load balancer keeps the site in.
    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)

    response = client.get("/zdrowie/")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"]["ok"] is False


def _enqueue(*, minutes_ago: int, run_after: datetime.datetime | None = None):
    from django_tasks_db.models import DBTaskResult, get_date_max

    task = DBTaskResult.objects.create(
        task_path="razem.core.tasks.retry_due",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=minutes_ago))
    return task


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DB_BACKEND
    settings.RAZEM_HEALTH_QUEUE_MAX_AGE = 15 * 60


def test_an_empty_queue_is_healthy(client, db, database_queue):
    queue = client.get("/zdrowie/").json()["checks"]["queue"]

    assert queue["ok"] is True
    assert queue["oldest_age_seconds"] is None


def test_a_task_waiting_a_little_is_healthy(client, db, database_queue):
    _enqueue(minutes_ago=2)

    response = client.get("/zdrowie/")

    assert response.status_code == 200
    assert 110 < response.json()["checks"]["queue"]["oldest_age_seconds"] < 200


def test_a_task_waiting_longer_than_the_limit_means_the_worker_is_stuck(client, db, database_queue):
    _enqueue(minutes_ago=2)
    _enqueue(minutes_ago=40)

    response = client.get("/zdrowie/")

    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert queue["ok"] is False
    assert queue["oldest_age_seconds"] >= 40 * 60
    assert queue["limit_seconds"] == 15 * 60


def test_a_task_scheduled_for_later_is_not_late(client, db, database_queue):
    _enqueue(minutes_ago=60, run_after=timezone.now() + datetime.timedelta(hours=1))

    assert client.get("/zdrowie/").status_code == 200


def test_a_finished_task_is_not_waiting(client, db, database_queue):
    from django_tasks_db.models import DBTaskResult

    task = _enqueue(minutes_ago=60)
    DBTaskResult.objects.filter(pk=task.pk).update(status="SUCCESSFUL")

    assert client.get("/zdrowie/").status_code == 200


def test_the_check_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/zdrowie/").status_code == 200
    assert client.get("/kontakt/").status_code == 301


def test_it_answers_only_get(client, db):
    assert client.post("/zdrowie/").status_code == 405
    assert connection.vendor in {"sqlite", "postgresql"}
