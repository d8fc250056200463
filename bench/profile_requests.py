"""Where the time of a request goes: each hot path profiled through Django's production request cycle, per layer.

    uv run python bench/profile_requests.py [--database razem_bench_profile] [--paths home,directory,...]
                                            [--requests 50] [--warmup 5] [--no-prof] [--reuse] [--keep]

What it does:

1. drops and creates the scratch database (``razem_bench_profile`` by default) and loads the Kraków demo exactly as
   ``razem demo --no-serve`` does (migrations, the reference data, every app's demo loader: 200 organizations, the
   bodies, the calendar, the recommendations, the elections, the grants), with ``DATABASE_URL`` of that database;
   then ``createcachetable`` and ``collectstatic`` (the manifest storage of production needs it). ``--reuse`` keeps
   a database an earlier run built (the demo is dated from the day it was loaded: reuse it the same day);
2. sets up Django in this process with the production settings of the other benches (``RAZEM_ENV=production``,
   DEBUG off, persistent connections with health checks, the database cache, the database task backend) and calls
   ``razem.wsgi.application`` itself, as gunicorn's sync worker does: a WSGI environ, ``start_response``, the body
   joined and the response closed (``request_started`` / ``request_finished`` and ``close_old_connections`` run as
   in production; Django's test client would skip them);
3. for each path and each visitor (anonymous, and signed in where it applies), ``--warmup`` requests, then three
   passes of ``--requests`` requests each:

   - **plain**: nothing attached; wall time, CPU time of this process (what a gunicorn worker spends) and the
     queries, counted with ``connection.execute_wrapper`` (cheaper than ``CaptureQueriesContext``, which swaps in
     the debug cursor);
   - **layers**: the layer tracker (below) attached; the time per layer;
   - **cProfile** (unless ``--no-prof``): ``cProfile`` around each request, written to
     ``<work dir>/profile/<path>-<visitor>.prof`` (``uv run snakeviz …`` or ``python -m pstats …``) with a text
     summary beside it (``.txt``: the functions by own time and by cumulative time, and the DB time pstats sees);

4. prints a Markdown table: one row per path and visitor, the mean milliseconds per request of each layer, their
   total, the plain pass's p50 wall and CPU time, and the queries per request; then the middleware by class. The
   tables are also written to ``<work dir>/profile/profile.md``.

The paths: ``home`` (``/``), ``directory`` (``/organizacje/?q=…&dzielnica=…&obszar=…``, a name fragment, a district
and an area taken from the demo's verified organizations, rotating), ``calendar`` (``/kalendarz/``), ``meeting``
(an upcoming public meeting with registration), ``register`` (POST ``/kalendarz/<pk>/zapis/`` for an open meeting
without a seat limit, a fresh person with a fresh session each time; must answer 302 to ``/konto/zapisy/…``),
``cast`` (POST the last step of ``/wybory/<by-election>/glosuj/``, the demo's by-election in its voting phase,
signed in as a fresh representative of an organization of the electorate that has not voted; must answer 200 with
the tracker; the ballot is removed and the elector reset after the request, outside the measurement, so that the
electorate never runs out), ``body`` (``/ciala-dialogu/krdpp/``), ``tracker`` (``/rekomendacje/``) and ``results``
(``/wybory/wybory-krdpp-v-kadencja/wyniki/``). Signed in, the GET pages are requested as the demo's NGO
administrator (prezeska@razem.demo), with a session row and a CSRF cookie as a returning browser has; anonymous
requests carry no cookie (a first visit). Every request sends ``Accept-Language: pl``; POSTs send the CSRF cookie,
the form token and an ``Origin`` header, and the CSRF check is enforced.

How the time is split into layers. cProfile's data (pstats) keeps, per function, its own and cumulative time and
the time per direct caller, but not the stack above: it cannot say that a query ran inside a template tag inside
the view, so it cannot take a nested layer out of the one around it. The layer tracker therefore keeps the stack of
layers itself: with ``sys.monitoring`` (Python 3.12+, its own tool id, beside cProfile's) it asks for the start,
return, yield and resume events of the layers' **entry points only** (about 1,700 code objects; every other
function runs at full speed) and for unwinding frames. Each interval of the request is charged to the layer on top
of the stack; a layer's figure is thus the inclusive time of its entry points minus the layers nested in them, and
the columns add up to the total (the time of the whole WSGI call). The entry points:

- **middleware**: ``__call__``, ``process_request``, ``process_view``, ``process_response``,
  ``process_exception``, ``process_template_response`` of each class in ``settings.MIDDLEWARE``, charged to the
  class of ``self`` (allauth's ``AccountMiddleware`` is charged to allauth);
- **session & user**: the session store (``SessionBase._get_session``, ``load``, ``save``, ``create``, ``exists``,
  ``delete``, ``cycle_key``), ``django.contrib.auth.get_user`` and the lazy ``request.user``, the message storages;
- **allauth**: every function of the ``allauth`` package;
- **rules**: permission checks: ``has_perm`` / ``has_perms`` of users (Django's and razem's ``User``) and of
  ``AnonymousUser``, the template ``perms``, the ``rules`` package, ``razem.core.permissions`` and every app's
  ``rules`` and ``predicates``;
- **context processors**: the processors in ``TEMPLATES`` and what ``razem.core.context_processors.razem`` hands
  lazily to the templates (the navigation ``razem.core.navigation.menu``, the unread notification count);
- **templates**: finding, compiling and rendering templates (``Engine.get_template``, ``Template.__init__``,
  ``Template.render`` of Django and of its backend, ``render_to_string``), including the template tags and the
  form rendering they call;
- **forms**: ``BaseForm.__init__`` / ``full_clean``, the formsets, and every function of the apps' ``forms``;
- **ORM**: the ORM's Python: building querysets (``filter``, ``exclude``, ``annotate``, ``order_by``,
  ``select_related``, ``values``, … and the methods a manager takes from its queryset), running them
  (``QuerySet._fetch_all`` / ``count`` / ``exists`` / ``aggregate`` / ``update`` / ``delete`` / ``bulk_create`` /
  ``bulk_update`` / ``_insert``, ``Model.save`` / ``delete`` / ``refresh_from_db``, the SQL compilers'
  ``execute_sql``, ``prefetch_related_objects``, the deletion collector): compiling SQL and turning rows into model
  instances. Expressions built outside a queryset method (``Q``, ``F``, ``Count``) stay with their caller;
- **DB**: Django's ``CursorWrapper.execute`` / ``executemany`` (the wait for PostgreSQL and psycopg), psycopg's
  ``fetch*``, connecting, the health check, commit and rollback;
- **audit**: ``razem.core.audit``; **tasks**: ``django.tasks``, ``django_tasks_db`` and ``razem.core.tasks``
  (enqueueing; the worker runs the tasks); **notifications**: ``razem.core.notifications`` (notices and the e-mail
  outbox);
- **view & rest**: everything else: the handler and signals, URL resolution, the view's own code
  (``BaseHandler._get_response`` starts it again below the middleware).

The tracker's own callbacks cost a little per entry event (charged mostly to the layer around), so the traced total
is somewhat above the plain pass's; the plain pass gives the figures to compare with other benches, the tracked pass
gives the shares. cProfile slows Python code much more (two to three times), which is why its pass is separate and
only written to files.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from common import (
    WORK_DIR,
    database_exists,
    drop_database,
    percentile,
    production_env,
    recreate_database,
    run_razem,
)

DEFAULT_DATABASE = "razem_bench_profile"
PORT = 8771
PROFILE_DIR = WORK_DIR / "profile"
NGO_ADMIN = "prezeska@razem.demo"
PAST_ELECTION = "wybory-krdpp-v-kadencja"
BY_ELECTION = "wybory-uzupelniajace-krdpp-vi-kadencja"
BODY = "krdpp"
PATHS = ["home", "directory", "calendar", "meeting", "register", "cast", "body", "tracker", "results"]
SIGNED_IN_ONLY = {"register", "cast"}

# The layers, in the order of the table's columns, with their headings.
LAYERS = {
    "middleware": "middleware",
    "session": "session & user",
    "allauth": "allauth",
    "rules": "rules",
    "context": "context processors",
    "templates": "templates",
    "forms": "forms",
    "orm": "ORM",
    "db": "DB",
    "audit": "audit",
    "tasks": "tasks",
    "notifications": "notifications",
    "view": "view & rest",
}
MIDDLEWARE = "<middleware>"  # an entry point whose layer is the class of its ``self``


# The entry points of the layers ----------------------------------------------------------------------------------


def code_tree(code: types.CodeType) -> Iterator[types.CodeType]:
    """A code object and those nested in it (inner functions, lambdas, methods of inner classes)."""
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from code_tree(const)


def function_codes(obj: Any) -> Iterator[types.CodeType]:
    """The code of a function, method, property, rules predicate or django task (unwrapping decorators)."""
    import inspect

    candidates = [obj]
    if isinstance(obj, staticmethod | classmethod):
        candidates = [obj.__func__]
    elif isinstance(obj, property):
        candidates = [obj.fget, obj.fset, obj.fdel]
    else:
        candidates += [getattr(obj, name, None) for name in ("fn", "func", "__wrapped__")]
    for candidate in candidates:
        if isinstance(candidate, types.FunctionType):
            yield from code_tree(inspect.unwrap(candidate).__code__)
        elif hasattr(candidate, "func") and isinstance(getattr(candidate, "func", None), types.FunctionType):
            yield from code_tree(candidate.func.__code__)  # cached_property


def module_codes(module: types.ModuleType) -> Iterator[types.CodeType]:
    """The code of every function and method written in a module's file (not what it imports, nor what Django adds
    to its models, such as ``get_FOO_display``)."""
    filename = getattr(module, "__file__", None)
    for obj in list(vars(module).values()):
        if isinstance(obj, type):
            if obj.__module__ != module.__name__:
                continue
            codes = (code for attribute in list(vars(obj).values()) for code in function_codes(attribute))
        elif getattr(obj, "__module__", None) == module.__name__ or hasattr(obj, "fn") or hasattr(obj, "func"):
            codes = function_codes(obj)
        else:
            continue
        yield from (code for code in codes if code.co_filename == filename)


def modules_matching(pattern: str) -> list[types.ModuleType]:
    return [module for name, module in sorted(sys.modules.items()) if module and re.fullmatch(pattern, name)]


def methods(cls: type, *names: str) -> Iterator[types.CodeType]:
    for name in names:
        function = getattr(cls, name, None)
        if isinstance(function, types.FunctionType):
            yield function.__code__


def entry_points() -> dict[types.CodeType, str]:
    """Code object -> layer. Built after the warm-up, so that every module the paths use is imported; a later
    assignment wins (the middleware of allauth is resolved to allauth at run time)."""
    import django.contrib.auth
    import django.contrib.auth.middleware as auth_middleware
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.context_processors import PermLookupDict, PermWrapper
    from django.contrib.auth.models import AnonymousUser, PermissionsMixin
    from django.contrib.sessions.backends.base import SessionBase
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.handlers.base import BaseHandler
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.backends.postgresql.base import DatabaseWrapper
    from django.db.backends.utils import CursorWrapper
    from django.db.models import Manager, Model
    from django.db.models.deletion import Collector
    from django.db.models.query import QuerySet, prefetch_related_objects
    from django.db.models.sql import compiler
    from django.forms.forms import BaseForm
    from django.forms.formsets import BaseFormSet
    from django.template import base as template_base
    from django.template import loader
    from django.template.backends.django import Template as BackendTemplate
    from django.template.engine import Engine
    from django.utils.module_loading import import_string
    from psycopg import Cursor

    entries: dict[types.CodeType, str] = {}

    def add(layer: str, codes: Iterable[types.CodeType]) -> None:
        for code in codes:
            entries[code] = layer

    add("templates", methods(template_base.Template, "__init__", "render", "_render"))
    add("templates", methods(BackendTemplate, "render"))
    add("templates", methods(Engine, "get_template", "select_template", "from_string", "render_to_string"))
    add("templates", (f.__code__ for f in (loader.get_template, loader.select_template, loader.render_to_string)))
    add("forms", methods(BaseForm, "__init__", "full_clean"))
    add("forms", methods(BaseFormSet, "__init__", "full_clean"))
    for module in modules_matching(r"razem\.(\w+\.)?forms(\.\w+)?"):
        add("forms", module_codes(module))
    add("orm", methods(QuerySet, "_fetch_all", "count", "exists", "contains", "aggregate", "update", "_update",
                       "delete", "_raw_delete", "bulk_create", "bulk_update", "_insert", "_batched_insert",
                       "in_bulk", "iterator", "get_or_create", "update_or_create"))  # fmt: skip
    add("orm", methods(QuerySet, "all", "filter", "exclude", "_filter_or_exclude", "annotate", "alias", "order_by",
                       "select_related", "prefetch_related", "values", "values_list", "only", "defer", "distinct",
                       "select_for_update", "union", "get", "first", "last", "create", "_chain", "_clone"))  # fmt: skip
    add("orm", [Manager.filter.__code__])  # the one code of every method a manager takes from its queryset
    add("orm", methods(Model, "save", "save_base", "delete", "refresh_from_db"))
    add("orm", methods(Collector, "collect", "delete"))
    add("orm", [prefetch_related_objects.__code__])
    for cls in (compiler.SQLCompiler, compiler.SQLInsertCompiler, compiler.SQLUpdateCompiler,
                compiler.SQLDeleteCompiler, compiler.SQLAggregateCompiler):  # fmt: skip
        add("orm", methods(cls, "execute_sql", "results_iter", "has_results"))
    add("db", methods(CursorWrapper, "execute", "executemany", "callproc"))
    add("db", methods(Cursor, "fetchone", "fetchmany", "fetchall", "__iter__"))
    add("db", methods(BaseDatabaseWrapper, "ensure_connection", "connect", "_commit", "_rollback", "close"))
    add("db", methods(DatabaseWrapper, "is_usable", "get_new_connection", "init_connection_state"))
    for path in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]:
        add("context", code_tree(import_string(path).__code__))
    add("context", code_tree(import_string("razem.core.navigation.menu").__code__))
    add("context", code_tree(import_string("razem.core.selectors.unread_notification_count").__code__))
    add("session", methods(SessionBase, "_get_session", "save", "create", "exists", "delete", "cycle_key", "flush"))
    add("session", methods(SessionStore, "load", "save", "create", "exists", "delete"))
    add("session", [django.contrib.auth.get_user.__code__, auth_middleware.get_user.__code__])
    for module in modules_matching(r"django\.contrib\.messages\.storage\.\w+"):
        add("session", module_codes(module))
    add("rules", methods(PermissionsMixin, "has_perm", "has_perms", "has_module_perms"))
    add("rules", methods(AnonymousUser, "has_perm", "has_perms", "has_module_perms"))
    add("rules", methods(get_user_model(), "has_perm", "has_perms", "has_module_perms"))  # razem's override
    add("rules", methods(PermWrapper, "__getitem__", "__contains__"))
    add("rules", methods(PermLookupDict, "__getitem__", "__bool__"))
    for module in modules_matching(r"rules(\..+)?|razem\.core\.permissions|razem\.\w+\.(rules|predicates)"):
        add("rules", module_codes(module))
    for module in modules_matching(r"allauth(\..+)?"):
        add("allauth", module_codes(module))
    add("audit", module_codes(sys.modules["razem.core.audit"]))
    for module in modules_matching(r"django\.tasks(\..+)?|django_tasks_db(\..+)?|razem\.core\.tasks"):
        add("tasks", module_codes(module))
    add("notifications", module_codes(sys.modules["razem.core.notifications"]))
    for path in settings.MIDDLEWARE:
        add(MIDDLEWARE, methods(import_string(path), "__call__", "process_request", "process_view",
                                "process_response", "process_exception", "process_template_response"))  # fmt: skip
    add("view", methods(BaseHandler, "_get_response"))
    return entries


class LayerTracker:
    """Charges each interval of a request to the layer on top of a stack kept from ``sys.monitoring`` events of the
    entry points only (see the module's docstring)."""

    TOOL = 3  # sys.monitoring: 0 debugger, 1 coverage, 2 profiler (cProfile), 5 optimizer; 3 and 4 are free

    def __init__(self, entries: dict[types.CodeType, str]) -> None:
        self.entries = entries
        self.active = False
        self.stack: list[tuple[str, types.CodeType | None]] = []
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.last = self.last_cpu = 0.0
        self.events = 0
        self.classes: dict[type, str] = {}

    def install(self) -> None:
        monitoring = sys.monitoring
        events = monitoring.events
        monitoring.use_tool_id(self.TOOL, "razem-profile")
        monitoring.register_callback(self.TOOL, events.PY_START, self._enter)
        monitoring.register_callback(self.TOOL, events.PY_RESUME, self._enter)
        monitoring.register_callback(self.TOOL, events.PY_RETURN, self._leave)
        monitoring.register_callback(self.TOOL, events.PY_YIELD, self._leave)
        monitoring.register_callback(self.TOOL, events.PY_UNWIND, self._leave)
        local = events.PY_START | events.PY_RESUME | events.PY_RETURN | events.PY_YIELD
        for code in self.entries:
            monitoring.set_local_events(self.TOOL, code, local)
        monitoring.set_events(self.TOOL, events.PY_UNWIND)  # a global event: filtered in the callback

    def uninstall(self) -> None:
        monitoring = sys.monitoring
        monitoring.set_events(self.TOOL, 0)
        for code in self.entries:
            monitoring.set_local_events(self.TOOL, code, 0)
        for event in ("PY_START", "PY_RESUME", "PY_RETURN", "PY_YIELD", "PY_UNWIND"):
            monitoring.register_callback(self.TOOL, getattr(monitoring.events, event), None)
        monitoring.free_tool_id(self.TOOL)

    def start(self) -> None:
        self.wall, self.cpu = defaultdict(float), defaultdict(float)
        self.stack = [("view", None)]
        self.events = 0
        self.active = True
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()

    def stop(self) -> tuple[dict[str, float], dict[str, float], int]:
        """Wall seconds and CPU seconds per layer, and the entry events, of the request since ``start()``."""
        self._charge()
        self.active = False
        return dict(self.wall), dict(self.cpu), self.events

    def _charge(self) -> None:
        now, now_cpu = time.perf_counter(), time.thread_time()
        layer = self.stack[-1][0]
        self.wall[layer] += now - self.last
        self.cpu[layer] += now_cpu - self.last_cpu
        self.last, self.last_cpu = now, now_cpu

    def _middleware_layer(self, frame: Any) -> str:
        cls = type(frame.f_locals.get("self"))
        layer = self.classes.get(cls)
        if layer is None:
            layer = "allauth" if cls.__module__.startswith("allauth") else f"mw:{cls.__name__}"
            self.classes[cls] = layer
        return layer

    def _enter(self, code: types.CodeType, offset: int) -> None:
        if not self.active:
            return
        layer = self.entries[code]
        if layer == MIDDLEWARE:
            layer = self._middleware_layer(sys._getframe(1))
        self._charge()
        self.events += 1
        self.stack.append((layer, code))

    def _leave(self, code: types.CodeType, offset: int, value: object) -> None:
        if not self.active or code not in self.entries:
            return
        self._charge()
        stack = self.stack
        for index in range(len(stack) - 1, 0, -1):  # the innermost frame of this code (a generator may be thrown
            if stack[index][1] is code:  # into and unwind without a matching start: then nothing is popped)
                del stack[index:]
                break


# The requests ----------------------------------------------------------------------------------------------------


class Visitor:
    """How a request is made and checked: ``make()`` returns the WSGI environ (called outside the measurement),
    ``check(status, headers, body)`` whether it answered as it must, ``after()`` what to undo (outside too)."""

    def __init__(self, path: str, signed_in: bool, make: Callable[[], dict], check: Callable[..., str | None],
                 after: Callable[[], None] | None = None) -> None:  # fmt: skip
        self.path, self.signed_in, self.make, self.check, self.after = path, signed_in, make, check, after

    @property
    def name(self) -> str:
        return f"{self.path} {'signed in' if self.signed_in else 'anonymous'}"

    @property
    def slug(self) -> str:
        return f"{self.path}-{'user' if self.signed_in else 'anon'}"


def wsgi_call(environ: dict) -> tuple[int, list[tuple[str, str]], bytes]:
    """What gunicorn's sync worker does with the application: call it, join the body, close the response."""
    from razem.wsgi import application

    answer: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answer[:] = [status, headers]

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close:
            close()
    return int(answer[0].split()[0]), answer[1], body


def expect_page(status: int, headers: list, body: bytes) -> str | None:
    return None if status == 200 else f"{status} {dict(headers).get('Location', '')}"


class Browser:
    """WSGI environs as a browser sends them to ``127.0.0.1:<PORT>``: Polish, the cookies, a CSRF token for POSTs;
    and the signed-in sessions (rows written into the session table, as the other benches do)."""

    def __init__(self) -> None:
        from django.test import RequestFactory

        self.host = f"127.0.0.1:{PORT}"
        self.factory = RequestFactory(HTTP_HOST=self.host, SERVER_PORT=str(PORT))

    @staticmethod
    def session_for(user: Any) -> str:
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return str(session.session_key)

    @staticmethod
    def new_csrf() -> str:
        from django.middleware.csrf import _get_new_csrf_string

        return _get_new_csrf_string()

    @staticmethod
    def cookies(session: str | None, csrf: str | None) -> dict[str, str]:
        parts = ([f"sessionid={session}"] if session else []) + ([f"csrftoken={csrf}"] if csrf else [])
        return {"Cookie": "; ".join(parts)} if parts else {}

    def get(self, path: str, session: str | None = None, csrf: str | None = None) -> dict:
        return self.factory.get(path, headers={"Accept-Language": "pl", **self.cookies(session, csrf)}).environ

    def post(self, path: str, fields: list[tuple[str, Any]], session: str, csrf: str) -> dict:
        headers = {"Accept-Language": "pl", "Origin": f"http://{self.host}", **self.cookies(session, csrf)}
        body = urlencode([("csrfmiddlewaretoken", csrf), *fields])
        return self.factory.post(path, body, content_type="application/x-www-form-urlencoded", headers=headers).environ


def rotate(items: list) -> Callable[[], Any]:
    """The items one after another, over and over."""
    state = {"i": -1}

    def next_item() -> Any:
        state["i"] = (state["i"] + 1) % len(items)
        return items[state["i"]]

    return next_item


def directory_searches() -> list[str]:
    """Searches that find something: a word of a verified organization's name (its first 7 letters), its district
    and one of its areas."""
    from django.db.models import Count

    from razem.organizations.models import Organization

    organizations = (
        Organization.objects.filter(status="verified", district__isnull=False)
        .annotate(n=Count("areas"))
        .filter(n__gt=0)
        .prefetch_related("areas")
        .order_by("pk")
    )
    searches = []
    for organization in organizations[:40]:
        words = [w for w in re.findall(r"\w+", organization.name.lower()) if len(w) >= 5]
        if words:
            area = min(a.pk for a in organization.areas.all())
            query = {"q": words[-1][:7], "dzielnica": organization.district_id, "obszar": area}
            searches.append("/organizacje/?" + urlencode(query))
    assert searches, "the demo has no verified organizations with a district and an area"
    return searches


def registration_visitor(browser: Browser) -> Visitor:
    """A fresh person (and session) registers for an open public meeting without a seat limit."""
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from razem.accounts.models import User
    from razem.events.models import Meeting

    now = timezone.now()
    meeting = (
        Meeting.objects.filter(status=Meeting.Status.PUBLISHED, visibility=Meeting.Visibility.PUBLIC,
                               registration_enabled=True, registration_opens_at__lte=now,
                               registration_closes_at__gt=now, capacity__isnull=True)
        .annotate(q=Count("questions")).filter(q=0).order_by("starts_at").first()
    )  # fmt: skip
    assert meeting, "the demo has no open meeting without a seat limit"
    url = reverse("events:register", args=[meeting.pk])
    unusable = make_password(None)
    counter = iter(range(10**9))

    def make() -> dict:
        n = next(counter)
        person = User.objects.create(email=f"profil-zapis-{n:05d}-{time.time_ns()}@bench.example.org",
                                     full_name=f"Osoba Profilowa {n}", password=unusable)  # fmt: skip
        return browser.post(url, [], browser.session_for(person), browser.new_csrf())

    def check(status: int, headers: list, body: bytes) -> str | None:
        location = dict(headers).get("Location", "")
        return None if status == 302 and "/konto/zapisy/" in location else f"{status} {location}"

    return Visitor("register", True, make, check)


def cast_visitor(browser: Browser) -> Visitor:
    """The representative of an organization of the by-election's electorate that has not voted casts its ballot.
    One new representative per such organization; after each cast the ballot is deleted and the elector reset
    (outside the measurement), so the organizations take their turns again."""
    from django.contrib.auth.hashers import make_password
    from django.urls import reverse

    from razem.accounts.models import User
    from razem.elections.models import Ballot, Candidacy, Election, Elector
    from razem.organizations.models import Membership

    election = Election.objects.get(slug=BY_ELECTION)
    accepted = Candidacy.objects.filter(election=election, status=Candidacy.Status.ACCEPTED)
    candidacies = list(accepted.order_by("pk").values_list("pk", flat=True))
    electors = list(Elector.objects.filter(election=election, voted_at__isnull=True).order_by("pk"))
    assert electors and candidacies, "the demo's by-election has no elector left to vote"
    unusable = make_password(None)
    voters = User.objects.bulk_create(
        User(email=f"profil-glos-{e.pk}-{time.time_ns()}@bench.example.org", full_name=f"Przedstawiciel {e.pk}",
             password=unusable)
        for e in electors
    )  # fmt: skip
    Membership.objects.bulk_create(
        Membership(organization_id=e.organization_id, user=u, role="representative", status="active")
        for e, u in zip(electors, voters, strict=True)
    )
    sessions = [(browser.session_for(u), browser.new_csrf()) for u in voters]
    url = reverse("elections:vote", args=[election.slug])
    pick = rotate(list(range(len(electors))))
    state: dict[str, int] = {}

    def make() -> dict:
        i = pick()
        elector, (session, csrf) = electors[i], sessions[i]
        last = Ballot.objects.order_by("-pk").values_list("pk", flat=True).first()
        state.update(elector=elector.pk, ballot=last or 0)
        marks = [("choices", pk) for pk in candidacies[i % len(candidacies) :][: election.max_marks]]
        return browser.post(url, [("organization", elector.organization_id), ("step", "cast"), *marks], session, csrf)

    def check(status: int, headers: list, body: bytes) -> str | None:
        return None if status == 200 and b'id="tracker"' in body else f"{status} {body[:200]!r}"

    def undo() -> None:
        Ballot.objects.filter(election=election, pk__gt=state["ballot"]).delete()
        Elector.objects.filter(pk=state["elector"]).update(voted_at=None, channel="", recorded_by=None)

    return Visitor("cast", True, make, check, undo)


def build_visitors(paths: list[str]) -> list[Visitor]:
    """The visitors of the chosen paths (``home``, or ``home:anon`` / ``home:user`` for one of them), with what
    they need in the database. Signed in, the GET pages are seen by the demo's NGO administrator."""
    from django.urls import reverse
    from django.utils import timezone

    from razem.accounts.models import User
    from razem.events.models import Meeting

    browser = Browser()
    admin = User.objects.get(email=NGO_ADMIN)
    admin_session, admin_csrf = browser.session_for(admin), browser.new_csrf()
    meeting = (
        Meeting.objects.filter(status=Meeting.Status.PUBLISHED, visibility=Meeting.Visibility.PUBLIC,
                               registration_enabled=True, capacity__isnull=False, starts_at__gt=timezone.now())
        .order_by("starts_at").first()
    )  # fmt: skip
    assert meeting, "the demo has no upcoming public meeting with registration"
    pages: dict[str, Callable[[], str]] = {
        "home": lambda: reverse("core:home"),
        "directory": rotate(directory_searches()),
        "calendar": lambda: reverse("events:calendar"),
        "meeting": meeting.get_absolute_url,
        "body": lambda: reverse("bodies:detail", args=[BODY]),
        "tracker": lambda: reverse("recommendations:tracker"),
        "results": lambda: reverse("elections:results", args=[PAST_ELECTION]),
    }

    def wanted(path: str, signed_in: bool) -> bool:
        return path in paths or f"{path}:{'user' if signed_in else 'anon'}" in paths

    visitors = []
    for path in PATHS:
        if path in pages:
            page = pages[path]
            if wanted(path, False):
                visitors.append(Visitor(path, False, lambda page=page: browser.get(page()), expect_page))
            if wanted(path, True):
                make = lambda page=page: browser.get(page(), admin_session, admin_csrf)  # noqa: E731
                visitors.append(Visitor(path, True, make, expect_page))
        elif path == "register" and wanted(path, True):
            visitors.append(registration_visitor(browser))
        elif path == "cast" and wanted(path, True):
            visitors.append(cast_visitor(browser))
    return visitors


# The passes ------------------------------------------------------------------------------------------------------


def run_once(visitor: Visitor, around: Callable[[Callable[[], Any]], Any] | None = None) -> Any:
    environ = visitor.make()
    if around is None:
        status, headers, body = wsgi_call(environ)
        extra = None
    else:
        extra, (status, headers, body) = around(lambda: wsgi_call(environ))
    problem = visitor.check(status, headers, body)
    if problem:
        raise SystemExit(f"{visitor.name}: unexpected answer {problem}")
    if visitor.after:
        visitor.after()
    return extra, body


def plain_pass(visitor: Visitor, requests: int) -> dict[str, Any]:
    from django.db import connection

    walls, cpus, queries, sizes = [], [], [], []

    def measured(call: Callable[[], Any]) -> tuple[tuple[float, float, int], Any]:
        count = [0]

        def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            started, started_cpu = time.perf_counter(), time.process_time()
            result = call()
            wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        return (wall, cpu, count[0]), result

    for _ in range(requests):
        (wall, cpu, count), body = run_once(visitor, measured)
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
        queries.append(count)
        sizes.append(len(body))
    walls.sort()
    cpus.sort()
    return {
        "p50": percentile(walls, 50),
        "p95": percentile(walls, 95),
        "cpu50": percentile(cpus, 50),
        "queries": sorted(set(queries)),
        "bytes": statistics.median(sizes),
    }


def layer_pass(visitor: Visitor, requests: int, tracker: LayerTracker) -> dict[str, Any]:
    """The mean milliseconds per request of each layer, wall and CPU, and the mean entry events."""
    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    events = 0

    def traced(call: Callable[[], Any]) -> tuple[Any, Any]:
        tracker.start()
        try:
            result = call()
        finally:
            layers = tracker.stop()
        return layers, result

    for _ in range(requests):
        (request_wall, request_cpu, request_events), _body = run_once(visitor, traced)
        for layer, seconds in request_wall.items():
            wall[layer] += seconds * 1000 / requests
        for layer, seconds in request_cpu.items():
            cpu[layer] += seconds * 1000 / requests
        events += request_events
    return {"wall": dict(wall), "cpu": dict(cpu), "events": events / requests}


def profile_pass(visitor: Visitor, requests: int) -> Path:
    from django.db.backends.utils import CursorWrapper

    profiler = cProfile.Profile()

    def profiled(call: Callable[[], Any]) -> tuple[None, Any]:
        profiler.enable()
        try:
            return None, call()
        finally:
            profiler.disable()

    for _ in range(requests):
        run_once(visitor, profiled)
    target = PROFILE_DIR / f"{visitor.slug}.prof"
    profiler.dump_stats(target)
    out = io.StringIO()
    stats = pstats.Stats(str(target), stream=out)
    execute = [
        value[3]
        for key, value in stats.stats.items()  # type: ignore[attr-defined]
        if key[2] in {"execute", "executemany"} and key[0] == CursorWrapper.execute.__code__.co_filename
    ]
    out.write(f"{visitor.name}: {requests} requests under cProfile; CursorWrapper.execute/executemany cumulative "
              f"{sum(execute) * 1000 / requests:.1f} ms per request (cProfile's overhead included)\n")  # fmt: skip
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    target.with_suffix(".txt").write_text(out.getvalue())
    return target


# The tables ------------------------------------------------------------------------------------------------------


def grouped(layers: dict[str, float]) -> dict[str, float]:
    """The middleware classes summed into one layer."""
    result: dict[str, float] = defaultdict(float)
    for layer, ms in layers.items():
        result["middleware" if layer.startswith("mw:") else layer] += ms
    return result


def tables(rows: list[tuple[Visitor, dict[str, Any], dict[str, Any]]]) -> str:
    heading = ["path", *LAYERS.values(), "CPU total", "DB wall", "plain CPU p50", "plain wall p50", "queries"]
    lines = ["| " + " | ".join(heading) + " |", "|" + " --- |" * len(heading)]
    for visitor, layers, plain in rows:
        cpu = grouped(layers["cpu"])
        cells = [f"{cpu.get(layer, 0.0):.1f}" for layer in LAYERS]
        queries = "–".join(dict.fromkeys(str(q) for q in (plain["queries"][0], plain["queries"][-1])))
        lines.append(
            f"| {visitor.name} | " + " | ".join(cells) + f" | **{sum(cpu.values()):.1f}** | "
            f"{layers['wall'].get('db', 0.0):.1f} | {plain['cpu50']:.1f} | {plain['p50']:.1f} | {queries} |"
        )
    classes = sorted({layer for _v, layers, _p in rows for layer in layers["cpu"] if layer.startswith("mw:")})
    lines += ["", "Middleware by class (CPU ms per request, tracked pass):", ""]
    lines += ["| path | " + " | ".join(c[3:] for c in classes) + " |", "|" + " --- |" * (len(classes) + 1)]
    for visitor, layers, _plain in rows:
        lines.append(f"| {visitor.name} | " + " | ".join(f"{layers['cpu'].get(c, 0.0):.2f}" for c in classes) + " |")
    return "\n".join(lines)


def biggest(rows: list[tuple[Visitor, dict[str, Any], dict[str, Any]]], top: int = 3) -> str:
    lines = []
    for visitor, layers, _plain in rows:
        cpu = grouped(layers["cpu"])
        total = sum(cpu.values())
        best = sorted(cpu.items(), key=lambda item: -item[1])[:top]
        shares = ", ".join(f"{LAYERS[k]} {v / total:.0%} ({v:.1f} ms)" for k, v in best)
        lines.append(f"- {visitor.name}: {shares} of {total:.1f} ms CPU")
    return "\n".join(lines)


# Main ------------------------------------------------------------------------------------------------------------


def build_database(name: str, env: dict[str, str]) -> None:
    """The database of ``razem demo --no-serve``, then what production needs besides (cache table, static files)."""
    log = PROFILE_DIR / "build.log"
    log.write_text("")
    recreate_database(name)
    started = time.perf_counter()
    run_razem("demo", "--no-serve", env={**env, "RAZEM_ENV": "demo"}, log=log)
    run_razem("createcachetable", env=env, log=log)
    run_razem("collectstatic", "--noinput", env=env, log=log)
    print(f"Built {name}: the Kraków demo, cache table, static files in {time.perf_counter() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--paths", default=",".join(PATHS), help=f"of {', '.join(PATHS)}; 'home:anon' or 'home:user' for one visitor"
    )
    parser.add_argument("--requests", type=int, default=50, help="profiled requests per path and pass (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="requests before the measured ones (default 5)")
    parser.add_argument("--no-prof", action="store_true", help="skip the cProfile pass and its .prof files")
    parser.add_argument("--reuse", action="store_true", help="use the database an earlier run built, if it exists")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    unknown = [p for p in paths if p.split(":")[0] not in PATHS or p.split(":")[1:] not in ([], ["anon"], ["user"])]
    if unknown:
        parser.error(f"unknown paths: {', '.join(unknown)}")

    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    env = production_env(args.database, port=PORT, work_dir=PROFILE_DIR)
    # Each request is rendered: an anonymous one would otherwise be answered by the page cache after the first
    # (bench/public_pages.py measures that). The cache server stays, as in production (rate limits, figures).
    env["RAZEM_PAGE_CACHE_SECONDS"] = "0"
    if not (args.reuse and database_exists(args.database)):
        build_database(args.database, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    assert not settings.DEBUG and settings.ENV == "production"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Profiling {', '.join(paths)}: {args.warmup} warm-up and {args.requests} requests per pass; "
          f"load average {load}")  # fmt: skip
    visitors = build_visitors(paths)
    for visitor in visitors:
        for _ in range(args.warmup):
            run_once(visitor)
    tracker = LayerTracker(entry_points())
    rows = []
    for visitor in visitors:
        plain = plain_pass(visitor, args.requests)
        tracker.install()
        try:
            layers = layer_pass(visitor, args.requests, tracker)
        finally:
            tracker.uninstall()
        prof = None if args.no_prof else profile_pass(visitor, args.requests)
        print(f"  {visitor.name}: plain p50 {plain['p50']:.1f} ms, CPU p50 {plain['cpu50']:.1f} ms, "
              f"{plain['queries']} queries, {plain['bytes'] / 1024:.0f} KB; tracked CPU "
              f"{sum(layers['cpu'].values()):.1f} ms, wall {sum(layers['wall'].values()):.1f} ms, "
              f"{layers['events']:.0f} entry events{f'; {prof}' if prof else ''}", flush=True)  # fmt: skip
        rows.append((visitor, layers, plain))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    report = (
        f"Milliseconds per request ({args.requests} requests per path after {args.warmup} to warm up). Layers: mean CPU"
        f" time of the tracked pass; DB wall: its mean wall time in the DB layer (waiting for PostgreSQL included);"
        f" plain: p50 of the untracked pass, this process's CPU and wall. Load average at the end {load}\n\n"
        + tables(rows)
        + "\n\nThe three biggest layers per path:\n\n"
        + biggest(rows)
        + "\n"
    )
    print("\n" + report)
    (PROFILE_DIR / "profile.md").write_text(report)
    if not args.keep:
        connections.close_all()
        drop_database(args.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
