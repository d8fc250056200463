"""The services of the recommendations tracker: the path (which status may follow which, the answer a decision
needs), progress and its roll-up to the parent, numbering, and the reminders of due dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.recommendations import services
from razem.recommendations.models import Recommendation, TimelineEntry

S = Recommendation.Status


def test_the_transitions_table_lets_a_recommendation_move_only_forward():
    assert services.TRANSITIONS[S.SUBMITTED] == {S.ANALYSIS}
    assert services.TRANSITIONS[S.ANALYSIS] == {S.ACCEPTED, S.PARTLY_ACCEPTED, S.REJECTED}
    assert services.TRANSITIONS[S.ACCEPTED] == {S.IMPLEMENTING, S.IMPLEMENTED}
    assert services.TRANSITIONS[S.IMPLEMENTING] == {S.IMPLEMENTED}
    assert services.TRANSITIONS[S.REJECTED] == set() and services.TRANSITIONS[S.IMPLEMENTED] == set()
    assert set(services.TRANSITIONS) == set(S.values)


@pytest.mark.parametrize(
    ("start", "target"),
    [(S.SUBMITTED, S.ACCEPTED), (S.SUBMITTED, S.IMPLEMENTED), (S.ANALYSIS, S.IMPLEMENTING), (S.REJECTED, S.ANALYSIS),
     (S.IMPLEMENTED, S.IMPLEMENTING)],
)  # fmt: skip
def test_a_step_off_the_path_is_refused_and_nothing_changes(make_recommendation, officer, start, target):
    recommendation = make_recommendation(status=start)
    entries = recommendation.timeline.count()

    with pytest.raises(ValidationError) as error:
        services.recommendation_change_status(
            actor=officer, recommendation=recommendation, status=target, response="Odpowiedź."
        )

    assert "status" in error.value.error_dict
    recommendation.refresh_from_db()
    assert recommendation.status == start and recommendation.timeline.count() == entries


@pytest.mark.parametrize("decision", [S.ACCEPTED, S.PARTLY_ACCEPTED, S.REJECTED])
def test_a_decision_needs_the_departments_answer(make_recommendation, officer, decision):
    recommendation = make_recommendation(status=S.ANALYSIS)

    with pytest.raises(ValidationError) as error:
        services.recommendation_change_status(
            actor=officer, recommendation=recommendation, status=decision, response=" "
        )

    assert "response" in error.value.error_dict
    recommendation.refresh_from_db()
    assert recommendation.status == S.ANALYSIS and recommendation.response == ""


def test_a_decision_records_the_answer_with_its_date_on_the_timeline(make_recommendation, officer):
    recommendation = make_recommendation(status=S.ANALYSIS)
    day = timezone.localdate() - datetime.timedelta(days=2)

    services.recommendation_change_status(
        actor=officer, recommendation=recommendation, status=S.ACCEPTED, response="Przyjmujemy.", date=day
    )

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.response, recommendation.responded_on) == (
        S.ACCEPTED,
        "Przyjmujemy.",
        day,
    )
    entry = recommendation.timeline.get(status=S.ACCEPTED)  # dated two days ago: first on the timeline
    assert (entry.kind, entry.status, entry.text, entry.date) == (
        TimelineEntry.Kind.STATUS,
        S.ACCEPTED,
        "Przyjmujemy.",
        day,
    )


def test_implemented_sets_the_progress_to_100_and_clears_the_due_date(make_recommendation, officer):
    recommendation = make_recommendation(status=S.ACCEPTED, due_on=timezone.localdate())

    services.recommendation_change_status(actor=officer, recommendation=recommendation, status=S.IMPLEMENTED)

    recommendation.refresh_from_db()
    assert recommendation.progress == 100 and recommendation.due_on is None


# Progress


def test_progress_is_refused_before_the_recommendation_is_accepted(make_recommendation, officer):
    recommendation = make_recommendation(status=S.ANALYSIS)

    with pytest.raises(ValidationError) as error:
        services.recommendation_set_progress(actor=officer, recommendation=recommendation, progress=20, note="Start.")

    assert "progress" in error.value.error_dict


def test_progress_needs_a_note_and_a_percentage_from_0_to_100(make_recommendation, officer):
    recommendation = make_recommendation(status=S.ACCEPTED)

    with pytest.raises(ValidationError) as no_note:
        services.recommendation_set_progress(actor=officer, recommendation=recommendation, progress=20, note=" ")
    with pytest.raises(ValidationError) as too_much:
        services.recommendation_set_progress(actor=officer, recommendation=recommendation, progress=120, note="Dużo.")

    assert "note" in no_note.value.error_dict and "progress" in too_much.value.error_dict


def test_first_progress_of_an_accepted_recommendation_starts_its_implementation(make_recommendation, officer):
    recommendation = make_recommendation(status=S.ACCEPTED)

    services.recommendation_set_progress(
        actor=officer, recommendation=recommendation, progress=30, note="Lista lokali."
    )

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == (S.IMPLEMENTING, 30)
    assert recommendation.timeline.filter(kind="progress", progress=30, text="Lista lokali.").exists()


def test_a_parent_with_children_takes_its_progress_from_them(make_recommendation, officer, english):
    parent = make_recommendation(status=S.ACCEPTED)
    make_recommendation(parent=parent, status=S.ACCEPTED)

    with pytest.raises(ValidationError, match="sub-recommendations"):
        services.recommendation_set_progress(actor=officer, recommendation=parent, progress=50, note="Połowa.")


def test_the_parent_progress_is_the_mean_of_its_children_without_the_rejected_ones(make_recommendation, officer):
    parent = make_recommendation(status=S.ACCEPTED)
    first = make_recommendation(parent=parent, status=S.ACCEPTED)
    second = make_recommendation(parent=parent, status=S.ACCEPTED)
    make_recommendation(parent=parent, status=S.REJECTED)

    services.recommendation_set_progress(actor=officer, recommendation=first, progress=50, note="Połowa.")
    services.recommendation_set_progress(actor=officer, recommendation=second, progress=25, note="Ćwierć.")

    parent.refresh_from_db()
    assert parent.progress == 38  # (50 + 25) / 2, rounded
    assert parent.timeline.filter(kind="progress", progress=38).exists()


def test_rejecting_a_sub_recommendation_leaves_it_out_of_the_parent_at_once(make_recommendation, officer):
    parent = make_recommendation(status=S.ACCEPTED)
    done = make_recommendation(parent=parent, status=S.IMPLEMENTED)
    dropped = make_recommendation(parent=parent, status=S.ANALYSIS)
    parent.refresh_from_db()
    assert done.progress == 100 and parent.progress == 50

    services.recommendation_change_status(actor=officer, recommendation=dropped, status=S.REJECTED, response="Nie.")

    parent.refresh_from_db()
    assert parent.progress == 100


def test_the_roll_up_climbs_nested_sub_recommendations(make_recommendation, officer):
    top = make_recommendation(status=S.ACCEPTED)
    middle = make_recommendation(parent=top, status=S.ACCEPTED)
    other = make_recommendation(parent=top, status=S.ACCEPTED)
    leaf = make_recommendation(parent=middle, status=S.ACCEPTED)

    services.recommendation_change_status(actor=officer, recommendation=leaf, status=S.IMPLEMENTED)

    middle.refresh_from_db()
    top.refresh_from_db()
    other.refresh_from_db()
    assert middle.progress == 100
    assert top.progress == 50  # (100 + 0) / 2


# Numbering


def test_numbers_count_per_year_and_children_number_under_their_parent(make_recommendation, a_year_ago):
    year = timezone.localdate().year
    first = make_recommendation()
    second = make_recommendation()
    old = make_recommendation(submitted_on=a_year_ago)
    child_1 = make_recommendation(parent=second)
    child_2 = make_recommendation(parent=second)
    grandchild = make_recommendation(parent=child_2)

    assert (first.number, second.number) == (f"R/{year}/1", f"R/{year}/2")
    assert old.number == f"R/{a_year_ago.year}/1"
    assert (child_1.number, child_2.number) == (f"R/{year}/2.1", f"R/{year}/2.2")
    assert grandchild.number == f"R/{year}/2.2.1"


def test_a_child_inherits_the_source_and_area_of_its_parent(make_recommendation, forum):
    parent = make_recommendation(policy_area=Recommendation.PolicyArea.SOCIAL_ECONOMY)

    child = make_recommendation(parent=parent)

    assert (child.body, child.policy_area, child.department) == (forum, "social_economy", parent.department)


def test_a_body_source_needs_a_body(officer):
    data = {
        "title": "Bez ciała",
        "text": "Tekst.",
        "source_kind": "body",
        "policy_area": "premises",
        "department": "WS",
    }

    with pytest.raises(ValidationError) as error:
        services.recommendation_create(actor=officer, data=data)

    assert "body" in error.value.error_dict
    assert not Recommendation.objects.exists()


# Reminders


def test_the_department_is_reminded_of_a_late_and_a_soon_due_recommendation_once_a_week(
    make_recommendation, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    late = make_recommendation(status=S.ANALYSIS, title="Spóźniona", due_on=today - datetime.timedelta(days=3))
    make_recommendation(status=S.ANALYSIS, title="Wkrótce", due_on=today + datetime.timedelta(days=5))
    make_recommendation(status=S.ANALYSIS, title="Za miesiąc", due_on=today + datetime.timedelta(days=30))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due(today=today) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due(today=today + datetime.timedelta(days=3)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due(today=today + datetime.timedelta(days=7)) == 2

    to_department = [m for m in mailoutbox if m.to == ["skarb@krakow.example"]]
    assert len(to_department) == 4
    late.refresh_from_db()
    assert late.reminded_on == today + datetime.timedelta(days=7)


def test_late_and_soon_reminders_say_which_they_are(
    make_recommendation, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    make_recommendation(status=S.ANALYSIS, due_on=today - datetime.timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        services.remind_due(today=today)
    late_mail = mailoutbox[-1]
    make_recommendation(status=S.ANALYSIS, due_on=today + datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_due(today=today)
    soon_mail = mailoutbox[-1]

    assert late_mail.subject != soon_mail.subject


@pytest.mark.parametrize("closed", [S.REJECTED, S.IMPLEMENTED])
def test_closed_recommendations_are_never_reminded(make_recommendation, officer, mailoutbox, closed):
    today = timezone.localdate()
    recommendation = make_recommendation(status=closed)
    Recommendation.objects.filter(pk=recommendation.pk).update(due_on=today - datetime.timedelta(days=1))

    assert services.remind_due(today=today) == 0
    assert mailoutbox == []
