"""What a contract plans: the cost lines and sources of funding the report is settled against.

The plan is the offer as last filed (after the update that follows a partial award), unless a signed annex
replaced the budget: then the latest annex's budget (``contracts`` owns annexes; see ``planned``). The reports app
reads the plan only through this module."""

from typing import Any

from razem.grants import budget as grants_budget


def planned(contract: Any) -> grants_budget.Budget:
    """The contract's budget (``grants.budget.Budget``): lines with their value per year, the sources per year."""
    offer = contract.offer
    lines = list(offer.cost_lines.all())
    funding = list(offer.funding.all())
    return grants_budget.build(contract.years, lines, funding)
