"""What the home page's sections of several apps ask about the person's organizations (no section of its own): the
organizations the person may act for, read once per request for the ballots, the corrections and the reports that
wait for them ("for_you")."""

from typing import Any

from razem.organizations.models import Membership


def acting_organization_ids(request: Any) -> list[int]:
    """The organizations the signed-in person may act for (``Membership.objects.acting``: administrator or
    representative, active), any status; one query, kept on the request. Empty for an anonymous visitor."""
    if "_razem_home_acting" not in request.__dict__:
        user = request.user
        ids: list[int] = []
        if user.is_authenticated:
            ids = list(Membership.objects.acting().filter(user=user).values_list("organization_id", flat=True))
        request._razem_home_acting = ids
    return request._razem_home_acting  # type: ignore[no-any-return]
