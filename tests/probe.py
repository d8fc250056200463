"""Probing the whole site: every pattern of the URL conf, a same-site crawler, and a URL mapped back to its pattern.

Shared by the permission matrix (``tests/core/test_url_matrix.py``) and the fuzz/XSS tests. The API:

- ``url_patterns()``: every pattern of ``razem.urls`` as a ``Pattern`` (full route, key, name, default kwargs,
  parameter names, view);
- ``resolve(url)``: the key of the pattern a concrete URL belongs to (``"ns:name"``, or the route when the pattern
  has no name), ``None`` when nothing matches;
- ``parameterless_urls()``: ``{url: key}`` of every named pattern that needs no parameter (good start URLs);
- ``derive(pattern, known_urls)``: a URL of a pattern no link reached, built from the parameters of known URLs;
- ``links(response, base, post=False)``: the same-site URLs a page points to (``<a href>``, GET forms, ``hx-get``,
  ``<img src>``), or with ``post=True`` the actions of its POST forms;
- ``crawl(client, start_urls, limit=..., per_pattern=...)``: follow those links as the client's person, with GET
  only, and return a ``Crawl`` (a dict ``{url: response}``, plus ``.discovered``: every URL seen, with its key,
  and ``.post_actions``: the POST form actions seen, never requested).

A key is what the tables use to name a pattern: ``Pattern.key`` and ``resolve()`` always agree.
"""

import dataclasses
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.http import HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404

# Patterns the crawler never requests: they change the session (logout, the language switch) when followed.
SKIP_NAMES: frozenset[str] = frozenset({"account_logout", "admin:logout", "set_language"})

# Path prefixes that are files, not pages.
SKIP_PREFIXES: tuple[str, ...] = (settings.STATIC_URL, settings.MEDIA_URL)

