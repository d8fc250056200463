"""System checks of the kernel: every relation that holds a person's own data is in the personal-data export and
in the deletion hooks (``razem.core.registry``).

A foreign key to the user model with ``on_delete=SET_NULL`` is a stamp ("recorded by", "decided by"): the record
outlives the person, and an account deletion anonymises the account row it points to. Any other relation
(``CASCADE``, ``PROTECT``) is the person's own data (a registration, a seat, a candidacy): an app covers it by
naming it, as ``"events.Registration.person"``, both in a personal-data section and in a deletion check or
clean-up registered in its ``AppConfig.ready()``.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.db import models

from razem.core import registry


def personal_relations() -> list[str]:
    """``app.Model.field`` of every relation to the user model that is not a stamp, in Razem's own apps."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("razem."):
            continue
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model is user_model):
                continue
            if getattr(field.remote_field, "on_delete", None) is models.SET_NULL:
                continue
            found.append(f"{model._meta.app_label}.{model.__name__}.{field.name}")
    return sorted(found)


def check_personal_data_coverage(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    exported = registry.covered_relations(registry.personal_data)
    deleted = registry.covered_relations([*registry.deletion_checks, *registry.deletion_cleanups])
    errors: list[checks.CheckMessage] = []
    for relation in personal_relations():
        missing = [
            what
            for what, covered in (("the personal-data export", exported), ("the deletion hooks", deleted))
            if relation.lower() not in covered
        ]
        if missing:
            errors.append(
                checks.Error(
                    f"{relation} holds a person's data but is not covered by {' nor '.join(missing)}.",
                    hint="Register a section in razem.core.registry.personal_data and a deletion check or clean-up "
                    "naming it in covers=, in the app's AppConfig.ready() (docs/new-module.md).",
                    id="razem.E001",
                )
            )
    return errors


def check_page_cache_is_shared(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The page cache needs a cache every worker shares: with a per-process one, a write seen by one worker would
    leave the others serving the old page (core.pagecache)."""
    backend = str(settings.CACHES[getattr(settings, "RAZEM_PAGE_CACHE_ALIAS", "default")]["BACKEND"])
    if settings.RAZEM_PAGE_CACHE_SECONDS > 0 and not settings.LOCAL and backend.endswith(("LocMemCache", "DummyCache")):
        return [
            checks.Error(
                f"RAZEM_PAGE_CACHE_SECONDS is on with a cache the gunicorn workers do not share ({backend}).",
                hint="Set RAZEM_CACHE_URL to a Redis server (docs/deploy.md), or RAZEM_PAGE_CACHE_SECONDS=0.",
                id="razem.E010",
            )
        ]
    return []


def register() -> None:
    checks.register(check_personal_data_coverage)
    checks.register(check_page_cache_is_shared, deploy=True)
