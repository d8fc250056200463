"""Small grants (art. 19a) for the demo, made once (the audit log says when) after the contracts demo, through the
services of this app and of the contracts app, by the demo officer (urzednik@razem.demo) and demo NGO people:

- the plans of grants for NGO tasks of this year and the next (``YearPlan``), so that the pools are known;
- **awarded, with a signed contract**: workshops in a courtyard, filed a month ago, published, commented on by
  nobody, awarded a little less than requested after the comment period, and its contract prepared and signed
  through ``razem.contracts.services`` (the dates of the procedure are moved back, as the grants demo does);
- **in its comment period**: a riverside clean-up, filed four days ago, published today for seven days, with one
  public comment;
- **a draft** of the demo NGO account prezeska@razem.demo's Fundacja Pod Wawelem, complete: it can be filed.

The texts are in ``data/offers.json``.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.grants.models import Offer
from razem.small_grants.models import Comment, YearPlan

LOADED = "small_grants.demo.loaded"


def summary() -> dict[str, int]:
    small = Offer.objects.filter(kind=Offer.Kind.SMALL_GRANT)
    return {
        "small_grant_plans": YearPlan.objects.count(),
        "small_grants": small.count(),
        "small_grants_published": small.filter(status=Offer.Status.PUBLISHED).count(),
        "small_grants_awarded": small.filter(status=Offer.Status.AWARDED).count(),
        "small_grant_comments": Comment.objects.count(),
    }


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, Any]:
    from razem.small_grants.demo.build import build

    return toolkit.once(LOADED, lambda: build(users), summary)
