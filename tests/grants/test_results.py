"""The results, the questions about the decision, the resignation and the update after a partial award
(grants.services.results): what each writes, who is told, and each refusal with its Polish message and nothing
changed."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.deadlines import deadline
from razem.core.models import LogEntry, Notification
from razem.core.money import pln
from razem.core.schedule import when
from razem.grants.models import Award, CostLine, Decision, Funding, Offer, Publication, Question
from razem.grants.reopening import reopening
from razem.grants.services import results as services
from razem.grants.validation import Issue
from tests.core.helpers import in_polish
from tests.grants.test_results_factories import admit, awards, close, decide, decided, filed, multi_year_call, publish

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def case(officer):
    return decided(officer)


@pytest.fixture
def published(officer):
    return decided(officer, publish_results=True)


# The results -------------------------------------------------------------------------------------------------------


def test_publishing_records_the_three_channels_stamps_the_decision_and_tells_every_oferent(officer, case):
    call = case["call"]
    mail.outbox.clear()

    decision = publish(call, officer)

    assert decision.results_published_at is not None
    rows = {p.channel: p for p in Publication.objects.filter(call=call, subject=Publication.Subject.RESULTS)}
    assert set(rows) == {"razem", "bip", "notice_board"}
    assert (
        rows["razem"].url.endswith(f"/konkursy/{call.slug}/wyniki/")
        and rows["razem"].published_on == timezone.localdate()
    )
    assert LogEntry.objects.filter(action="grants.call.results_published", object_id=str(call.pk)).exists()
    told = {n.recipient_id: n for n in Notification.objects.filter(kind="grants/results_published")}
    people = {case[key].person.pk for key in ("full", "partial", "none")}
    assert set(told) == people  # the oferent rejected formally is not part of the results
    partial = told[case["partial"].person.pk].body.replace("\xa0", " ")
    assert pln(D("5000.00")).replace("\xa0", " ") in partial and ("75,50" in partial or "75.50" in partial)
    assert case["partial"].number in partial and f"/konkursy/oferty/{case['partial'].pk}/aktualizacja/" in partial
    assert in_polish("not funded.") in told[case["none"].person.pk].body
    assert any(case["full"].person.email in m.to for m in mail.outbox)


def test_an_update_awaited_is_due_no_sooner_than_the_window_from_the_publication(officer, case):
    award = Award.objects.get(offer=case["partial"])
    Award.objects.filter(pk=award.pk).update(update_due=timezone.localdate())

    publish(case["call"], officer)

    award.refresh_from_db()
    assert award.update_due == deadline("award_update_days", timezone.localdate()).date


def test_the_results_need_the_bip_and_the_notice_board_not_before_the_order(officer, case):
    call = case["call"]
    decision = case["decision"]

    with pytest.raises(ValidationError) as caught:
        services.results_publish(actor=officer, call=call, publications=[])
    assert caught.value.message_dict == {
        "bip_published_on": [
            in_polish("Give the date the results appeared in the BIP (art. 15 ust. 2h), and their address there.")
        ],
        "notice_board_published_on": [
            in_polish("Give the date the results were put on the notice board at the office's seat (art. 15 ust. 2h).")
        ],
    }
    early = decision.made_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        publish(call, officer, day=early)
    assert caught.value.message_dict["bip_published_on"] == [
        in_polish("%(date)s is before the order of %(decision)s: the results are published after the decision.")
        % {"date": when(early), "decision": when(decision.made_on)}
    ]
    assert not Publication.objects.filter(call=call, subject=Publication.Subject.RESULTS).exists()
    assert Decision.objects.get(pk=decision.pk).results_published_at is None
    assert not Notification.objects.filter(kind="grants/results_published").exists()


def test_the_results_are_published_once_and_only_by_the_office(officer, published):
    call = published["call"]
    decision = Decision.objects.get(call=call)

    with pytest.raises(ValidationError) as caught:
        publish(call, officer)
    assert caught.value.messages == [
        in_polish("The results of this call were published on %(date)s.")
        % {"date": when(decision.results_published_at)}
    ]
    with pytest.raises(ValidationError) as caught:
        publish(call, published["full"].person)
    assert caught.value.messages == [in_polish("Only the city office publishes the results of a call.")]
    assert Publication.objects.filter(call=call, subject=Publication.Subject.RESULTS).count() == 3


# Questions ----------------------------------------------------------------------------------------------------------


def test_an_oferent_asks_the_office_answers_and_the_answer_is_kept_with_the_call(officer, published):
    offer = published["none"]

    question = services.question_ask(actor=offer.person, offer=offer, text="Dlaczego oferta nie otrzymała dotacji?")

    assert question.call == published["call"] and question.asked_by == offer.person
    assert Notification.objects.filter(kind="grants/question_asked", recipient=officer).exists()
    assert LogEntry.objects.filter(action="grants.question.asked").exists()

    answered = services.question_answer(actor=officer, question=question, answer="Oferta uzyskała 40 punktów.")

    assert answered.answer == "Oferta uzyskała 40 punktów." and answered.answered_by == officer
    assert answered.answered_at is not None
    told = Notification.objects.get(kind="grants/question_answered", recipient=offer.person)
    assert "Oferta uzyskała 40 punktów." in told.body
    assert Question.objects.filter(call=published["call"]).count() == 1


def test_a_question_before_the_results_are_published_is_refused(case):
    offer = case["none"]

    with pytest.raises(ValidationError) as caught:
        services.question_ask(actor=offer.person, offer=offer, text="Kiedy wyniki?")

    assert caught.value.messages == [in_polish("You can ask about the decision once its results are published.")]
    assert not Question.objects.exists()


def test_a_question_needs_its_text_and_an_oferent(published):
    offer = published["none"]
    with pytest.raises(ValidationError) as caught:
        services.question_ask(actor=offer.person, offer=offer, text="   ")
    assert caught.value.message_dict == {"text": [in_polish("Write your question.")]}
    with pytest.raises(ValidationError) as caught:
        services.question_ask(actor=published["full"].person, offer=offer, text="?")
    assert caught.value.messages == [
        in_polish("Only a person who may act for an oferent of this offer can ask about the decision.")
    ]
    rejected = published["rejected"]
    with pytest.raises(ValidationError) as caught:
        services.question_ask(actor=rejected.person, offer=rejected, text="?")
    assert caught.value.messages == [
        in_polish("Questions are about the decision on the offers it considered; this offer is %(status)s.")
        % {"status": in_polish("Rejected formally", "offer status").lower()}
    ]
    assert not Question.objects.exists()


def test_a_question_is_answered_once_with_an_answer(officer, published):
    offer = published["none"]
    question = services.question_ask(actor=offer.person, offer=offer, text="Proszę o uzasadnienie.")

    with pytest.raises(ValidationError) as caught:
        services.question_answer(actor=officer, question=question, answer=" ")
    assert caught.value.message_dict == {"answer": [in_polish("Write the answer; the oferent reads it.")]}
    with pytest.raises(ValidationError) as caught:
        services.question_answer(actor=offer.person, question=question, answer="Sam sobie odpowiem.")
    assert caught.value.messages == [in_polish("Only the city office answers questions about the decision.")]
    question.refresh_from_db()
    assert question.answered_at is None and question.answer == ""

    services.question_answer(actor=officer, question=question, answer="Uzasadnienie: …")
    question.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.question_answer(actor=officer, question=question, answer="Inna odpowiedź")
    assert caught.value.messages == [
        in_polish("This question was answered on %(date)s.") % {"date": when(question.answered_at)}
    ]
    assert Question.objects.get(pk=question.pk).answer == "Uzasadnienie: …"


# Resignation ---------------------------------------------------------------------------------------------------


def test_the_lead_resigns_the_award_follows_and_the_office_is_told(officer, case):
    offer = case["partial"]

    resigned = services.offer_resign(actor=offer.person, offer=offer, reason="Nie zrealizujemy zadania za 5 000 zł.")

    assert resigned.status == Offer.Status.RESIGNED and resigned.status_reason.startswith("Nie zrealizujemy")
    assert Award.objects.get(offer=offer).update == Award.Update.RESIGNED
    assert LogEntry.objects.filter(action="grants.offer.resigned", object_id=str(offer.pk)).exists()
    told = Notification.objects.get(kind="grants/award_resigned", recipient=officer)
    assert offer.number in told.title and "Nie zrealizujemy" in told.body
    assert reopening(Offer.objects.get(pk=offer.pk)) is None


def test_resigning_twice_is_refused_and_changes_nothing(case):
    offer = case["full"]
    services.offer_resign(actor=offer.person, offer=offer)
    entries = LogEntry.objects.count()

    with pytest.raises(ValidationError) as caught:
        services.offer_resign(actor=offer.person, offer=Offer.objects.get(pk=offer.pk), reason="Jeszcze raz")

    assert caught.value.messages == [in_polish("The oferent has already resigned from this grant.")]
    assert Offer.objects.get(pk=offer.pk).status_reason == "" and LogEntry.objects.count() == entries


def test_only_an_awarded_offer_of_ones_own_can_be_resigned(officer, case):
    with pytest.raises(ValidationError) as caught:
        services.offer_resign(actor=case["none"].person, offer=case["none"])
    assert caught.value.messages == [
        in_polish("Only a grant awarded can be resigned; this offer is %(status)s.")
        % {"status": in_polish("Not funded", "offer status").lower()}
    ]
    with pytest.raises(ValidationError) as caught:
        services.offer_resign(actor=officer, offer=case["full"])
    assert caught.value.messages == [
        in_polish("Only a person who may act for the leading oferent can resign from the grant.")
    ]
    assert Offer.objects.get(pk=case["full"].pk).status == Offer.Status.AWARDED


# The update after a partial award -------------------------------------------------------------------------------


def _budget(offer: Offer, *, cost: str, grant: str, own: str, year: int | None = None) -> None:
    """Set the offer's one cost line and funding of ``year`` (its first) directly, as the editor would."""
    year = year or offer.years[0]
    line = CostLine.objects.filter(offer=offer).order_by("position").filter(year_amounts__has_key=str(year)).first()
    line = line or CostLine.objects.filter(offer=offer).order_by("position")[0]
    line.unit_cost, line.quantity, line.year_amounts = D(cost) / 10, D("10"), {str(year): cost}
    line.save()
    Funding.objects.filter(offer=offer, year=year).update(grant=D(grant), own_personal=D(own), own_financial=D("0"))


