"""What the generated form tests (test_form_fuzz.py, test_xss.py) share: finding the site's POST forms by crawling
the demo as a persona, reading each form's own fields, and posting a changed copy of them.

A form is read with ``html.parser`` (no extra dependency): its hidden fields (the CSRF token among them) are kept,
a select, radio group or checkbox gets a valid choice (the selected one, else the first non-empty option), a file
input is left empty, and a text field keeps its value or gets a plausible one for its type. A strategy then changes
some values and the copy is posted as an ``application/x-www-form-urlencoded`` body built here, byte by byte, so
that values the test client would refuse to encode (lone surrogates) still reach the server.
"""

from __future__ import annotations

import dataclasses
import re
import traceback
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from django.test import Client

from tests import probe

# Forms never posted: leaving the session (it has no field but the token) and the Django admin's own forms.
SKIPPED_ACTIONS = ("account_logout", "admin:")

SENDING = "application/x-www-form-urlencoded"


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # input type ("text", "hidden", "checkbox"...), "textarea" or "select"
    value: str = ""
    checked: bool = False
    required: bool = False
    options: list[tuple[str, bool]] = dataclasses.field(default_factory=list)  # (value, selected) of a select
    multiple: bool = False
    attrs: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Form:
    page: str  # the URL of the page showing the form
    action: str  # where it posts (absolute path)
    fields: list[Field]
    submitters: list[tuple[str, str]]  # named submit buttons (name, value)
    method: str = "post"

    def text_fields(self) -> list[Field]:
        return [f for f in self.fields if f.kind in TEXT_KINDS]

    def names(self) -> list[str]:
        return list(dict.fromkeys(f.name for f in self.fields if f.kind not in ("submit", "button", "reset")))


TEXT_KINDS = ("text", "textarea", "search", "email", "url", "tel", "password", "")
NUMBER_KINDS = ("number", "range")
DATE_KINDS = ("date", "datetime-local", "time", "month", "week")


