"""The grants demo (written by the demo helper)."""

from typing import Any


def load(*, users: dict[str, Any]) -> dict[str, Any]:
    return {}