def test_the_update_reopens_the_schedule_and_the_budget_until_it_is_due(case):
    offer = Offer.objects.get(pk=case["partial"].pk)
    award = Award.objects.get(offer=offer)

    opened = reopening(offer)

    assert opened is not None and opened.kind == "update"
    assert opened.sections == frozenset({"dzialania", "koszty"}) and opened.due == award.update_due
    assert opened.target_status == "awarded" and opened.check is services.update_problems
    assert reopening(Offer.objects.get(pk=case["full"].pk)) is None  # awarded in full: nothing to update
    assert reopening(Offer.objects.get(pk=case["none"].pk)) is None


def test_an_update_whose_grant_differs_from_the_award_is_refused(case):
    offer = Offer.objects.get(pk=case["partial"].pk)  # awarded 5 000 of 8 000 (grant share 90 %)

    problems = services.update_problems(offer)

    assert problems == [
        Issue(
            "koszty",
            "grant",
            in_polish(
                "The grant in the update is %(grant)s; it must equal the grant awarded, %(award)s (V.B, the planned "
                "grant)."
            )
            % {"grant": pln(D("8000.00")), "award": pln(D("5000.00"))},
        )
    ]


def test_an_updated_budget_that_raises_the_grants_share_is_refused(case):
    from razem.grants.models import Call

    Call.objects.filter(pk=case["call"].pk).update(own_share_min=D("0"))  # the share alone, not the own contribution
    offer = Offer.objects.get(pk=case["partial"].pk)
    award = Award.objects.get(offer=offer)
    assert award.grant_share == D("90.00")
    _budget(offer, cost="5500.00", grant="5000.00", own="500.00")  # 90.91 %

    problems = services.update_problems(offer)

    least = services.least_total_cost(D("5000.00"), D("90.00"))
    assert least == D("5555.25")  # 5 000 of 5 555.25 is 90.00495… % → 90.00 %; of 5 555.24, 90.01 %
    assert [p.message for p in problems] == [
        in_polish(
            "The grant is %(share)s of the total cost; it may not rise above %(max)s, its share in the offer as "
            "awarded. With a grant of %(grant)s the total cost must be at least %(least)s: keep the own "
            "contribution, do not cut it with the grant."
        )
        % {"share": "90,91\u00a0%", "max": "90,00\u00a0%", "grant": pln(D("5000.00")), "least": pln(least)}
    ]