class _FormParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: list[Any] | None = None  # [value or None, selected, text]
        self._textarea: Field | None = None
        self._button: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            method = a.get("method", "get").lower()
            self._form = Form(page=self.page, action=action, fields=[], submitters=[], method=method)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form.submitters.append((name, a.get("value", "")))
                return
            if kind in ("button", "reset"):
                return
            self._form.fields.append(
                Field(
                    name=name,
                    kind=kind,
                    value=a.get("value", "on" if kind in ("checkbox", "radio") else ""),
                    checked="checked" in a,
                    required="required" in a,
                    attrs=a,
                )
            )
        elif tag == "textarea" and name:
            self._textarea = Field(name=name, kind="textarea", required="required" in a, attrs=a)
            self._form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = Field(name=name, kind="select", required="required" in a, multiple="multiple" in a, attrs=a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "button":
            kind = a.get("type", "submit").lower()
            if kind == "submit":
                self._button = {"name": name or "", "value": a.get("value", "")}

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]  # the newline after <textarea> is not content
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select.options.append((text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "button" and self._button is not None:
            if self._form is not None and self._button["name"]:
                self._form.submitters.append((self._button["name"], self._button["value"]))
            self._button = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def parse(page: str, html: str) -> list[Form]:
    """The forms of a page (GET and POST)."""
    parser = _FormParser(page)
    parser.feed(html)
    parser.close()
    return parser.forms


def route_of(url: str) -> str:
    """The URL pattern an address resolves to (its key in tests/probe.py), or its path when none matches."""
    return probe.resolve(url) or urlsplit(url).path


# Crawling -----------------------------------------------------------------------------------------------------------


def pages_of(client: Client, *, limit: int = 400) -> dict[str, Any]:
    """The pages a persona reaches: the crawler of tests/probe.py from the home page and every parameterless URL."""
    return probe.crawl(client, ["/", *probe.parameterless_urls()], limit=limit, per_pattern=1)


def key_of(form: Form) -> tuple[str, str, tuple[str, ...]]:
    return (form.method, route_of(form.action), tuple(sorted(form.names())))


def forms_on(pages: dict[str, Any]) -> list[Form]:
    """One form per (method, action pattern, field names): the distinct forms the pages show."""
    found: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    for url, response in pages.items():
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in parse(url, response.content.decode()):
            if route_of(form.action).startswith(SKIPPED_ACTIONS):
                continue
            found.setdefault(key_of(form), form)
    return list(found.values())


# Building and posting a form -----------------------------------------------------------------------------------------


def plausible(field: Field) -> str:
    """A valid-looking value for an empty field of this kind (used when the page leaves it blank)."""
    kind = field.kind
    if kind == "email":
        return "ktos@example.org"
    if kind == "url":
        return "https://example.org/"
    if kind in NUMBER_KINDS:
        return field.attrs.get("min") or "1"
    if kind == "date":
        return "2030-06-15"
    if kind == "datetime-local":
        return "2030-06-15T10:00"
    if kind == "time":
        return "10:00"
    if kind == "tel":
        return "+48 12 345 67 89"
    if kind == "password":
        return "Correct-Horse-2026"
    return "Przykładowy tekst"


def defaults(form: Form, *, fill_empty: bool = True) -> list[tuple[str, str]]:
    """The values a visitor's browser would send after filling every empty field plausibly (``fill_empty=False``:
    only the required ones, the others left empty)."""
    data: list[tuple[str, str]] = []
    radios_done: set[str] = set()
    for field in form.fields:
        if field.kind == "file":
            continue
        if field.kind == "checkbox":
            if field.checked:
                data.append((field.name, field.value))
        elif field.kind == "radio":
            group = [f for f in form.fields if f.kind == "radio" and f.name == field.name]
            if field.name in radios_done:
                continue
            radios_done.add(field.name)
            chosen = next((f for f in group if f.checked), None) or next((f for f in group if f.value), group[0])
            data.append((field.name, chosen.value))
        elif field.kind == "select":
            selected = [v for v, s in field.options if s]
            if not selected:
                first = next((v for v, _ in field.options if v), None)
                selected = [first] if first is not None else []
            data.extend((field.name, v) for v in (selected if field.multiple else selected[:1]))
        else:
            value = field.value
            if not value and (fill_empty or field.required) and field.kind != "hidden":
                value = plausible(field)
            data.append((field.name, value))
    return data


def replace(data: list[tuple[str, str]], name: str, values: list[str] | None) -> list[tuple[str, str]]:
    """``data`` with every value of ``name`` replaced by ``values`` (left out when None), in the field's place."""
    out: list[tuple[str, str]] = []
    done = False
    for key, value in data:
        if key != name:
            out.append((key, value))
        elif not done:
            done = True
            out.extend((name, v) for v in values or [])
    if not done:
        out.extend((name, v) for v in values or [])
    return out


def encode(data: list[tuple[str, str]]) -> bytes:
    """A form body as a browser sends it, except that lone surrogates go through as the bytes Python would write."""

    def q(text: str) -> str:
        return quote(text.encode("utf-8", "surrogatepass"), safe="")

    return "&".join(f"{q(k)}={q(v)}" for k, v in data).encode("ascii")


@dataclasses.dataclass
class Outcome:
    status: int | None
    error: str = ""
    response: Any = None

    @property
    def failed(self) -> bool:
        return self.status is None or self.status >= 500


def send(client: Client, form: Form, data: list[tuple[str, str]]) -> Outcome:
    """Send ``data`` as the form does (POST body or GET query) with its first submit button; an exception is caught
    as an outcome."""
    if form.submitters and not any(k == form.submitters[0][0] for k, _ in data):
        data = [*data, form.submitters[0]]
    try:
        if form.method == "post":
            response = client.generic("POST", form.action, encode(data), content_type=SENDING)
        else:
            response = client.generic("GET", f"{urlsplit(form.action).path}?{encode(data).decode()}")
    except Exception as error:  # noqa: BLE001 - the test reports every exception as a finding
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return Outcome(None, f"{type(error).__name__}: {str(error)[:200]} at {frame.filename}:{frame.lineno}")
    return Outcome(response.status_code, response=response)


def short(value: Any, size: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= size else f"{text[: size - 20]}...{text[-12:]} ({len(str(value))} chars)"


Strategy = Callable[[Form, Field], list[str] | None]

TAG_RE = re.compile(r"<[^>]*>")
