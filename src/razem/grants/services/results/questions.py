"""Questions about the decision (no appeal lies, art. 15 ust. 2j) and their answers: ``question_ask``,
``question_answer`` (see ``grants.services.results``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants.models import Call, Offer, Question
from razem.grants.services.results.common import oferent_audience

QUESTION_MAX = 5000
ANSWER_MAX = 10000


def question_ask(*, actor: User, offer: Offer, text: str, request: HttpRequest | None = None) -> Question:
    with transaction.atomic():
        ensure(actor, "grants.ask_question", offer)
        text = (text or "").strip()
        if not text:
            raise ValidationError({"text": _("Write your question.")})
        if len(text) > QUESTION_MAX:
            raise ValidationError(
                {"text": _("A question may have at most %(max)s characters.") % {"max": QUESTION_MAX}}
            )
        call: Call = offer.call  # type: ignore[assignment]
        question = Question.objects.create(call=call, offer=offer, asked_by=actor, text=text)
        audit.record(
            actor=actor,
            action="grants.question.asked",
            obj=question,
            data={"call": call.pk, "offer": offer.pk},
            request=request,
        )
        notify_many(
            kind="grants/question_asked",
            audience=User.objects.city_staff(),
            context={"question": question, "offer": offer, "call": call},
            url=reverse("grants_staff:question_answer", args=[call.slug, question.pk]),
            exclude=actor,
        )
    return question


def question_answer(*, actor: User, question: Question, answer: str, request: HttpRequest | None = None) -> Question:
    with transaction.atomic():
        locked = Question.objects.select_for_update().select_related("offer", "call").get(pk=question.pk)
        ensure(actor, "grants.answer_question", locked)
        answer = (answer or "").strip()
        if not answer:
            raise ValidationError({"answer": _("Write the answer; the oferent reads it.")})
        if len(answer) > ANSWER_MAX:
            raise ValidationError({"answer": _("An answer may have at most %(max)s characters.") % {"max": ANSWER_MAX}})
        locked.answer = answer
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
        audit.record(
            actor=actor,
            action="grants.question.answered",
            obj=locked,
            data={"call": locked.call_id, "offer": locked.offer_id},
            request=request,
        )
        notify_many(
            kind="grants/question_answered",
            audience=oferent_audience([locked.offer]),
            context={"question": locked, "offer": locked.offer, "call": locked.call},
            url=reverse("grants:question_ask", args=[locked.offer_id]),
        )
    question.answer, question.answered_by, question.answered_at = locked.answer, actor, locked.answered_at
    return locked
