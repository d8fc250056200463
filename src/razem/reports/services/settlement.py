"""The settlement of a grant and the returns (zwrot dotacji).

When the office accepts the final report, :func:`compute` settles each budget year from the report as filed
(``reports.finance.settle_year``: the grant not spent, and the part of the grant above the planned share of the
eligible cost, where costs above a line's tolerance are not eligible). The office then records each return
(:func:`settlement_return_record`), in parts if need be, until what is due is returned; a return above what is
still due, of nothing, or dated in the future is refused.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.money import ZERO, money, pln
from razem.core.permissions import ensure
from razem.core.schedule import when
from razem.reports import finance
from razem.reports.models import Report, Settlement, SettlementReturn


def year_settlements(content: dict[str, Any]) -> list[finance.YearSettlement]:
    """The settlement of every year of a filed report's content."""
    result = []
    for year in content.get("years") or []:
        figures = (content.get("by_year") or {}).get(str(year)) or {}
        result.append(
            finance.settle_year(
                year=int(year),
                received=money(figures.get("grant_received")),
                spent=money(figures.get("grant_spent")),
                planned_cost=money(figures.get("planned_cost")),
                actual_cost=money(figures.get("actual_cost")),
                excess=money(figures.get("excess")),
            )
        )
    return result


def compute(report: Report, *, actor: Any) -> list[Settlement]:
    """Settle the grant of every year of the (locked, final) report from its content as filed."""
    settlements = []
    for figures in year_settlements(report.content or {}):
        values = {
            "report": report,
            "grant_received": figures.grant_received,
            "grant_spent": figures.grant_spent,
            "unspent": figures.unspent,
            "planned_cost": figures.planned_cost,
            "actual_cost": figures.actual_cost,
            "excess_cost": figures.excess_cost,
            "allowed_grant": figures.allowed_grant,
            "breach": figures.breach,
            "to_return": figures.to_return,
            "computed_at": timezone.now(),
            "computed_by": actor if getattr(actor, "is_authenticated", False) else None,
        }
        settlement, _created = Settlement.objects.update_or_create(
            contract=report.contract, year=figures.year, defaults=values
        )
        settlements.append(settlement)
        audit.record(
            actor=actor,
            action="reports.settlement.computed",
            obj=settlement,
            data={
                "year": figures.year,
                "unspent": str(figures.unspent),
                "breach": str(figures.breach),
                "to_return": str(figures.to_return),
            },
        )
    return settlements


def settlement_return_record(
    *,
    actor: User,
    settlement: Settlement,
    amount: Decimal,
    returned_on: datetime.date,
    note: str = "",
    request: HttpRequest | None = None,
) -> SettlementReturn:
    """Record a return of (part of) a year's grant. Refused, and nothing saved, when the person is not of the
    office, the year is settled, the amount is not positive or more than still due, or the date is in the future."""
    with transaction.atomic():
        locked = Settlement.objects.select_for_update().select_related("contract").get(pk=settlement.pk)
        ensure(actor, "reports.record_return", locked)
        amount = money(amount)
        errors: dict[str, str] = {}
        if amount <= ZERO:
            errors["amount"] = _("Give the amount returned: more than zero.")
        elif amount > locked.outstanding:
            errors["amount"] = _("%(amount)s is more than the %(outstanding)s still to return for %(year)s.") % {
                "amount": pln(amount),
                "outstanding": pln(locked.outstanding),
                "year": locked.year,
            }
        if returned_on > timezone.localdate():
            errors["returned_on"] = _("The return cannot be dated after today (%(today)s).") % {
                "today": when(timezone.localdate())
            }
        if errors:
            raise ValidationError(errors)
        entry = SettlementReturn.objects.create(
            settlement=locked,
            amount=amount,
            returned_on=returned_on,
            note=(note or "").strip()[:300],
            recorded_by=actor,
        )
        total = locked.returns.aggregate(total=Sum("amount"))["total"] or ZERO
        locked.returned = money(total)
        locked.returned_on = max(r.returned_on for r in locked.returns.all())
        locked.save(update_fields=["returned", "returned_on"])
        audit.record(
            actor=actor,
            action="reports.settlement.return_recorded",
            obj=locked,
            data={
                "amount": str(amount),
                "returned_on": returned_on.isoformat(),
                "returned": str(locked.returned),
                "outstanding": str(locked.outstanding),
            },
            request=request,
        )
    return entry
