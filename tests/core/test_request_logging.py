"""Structured logs: one JSON line a request, and the request's id on every line logged while it runs."""

import io
import json
import logging

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from razem.core.logging import JsonFormatter, hashed_user_id
from razem.urls import handler500 as site_handler500
from razem.urls import urlpatterns as site_urlpatterns


def _noisy(request: HttpRequest) -> HttpResponse:
    logging.getLogger("razem.test").warning("working on it", extra={"step": 2})
    raise RuntimeError("the view failed")


urlpatterns = [path("halas/", _noisy), *site_urlpatterns]
handler500 = site_handler500


@pytest.fixture
def log_lines():
    """Every record from every logger, as the production handler formats it (JSON)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    request_logger = logging.getLogger("razem.request")
    old_level = request_logger.level
    request_logger.setLevel(logging.INFO)
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        request_logger.setLevel(old_level)


def _request_lines(lines):
    return [line for line in lines if line["logger"] == "razem.request"]


def test_each_request_writes_one_line_without_its_query_string(client, db, log_lines):
    response = client.get("/kontakt/?email=maria.kowalska@example.org&q=PESEL")

    [line] = _request_lines(log_lines())
    assert line["method"] == "GET"
    assert line["path"] == "/kontakt/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user"] is None
    assert line["level"] == "INFO"
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert "example.org" not in json.dumps(line)
    assert "PESEL" not in json.dumps(line)


def test_a_signed_in_person_is_a_pseudonym_in_the_log(client, resident, log_lines):
    client.force_login(resident)

    client.get("/kontakt/")

    [line] = _request_lines(log_lines())
    assert line["user"] == hashed_user_id(resident.pk)
    assert line["user"] != str(resident.pk)
    text = json.dumps(line)
    assert resident.email not in text
    assert "Kowalska" not in text


def test_every_request_gets_its_own_id(client, db, log_lines):
    first = client.get("/kontakt/")["X-Request-ID"]
    second = client.get("/kontakt/")["X-Request-ID"]

    assert first != second
    assert [line["request_id"] for line in _request_lines(log_lines())] == [first, second]


def test_the_id_from_a_trusted_proxy_is_kept(client, db, settings, log_lines):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    response = client.get("/kontakt/", HTTP_X_REQUEST_ID="lb-7f3a-42")

    assert response["X-Request-ID"] == "lb-7f3a-42"
    assert _request_lines(log_lines())[0]["request_id"] == "lb-7f3a-42"


def test_the_id_is_not_taken_from_a_client_when_no_proxy_is_trusted(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0

    response = client.get("/kontakt/", HTTP_X_REQUEST_ID="chosen-by-the-visitor")

    assert response["X-Request-ID"] != "chosen-by-the-visitor"


def test_an_id_that_does_not_look_like_one_is_replaced(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    response = client.get("/kontakt/", HTTP_X_REQUEST_ID='x" injected\tvalue')

    assert response["X-Request-ID"] != 'x" injected\tvalue'
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.urls(__name__)
def test_every_line_of_a_failing_request_carries_its_id(log_lines):
    browser = Client(raise_request_exception=False)

    response = browser.get("/halas/")

    assert response.status_code == 500
    lines = log_lines()
    ours = [line for line in lines if line.get("request_id") == response["X-Request-ID"]]
    by_logger = {line["logger"]: line for line in ours}
    assert by_logger["razem.test"]["message"] == "working on it"
    assert by_logger["razem.test"]["step"] == 2
    assert "RuntimeError: the view failed" in by_logger["django.request"]["exception"]
    assert by_logger["razem.request"]["status"] == 500
    assert by_logger["razem.request"]["level"] == "WARNING"


def test_a_line_outside_a_request_has_no_id(log_lines):
    logging.getLogger("razem.test").warning("from the worker")

    [line] = [line for line in log_lines() if line["logger"] == "razem.test"]
    assert line["request_id"] is None
    assert line["time"].endswith("+00:00")
