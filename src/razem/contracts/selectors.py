"""Every non-trivial read of contracts: the office's list (one query per page), one contract with its tranches and
annexes, the contracts of a call and of an organization, the awarded offers still without a contract."""

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from razem.contracts.models import Contract, ContractAnnex, ContractTranche
from razem.core.money import ZERO, money
from razem.grants.models import Call, Offer


def _grant_total() -> Any:
    total = (
        ContractTranche.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(total, output_field=DecimalField(max_digits=14, decimal_places=2)),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def contracts_for_staff() -> QuerySet[Contract]:
    """Every contract with its offer, oferent and call, and the grant (the sum of its tranches) as ``grant_total``."""
    return Contract.objects.select_related("offer__organization", "offer__call").annotate(grant_total=_grant_total())


def contracts_filtered(
    queryset: QuerySet[Contract],
    *,
    status: str = "",
    year: int | None = None,
    call: str = "",
    department: str = "",
    q: str = "",
) -> QuerySet[Contract]:
    """Narrowed by status, a budget year the task runs in, the call (its address), the department, and text in the
    number, the title or the oferent's name."""
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(start_date__year__lte=year, end_date__year__gte=year)
    if call:
        queryset = queryset.filter(offer__call__slug=call)
    if department:
        queryset = queryset.filter(offer__call__department=department)
    if q:
        queryset = queryset.filter(
            Q(number__icontains=q) | Q(title__icontains=q) | Q(offer__organization__name__icontains=q)
        )
    return queryset


def call_choices() -> list[tuple[str, str]]:
    """The calls that have contracts or awards, for the filter."""
    calls = Call.objects.filter(offers__award__isnull=False).distinct().order_by("-submission_deadline")
    return [(c.slug, f"{c.number}: {c.title}"[:120]) for c in calls]


def department_choices() -> list[tuple[str, str]]:
    rows = (
        Call.objects.filter(offers__award__isnull=False)
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )
    return [(d, d) for d in rows if d]


def contract_detail(pk: int) -> QuerySet[Contract]:
    """One contract with what its pages show."""
    return (
        Contract.objects.filter(pk=pk)
        .select_related("offer__organization", "offer__call", "version", "offer__award__decision")
        .prefetch_related(
            Prefetch("tranches", queryset=ContractTranche.objects.order_by("year")),
            Prefetch("annexes", queryset=ContractAnnex.objects.order_by("number")),
        )
    )


def annex_detail(contract_pk: int, number: int) -> QuerySet[ContractAnnex]:
    return ContractAnnex.objects.filter(contract_id=contract_pk, number=number).select_related(
        "contract__offer__organization", "contract__offer__call", "contract__version"
    )


def offers_awaiting_contract(call: Call) -> list[Offer]:
    """The call's awarded offers without a contract yet (those whose update is awaited too, marked by
    ``award.update``), with the award."""
    return list(
        Offer.objects.filter(call=call, status=Offer.Status.AWARDED, contract__isnull=True)
        .select_related("organization", "award")
        .order_by("number", "pk")
    )


def awarded_without_contract(limit: int = 20) -> list[Offer]:
    """The awarded offers, of every call and small grant, still without a contract (the office's to-do), with the
    award (``award.update`` says whether the update after a partial award is still awaited)."""
    return list(
        Offer.objects.filter(status=Offer.Status.AWARDED, contract__isnull=True, award__isnull=False)
        .select_related("organization", "call", "award")
        .order_by("award__decision__made_on", "number", "pk")[:limit]
    )


def signed_for_call(call: Call) -> dict[str, Any]:
    """The contracts signed for a call (terminated ones marked): count, the sum of the grants, the list."""
    rows = list(contracts_for_staff().filter(offer__call=call, signed_on__isnull=False).order_by("number", "pk"))
    in_force = [c for c in rows if c.status == Contract.Status.SIGNED]
    return {
        "contracts": rows,
        "count": len(in_force),
        "total": money(sum((getattr(c, "grant_total", ZERO) for c in in_force), ZERO)),
    }


def contracts_of_organization(organization: Any, *, everything: bool) -> list[Contract]:
    """The contracts of an organization as lead oferent or partner: all of them for the office and the people acting
    for it (``everything``), the signed ones for anyone else."""
    queryset = contracts_for_staff().filter(
        Q(offer__organization=organization)
        | Q(offer__partners__organization=organization, offer__partners__status="confirmed")
    )
    if not everything:
        queryset = queryset.filter(signed_on__isnull=False)
    return list(queryset.distinct().order_by("-start_date", "-pk")[:20])
