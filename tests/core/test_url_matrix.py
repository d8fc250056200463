"""Every URL of the site opened by every persona answers what ``tests/core/url_matrix.py`` says.

The survey (done once per test session, on the demo): crawl the site as the personas who see the most links, from
the home page, the account, the office panel and every pattern that needs no parameter; choose one concrete URL per
pattern (the first found, in the order of ``FINDERS``: an organization A page rather than another one); request it
as every persona and classify the answer (200, a redirect to the login page, another redirect, 403, 404, 405).
The actions of POST forms are checked apart: GET is refused or redirected, an anonymous POST goes to the login page.

A new page fails ``test_every_pattern_has_a_row`` until it gets a row in the table (or a reason it is not reached);
a changed answer fails its own ``test_answer[<pattern>]``. ``MATRIX_DRAFT=1`` prints the observed table, in the
table's own format, to start a row from (check every cell before copying it: a 200 may be a leak).
"""

import os
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from razem.accounts.models import User
from tests import probe
from tests.core import url_matrix as table

# Who crawls, in the order their finds are preferred when a pattern has several concrete URLs: an organization's
# own people first, so that a page of organization A is the one tested, opened by B's administrator too.
FINDERS = ("org_admin", "org_member", "body_member", "other_admin", "officer", "anonymous")

START = ("/", "/konto/", "/panel/")
# How many pages of one pattern a persona opens (a second call, meeting or election shows other buttons).
PER_PATTERN = {"org_admin": 2, "body_member": 2, "officer": 2}


@dataclass
class Survey:
    urls: dict[str, str] = field(default_factory=dict)  # key -> the concrete URL tested
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> persona -> answer
    post_urls: dict[str, str] = field(default_factory=dict)  # key -> a POST action URL
    post_answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> persona -> GET answer
    anonymous_post: dict[str, Any] = field(default_factory=dict)  # key -> answer to an anonymous POST
    errors: list[str] = field(default_factory=list)  # 500s met while crawling, links to no page
    dead_links: list[str] = field(default_factory=list)  # a link shown to a persona that answers them 404


_SURVEY: list[Survey] = []


def answer(response: Any) -> Any:
    """A response as the table writes it: the status, or LOGIN / ADMIN_LOGIN / MFA for those redirects."""
    status = response.status_code
    if status in {301, 302, 303, 307, 308}:
        location = response["Location"]
        if location.startswith(reverse(settings.LOGIN_URL)):
            return table.LOGIN
        if location.startswith(reverse("admin:login")):
            return table.ADMIN_LOGIN
        return table.MOVED
    return status


def personas(demo: dict[str, User]) -> dict[str, User | None]:
    from conftest import make_person

    people: dict[str, User | None] = {"anonymous": None}
    people["resident"] = make_person("matrix.resident@example.org", full_name="Zwykła Mieszkanka")
    for persona, email in table.DEMO_PERSONAS.items():
        people[persona] = demo.get(email) or User.objects.get(email=email)
    return {persona: people[persona] for persona in table.PERSONAS}


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _survey(demo: dict[str, User]) -> Survey:
    # The answer is what matters, not the PDF: WeasyPrint takes a second a document.
    with mock.patch("razem.core.documents.pdf_bytes", return_value=b"%PDF-1.7 matrix"):
        return _survey_stubbed(demo)


def _awaiting_consent() -> str:
    from razem.elections.models import Candidacy

    candidacy = Candidacy.objects.filter(status=Candidacy.Status.AWAITING_CONSENT).select_related("election").first()
    assert candidacy is not None, "the demo has no candidacy awaiting its candidate's consent"
    return reverse("elections:candidacy", kwargs={"slug": candidacy.election.slug, "pk": candidacy.pk})


def _organization_a() -> Any:
    from razem.organizations.models import Organization

    return Organization.objects.get(memberships__user__email=table.DEMO_PERSONAS["org_admin"],
                                    memberships__role="admin")  # fmt: skip


