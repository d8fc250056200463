"""Calls for offers like Kraków's, for the demo (point 13 of issue 11). Loaded once (the audit log says when) after
the elections demo, through the services of the grants app, by the demo officer (urzednik@razem.demo) and the demo
NGO people (``razem.organizations.demo_people``), each acting for their own organization:

- **open** ``aktywizacja-seniorow-<next year>``: a one-year task of next year (wspieranie, 10–60 thousand zł,
  own contribution at least 10 %, of which 5 % non-financial), published three days ago, deadline in three weeks;
  two nominations of NGO members of the commission (one consented, one awaiting consent); drafts: the demo NGO
  account prezeska@razem.demo's Fundacja Pod Wawelem has a complete draft it can file (its board is recorded as
  its representatives: the president signs alone), another organization a bare draft, a third one a draft with its
  budget but no results or attachments; two filed offers, one of one organization and one joint offer whose
  partner, Stowarzyszenie Przyjaciół Nowej Huty (przedstawiciel@razem.demo), confirmed it;
- **closed, multi-year** ``centrum-obywatelskie-centrum-c-<years>``: running the Civic Centre Centrum C 10 for 2½
  years (powierzenie, funds 600 000 / 600 000 / 300 000 zł), deadline passed 17 days ago, two filed offers that
  together ask for more than the funds of each year (the office's list shows the over-subscription);
- **closed** ``sport-dzieci-mlodziez-<next year>``: sport for children and youth, deadline passed 9 days ago, five
  filed offers waiting for evaluation;
- **cancelled** ``festiwal-wolontariatu-<next year>``: no offer was filed; cancelled under art. 18a ust. 1 pkt 1
  with a published reason.

The texts (titles, descriptions, activities, results, cost lines with their units) are in ``data/calls.json`` and
``data/offers.json``; the funding of each offer is computed to meet its call's rules (``offers.funding``).

The services refuse to file after the deadline, so a closed call is created open, its offers filed through the
services, and only then are its dates moved into the past directly in the database (``calls.move_back``): the
call's publication, deadline and choice date, and the dates of its offers, versions, partners and attachments,
all by the same span, so that every offer was filed before the deadline. The filed content and its checksum hold
no dates of filing, so the checksums stay valid; the audit log keeps the real time of loading.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.grants.models import Call, CommissionNomination, Offer, OfferVersion

LOADED = "grants.demo.loaded"


def summary() -> dict[str, int]:
    return {
        "calls": Call.objects.count(),
        "offers": Offer.objects.count(),
        "filed_offers": Offer.objects.filter(status=Offer.Status.FILED).count(),
        "offer_versions": OfferVersion.objects.count(),
        "nominations": CommissionNomination.objects.count(),
    }


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, Any]:
    """The four calls and their offers, on the first run only (see the module doc)."""
    from razem.grants.demo.build import build

    return toolkit.once(LOADED, lambda: build(users), summary)
