"""Every POST form of the site, fed what a careless or hostile visitor sends, answers without a server error.

The forms are found by crawling the demo (tests/probe.py) as an anonymous visitor, an NGO administrator and a city
officer; each is posted as it stands (hidden fields and the CSRF token kept, a valid choice in every select, radio
group and checkbox, empty text fields filled plausibly), with one field at a time replaced by a bad value:
10 000 characters, a NUL byte, a lone surrogate (sent as the raw bytes a broken client writes), a 20-digit or negative
number, letters in a number or date field, impossible dates, an unknown choice, two values where one is expected, or
the field left out. Anything from 500 up, or an exception, is a failure naming the form, field and value.
"""

import time
from collections.abc import Callable

import pytest

from tests.core.form_support import (
    DATE_KINDS,
    NUMBER_KINDS,
    Field,
    Form,
    defaults,
    forms_on,
    key_of,
    pages_of,
    replace,
    send,
    short,
)
from tests.core.helpers import in_polish, text_of

PERSONAS = {
    "anonymous": None,
    "NGO administrator": "prezeska@razem.demo",
    "officer": "urzednik@razem.demo",
}

HUGE = "Zażółć gęślą jaźń " * 556  # 10 008 characters, multi-byte in UTF-8
BIG_NUMBER = "99999999999999999999"
CSRF = "csrfmiddlewaretoken"


def bad_values(field: Field) -> list[tuple[str, list[str] | None]]:
    """(strategy, values to send instead; None: leave the field out) for one field by its kind, the likeliest to
    break something first. NUL bytes and lone surrogates go into every field at once (EVERYWHERE): the middleware
    refuses them before any form sees them."""
    value = field.value or "1"
    if field.kind in NUMBER_KINDS:
        specific = [("20 digits", [BIG_NUMBER]), ("negative", ["-1"]), ("huge float", ["1e309"]), ("letters", ["abc"])]
    elif field.kind in DATE_KINDS:
        specific = [("year 99999", ["99999-01-01"]), ("year zero", ["0000-00-00"]), ("letters", ["abc"])]
    elif field.kind in ("select", "radio", "checkbox"):
        specific = [("20 digits", [BIG_NUMBER]), ("unknown choice", ["nie-ma-takiej"]), ("negative", ["-1"])]
    elif field.kind == "hidden":
        specific = [
            ("left out", None),
            ("20 digits", [BIG_NUMBER]),
            ("10 000 characters", [HUGE]),
            ("letters", ["abc"]),
        ]
    else:
        specific = [("10 000 characters", [HUGE]), ("20 digits", [BIG_NUMBER])]
    common: list[tuple[str, list[str] | None]] = [("two values", [value, value + "1"]), ("left out", None)]
    return specific + [c for c in common if c[0] not in dict(specific)]


# Per form: the form as shown, then every field at once with one kind of bad value (cheap: a form re-rendered with
# errors), then single fields with bad values of their own kind: the likeliest one for every field, then further
# ones round-robin up to PER_FORM posts (a 55-field offer form would otherwise cost 300 posts).
EVERYWHERE: list[tuple[str, Callable[[str], list[str] | None]]] = [
    ("10 000 characters everywhere", lambda v: [HUGE]),
    ("NUL byte everywhere", lambda v: [f"a\x00{v}"]),
    ("lone surrogate everywhere", lambda v: [f"a\ud800{v}"]),
    ("20 digits everywhere", lambda v: [BIG_NUMBER]),
    ("every field left out", lambda v: None),
]
PER_FORM = 8


def single_field_cases(form: Form) -> list[tuple[str, str, list[str] | None]]:
    fields = [
        next(f for f in form.fields if f.name == name)
        for name in dict.fromkeys(f.name for f in form.fields if f.kind != "file" and f.name != CSRF)
    ]
    options = [bad_values(field) for field in fields]
    cases: list[tuple[str, str, list[str] | None]] = []
    for round_ in range(max((len(o) for o in options), default=0)):
        for field, values in zip(fields, options, strict=True):
            if round_ < len(values):
                strategy, value = values[round_]
                cases.append((field.name, strategy, value))
    return cases[: max(PER_FORM, len(fields))]


