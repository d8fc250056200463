"""Reads of the formal check, each in a fixed number of queries.

- ``checked_offers(call)``: the call's offers the formal check concerns (filed at least once, neither a draft nor
  withdrawn), with the progress of their check on the current version and their calls for corrections (three
  queries whatever their number: the checklist's size, the offers with their counts, the requests);
- ``check_summary(call)``: how many offers are in each state of the check, and the lapsed corrections;
- ``offer_checklist(offer)``: the call's points with the offer's finding on each, and its calls for corrections.
"""

import dataclasses
import datetime
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from razem.grants.models import CheckItem, CheckResult, CorrectionRequest, Offer

NOT_CHECKED = (Offer.Status.DRAFT, Offer.Status.WITHDRAWN)
WAITING = Offer.Status.FILED
Outcome = CheckResult.Outcome


@dataclasses.dataclass(frozen=True)
class CheckRow:
    """One offer on the call's formal-check list."""

    offer: Offer
    total: int  # points on the checklist
    recorded: int  # findings on the current version
    met: int
    defects: int
    failed: int
    requests: tuple[CorrectionRequest, ...]

    @property
    def latest_request(self) -> CorrectionRequest | None:
        return self.requests[-1] if self.requests else None

    @property
    def open_request(self) -> CorrectionRequest | None:
        latest = self.latest_request
        return latest if latest is not None and latest.status == CorrectionRequest.Status.OPEN else None

    @property
    def lapsed(self) -> bool:
        """The correction did not come by its deadline (marked lapsed, or open with the deadline passed) and the
        offer still waits for the office's decision."""
        latest = self.latest_request
        if latest is None or self.offer.status != Offer.Status.CORRECTING:
            return False
        return latest.status == CorrectionRequest.Status.LAPSED or (
            latest.status == CorrectionRequest.Status.OPEN and latest.due_date < timezone.localdate()
        )

    @property
    def corrected(self) -> bool:
        """A correction was filed and the offer waits to be checked again."""
        latest = self.latest_request
        return (
            self.offer.status == Offer.Status.FILED
            and latest is not None
            and latest.status == CorrectionRequest.Status.ANSWERED
        )

    @property
    def decided(self) -> bool:
        return self.offer.status not in {Offer.Status.FILED, Offer.Status.CORRECTING}


def checked_offers_queryset(call: Any) -> QuerySet[Offer]:
    on_current = Q(check_results__version=F("current_version"))
    return (
        Offer.objects.filter(call=call, current_version__isnull=False)
        .exclude(status__in=NOT_CHECKED)
        .select_related("organization", "current_version", "checked_by")
        .annotate(
            recorded=Count("check_results", filter=on_current),
            met=Count(
                "check_results",
                filter=on_current & Q(check_results__outcome__in=[Outcome.MET, Outcome.NOT_APPLICABLE]),
            ),
            defects=Count("check_results", filter=on_current & Q(check_results__outcome=Outcome.DEFECT)),
            failed=Count("check_results", filter=on_current & Q(check_results__outcome=Outcome.FAILED)),
        )
        .prefetch_related(Prefetch("correction_requests", queryset=CorrectionRequest.objects.order_by("number")))
        .order_by("number", "id")
    )


def checked_offers(call: Any) -> list[CheckRow]:
    total = CheckItem.objects.filter(call=call).count()
    return [
        CheckRow(
            offer=offer,
            total=total,
            recorded=offer.recorded,  # type: ignore[attr-defined]
            met=offer.met,  # type: ignore[attr-defined]
            defects=offer.defects,  # type: ignore[attr-defined]
            failed=offer.failed,  # type: ignore[attr-defined]
            requests=tuple(offer.correction_requests.all()),
        )
        for offer in checked_offers_queryset(call)
    ]


@dataclasses.dataclass(frozen=True)
class CheckSummary:
    items: int
    waiting: int  # filed, not yet decided (corrected ones included)
    correcting: int
    admitted: int
    rejected: int
    lapsed: int
    corrected: int

    @property
    def total(self) -> int:
        return self.waiting + self.correcting + self.admitted + self.rejected

    @property
    def started(self) -> bool:
        return bool(self.items or self.correcting or self.admitted or self.rejected)


def check_summary(call: Any, *, today: datetime.date | None = None) -> CheckSummary:
    """The state of the call's formal check in three queries."""
    today = today or timezone.localdate()
    counts = (
        Offer.objects.filter(call=call, current_version__isnull=False)
        .exclude(status__in=NOT_CHECKED)
        .aggregate(
            waiting=Count("pk", filter=Q(status=Offer.Status.FILED)),
            correcting=Count("pk", filter=Q(status=Offer.Status.CORRECTING)),
            admitted=Count(
                "pk", filter=~Q(status__in=[Offer.Status.FILED, Offer.Status.CORRECTING, Offer.Status.REJECTED])
            ),
            rejected=Count("pk", filter=Q(status=Offer.Status.REJECTED)),
        )
    )
    requests = CorrectionRequest.objects.filter(offer__call=call).aggregate(
        lapsed=Count(
            "pk",
            filter=Q(offer__status=Offer.Status.CORRECTING)
            & (Q(status=CorrectionRequest.Status.LAPSED) | Q(status=CorrectionRequest.Status.OPEN, due_date__lt=today)),
        ),
        corrected=Count("pk", filter=Q(offer__status=Offer.Status.FILED, status=CorrectionRequest.Status.ANSWERED)),
    )
    return CheckSummary(
        items=CheckItem.objects.filter(call=call).count(),
        waiting=counts["waiting"],
        correcting=counts["correcting"],
        admitted=counts["admitted"],
        rejected=counts["rejected"],
        lapsed=requests["lapsed"],
        corrected=requests["corrected"],
    )


def offer_for_check(call: Any, pk: int) -> Offer:
    """An offer of ``call`` the formal check concerns, with what its checklist page reads, or 404."""
    return get_object_or_404(
        Offer.objects.filter(call=call, current_version__isnull=False)
        .exclude(status__in=NOT_CHECKED)
        .select_related("call", "organization", "current_version", "current_version__filed_by", "checked_by")
        .prefetch_related(
            "versions",
            "partners__organization__representatives",
            "organization__representatives",
            "organization__areas",
            "call__areas",
            "call__required_attachments",
            Prefetch(
                "correction_requests",
                queryset=CorrectionRequest.objects.select_related("requested_by", "answered_version").order_by(
                    "number"
                ),
            ),
        ),
        pk=pk,
    )


@dataclasses.dataclass(frozen=True)
class ChecklistRow:
    item: CheckItem
    result: CheckResult | None

    @property
    def current(self) -> bool:
        """The finding was made on the offer's current version."""
        return self.result is not None and self.result.version_id == self.result.offer.current_version_id


def offer_checklist(offer: Offer) -> list[ChecklistRow]:
    """The call's points in order, each with the offer's finding (two queries)."""
    items = list(CheckItem.objects.filter(call=offer.call).order_by("position", "id"))
    results = {r.item_id: r for r in CheckResult.objects.filter(offer=offer).select_related("version", "checked_by")}
    for result in results.values():
        result.offer = offer
    return [ChecklistRow(item, results.get(item.pk)) for item in items]
