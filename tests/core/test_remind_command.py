"""``razem remind``: overdue opinion requests lapse, due recommendations are e-mailed to their department once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from razem.bodies.models import OpinionRequest
from razem.recommendations.models import Recommendation
from tests.factories import make_body

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def due(db):
    today = timezone.localdate()
    body = make_body("Krakowska Rada Działalności Pożytku Publicznego", "krdpp", kind="council")
    late = OpinionRequest.objects.create(body=body, subject="Program współpracy", received_on=today - 20 * DAY,
                                         due_on=today - DAY)  # fmt: skip
    recommendation = Recommendation.objects.create(
        number="R/2026/1", title="Jawny wykaz wolnych lokali", text="…", body=body, policy_area="premises",
        department="Zarząd Budynków Komunalnych", department_email="lokale@zbk.example.org", status="analysis",
        due_on=today + 3 * DAY,
    )  # fmt: skip
    return late, recommendation


def test_remind_lapses_an_overdue_request_and_emails_the_department_once(
    due, django_capture_on_commit_callbacks, mailoutbox
):
    late, recommendation = due

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", stdout=io.StringIO())

    late.refresh_from_db()
    recommendation.refresh_from_db()
    assert late.status == OpinionRequest.Status.WAIVED
    assert [m.to for m in mailoutbox] == [["lokale@zbk.example.org"]]
    assert recommendation.reminded_on == timezone.localdate()
