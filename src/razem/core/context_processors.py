from typing import Any

from django.conf import settings
from django.http import HttpRequest

from razem.core.navigation import menu
from razem.core.selectors import unread_notification_count


def razem(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "site_name": settings.RAZEM_SITE_NAME,
        "office": settings.RAZEM_OFFICE,
        "unread_notifications": (lambda: unread_notification_count(user=user)) if user is not None else 0,
        "is_city_staff": bool(user is not None and getattr(user, "is_city_staff", False)),
        "nav_modules": lambda: menu(request, staff=False),
        "panel_nav": lambda: menu(request, staff=True),
    }
