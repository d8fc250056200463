"""No script a visitor types runs in anyone's browser: every text field of every form takes the usual XSS payloads,
and every page that then shows them shows them as text.

The forms are found by crawling the demo (tests/probe.py) as an anonymous visitor, an NGO administrator and a city
officer. Each form is posted with a payload in every text field at once (the other fields as the page gives them,
so that the form stays valid where it can), then, when that was refused, with a payload in one text field at a time.
The answer to each post, the page it redirects to, and afterwards every page the three personas reach are read with
an HTML parser: a payload is a finding when it became markup (a ``<script>`` holding it, an ``on...=`` attribute
holding it, a ``javascript:`` address), not when it is shown as escaped text.
"""

import itertools
import re
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from tests.core.form_support import Form, defaults, forms_on, key_of, pages_of, replace, send
from tests.probe import crawl, links, parameterless_urls

PERSONAS = {
    "anonymous": None,
    "NGO administrator": "prezeska@razem.demo",
    "officer": "urzednik@razem.demo",
}

# Fields a payload goes into: what a person types as text. E-mail, telephone, number and date inputs refuse it in
# the browser and the server alike; passwords are never shown.
TEXT_KINDS = ("text", "textarea", "search", "")


# Text fields that hold an address someone will click: they get a javascript: address.
ADDRESS = re.compile(r"url|website|link|facebook|instagram|linkedin|www", re.IGNORECASE)


def payloads(marker: int) -> list[str]:
    """The usual payloads, each carrying its own number in ``alert(...)`` so that a finding names its field."""
    return [
        f"<script>alert({marker})</script>",
        f'"><img src=x onerror=alert({marker})>',
        f"</textarea><svg onload=alert({marker})>",
        f"'><svg/onload=alert({marker})>{{{{7*7}}}}",
    ]


def url_payload(marker: int) -> str:
    return f"javascript:alert({marker})"