def _contract(status: str, name: str) -> str:
    from razem.contracts.models import Contract

    contract = Contract.objects.filter(status=status).order_by("pk").first()
    assert contract is not None, f"the demo has no contract in the state {status}"
    return reverse(f"contracts_staff:{name}", args=[contract.pk])


# Patterns whose answer depends on the object's state: their URL is chosen here, not by the crawl's order (which
# differs between databases where a list's order has ties).
PINNED_URLS = {
    "contracts_staff:edit": lambda: _contract("signed", "edit"),
    "contracts_staff:sign": lambda: _contract("signed", "sign"),
}

# Rows of the table for a second URL of a pattern, in a state the first one is not in (built from the demo).
CASE_URLS = {
    "elections:candidacy awaiting consent": _awaiting_consent,
    "bodies:detail of a private team": lambda: reverse("bodies:detail", kwargs={"slug": "zespol-programu"}),
    "bodies:acts of a private team": lambda: reverse("bodies:acts", kwargs={"slug": "zespol-programu"}),
    "events:organization_submissions of organization A": lambda: reverse(
        "events:organization_submissions", kwargs={"pk": _organization_a().pk}
    ),
    "contracts_staff:edit of a contract prepared for signing": lambda: _contract("draft", "edit"),
    "contracts_staff:sign of a contract prepared for signing": lambda: _contract("draft", "sign"),
}


def _survey_stubbed(demo: dict[str, User]) -> Survey:
    survey = Survey()
    clients = {persona: client_for(user) for persona, user in personas(demo).items()}
    start = list(START) + [url for url in probe.parameterless_urls() if not url.startswith("/admin/")]
    crawls = {
        persona: probe.crawl(clients[persona], start, limit=800, per_pattern=PER_PATTERN.get(persona, 1))
        for persona in FINDERS
    }
    for persona, crawl in crawls.items():
        survey.errors += [f"{url} as {persona}: {r.status_code}" for url, r in crawl.items() if r.status_code >= 500]
        survey.errors += [f"{url}, linked for {persona}, is no page" for url, k in crawl.discovered.items() if not k]
        survey.dead_links += [
            f"{url} for {persona}" for url, r in crawl.items() if r.status_code == 404 and url not in start
        ]

    # A URL per pattern: the pinned ones; then one its finder could open, else any found; the admin by its index.
    for key, build in PINNED_URLS.items():
        survey.urls[key] = build()
    for wanted in ({200}, None):
        for persona in FINDERS:
            for url, key in crawls[persona].discovered.items():
                response = crawls[persona].get(url)
                if key and (wanted is None or (response is not None and response.status_code in wanted)):
                    survey.urls.setdefault(key, url)
    survey.urls["admin:index"] = reverse("admin:index")
    # The actions of POST forms whose pattern no link reached.
    for persona in FINDERS:
        for url, key in crawls[persona].post_actions.items():
            if key and key not in survey.urls:
                survey.post_urls.setdefault(key, url)
    # The other patterns: built from the parameters of the URLs found.
    known = [url for crawl in crawls.values() for url in [*crawl.discovered, *crawl.post_actions]]
    derived = {}
    for pattern in probe.url_patterns():
        key = pattern.key
        if key not in survey.urls and key not in survey.post_urls and table.not_reached(key) is None:
            url = probe.derive(pattern, known)
            if url:
                derived[key] = url
    cases = {case: build() for case, build in CASE_URLS.items()}

    def answers(url: str) -> dict[str, Any]:
        return {p: answer(crawls[p][url] if url in crawls.get(p, {}) else c.get(url)) for p, c in clients.items()}

    for key, url in [*survey.urls.items(), *cases.items()]:
        survey.answers[key] = answers(url)
    survey.urls.update(cases)
    for key, url in derived.items():
        row = answers(url)
        if all(a == 405 for p, a in row.items() if p != "anonymous"):
            survey.post_urls[key] = url
            survey.post_answers[key] = row
        else:
            survey.urls[key], survey.answers[key] = url, row
    for key, url in survey.post_urls.items():
        if key not in survey.post_answers:
            survey.post_answers[key] = answers(url)
        survey.anonymous_post[key] = answer(clients["anonymous"].post(url, {}))
    return survey