def test_an_update_that_keeps_the_share_and_the_award_passes(case):
    offer = Offer.objects.get(pk=case["partial"].pk)
    _budget(offer, cost="5560.00", grant="5000.00", own="560.00")

    assert services.update_problems(offer) == []


def test_the_update_still_meets_the_rules_of_the_call(case):
    offer = Offer.objects.get(pk=case["partial"].pk)
    # The own contribution of 10 % is met, the share does not rise, but the sources do not add up to the costs.
    _budget(offer, cost="6000.00", grant="5000.00", own="600.00")

    problems = services.update_problems(offer)

    year = offer.years[0]
    assert [p.field for p in problems] == [f"funding.{year}.grant"]
    assert problems[0].message.startswith(
        in_polish(
            "In %(year)s the sources of funding add up to %(sources)s, but the costs are %(cost)s; they must be equal."
        ).split("%")[0]
    )


def test_a_multi_year_update_must_match_the_award_in_each_year(officer):
    call = multi_year_call()
    first, second = call.years
    offer = filed(call, {first: D("30000.00"), second: D("20000.00")})
    close(call)
    admit(offer)
    decide(officer, call, {offer.pk: {first: D("24000.00"), second: D("16000.00")}})
    offer = Offer.objects.get(pk=offer.pk)
    # The total is right (40 000) but split 30 000 / 10 000.
    Funding.objects.filter(offer=offer, year=first).update(grant=D("30000.00"))
    Funding.objects.filter(offer=offer, year=second).update(grant=D("10000.00"))

    problems = [p for p in services.update_problems(offer) if p.field.endswith(".grant") and p.field != "grant"]

    messages = {p.field: p.message for p in problems if "decision awards" in p.message or "przyznaje" in p.message}
    template = in_polish(
        "In %(year)s the grant in the update is %(grant)s; the decision awards %(award)s for that year."
    )
    assert messages[f"funding.{first}.grant"] == template % {
        "year": first, "grant": pln(D("30000.00")), "award": pln(D("24000.00")),
    }  # fmt: skip
    assert messages[f"funding.{second}.grant"] == template % {
        "year": second, "grant": pln(D("10000.00")), "award": pln(D("16000.00")),
    }  # fmt: skip


