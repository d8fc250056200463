"""Reads of the NGO registry. Lists cost a fixed number of queries whatever their size."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.text import Truncator

from razem.core.pagination import paginate
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


# What a result card of the directory shows (organizations/directory.html), and nothing more: the description, the
# search text and the KRS extract stay in the database.
CARD_FIELDS = ("id", "name", "short_name", "slug", "legal_form", "is_opp", "district__numeral", "district__name")
LEGAL_FORMS = dict(Organization.LegalForm.choices)


@dataclass(frozen=True)
class CardArea:
    """A public-benefit area as a result card names it: "code. wording", the wording cut to 60 characters."""

    code: str
    name: str
    short_name: str


@lru_cache(maxsize=512)
def _card_area(code: str, name: str) -> CardArea:
    return CardArea(code=code, name=name, short_name=Truncator(name).chars(60))


def organization_directory_page(*, filters: DirectoryFilters, number: Any, per_page: int) -> Page:
    """One page of the public directory and the number of matches, in two queries whatever the page size: the
    organizations with their district and the total (``core.pagination.paginate``), then the areas of the page as
    plain values. Each organization carries what its card shows: ``card_url`` (its ``get_absolute_url``, reversed
    once for the page), ``legal_form_label`` and ``card_areas``."""
    public = Organization.objects.filter(status=Organization.Status.VERIFIED)
    organizations = (
        _filtered(public, DirectoryFilters(**{**filters.__dict__, "status": ""}))
        .select_related("district")
        .only(*CARD_FIELDS)
    )
    page = paginate(organizations, number, per_page)
    if not page.object_list:
        return page
    areas: dict[int, list[CardArea]] = {o.pk: [] for o in page.object_list}
    through = Organization.areas.through.objects.filter(organization_id__in=list(areas))
    ordered = through.order_by("publicbenefitarea__position", "-publicbenefitarea__valid_from")
    for organization_id, code, name in ordered.values_list(
        "organization_id", "publicbenefitarea__code", "publicbenefitarea__name"
    ):
        areas[organization_id].append(_card_area(code, name))
    # The profile's address, "/organizacje/<pk>-<slug>/": reversed once with markers put in their place.
    pattern = reverse("organizations:detail", kwargs={"pk": 900000001, "slug": "razem-slug"})
    head, rest = pattern.split("900000001", 1)
    middle, tail = rest.split("razem-slug", 1)
    for organization in page.object_list:
        organization.__dict__.update(
            card_url=f"{head}{organization.pk}{middle}{organization.slug or 'o'}{tail}",
            legal_form_label=LEGAL_FORMS.get(organization.legal_form, organization.legal_form),
            card_areas=areas[organization.pk],
        )
    return page


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


def organization_ids_acted_for(request: Any) -> list[int]:
    """The ids of the organizations the signed-in person may act for (as ``organizations_acted_for``, any status):
    one query, kept on the request for the home page's sections that ask it. Empty for an anonymous visitor."""
    if "_razem_acting_ids" not in request.__dict__:
        user = request.user
        ids: list[int] = []
        if user.is_authenticated:
            ids = list(Membership.objects.acting().filter(user=user).values_list("organization_id", flat=True))
        request._razem_acting_ids = ids
    return request._razem_acting_ids  # type: ignore[no-any-return]


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
