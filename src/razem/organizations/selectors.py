"""Reads of the NGO registry. Lists cost a fixed number of queries whatever their size."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Concat

from razem.organizations.models import Invitation, Membership, Organization, fold

SORTS = {
    "nazwa": ("name", "id"),
    "-nazwa": ("-name", "-id"),
    "najnowsze": ("-created_at", "-id"),
    "najstarsze": ("created_at", "id"),  # the verification queue: who has waited longest first
    "dzielnica": ("district__number", "name", "id"),
}


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    area: int | None = None
    district: int | None = None
    legal_form: str = ""
    opp: bool | None = None
    status: str = ""
    sort: str = "nazwa"


def _filtered(organizations: QuerySet[Organization], f: DirectoryFilters) -> QuerySet[Organization]:
    if f.query:
        for word in fold(f.query).split():
            organizations = organizations.filter(search_text__contains=word)
    if f.area:
        organizations = organizations.filter(areas__id=f.area)
    if f.district:
        organizations = organizations.filter(district_id=f.district)
    if f.legal_form:
        organizations = organizations.filter(legal_form=f.legal_form)
    if f.opp is not None:
        organizations = organizations.filter(is_opp=f.opp)
    if f.status:
        organizations = organizations.filter(status=f.status)
    sort: tuple[Any, ...] = SORTS.get(f.sort, SORTS["nazwa"])
    if (f.query or f.area or f.district) and sort[0] in ("name", "-name"):
        # A search or a district/area filter leaves few rows: sort them after filtering. Ordered by the plain
        # column, PostgreSQL may walk the (status, name) index in name order, hoping to meet a page of matches
        # early, and with fewer matches than a page it reads the whole registry (140 ms instead of 20 ms at
        # 100,000 organizations, bench/README.md). Concat(name, "") sorts exactly like name but is not indexed.
        by_name = Concat(F("name"), Value(""))
        sort = (by_name.desc() if sort[0] == "-name" else by_name.asc(), *sort[1:])
    return organizations.order_by(*sort)


def organization_directory(*, filters: DirectoryFilters) -> QuerySet[Organization]:
    """The public directory: verified organizations only."""
    public = Organization.objects.filter(status=Organization.Status.VERIFIED)
    return (
        _filtered(public, DirectoryFilters(**{**filters.__dict__, "status": ""}))
        .select_related("district")
        .prefetch_related("areas")
        .defer("search_text")
    )


def organizations_filtered(organizations: QuerySet[Organization], filters: DirectoryFilters) -> QuerySet[Organization]:
    """``organizations`` narrowed and ordered by the filters of the directory or of the staff list."""
    return _filtered(organizations, filters)


def organizations_for_staff(*, queue: bool = False) -> QuerySet[Organization]:
    """Every organization in any status (only those awaiting verification for the ``queue``), for city staff,
    with its district and the number of its active members; ordered by name until filtered."""
    organizations = Organization.objects.all()
    if queue:
        organizations = organizations.filter(status=Organization.Status.PENDING)
    return (
        organizations.select_related("district")
        .annotate(member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)))
        .defer("search_text", "description")
        .order_by("name", "id")
    )


def organization_list_for_staff(*, filters: DirectoryFilters) -> QuerySet[Organization]:
    """Every organization in any status, for city staff, filtered."""
    return organizations_filtered(organizations_for_staff(), filters)


def organization_status_counts() -> dict[str, int]:
    rows = Organization.objects.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def organization_detail(*, pk: int) -> QuerySet[Organization]:
    return Organization.objects.select_related("district").prefetch_related("areas", "target_groups").filter(pk=pk)


# Who acts for whom: the one definition every app uses -----------------------------------------------------------


def organizations_acted_for(*, user: Any, verified: bool = True) -> QuerySet[Organization]:
    """The organizations a person may act for (administrator or representative, active), verified ones only
    unless ``verified=False``; ordered by name."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    organizations = Organization.objects.filter(
        pk__in=Membership.objects.acting().filter(user=user).values("organization_id")
    )
    if verified:
        organizations = organizations.filter(status=Organization.Status.VERIFIED)
    return organizations.order_by("name", "id")


def people_acting_for(organizations: Any) -> QuerySet[Any]:
    """The active people who may act for the given organizations (an organization, a queryset of them or of
    their ids): the audience of what an organization must hear."""
    from django.contrib.auth import get_user_model

    if isinstance(organizations, Organization):
        organizations = [organizations.pk]
    acting = Membership.objects.acting().filter(organization__in=organizations).values("user_id")
    return get_user_model().objects.filter(pk__in=acting, is_active=True)


def administrators_of(organization: Organization) -> QuerySet[Any]:
    """The active administrators of an organization: who answers requests to join and hears of its status."""
    from django.contrib.auth import get_user_model

    admins = Membership.objects.active().filter(organization=organization, role=Membership.Role.ADMIN)
    return get_user_model().objects.filter(pk__in=admins.values("user_id"), is_active=True)


def memberships_of(*, user: Any) -> QuerySet[Membership]:
    """The organizations a person belongs to or asked to join."""
    return (
        Membership.objects.filter(user=user)
        .exclude(status=Membership.Status.DECLINED)
        .select_related("organization", "organization__district")
        .order_by("organization__name")
    )


def members_of(*, organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .exclude(status=Membership.Status.DECLINED)
        .select_related("user")
        .order_by("status", "user__full_name")
    )


def invitations_open(*, organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet accepted nor withdrawn (expired ones included: the page says they expired)."""
    return (
        Invitation.objects.filter(organization=organization, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )
