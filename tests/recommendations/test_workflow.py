"""The path of a recommendation on the kernel's workflow (``services.PATH``): a step from the wrong state changes
nothing and says why, each step is audited with from and to, and the due reminders reach the office after the
commit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.models import LogEntry, Notification
from razem.recommendations import services
from razem.recommendations.models import Recommendation

S = Recommendation.Status
STATUS_CHANGED = "recommendations.recommendation.status_changed"


def status_changes(recommendation: Recommendation) -> list[dict]:
    return [e.data for e in LogEntry.objects.for_object(recommendation).filter(action=STATUS_CHANGED).order_by("id")]


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (S.ANALYSIS, S.IMPLEMENTED,
         "A recommendation that is under analysis cannot become implemented. Next possible: Accepted, "
         "Partly accepted, Rejected."),
        (S.REJECTED, S.ACCEPTED,
         "A recommendation that is rejected cannot become accepted. Next possible: none, its path has ended."),
    ],
)  # fmt: skip
def test_a_step_from_the_wrong_state_changes_nothing_and_says_why(
    make_recommendation, officer, resident, english, start, target, message
):
    recommendation = make_recommendation(status=start)
    services.follow(actor=resident, recommendation=recommendation)
    before = (recommendation.timeline.count(), status_changes(recommendation), Notification.objects.count())

    with pytest.raises(ValidationError) as error:
        services.recommendation_change_status(
            actor=officer, recommendation=recommendation, status=target, response="Odpowiedź wydziału."
        )

    assert error.value.message_dict == {"status": [message]}
    recommendation.refresh_from_db()
    assert recommendation.status == start and recommendation.response in ("", "Wydział przyjmuje rekomendację.")
    assert (recommendation.timeline.count(), status_changes(recommendation), Notification.objects.count()) == before


def test_every_step_is_audited_with_from_and_to_and_the_first_progress_starts_the_implementation(
    make_recommendation, officer
):
    recommendation = make_recommendation(status=S.ACCEPTED)

    services.recommendation_set_progress(actor=officer, recommendation=recommendation, progress=10, note="Start.")

    assert status_changes(recommendation) == [
        {"from": "submitted", "to": "analysis"},
        {"from": "analysis", "to": "accepted"},
        {"from": "accepted", "to": "implementing"},
    ]
    assert services.TRANSITIONS[S.IMPLEMENTING] == {t.target for t in services.PATH.from_state(S.IMPLEMENTING)}


def test_a_person_without_the_offices_permission_cannot_take_a_step(make_recommendation, resident):
    recommendation = make_recommendation(status=S.SUBMITTED)

    with pytest.raises(ValidationError):
        services.recommendation_change_status(actor=resident, recommendation=recommendation, status=S.ANALYSIS)

    recommendation.refresh_from_db()
    assert recommendation.status == S.SUBMITTED


def test_the_due_reminder_tells_the_office_only_after_the_commit(
    make_recommendation, officer, administrator, resident, django_capture_on_commit_callbacks
):
    make_recommendation(status=S.ANALYSIS, due_on=timezone.localdate() + datetime.timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):  # the callbacks run as the block ends: the commit
        assert services.remind_due() == 1
        assert not Notification.objects.filter(kind="recommendations/due").exists()

    told = Notification.objects.filter(kind="recommendations/due")
    recipients = [n.recipient for n in told]
    assert officer in recipients and administrator in recipients and resident not in recipients
    assert all(person.is_city_staff for person in recipients) and len(set(recipients)) == len(recipients)
    assert all(n.url.startswith("/rekomendacje/") for n in told)