def fuzz_form(client, form: Form) -> tuple[list[str], int]:
    """Post the form as it stands, with bad values everywhere, and with bad values in single fields; the failures
    and the number of posts."""
    failures: list[str] = []
    base = defaults(form)
    posts = 0

    def attempt(field: str, strategy: str, data: list[tuple[str, str]], shown: object) -> None:
        nonlocal posts
        posts += 1
        outcome = send(client, form, data)
        if outcome.failed:
            failures.append(
                f"{form.method.upper()} {form.action} (form on {form.page}), field {field!r} = {short(shown)} "
                f"[{strategy}]: {outcome.status or outcome.error}"
            )

    attempt("-", "as shown", base, "-")
    for strategy, change in EVERYWHERE:
        data = base
        for name, value in dict(base).items():
            if name != CSRF:
                data = replace(data, name, change(value))
        attempt("every field", strategy, data, change("x"))
    for name, strategy, values in single_field_cases(form):
        attempt(name, strategy, replace(base, name, values), values)
    return failures, posts


@pytest.mark.django_db
def test_no_form_value_causes_a_server_error(client, demo):
    failures: list[str] = []
    done: set[tuple[str, str, tuple[str, ...]]] = set()
    posts = 0
    started = time.monotonic()
    for persona, email in PERSONAS.items():
        client.logout()
        if email:
            client.force_login(demo[email])
        for form in forms_on(pages_of(client)):
            key = key_of(form)
            if key in done or not form.names():
                continue
            done.add(key)
            client.logout()
            if email:
                client.force_login(demo[email])
            before = time.monotonic()
            found, count = fuzz_form(client, form)
            print(f"{time.monotonic() - before:5.1f} s {count:3d} {form.method} {form.action}")
            posts += count
            failures.extend(f"[{persona}] {line}" for line in found)
    print(f"{len(done)} forms, {posts} posts in {time.monotonic() - started:.0f} s")
    assert len(done) > 20, "the crawler found too few forms: has the demo or the crawler changed?"
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)


# The middleware that refuses NUL bytes and lone surrogates ----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "address", "body"),
    [
        ("GET", "/organizacje/?q=a%00b", b""),
        ("GET", "/organizacje/a%00b/", b""),
        ("POST", "/konto/logowanie/", b"login=a%00b%40example.org&password=x"),
        ("POST", "/konto/logowanie/", b"login=a%ED%A0%80b&pass%00word=x"),
    ],
)
def test_a_nul_byte_in_the_address_or_the_form_gets_the_bad_request_page(client, db, method, address, body):
    response = client.generic(method, address, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert in_polish("We could not understand this request") in text_of(response)


def test_a_lone_surrogate_that_reaches_the_form_data_gets_the_bad_request_page(rf):
    from django.core.exceptions import BadRequest

    from razem.core.middleware import RejectUnwritableInputMiddleware

    request = rf.post("/konto/logowanie/", {"login": "ok"})
    request.POST = request.POST.copy()
    request.POST["login"] = "a\ud800b"  # what a server handing over undecodable text as it is would give

    with pytest.raises(BadRequest):
        RejectUnwritableInputMiddleware(lambda r: None)(request)


def test_an_uploaded_file_may_hold_nul_bytes_and_ordinary_text_passes(rf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from razem.core.middleware import RejectUnwritableInputMiddleware

    request = rf.post(
        "/x/", {"name": "Zażółć gęślą jaźń \ufffd", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\x00\x00\xff")}
    )

    assert RejectUnwritableInputMiddleware(lambda r: "passed")(request) == "passed"
