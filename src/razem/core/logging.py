"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

``RequestLogMiddleware`` (razem.core.middleware) gives every request an id (the ``X-Request-ID`` a trusted proxy
sent, else a new one), keeps it in a context variable for the duration of the request, returns it in the response's
``X-Request-ID`` header and writes one ``razem.request`` line when the response is ready. ``JsonFormatter`` puts the
id on every line logged while the request runs, whichever logger wrote it.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import re
import traceback
import uuid
from contextvars import ContextVar
from typing import Any

from django.conf import settings

request_id: ContextVar[str | None] = ContextVar("razem_request_id", default=None)

# An id from the proxy is kept only when it looks like one: no spaces, no control characters, not too long.
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

# The attributes every LogRecord has; anything else on a record came from ``extra=`` and goes into the line.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_request_id(value: str | None) -> str | None:
    return value if value and _ACCEPTABLE_ID.fullmatch(value) else None


def hashed_user_id(pk: object) -> str:
    """A stable pseudonym of an account for the logs: the same person is the same value across lines, and the
    value says nothing without the server's secret."""
    return hmac.new(settings.SECRET_KEY.encode(), f"razem.log.user:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id, the record's extra fields, and the
    exception's traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in line and not key.startswith("_") and key != "request":
                line[key] = value
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain text for a console (local runs), with ``%(request_id)s`` available to the format ("-" outside a
    request). The record is left as it was: other handlers see it unchanged."""

    def format(self, record: logging.LogRecord) -> str:
        if "request_id" in record.__dict__:
            return super().format(record)
        record.request_id = request_id.get() or "-"  # type: ignore[attr-defined]
        try:
            return super().format(record)
        finally:
            del record.request_id  # type: ignore[attr-defined]
