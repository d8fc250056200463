"""Shared fixtures for the recommendations tests.

The dialogue bodies fixtures of ``tests/bodies/conftest.py`` (KRDPP, the forum, a private team, seats, the chair and
a member of KRDPP) and, through them, the organization and meeting fixtures are re-exported here.

- ``make_recommendation(**fields)``: a recommendation recorded by the office through the service (so it has its
  number and its first timeline entry), by default from the Forum Lokalowe on premises policy, addressed to the
  Wydział Skarbu Miasta; ``status=`` moves it along the path (with an answer where one is needed),
  ``parent=`` makes it a sub-recommendation.
"""

import datetime
from typing import Any

import pytest

from razem.recommendations import services
from razem.recommendations.models import Recommendation
from tests.bodies.conftest import (  # noqa: F401 - fixtures re-exported
    chair,
    commission,
    current_term,
    english,
    forum,
    krdpp,
    make_meeting,
    media_root,
    member,
    private_team,
    reference_data,
    seat,
    venue,
)

S = Recommendation.Status
# The shortest path to each status (the first step is always "submitted").
PATHS = {
    S.SUBMITTED: [],
    S.ANALYSIS: [S.ANALYSIS],
    S.ACCEPTED: [S.ANALYSIS, S.ACCEPTED],
    S.PARTLY_ACCEPTED: [S.ANALYSIS, S.PARTLY_ACCEPTED],
    S.REJECTED: [S.ANALYSIS, S.REJECTED],
    S.IMPLEMENTING: [S.ANALYSIS, S.ACCEPTED, S.IMPLEMENTING],
    S.IMPLEMENTED: [S.ANALYSIS, S.ACCEPTED, S.IMPLEMENTED],
}


def advance(recommendation: Recommendation, status: str, *, actor: Any) -> Recommendation:
    for step in PATHS[status]:
        recommendation = services.recommendation_change_status(
            actor=actor,
            recommendation=recommendation,
            status=step,
            response="Wydział przyjmuje rekomendację." if step in services.NEEDS_ANSWER else "",
        )
    return recommendation


@pytest.fixture
def make_recommendation(forum, officer):  # noqa: F811
    def make(*, status: str = S.SUBMITTED, parent: Recommendation | None = None, **fields: Any) -> Recommendation:
        data: dict[str, Any] = {}
        if parent is None:
            data = {
                "title": "Przejrzyste zasady najmu lokali dla organizacji",
                "text": "Miasto publikuje listę wolnych lokali i kryteria ich przydziału.",
                "source_kind": Recommendation.Source.BODY,
                "body": forum,
                "policy_area": Recommendation.PolicyArea.PREMISES,
                "department": "Wydział Skarbu Miasta",
                "department_email": "skarb@krakow.example",
            }
        else:
            data = {"title": f"Część {parent.children.count() + 1}", "text": "Krok do wykonania."}
        data.update(fields)
        recommendation = services.recommendation_create(actor=officer, data=data, parent=parent)
        return advance(recommendation, status, actor=officer)

    return make


@pytest.fixture
def a_year_ago() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() - datetime.timedelta(days=366)
