"""The demo's civic-centre call in commission review: both offers admitted, two representatives of the Mayor (the
demo officer chairs), a nominee who sits and one excluded because her organization filed an offer, an expert;
declarations signed by all sitting but one, one conflict, partial scores; the pages open for the demo people."""

import pytest
from django.urls import reverse

from razem.commissions.models import Conflict, Declaration, Member, Score
from razem.commissions.selectors import composition, ranking
from razem.grants.models import Call, Offer

pytestmark = pytest.mark.django_db


def _call():
    return Call.objects.get(slug__startswith="centrum-obywatelskie-centrum-c-")


def test_the_civic_centre_call_is_in_commission_review(demo):
    call = _call()
    offers = list(call.offers.filter(status=Offer.Status.ADMITTED))
    assert len(offers) == 2

    found = composition(call)
    roles = [(m.user.email, m.role, m.excluded) for m in found.members]
    assert ("urzednik@razem.demo", "mayor", False) in roles
    assert len(found.mayor) == 2 and found.chair.user.email == "urzednik@razem.demo"
    assert [m.user.email for m in found.ngo] == ["przedstawiciel@razem.demo"]
    (excluded,) = found.excluded
    assert excluded.user.email == "czlonek@razem.demo" and excluded.exclusion_ground == Member.Ground.TAKES_PART
    assert [m.user.email for m in found.experts] == ["mieszkanka@razem.demo"]
    assert not found.without_ngo

    signed = set(Declaration.objects.filter(member__call=call).values_list("member__user__email", flat=True))
    assert len(found.sitting) - len(signed) == 1 and "mieszkanka@razem.demo" not in signed
    assert Conflict.objects.filter(member__call=call).count() == 1

    result = ranking(call)
    assert all(row.scored >= 1 for row in result.rows)  # each offer scored by a voting member
    assert Score.objects.filter(member__call=call).values("member", "offer").distinct().count() == 4  # partial
    assert not result.adopted


def test_the_demo_people_open_their_pages(demo, client):
    call = _call()
    client.force_login(demo["przedstawiciel@razem.demo"])
    home = client.get(reverse("commissions:home", args=[call.slug]))
    assert home.status_code == 200
    offer = call.offers.filter(status=Offer.Status.ADMITTED).order_by("number").first()
    assert client.get(reverse("commissions:offer", args=[call.slug, offer.pk])).status_code == 200
    client.force_login(demo["mieszkanka@razem.demo"])
    assert client.get(reverse("commissions:declaration", args=[call.slug])).status_code == 200
    client.force_login(demo["urzednik@razem.demo"])
    assert client.get(reverse("commissions_staff:ranking", args=[call.slug])).status_code == 200
