"""Every write of the contracts app (contracts.py: prepare, edit, sign, scan, terminate; annexes.py: annexes)."""

from razem.contracts.services.annexes import annex_attach_scan, annex_prepare, annex_sign, annex_update
from razem.contracts.services.contracts import (
    contract_attach_scan,
    contract_prepare,
    contract_sign,
    contract_terminate,
    contract_update,
)

__all__ = [
    "annex_attach_scan",
    "annex_prepare",
    "annex_sign",
    "annex_update",
    "contract_attach_scan",
    "contract_prepare",
    "contract_sign",
    "contract_terminate",
    "contract_update",
]
