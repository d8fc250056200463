"""Bodies on the kernel: decisions on applications through the workflow (one decision per application, under
the row lock), the statutory deadline of an opinion from ``core.deadlines``, and notifications sent after the
commit through ``notify_many``."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.bodies import services
from razem.bodies.models import BodyMembership, MembershipApplication
from razem.core.deadlines import deadline
from razem.core.models import LogEntry, Notification, StatutoryValue

pytestmark = pytest.mark.usefixtures("english")


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


@pytest.fixture
def application(forum, verified_org, org_representative, org_member):
    return services.application_submit(
        actor=org_representative, body=forum, organization=verified_org, representative=org_representative,
        deputy=org_member,
    )  # fmt: skip


def decisions(application) -> list[str]:
    codes = ["bodies.application.accepted", "bodies.application.declined", "bodies.application.withdrawn"]
    return list(LogEntry.objects.for_object(application).filter(action__in=codes).values_list("action", flat=True))


def test_a_decision_after_a_withdrawal_is_refused_and_changes_nothing(application, org_representative, officer):
    stale = MembershipApplication.objects.get(pk=application.pk)  # read while still pending
    services.application_withdraw(actor=org_representative, application=application)

    error = refusal(lambda: services.application_decide(actor=officer, application=stale, accept=True))

    application.refresh_from_db()
    assert error.messages == ["This application has already been decided: withdrawn."]
    assert (application.status, application.decided_by) == ("withdrawn", org_representative)
    assert not BodyMembership.objects.exists()
    assert decisions(application) == ["bodies.application.withdrawn"]


def test_a_withdrawal_after_a_decision_is_refused_under_the_lock_and_changes_nothing(
    application, org_representative, officer
):
    stale = MembershipApplication.objects.get(pk=application.pk)  # the organization's page, still pending
    services.application_decide(actor=officer, application=application, accept=True)

    error = refusal(lambda: services.application_withdraw(actor=org_representative, application=stale))

    application.refresh_from_db()
    assert error.messages == ["Only an application awaiting a decision can be withdrawn."]
    assert (application.status, application.decided_by) == ("accepted", officer)
    assert BodyMembership.objects.filter(body=application.body).count() == 2
    assert decisions(application) == ["bodies.application.accepted"]


def test_a_second_decision_is_refused_and_changes_nothing(application, officer):
    services.application_decide(actor=officer, application=application, accept=False, reason="Komplet miejsc.")

    error = refusal(lambda: services.application_decide(actor=officer, application=application, accept=True))

    application.refresh_from_db()
    assert error.messages == ["This application has already been decided: declined."]
    assert (application.status, application.reason) == ("declined", "Komplet miejsc.")
    assert not BodyMembership.objects.exists()
    assert decisions(application) == ["bodies.application.declined"]


def test_a_decline_without_a_reason_is_refused_with_the_message(application, officer):
    error = refusal(lambda: services.application_decide(actor=officer, application=application, accept=False,
                                                        reason="   "))  # fmt: skip

    application.refresh_from_db()
    assert error.message_dict == {"reason": ["Say why the application is declined; the organization will read it."]}
    assert (application.status, application.decided_by, application.decided_at) == ("pending", None, None)
    assert decisions(application) == []


def test_only_the_chair_or_the_office_decides_and_only_the_organization_withdraws(application, krdpp, chair, resident):
    not_chair = refusal(lambda: services.application_decide(actor=chair, application=application, accept=True))
    outsider = refusal(lambda: services.application_withdraw(actor=resident, application=application))

    application.refresh_from_db()
    assert not_chair.messages == ["Only the chair of the body or the city office decides on applications."]
    assert outsider.messages == ["You can withdraw only your organization's applications."]
    assert application.status == "pending" and not BodyMembership.objects.filter(body=application.body).exists()


def test_the_decision_is_in_the_office_history_of_the_application(client, application, officer, forum):
    services.application_decide(actor=officer, application=application, accept=False, reason="Komplet miejsc.")
    client.force_login(officer)

    page = client.get(f"/panel/ciala-dialogu/{forum.slug}/zgloszenia/{application.pk}/")

    history = page.context["history"]
    assert [row["reason"] for row in history] == ["", "Komplet miejsc."]
    assert history[1]["who"]


# The deadline of an opinion ---------------------------------------------------------------------------------------


def test_the_opinion_deadline_counts_from_the_statutory_value_with_its_legal_reference(krdpp, officer):
    received = timezone.localdate() - datetime.timedelta(days=3)

    item = services.opinion_request_create(actor=officer, body=krdpp, subject="Program", received_on=received)

    rule = deadline("council_opinion_days", received)
    assert (item.due_on, item.legal_basis) == (rule.date, rule.legal_ref)
    assert item.due_on == received + datetime.timedelta(days=rule.days)
    assert rule.legal_ref.startswith("art. 41i ust. 2")


def test_an_opinion_deadline_in_working_days_skips_weekends_and_holidays(krdpp, officer):
    received = datetime.date(2026, 12, 18)  # a Friday before Christmas Eve (free from 2025) and Christmas
    StatutoryValue.objects.create(code="council_opinion_days", value=Decimal(5), unit="working_days",
                                  valid_from=datetime.date(2026, 1, 1), legal_ref="art. 41i ust. 2 (test)")  # fmt: skip

    item = services.opinion_request_create(actor=officer, body=krdpp, subject="Strategia", received_on=received)

    assert item.due_on == datetime.date(2026, 12, 29)
    assert item.legal_basis == "art. 41i ust. 2 (test)"


def test_a_given_legal_basis_is_kept(krdpp, officer):
    item = services.opinion_request_create(
        actor=officer, body=krdpp, subject="Uchwała", received_on=timezone.localdate(), legal_basis="§ 5 regulaminu"
    )

    assert item.legal_basis == "§ 5 regulaminu"


# Notifications after the commit -------------------------------------------------------------------------------------


def test_the_members_hear_of_a_new_opinion_request_only_after_the_commit(
    krdpp, member, chair, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.opinion_request_create(actor=officer, body=krdpp, subject="Program", received_on=timezone.localdate())
        assert not Notification.objects.filter(kind="bodies/opinion_requested").exists()

    for callback in callbacks:
        callback()

    told = set(Notification.objects.filter(kind="bodies/opinion_requested").values_list("recipient", flat=True))
    assert told == {member.pk, chair.pk}


def test_a_rolled_back_opinion_request_tells_nobody(krdpp, member, officer):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.opinion_request_create(actor=officer, body=krdpp, subject="Program", received_on=timezone.localdate())
        raise RuntimeError

    assert not Notification.objects.filter(kind="bodies/opinion_requested").exists()


def test_a_decision_tells_the_organization_after_the_commit(application, officer, org_representative):
    services.application_decide(actor=officer, application=application, accept=False, reason="Komplet miejsc.")

    told = Notification.objects.get(kind="bodies/application_decided")
    assert told.recipient == org_representative
    assert "Komplet miejsc." in told.body


def test_the_office_and_the_chairs_are_told_of_an_application_but_not_a_past_chair(
    forum, seat, verified_org, org_representative, officer, other_resident
):
    past_chair = other_resident
    seat(forum, past_chair, position="chair", end_date=timezone.localdate() - datetime.timedelta(days=1))

    services.application_submit(actor=org_representative, body=forum, organization=verified_org,
                                representative=org_representative)  # fmt: skip

    told = set(Notification.objects.filter(kind="bodies/application_submitted").values_list("recipient", flat=True))
    assert told == {officer.pk}