@pytest.fixture
def survey(demo) -> Survey:
    if not _SURVEY:
        _SURVEY.append(_survey(demo))
        if os.environ.get("MATRIX_DRAFT"):
            print(draft(_SURVEY[0]))
    return _SURVEY[0]


def draft(survey: Survey) -> str:
    """The observed table in the format of ``url_matrix.MATRIX`` and ``POST_ONLY``, to start rows from."""
    lines = ["MATRIX = {"]
    for key in sorted(survey.answers):
        cells = ", ".join(table.name(survey.answers[key][p]) for p in table.PERSONAS)
        lines.append(f"    {key!r}: ({cells}),  # {survey.urls[key]}")
    lines.append("}\nPOST_ONLY = {")
    for key in sorted(survey.post_urls):
        cells = ", ".join(table.name(survey.post_answers[key][p]) for p in table.PERSONAS)
        anonymous_post = table.name(survey.anonymous_post[key])
        lines.append(f"    {key!r}: {survey.post_urls[key]!r},  # anonymous POST {anonymous_post}; GET {cells}")
    lines.append("}")
    return "\n".join(lines)


ALL_KEYS = sorted({pattern.key for pattern in probe.url_patterns()})


def test_every_pattern_has_a_row_and_is_reached(survey):
    missing, unreached = [], []
    for key in ALL_KEYS:
        reason = table.not_reached(key)
        if key in table.MATRIX or key in table.POST_ONLY:
            if key not in survey.answers and key not in survey.post_urls:
                unreached.append(key)
        elif reason is None:
            missing.append(key)
    stale = sorted((set(table.MATRIX) | set(table.POST_ONLY)) - set(ALL_KEYS))
    assert not missing, f"patterns without a row in tests/core/url_matrix.py: {missing}"
    assert not unreached, f"patterns in the table that no crawl reached (say why in NOT_REACHED?): {unreached}"
    assert not stale, f"rows of patterns that no longer exist: {stale}"


def test_no_page_fails_while_crawling(survey):
    assert not survey.errors


def test_no_page_links_to_a_page_its_reader_cannot_open(survey):
    """A link shown to a person answers them something else than 404 (a link to a hidden object leaks it)."""
    assert not survey.dead_links


@pytest.mark.parametrize("key", sorted(table.MATRIX) + sorted(table.CASES))
def test_answer(survey, key):
    observed = survey.answers.get(key) or survey.post_answers.get(key)  # a form's page reached by its action
    if observed is None:
        pytest.skip("not reached (test_every_pattern_has_a_row_and_is_reached says so)")
    expected = dict(zip(table.PERSONAS, {**table.MATRIX, **table.CASES}[key], strict=True))
    wrong = {p: f"expected {table.name(expected[p])}, got {table.name(observed[p])}" for p in table.PERSONAS
             if expected[p] != observed[p]}  # fmt: skip
    assert not wrong, f"{survey.urls.get(key) or survey.post_urls[key]}: {wrong}"


@pytest.mark.parametrize("key", sorted(table.POST_ONLY))
def test_a_post_only_page_refuses_get_and_anonymous_posts(survey, key):
    if key not in survey.post_urls:
        pytest.skip("not reached (test_every_pattern_has_a_row_and_is_reached says so)")
    refused_get = {405, 403, 404, table.LOGIN, table.MOVED}
    wrong = {p: a for p, a in survey.post_answers[key].items() if a not in refused_get}
    assert not wrong, f"GET {survey.post_urls[key]}: {wrong}"
    assert survey.anonymous_post[key] in {table.LOGIN, 403}, f"anonymous POST {survey.post_urls[key]}"