# A response body larger than this is not kept in memory by the crawler (it keeps the status only).
MAX_BODY = 2_000_000

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>|\(\?P<(?P<re_name>\w+)>")


@dataclasses.dataclass(frozen=True)
class Pattern:
    """One URL pattern of the URL conf.

    ``route`` is the full route, the prefixes of the includes joined (``"organizacje/<int:pk>/czlonkowie/"``; a
    regular-expression pattern keeps its ``^``/``$`` parts); ``name`` is ``"namespace:name"`` or ``None``;
    ``key`` is the name, or the route when there is no name; ``kwargs`` the default keyword arguments of the
    pattern (``{"document_root": ...}`` of the media server); ``parameters`` the names of the captured parts
    (``("pk", "membership_pk")``); ``view`` the dotted path of the view function or class."""

    route: str
    name: str | None
    kwargs: dict[str, Any]
    parameters: tuple[str, ...]
    view: str

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def app(self) -> str:
        """The namespace (``"organizations_staff"``), or ``""`` for a pattern outside every namespace."""
        return self.name.rpartition(":")[0] if self.name else ""


def _view_path(callback: Callable[..., Any]) -> str:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return f"{getattr(view, '__module__', '')}.{getattr(view, '__qualname__', repr(view))}"


def _walk(patterns: Iterable[Any], prefix: str, namespace: str | None) -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            parameters = tuple(m["name"] or m["re_name"] for m in _PARAMETER.finditer(route))
            yield Pattern(route, name, dict(entry.default_args), parameters, _view_path(entry.callback))


def url_patterns(urlconf: str | None = None) -> list[Pattern]:
    """Every pattern of the URL conf (``razem.urls`` by default), in the order Django tries them."""
    return list(_walk(get_resolver(urlconf).url_patterns, "", None))


def resolve(url: str) -> str | None:
    """The key of the pattern ``url`` (a path, with or without query, or an absolute same-site URL) resolves to."""
    from django.urls import resolve as django_resolve

    try:
        match = django_resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


def parameterless_urls(patterns: Iterable[Pattern] | None = None) -> dict[str, str]:
    """``{url: key}`` of the named patterns that take no parameter (``reverse()`` works without arguments):
    start URLs that reach the pages no link points to (forms reached by a button, the admin)."""
    from django.urls import NoReverseMatch, reverse

    found: dict[str, str] = {}
    for pattern in url_patterns() if patterns is None else patterns:
        if pattern.name and not pattern.parameters:
            try:
                found[reverse(pattern.name)] = pattern.key
            except NoReverseMatch:
                continue
    return found


def derive(pattern: Pattern, known: Iterable[str]) -> str | None:
    """A concrete URL of ``pattern`` built from the values captured in ``known`` URLs (the ``pk`` of ``/umowy/5/``
    gives ``/umowy/5/skan/``). A known URL gives its values only when its route begins as the pattern's route does
    up to the pattern's last parameter (so that a ``pk`` means the same kind of object); the first such URL in
    ``known`` is used. ``None`` when there is none, or the pattern has no name, or it is in ``SKIP_NAMES``."""
    from django.urls import NoReverseMatch, reverse
    from django.urls import resolve as django_resolve

    if not pattern.name or pattern.name in SKIP_NAMES:
        return None
    if not pattern.parameters:
        return reverse(pattern.name) if pattern.name in parameterless_urls().values() else None
    last = list(_PARAMETER.finditer(pattern.route))[-1]
    stem = pattern.route[: last.end()]
    for url in known:
        try:
            match = django_resolve(urlsplit(url).path)
        except Resolver404:
            continue
        if not match.route.startswith(stem) or not set(pattern.parameters) <= set(match.kwargs):
            continue
        try:
            return reverse(pattern.name, kwargs={p: match.kwargs[p] for p in pattern.parameters})
        except NoReverseMatch:
            continue
    return None


# Links -------------------------------------------------------------------------------------------------------------


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.post_actions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if tag == "a" and "href" in a:
            self.found.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "get":
            self.found.append(a.get("action", "") or "")
        elif tag == "form":
            self.post_actions.append(a.get("action", "") or "")
        elif tag in {"img", "iframe"} and "src" in a:
            self.found.append(a["src"])
        if "hx-get" in a:
            self.found.append(a["hx-get"])


def is_page(url: str) -> bool:
    """Whether the crawler may request ``url``: same site, not a file under static/media, not a skipped pattern."""
    parts = urlsplit(url)
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in {"", "testserver"}:
        return False
    if parts.path.startswith(SKIP_PREFIXES):
        return False
    return resolve(parts.path) not in SKIP_NAMES


def _parse(response: HttpResponseBase) -> _LinkParser:
    parser = _LinkParser()
    if not getattr(response, "streaming", False) and "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode(response.charset or "utf-8", errors="replace"))
    return parser


def links(response: HttpResponseBase, base: str = "/", *, post: bool = False) -> list[str]:
    """The same-site URLs an HTML response points to, absolute paths with their query, without fragments.

    ``base`` is the URL the response was fetched from (relative links and ``action=""`` are resolved against
    it). Non-HTML responses have no links. ``post=True``: the actions of the page's POST forms instead."""
    parser = _parse(response)
    found: list[str] = []
    for raw in parser.post_actions if post else parser.found:
        url = urljoin(base, raw.strip()).split("#", 1)[0]
        parts = urlsplit(url)
        if not is_page(url):
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if local not in found:
            found.append(local)
    return found


# Crawling ----------------------------------------------------------------------------------------------------------


class Crawl(dict[str, HttpResponseBase]):
    """``{url: response}`` of the pages the crawler requested, in the order it requested them.

    ``discovered``: every URL seen (requested or not), ``{url: pattern key}``, in the order seen;
    ``post_actions``: the actions of the POST forms on the requested pages, ``{url: pattern key}`` (never
    requested by the crawler); ``by_pattern()``: the discovered URLs grouped by key."""

    def __init__(self) -> None:
        super().__init__()
        self.discovered: dict[str, str | None] = {}
        self.post_actions: dict[str, str | None] = {}

    def by_pattern(self) -> dict[str | None, list[str]]:
        grouped: dict[str | None, list[str]] = {}
        for url, key in self.discovered.items():
            grouped.setdefault(key, []).append(url)
        return grouped


def _keep_small(response: HttpResponseBase) -> None:
    if getattr(response, "streaming", False):
        # A file download: the status is what matters, the file is not read. Closing it fires request_finished,
        # whose close_old_connections would close the test's database connection on PostgreSQL (its transaction is
        # open): disconnected here as Django's test client does when it closes a response it read to the end.
        from django.core.signals import request_finished
        from django.db import close_old_connections

        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    elif len(response.content) > MAX_BODY:
        response.content = b""


def crawl(
    client: Any,
    start_urls: Iterable[str],
    *,
    limit: int = 500,
    per_pattern: int = 2,
    queries: bool = False,
) -> Crawl:
    """Follow the same-site links from ``start_urls`` as ``client`` (a Django test client, logged in or not).

    Breadth first, GET only, redirects not followed (a 302 is recorded as such; its target is queued). At most
    ``limit`` requests, and at most ``per_pattern`` URLs of one pattern are requested (every one found is still in
    ``.discovered``). ``queries=False`` drops query strings (filters, sorting, pages) from what is queued, so that a
    list is requested once; ``True`` keeps them. Logout, the language switch, static and media files are never
    requested; downloads are requested but not read. Each response gets ``elapsed``: the seconds it took."""
    result = Crawl()
    queue: deque[str] = deque()
    requested_per_key: dict[str | None, int] = {}

    def see(url: str) -> None:
        if not queries:
            url = url.split("?", 1)[0]
        if url in result.discovered or not is_page(url):
            return
        result.discovered[url] = resolve(url)
        queue.append(url)

    for url in start_urls:
        see(url)
    while queue and len(result) < limit:
        url = queue.popleft()
        key = result.discovered[url]
        if requested_per_key.get(key, 0) >= per_pattern:
            continue
        requested_per_key[key] = requested_per_key.get(key, 0) + 1
        started = time.monotonic()
        response = client.get(url)
        response.elapsed = time.monotonic() - started  # seconds, for whoever looks for slow pages
        if response.status_code in {301, 302, 303, 307, 308}:
            see(urljoin(url, response["Location"]))
        else:
            for link in links(response, base=url):
                see(link)
            for action in links(response, base=url, post=True):
                result.post_actions.setdefault(action.split("?", 1)[0], resolve(action))
        _keep_small(response)
        result[url] = response
    return result
