"""The daily work of calls (``razem remind``, ``core.registry.DailyJob``).

``remind_drafts``: the people acting for the leading oferent of each draft offer in a call open now are reminded
of the deadline when it is ``days_of("offer_first_reminder_days")`` or fewer days away (counted in Warsaw's
calendar days: a deadline on Thursday is 3 days away on Monday), and again at ``days_of("offer_last_reminder_days")``
or fewer. ``Offer.reminders_sent`` records each one sent ("first", "last"), so that none is sent twice (when the
draft is started late, only the last one goes); a filed or withdrawn offer is never reminded."""

import datetime
from typing import cast

from django.db import transaction
from django.utils import timezone

from razem.core import audit
from razem.core.deadlines import days_of
from razem.core.notifications import notify_many
from razem.grants.models import Call, Offer
from razem.organizations.selectors import people_acting_for

FIRST = "first"
LAST = "last"


def _due(offer: Offer, today: datetime.date, first_days: int, last_days: int) -> str | None:
    """Which reminder the draft is due today, if any."""
    call = cast(Call, offer.call)
    days_left = (timezone.localtime(call.submission_deadline).date() - today).days
    sent = set(offer.reminders_sent or [])
    if days_left <= last_days and LAST not in sent:
        return LAST
    if days_left <= first_days and FIRST not in sent and LAST not in sent:
        return FIRST
    return None


def remind_drafts(now: datetime.datetime | None = None) -> int:
    """Send the reminders due; returns how many drafts were reminded."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    first_days = days_of("offer_first_reminder_days", today)
    last_days = days_of("offer_last_reminder_days", today)
    horizon = now + datetime.timedelta(days=max(first_days, last_days) + 1)
    drafts = (
        Offer.objects.filter(
            status=Offer.Status.DRAFT,
            call__status=Call.Status.ANNOUNCED,
            call__submission_deadline__gt=now,
            call__submission_deadline__lte=horizon,
        )
        .select_related("call", "organization")
        .order_by("call__submission_deadline", "pk")
    )
    reminded = 0
    for draft in drafts:
        if _due(draft, today, first_days, last_days) is None:
            continue
        with transaction.atomic():
            offer = (
                Offer.objects.select_for_update(of=("self",)).select_related("call", "organization").get(pk=draft.pk)
            )
            which = _due(offer, today, first_days, last_days) if offer.status == Offer.Status.DRAFT else None
            if which is None:
                continue
            offer.reminders_sent = sorted({*offer.reminders_sent, which, *([FIRST] if which == LAST else [])})
            offer.save(update_fields=["reminders_sent"])
            call = cast(Call, offer.call)
            days_left = (timezone.localtime(call.submission_deadline).date() - today).days
            audit.record(
                actor=None,
                action="grants.offer.reminded",
                obj=offer,
                data={"reminder": which, "days_left": days_left},
            )
            notify_many(
                kind="grants/draft_reminder",
                audience=people_acting_for(offer.organization),
                context={"call": call, "offer": offer, "days_left": days_left, "last": which == LAST},
                url=offer.get_absolute_url(),
            )
        reminded += 1
    return reminded
