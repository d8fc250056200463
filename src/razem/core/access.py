"""Access helpers for thin views: 404 when a person may not see an object, 403 when they may not act."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_visible_or_404[M: models.Model](
    request: HttpRequest, queryset: models.QuerySet[M], view_perm: str, **lookup: Any
) -> M:
    obj = get_object_or_404(queryset, **lookup)
    if not request.user.has_perm(view_perm, obj):
        raise Http404
    return obj
