"""Where domain apps plug into the platform. Core names no domain app: each app registers, in its
``AppConfig.ready()``, what it brings to the shared pages and commands.

- ``navigation``: entries of the public menu (and of the office panel's menu, ``staff=True``);
- ``panel_cards``: cards on the office panel's home page (a template and the context it needs);
- ``profile_sections``: sections of an organization's public profile;
- ``home_sections``: sections of the home page (what waits for the person, what is open now, what comes next, the
  latest acts, the year's figures);
- ``person_roles``: the roles a person holds, as the account page names them ("Członkini KRDPP");
- ``page_sections``: sections an upper app adds to a lower app's page (``{% page_sections "grants.call" obj %}``);
- ``daily_jobs``: what ``razem remind`` runs once a day;
- ``demo_loaders``: the demo data, loaded in the order their dependencies give;
- ``demo_accounts``: the accounts ``razem demo`` prints;
- ``personal_data``: sections of the personal-data export (RODO art. 15 and 20);
- ``deletion_checks`` and ``deletion_cleanups``: what refuses or follows an account deletion.

The personal-data and deletion registrations name the relations to the user model they cover
(``"events.Registration.person"``); the system check in ``razem.core.checks`` fails when a relation to the user
model is covered by neither.
"""

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.functional import Promise

type Context = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class NavEntry:
    """A menu entry: ``url_name`` to reverse, and the URL namespaces under which it is the current section."""

    key: str
    label: str | Promise
    url_name: str
    order: int
    namespaces: tuple[str, ...] = ()
    staff: bool = False
    # One sentence on what the module offers; the home page lists the modules with it (never fixed text).
    description: str | Promise = ""


@dataclasses.dataclass(frozen=True)
class PanelCard:
    """A card on the office panel: ``template`` is rendered with what ``context(request)`` returns."""

    key: str
    template: str
    context: Callable[[Any], Context]
    order: int


@dataclasses.dataclass(frozen=True)
class ProfileSection:
    """A section of an organization's profile; ``context(organization, user)`` returns None to leave it out."""

    key: str
    template: str
    context: Callable[[Any, Any], Context | None]
    order: int


@dataclasses.dataclass(frozen=True)
class HomeSection:
    """A section of the home page: ``template`` rendered with what ``context(request)`` returns, None to leave it
    out. ``slot`` places it: ``"for_you"`` (what waits for the signed-in person, shown first), ``"now"`` (open
    now), ``"next"`` (coming), ``"latest"`` (the latest acts and answers), ``"figures"`` (the year in one line)."""

    key: str
    template: str
    context: Callable[[Any], Context | None]
    order: int
    slot: str = "now"


@dataclasses.dataclass(frozen=True)
class PersonRoles:
    """``roles(user)`` returns the roles the person holds in an app, each a short label in the person's grammatical
    gender where they chose one ("Przedstawicielka organizacji: Fundacja X", "Członek KRDPP")."""

    key: str
    roles: Callable[[Any], list[Any]]
    order: int = 100


@dataclasses.dataclass(frozen=True)
class PageSection:
    """A section that an upper app adds to a lower app's page, e.g. the commission, the contracts and the reports on
    a call's public page: ``page`` names the page (``"grants.call"``), ``context(obj, user)`` returns None to leave
    the section out. Render them with ``{% page_sections "grants.call" call %}``."""

    page: str
    key: str
    template: str
    context: Callable[[Any, Any], Context | None]
    order: int


@dataclasses.dataclass(frozen=True)
class DailyJob:
    """``run()`` does the day's work and returns a short summary for the log of ``razem remind``."""

    key: str
    run: Callable[[], str]
    order: int = 100


@dataclasses.dataclass(frozen=True)
class DemoLoader:
    """``load(demo)`` adds an app's demo data; ``demo`` is a dict shared by the loaders (``users``, ...), and what
    the loader returns is merged into it. ``after`` names the loaders that must run first."""

    key: str
    load: Callable[[Context], Context | None]
    after: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    full_name: str
    role: str
    description: str
    totp_secret: str = ""
    # The kinds of notification (``"elections/voting_opens"``) left unread after the demo load, at most three, in
    # the order they tell the account's story: every other notification the load made is marked read
    # (``core.demo.load_demo``).
    unread: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class PersonalDataSection:
    key: str
    export: Callable[[Any], Any]
    covers: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class DeletionHook:
    key: str
    run: Callable[[Any], Any]
    covers: tuple[str, ...] = ()


class Registry[T]:
    """An ordered collection of one kind of contribution, keyed so that registering twice replaces."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        self._items[item.key] = item  # type: ignore[attr-defined]
        return item

    def all(self) -> list[T]:
        items = list(self._items.values())
        if items and hasattr(items[0], "order"):
            items.sort(key=lambda item: item.order)  # type: ignore[attr-defined]
        return items

    def get(self, key: str) -> T:
        return self._items[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.all())

    def __len__(self) -> int:
        return len(self._items)


navigation: Registry[NavEntry] = Registry("navigation")
panel_cards: Registry[PanelCard] = Registry("panel_cards")
profile_sections: Registry[ProfileSection] = Registry("profile_sections")
page_sections: Registry[PageSection] = Registry("page_sections")
home_sections: Registry[HomeSection] = Registry("home_sections")
person_roles: Registry[PersonRoles] = Registry("person_roles")
daily_jobs: Registry[DailyJob] = Registry("daily_jobs")
demo_loaders: Registry[DemoLoader] = Registry("demo_loaders")
personal_data: Registry[PersonalDataSection] = Registry("personal_data")
deletion_checks: Registry[DeletionHook] = Registry("deletion_checks")
deletion_cleanups: Registry[DeletionHook] = Registry("deletion_cleanups")
demo_accounts: list[DemoAccount] = []


def demo_loader_order() -> list[DemoLoader]:
    """The loaders with every one after those it names in ``after`` (a stable topological order)."""
    pending = {loader.key: loader for loader in demo_loaders.all()}
    done: list[DemoLoader] = []
    placed: set[str] = set()
    while pending:
        ready = [key for key, loader in pending.items() if set(loader.after) <= placed]
        if not ready:
            raise RuntimeError(f"Demo loaders wait for loaders missing or in a cycle: {sorted(pending)}")
        for key in ready:
            done.append(pending.pop(key))
            placed.add(key)
    return done


def covered_relations(hooks: Iterable[PersonalDataSection | DeletionHook]) -> set[str]:
    return {relation.lower() for hook in hooks for relation in hook.covers}
