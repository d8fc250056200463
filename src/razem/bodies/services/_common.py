"""Small helpers shared by the services of dialogue bodies."""

import datetime
from typing import Any

from django.utils import formats


def day_text(value: datetime.date | None) -> str:
    """A date as the page and the refusals say it; an open end is "…"."""
    return formats.date_format(value, "DATE_FORMAT") if value else "…"


def save_clean(obj: Any, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)
    obj.save()
