"""The anonymous page cache: a public page rendered once per language serves every anonymous visitor until the data
it shows changes.

**What is cached.** A GET from a visitor with no session cookie and no message cookie (so nobody signed in and
nothing personal can be on the page), not an htmx partial, whose path and query string are short (a hostile query
string never makes an unbounded key: longer ones are simply not cached), answered 200 with a complete body, no
cookie of its own, no modified session, and no ``Cache-Control`` of ``private``, ``no-cache`` or ``no-store``
(``django.views.decorators.cache.never_cache`` keeps a view out). One entry per scheme, host, language, path and
query string.

**What stays per response.** The CSP nonce and the CSRF token: when a page is stored, both are replaced by
placeholders; when it is served, the visitor gets a fresh nonce (the CSP middleware puts it in the header) and a
token masked from their own CSRF cookie (set if they have none), exactly as a rendered page would.

**Invalidation, by table.** Every SQL statement passes a database execute wrapper (installed on each connection):
an INSERT, UPDATE or DELETE gives the table a new *generation* (a fresh random value in the cache) when its
transaction commits (at once in autocommit); while a page is rendered for the cache, the tables its SELECTs read
are noted. The entry keeps the generations those tables had *before* the page read them; it is served only while
all of them are unchanged. So a change shows at once, and a page is never invalidated by a write to a table it does
not read. A write the wrapper cannot parse, and any schema change, renews the generation of every table. Data not
in the database (the clock: a call that closes at noon) is bounded by the entry's lifetime,
``RAZEM_PAGE_CACHE_SECONDS``.

**Stampede.** The first request to miss takes a short lock and renders; the others wait for its entry (up to
``_WAIT``) and render themselves only if it does not come.

**A cache server that is down or slow** (razem.core.cache.FailSoftRedisCache answers a miss) makes every request a
miss: pages are rendered as without the cache, never stale, never an error.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]

logger = logging.getLogger(__name__)

PREFIX = "razem:pc"
ALL_TABLES = "*"  # renewed by a write the wrapper cannot name, or a schema change: every entry depends on it
NONCE_MARK = "@@razem-csp-nonce@@"
CSRF_MARK = "@@razem-csrf-token@@"
MAX_PATH = 300
MAX_QUERY = 300
MAX_PARAMS = 10
MAX_BODY = 2 * 1024 * 1024
_WAIT = 1.0  # seconds a request waits for another one rendering the same page
_LOCK_SECONDS = 10
HEADER = "X-Razem-Cache"

# Tables whose writes never change a page: the cache's own table (DatabaseCache) and the sessions.
_IGNORED_TABLES = {"django_session"}

_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I)
_SCHEMA = re.compile(r"^\s*(?:CREATE|ALTER|DROP|TRUNCATE)\b", re.I)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.I)
_WITH = re.compile(r"^\s*WITH\b", re.I)
_DML = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b", re.I)
_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")

# The tables read while a page is rendered for the cache (None outside such a render).
_reading: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("razem_pagecache_reading", default=None)


_bypassed = 0


def enabled() -> bool:
    return getattr(settings, "RAZEM_PAGE_CACHE_SECONDS", 0) > 0


@contextlib.contextmanager
def bypassed() -> Iterator[None]:
    """Pages rendered inside are neither served from nor stored in the cache; writes still renew it. For measuring a
    page as it is rendered (the tests' query counts)."""
    global _bypassed
    _bypassed += 1
    try:
        yield
    finally:
        _bypassed -= 1


def _cache() -> Any:
    return caches[getattr(settings, "RAZEM_PAGE_CACHE_ALIAS", "default")]


def _ignored() -> set[str]:
    ignored = set(_IGNORED_TABLES)
    for alias_settings in settings.CACHES.values():
        if str(alias_settings.get("BACKEND", "")).endswith("DatabaseCache"):
            ignored.add(str(alias_settings.get("LOCATION", "")))
    return ignored


# --- generations -------------------------------------------------------------------------------------------------


def _generation_key(table: str) -> str:
    return f"{PREFIX}:g:{table}"


def _new_generation() -> str:
    return secrets.token_hex(8)


def renew(tables: Iterable[str]) -> None:
    """Give each table a new generation: every cached page that read one of them is stale from now on.

    A fresh random value, not a counter: no lost update between two writers, and a generation evicted from the
    cache never comes back as an old value an entry could still match.
    """
    cache = _cache()
    try:
        cache.set_many({_generation_key(table): _new_generation() for table in tables}, None)
    except (
        Exception
    ):  # a cache server down: FailSoftRedisCache already answers; any other backend must not fail a write
        logger.warning("page cache: could not renew %s", ", ".join(tables), exc_info=True)


def generations(tables: Iterable[str]) -> dict[str, str]:
    """The current generation of each table; a table with none gets one now (stored with ``add``, so two requests
    agree)."""
    tables = list(tables)
    cache = _cache()
    keys = {_generation_key(table): table for table in tables}
    found = cache.get_many(list(keys))
    current = {keys[key]: value for key, value in found.items()}
    for key, table in keys.items():
        if table not in current:
            fresh = _new_generation()
            current[table] = fresh if cache.add(key, fresh, None) else (cache.get(key) or fresh)
    return current


@functools.cache
def _all_tables() -> list[str]:
    names = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return sorted(names - _ignored())


# --- the execute wrapper -----------------------------------------------------------------------------------------


def _written_tables(text: str) -> list[str]:
    """The tables a statement writes: one named table, every table for a schema change or a write it cannot name,
    none for a read or a transaction statement."""
    match = _WRITE.match(text)
    if match:
        return [match.group(1)]
    if _SCHEMA.match(text) or (_WITH.match(text) and _DML.search(text)):
        return [ALL_TABLES]
    return []


class _Renewal:
    """Renews, after the commit, the tables a transaction wrote (one callback per transaction)."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self) -> None:
        if self.tables:
            renew(self.tables)


class _Tracker:
    """Notes the tables each statement reads (while a page is rendered for the cache) and writes (always)."""

    def __init__(self, connection: Any) -> None:
        # The wrapper itself, not its alias: Django's own ``__no_db__`` connection (creating a test database) is
        # not in ``connections``.
        self.connection = connection
        self.ignored = _ignored()

    def __call__(self, execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: Any) -> Any:
        reading = _reading.get()
        if reading is None and not enabled():
            return execute(sql, params, many, context)
        text = sql if isinstance(sql, str) else str(sql)
        if reading is not None:
            reading.update(_READ.findall(text))
        result = execute(sql, params, many, context)
        if enabled():
            tables = [table for table in _written_tables(text) if table not in self.ignored]
            if tables:
                self._written(tables)
        return result

    def _written(self, tables: list[str]) -> None:
        connection = self.connection
        if connection.in_atomic_block:
            # After the commit, once for every table the transaction wrote: other connections see the change only
            # then, and a page rendered before it read the data as it was. A rollback drops the callback with it.
            callbacks = [entry[1] for entry in connection.run_on_commit]  # (savepoint ids, callback, robust)
            pending = next((f for f in callbacks if isinstance(f, _Renewal)), None)
            if pending is None:
                pending = _Renewal()
                connection.on_commit(pending)
                if not any(entry[1] is pending for entry in connection.run_on_commit):
                    renew(tables)  # run at once (the tests' commit-like-production outside a service transaction)
                    return
            pending.tables.update(tables)
            return
        renew(tables)


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    if not any(isinstance(wrapper, _Tracker) for wrapper in connection.execute_wrappers):
        connection.execute_wrappers.append(_Tracker(connection))


def connect() -> None:
    """Track every database connection (called from CoreConfig.ready, before the first one opens)."""
    connection_created.connect(install, dispatch_uid="razem.core.pagecache.install")


# --- the middleware ----------------------------------------------------------------------------------------------


def _key(request: HttpRequest) -> str | None:
    """The entry's key, or None when the request is not one the cache answers."""
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    query = request.META.get("QUERY_STRING", "")
    path = request.path
    if len(path) > MAX_PATH or len(query) > MAX_QUERY or query.count("&") >= MAX_PARAMS:
        return None
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    raw = "\n".join([request.scheme or "", request.get_host(), language, path, query])
    return f"{PREFIX}:p:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _private(response: HttpResponse) -> bool:
    directives = {d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-cache", "no-store"})


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies or _private(response):
        return False
    if len(response.content) > MAX_BODY or response.get("Vary", "").strip() == "*":
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = request.__dict__.get("user")
    return not (user is not None and getattr(user, "is_authenticated", False))


def _nonce(request: HttpRequest) -> str | None:
    nonce = getattr(request, "_csp_nonce", None)
    return str(nonce) if nonce else None


def _with_marks(request: HttpRequest, content: str) -> str:
    nonce = _nonce(request)
    if nonce:
        content = content.replace(nonce, NONCE_MARK)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        content = _TOKEN.sub(lambda m: CSRF_MARK if _unmask_cipher_token(m.group(0)) == secret else m.group(0), content)
    return content


def _without_marks(request: HttpRequest, content: str) -> str:
    if NONCE_MARK in content:
        content = content.replace(NONCE_MARK, str(request._csp_nonce))  # type: ignore[attr-defined]
    if CSRF_MARK in content:
        content = content.replace(CSRF_MARK, get_token(request))
    return content


class PageCacheMiddleware:
    """Serves and stores anonymous public pages (see the module's docstring). After CsrfViewMiddleware (a served page
    gets the visitor's token) and before AuthenticationMiddleware (a served page loads no user)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request) if enabled() and not _bypassed else None
        if key is None:
            return self.get_response(request)
        cache = _cache()
        served = self._serve(request, cache, key)
        if served is not None:
            return served
        lock = key + ":lock"
        if not cache.add(lock, 1, _LOCK_SECONDS):
            served = self._wait(request, cache, key)
            if served is not None:
                return served
            lock = ""
        try:
            return self._render(request, cache, key)
        finally:
            if lock:
                cache.delete(lock)

    def _serve(self, request: HttpRequest, cache: Any, key: str) -> HttpResponse | None:
        entry = cache.get(key)
        if not entry:
            return None
        depends = entry["depends"]
        if generations(depends) != depends:
            return None
        response = HttpResponse(_without_marks(request, entry["content"]), status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return response

    def _wait(self, request: HttpRequest, cache: Any, key: str) -> HttpResponse | None:
        waited = 0.0
        while waited < _WAIT:
            time.sleep(0.02)
            waited += 0.02
            served = self._serve(request, cache, key)
            if served is not None:
                return served
            if not cache.get(key + ":lock"):
                return None
        return None

    def _render(self, request: HttpRequest, cache: Any, key: str) -> HttpResponse:
        # The generations before the page reads anything: a write committed while it renders makes the entry stale.
        before = generations([*_all_tables(), ALL_TABLES])
        read: set[str] = set()
        token = _reading.set(read)
        try:
            response = self.get_response(request)
        finally:
            _reading.reset(token)
        if _storable(request, response):
            charset = response.charset or "utf-8"
            try:
                content = response.content.decode(charset)
            except UnicodeDecodeError:
                return response
            depends = {table: before[table] for table in read if table in before}
            depends[ALL_TABLES] = before[ALL_TABLES]
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in ("set-cookie", HEADER.lower())
            ]
            entry = {"content": _with_marks(request, content), "status": 200, "headers": headers, "depends": depends}
            cache.set(key, entry, settings.RAZEM_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response
