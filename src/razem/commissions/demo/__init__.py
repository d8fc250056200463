"""The competition commission of the demo's civic-centre call (``centrum-obywatelskie-centrum-c-<years>``, closed,
two filed offers), in commission review (issue 12, point 12): both offers admitted (a demo shortcut: the formal
check's result written directly), the commission appointed by the demo officer through the services:

- representatives of the Mayor: the demo officer urzednik@razem.demo (the chair) and a further officer created
  here (Marek Wiśniewski, no password: he does not sign in);
- nominees of organizations (consented nominations made here, as the call's recruitment would): the demo
  representative przedstawiciel@razem.demo, nominated by Stowarzyszenie Przyjaciół Nowej Huty, which takes no part
  in the call; and the demo member czlonek@razem.demo, nominated by the organization that filed the first offer,
  so EXCLUDED automatically (art. 15 ust. 2d);
- an expert with an advisory voice: the demo resident mieszkanka@razem.demo.

Declarations are signed by everyone sitting but the expert; Marek Wiśniewski declares a conflict with the second
offer. Scores are partial: the officer scored both offers, Marek Wiśniewski and the NGO nominee the first only.
The first offer has a proposed amount, the second not yet; the opinion is not adopted. Texts in
``data/commission.json``. Loaded once (``commissions.demo.loaded``).
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from razem.accounts.models import User

LOADED = "commissions.demo.loaded"
PACKAGE = "razem.commissions.demo"
CALL_PREFIX = "centrum-obywatelskie-centrum-c-"


def summary() -> dict[str, int]:
    from razem.commissions.models import Conflict, Declaration, Member, Score

    return {
        "members": Member.objects.count(),
        "declarations": Declaration.objects.count(),
        "conflicts": Conflict.objects.count(),
        "scores": Score.objects.count(),
    }


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, Any]:
    from razem.commissions.demo.build import build
    from razem.core import demo as toolkit

    return toolkit.once(LOADED, lambda: build(users), summary)