class _Leaks(HTMLParser):
    """The markers that became markup: script content, event-handler attributes, javascript: addresses."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "hx-get", "hx-post"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if "alert(" in name:
                self.found.append(f"<{tag} {name}>")  # the payload broke out of an attribute into a new one
            if value is None:
                continue
            handler = name.startswith("on") and "alert(" in value
            script_address = name in self.URL_ATTRIBUTES and value.strip().lower().startswith("javascript:")
            if handler or script_address:
                self.found.append(f"<{tag} {name}={value!r}>")
        self._script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data.strip()[:80]}</script>")


def leaks(html: str) -> list[str]:
    parser = _Leaks()
    parser.feed(html)
    parser.close()
    return parser.found


def is_html(response) -> bool:
    return response.status_code == 200 and "html" in response.get("Content-Type", "")


def test_the_leak_finder_tells_markup_from_escaped_text():
    assert leaks("<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>") == []
    assert leaks('<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">') == []
    assert leaks('<a href="https://example.org/?q=javascript:alert(1)">x</a>') == []
    assert leaks("<p><script>alert(1)</script></p>")
    assert leaks('<input value=""><img src=x onerror=alert(1)>">')
    assert leaks('<a href="javascript:alert(1)">x</a>')
    assert leaks("<textarea></textarea><svg onload=alert(1)></textarea>")


class _Campaign:
    """Posts payloads and remembers which marker went where, to name the field of a finding."""

    def __init__(self, client) -> None:
        self.client = client
        self.markers = itertools.count(1001)
        self.where: dict[int, str] = {}
        self.findings: list[str] = []
        self.errors: list[str] = []
        self.posts = 0
        self.accepted: list[str] = []
        self.to_read: list[str] = []

    def fill(self, form: Form, names: list[str], persona: str) -> list[tuple[str, str]]:
        data = defaults(form, fill_empty=False)
        for index, name in enumerate(names):
            field = next(f for f in form.fields if f.name == name)
            marker = next(self.markers)
            self.where[marker] = f"[{persona}] {form.method.upper()} {form.action} field {name!r}"
            if field.kind == "url" or name in ("next", "return_to") or ADDRESS.search(name):
                value = url_payload(marker)
            else:
                value = payloads(marker)[index % 4]
                limit = field.attrs.get("maxlength", "")
                if limit.isdigit() and len(value) > int(limit):
                    value = f"<script>alert({marker})</script>"[: int(limit)]
            data = replace(data, name, [value])
        return data

    def submit(self, form: Form, data: list[tuple[str, str]], persona: str) -> bool:
        """Send, read the answer (and where it redirects); whether the form was accepted (a redirect)."""
        self.posts += 1
        outcome = send(self.client, form, data)
        if outcome.failed:
            self.errors.append(f"[{persona}] {form.method.upper()} {form.action}: {outcome.status or outcome.error}")
            return False
        response = outcome.response
        self.check(f"answer to {form.method.upper()} {form.action}", response)
        if response.status_code in (301, 302, 303):
            self.to_read += [urljoin(form.action, response["Location"]), form.page]
            self.accepted.append(form.action)
            return True
        return False

    def check(self, label: str, response) -> None:
        if not is_html(response):
            return
        for leak in leaks(response.content.decode()):
            marker = next((m for m in self.where if f"alert({m})" in leak), None)
            source = self.where.get(marker, "an unknown field") if marker else "an unknown field"
            self.findings.append(f"{label}: {leak} (payload from {source})")


READERS = {**PERSONAS, "resident": "mieszkanka@razem.demo"}


def log_in(client, demo, email: str | None) -> None:
    client.logout()
    if email:
        client.force_login(demo[email])


def payload_fields(form: Form) -> list[str]:
    return list(
        dict.fromkeys(
            f.name
            for f in form.fields
            if f.kind in (*TEXT_KINDS, "url") or (f.kind == "hidden" and f.name in ("next", "return_to"))
        )
    )


def read_everything(client, demo, campaign: _Campaign) -> None:
    """Each reader reads the pages the posts led to, the pages one link away (an object's public page is a link
    away from its staff page) and the forms there that are pages of their own (a registration with its questions),
    then the rest of the site."""
    near: list[str] = []
    for email in READERS.values():
        log_in(client, demo, email)
        for url in dict.fromkeys(campaign.to_read):
            response = client.get(url)
            near += [*links(response, url), *links(response, url, post=True)]
    for persona, email in READERS.items():
        log_in(client, demo, email)
        starts = [*dict.fromkeys(campaign.to_read), *dict.fromkeys(near), "/", *parameterless_urls()]
        pages = crawl(client, starts, limit=1000, per_pattern=3)
        for url, response in pages.items():
            campaign.check(f"[{persona}] GET {url}", response)
        for url in pages.post_actions:
            if url not in pages:
                campaign.check(f"[{persona}] GET {url}", client.get(url))
    campaign.to_read.clear()


@pytest.mark.django_db
def test_no_payload_typed_into_any_form_runs_as_script_on_any_page(client, demo):
    started = time.monotonic()
    campaign = _Campaign(client)
    found: list[tuple[str, str | None, Form]] = []
    done: set[tuple[str, str, tuple[str, ...]]] = set()
    for persona, email in PERSONAS.items():
        log_in(client, demo, email)
        for form in forms_on(pages_of(client)):
            if payload_fields(form) and key_of(form) not in done:
                done.add(key_of(form))
                found.append((persona, email, form))
    # Content first (forms with several text fields: an edit, a question), read; then the forms with one text field
    # (mostly decisions with a reason: cancelling the meeting whose question was just added), read again.
    for content in (True, False):
        for persona, email, form in found:
            names = payload_fields(form)
            if (len(names) > 1) != content:
                continue
            log_in(client, demo, email)
            if campaign.submit(form, campaign.fill(form, names, persona), persona) or len(names) == 1:
                continue
            for name in names:  # refused as a whole: one field at a time, the others as the page gives them
                campaign.submit(form, campaign.fill(form, [name], persona), persona)
        read_everything(client, demo, campaign)
    elapsed = time.monotonic() - started
    print(f"{len(done)} forms, {campaign.posts} posts ({len(campaign.accepted)} accepted) in {elapsed:.0f} s")
    assert len(done) > 10, "the crawler found too few forms: has the demo or the crawler changed?"
    assert not campaign.findings, "payloads ran as script:\n" + "\n".join(dict.fromkeys(campaign.findings))
    assert not campaign.errors, "server errors while posting payloads:\n" + "\n".join(campaign.errors)


def test_a_help_text_typed_by_someone_is_shown_as_text_and_one_built_as_html_stays_html():
    from django import forms
    from django.utils.html import format_html

    class Registration(forms.Form):
        answer = forms.CharField(help_text="<script>alert(1)</script>")  # as a meeting question's hint arrives
        other = forms.CharField(help_text=format_html("<em>{}</em>", "<b>"))

    page = Registration().as_div()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<em>&lt;b&gt;</em>" in page
