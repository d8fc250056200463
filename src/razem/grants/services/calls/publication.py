"""The publication of a call for offers (art. 13 ust. 3–4): the statutory channels recorded with their dates,
the publication in Razem, and the earliest deadline the last publication allows.

``call_publish(*, actor, call, publications, request=None) -> Call``: see ``grants.services.calls``. The same record
of publications serves the cancellation (``grants.services.calls.changes``).
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core.schedule import when
from razem.grants.models import Call, Publication
from razem.grants.services.calls.rules import _add
from razem.grants.workflows.calls import CALL

ENTERED_CHANNELS = (Publication.Channel.BIP, Publication.Channel.NOTICE_BOARD, Publication.Channel.PRESS)


def _clean_publications(
    publications: Iterable[Mapping[str, Any]], *, required: Iterable[str], today: datetime.date
) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    rows: dict[str, dict[str, Any]] = {}
    labels = dict(Publication.Channel.choices)
    for row in publications:
        channel = str(row.get("channel") or "")
        if channel not in ENTERED_CHANNELS:
            _add(errors, "__all__", _("Unknown channel of publication: %(channel)s.") % {"channel": channel})
            continue
        published_on = row.get("published_on")
        url = str(row.get("url") or "").strip()
        note = str(row.get("note") or "").strip()
        if not published_on and not url and not note:
            continue  # an empty optional channel
        if channel in rows:
            _add(errors, f"{channel}_published_on", _("This channel is given twice."))
            continue
        if not published_on:
            _add(errors, f"{channel}_published_on", _("Give the date of this publication."))
            continue
        if isinstance(published_on, datetime.datetime):
            published_on = timezone.localtime(published_on).date()
        if published_on > today:
            _add(
                errors,
                f"{channel}_published_on",
                _("%(date)s is in the future: record a publication once it has appeared.")
                % {"date": when(published_on)},
            )
            continue
        if channel == Publication.Channel.BIP and not url:
            _add(errors, "bip_url", _("Give the address of the announcement in the BIP."))
            continue
        rows[channel] = {"channel": channel, "published_on": published_on, "url": url, "note": note[:300]}
    for channel in required:
        if channel not in rows and not any(k.startswith(channel) for k in errors):
            _add(
                errors,
                f"{channel}_published_on",
                _("The call must also be published here (art. 13 ust. 3): %(channel)s. Give the date.")
                % {"channel": labels[channel]},
            )
    if errors:
        raise ValidationError(errors)
    return list(rows.values())


def _record_publications(
    call: Call, subject: str, rows: Iterable[Mapping[str, Any]], actor: User, today: datetime.date
) -> None:
    Publication.objects.create(
        call=call,
        subject=subject,
        channel=Publication.Channel.RAZEM,
        published_on=today,
        url=settings.RAZEM_BASE_URL + call.get_absolute_url(),
        recorded_by=actor,
    )
    for row in rows:
        Publication.objects.create(call=call, subject=subject, recorded_by=actor, **row)


def last_publication(call: Call, subject: str = Publication.Subject.CALL) -> datetime.date | None:
    found = Publication.objects.filter(call=call, subject=subject).aggregate(last=Max("published_on"))["last"]
    return found  # type: ignore[no-any-return]


def earliest_deadline(last: datetime.date) -> Any:
    """The earliest deadline a call published last on ``last`` may have (``core.deadlines.Deadline``)."""
    from razem.core.deadlines import deadline

    return deadline("offer_submission_days", last)


@transaction.atomic
def call_publish(
    *, actor: User, call: Call, publications: list[dict[str, Any]], request: HttpRequest | None = None
) -> Call:
    refusal = CALL.refusal(call, CALL["publish"], actor, "")
    if refusal is not None:
        raise refusal
    today = timezone.localdate()
    rows = _clean_publications(
        publications, required=(Publication.Channel.BIP, Publication.Channel.NOTICE_BOARD), today=today
    )
    last = max([today, *(row["published_on"] for row in rows)])
    now = timezone.now()
    if call.recruits_commission and call.nominations_close and call.nominations_close <= now:
        raise ValidationError(
            {
                "nominations_close": _(
                    "Nominations to the commission would close on %(when)s, before the publication: move the date "
                    "in the call's form."
                )
                % {"when": when(call.nominations_close)}
            }
        )
    published = CALL.take(call, "publish", actor=actor, request=request, last_publication=last)
    _record_publications(published, Publication.Subject.CALL, rows, actor, today)
    return published  # type: ignore[no-any-return]
