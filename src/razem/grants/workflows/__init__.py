"""The state machines of grants (``core.workflow``): the call (workflows/calls.py), the offer (workflows/offers.py)."""

from razem.grants.workflows.calls import CALL
from razem.grants.workflows.offers import OFFER

__all__ = ["CALL", "OFFER"]