def test_filing_the_update_records_it_on_the_award_and_tells_the_office(officer, case):
    offer = Offer.objects.get(pk=case["partial"].pk)
    version = offer.current_version

    services.update_filed(offer, version, offer.organization)

    award = Award.objects.get(offer=offer)
    assert award.update == Award.Update.FILED and award.updated_version == version
    assert LogEntry.objects.filter(action="grants.award.update_filed").exists()
    assert Notification.objects.filter(kind="grants/update_filed", recipient=officer).exists()
    assert reopening(Offer.objects.get(pk=offer.pk)) is None


@pytest.mark.parametrize(
    ("amount", "share", "least"),
    [
        ("5000.00", "90.00", "5555.25"),
        ("100.00", "50.00", "199.99"),
        ("1.00", "100.00", "1.00"),
        ("7.00", "33.33", "21.00"),
    ],
)
def test_the_least_total_cost_is_the_smallest_that_keeps_the_share(amount, share, least):
    from razem.core.money import share as share_of

    found = services.least_total_cost(D(amount), D(share))

    assert found == D(least)
    assert share_of(D(amount), found) <= D(share) < share_of(D(amount), found - D("0.01"))


def test_awards_helper_builds_one_year_amounts(case):
    offer = case["full"]
    assert awards((offer, "1.00")) == {offer.pk: {offer.call.years[0]: D("1.00")}}
