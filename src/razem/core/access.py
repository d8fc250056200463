"""Access helpers for thin views: 404 when a person may not see an object, 403 when they may not act."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from razem.core.slugs import get_by_slug_or_404


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_visible_or_404[M: models.Model](
    request: HttpRequest, queryset: models.QuerySet[M], view_perm: str, **lookup: Any
) -> M:
    """The object, or 404 when there is none or the person may not see it.

    A ``slug=`` lookup goes through ``core.slugs``: an old slug of an object the person may see answers 301 to its
    current address."""
    if "slug" in lookup:
        slug = lookup.pop("slug")
        obj = get_by_slug_or_404(queryset, slug, visible=lambda o: request.user.has_perm(view_perm, o), **lookup)
    else:
        obj = get_object_or_404(queryset, **lookup)
    if not request.user.has_perm(view_perm, obj):
        raise Http404
    return obj
