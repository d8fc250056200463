"""Apps plug into the platform through the kernel's registries; the kernel names no domain app."""

import pytest
from django.core import checks as django_checks

from razem.core import checks, registry

pytestmark = pytest.mark.django_db


def test_every_relation_holding_a_persons_data_is_exported_and_handled_on_deletion():
    relations = checks.personal_relations()

    assert "events.Registration.person" in relations
    assert "elections.Candidacy.person" in relations
    assert "recommendations.Follower.person" in relations
    assert "bodies.BodyMembership.person" in relations
    assert "events.Meeting.created_by" not in relations  # a stamp (SET_NULL): the anonymised account stays
    assert checks.check_personal_data_coverage() == []


def test_a_relation_left_out_of_the_deletion_hooks_fails_the_system_check(monkeypatch):
    hooks = registry.Registry("deletion_cleanups")
    for hook in registry.deletion_cleanups:
        if hook.key != "recommendations":
            hooks.register(hook)
    monkeypatch.setattr(registry, "deletion_cleanups", hooks)

    errors = checks.check_personal_data_coverage()

    assert [e.id for e in errors] == ["razem.E001"]
    assert "recommendations.Follower.person" in errors[0].msg and "deletion hooks" in errors[0].msg
    assert isinstance(errors[0], django_checks.Error)


def test_demo_loaders_run_after_what_they_need_and_a_cycle_is_named(monkeypatch):
    order = [loader.key for loader in registry.demo_loader_order()]
    assert order.index("reference") < order.index("accounts") < order.index("organizations") < order.index("events")
    assert order.index("events") < order.index("elections")

    loaders = registry.Registry("demo_loaders")
    loaders.register(registry.DemoLoader("a", lambda demo: None, after=("b",)))
    loaders.register(registry.DemoLoader("b", lambda demo: None, after=("a",)))
    monkeypatch.setattr(registry, "demo_loaders", loaders)
    with pytest.raises(RuntimeError, match="cycle"):
        registry.demo_loader_order()


def test_the_menus_come_from_the_apps_in_the_order_of_the_architecture(rf, anonymous):
    from razem.core.navigation import menu

    request = rf.get("/rekomendacje/R/2026/1/")
    request.user = anonymous
    items = menu(request, staff=False)

    assert [i["key"] for i in items] == [
        "organizations",
        "calendar",
        "bodies",
        "recommendations",
        "elections",
        "grants",
    ]
    assert [i["current"] for i in items if i["current"]] == ["true"]


def test_page_sections_render_in_order_for_their_page_only_and_may_leave_themselves_out(monkeypatch, rf):
    from django.template import Context, Template

    from razem.accounts.models import User

    sections = registry.Registry("page_sections")
    sections.register(
        registry.PageSection("demo.page", "second", "includes/_test_section.html", lambda o, u: {"n": 2}, 20)
    )
    sections.register(
        registry.PageSection("demo.page", "first", "includes/_test_section.html", lambda o, u: {"n": 1}, 10)
    )
    sections.register(registry.PageSection("demo.page", "absent", "includes/_test_section.html", lambda o, u: None, 15))
    sections.register(
        registry.PageSection("other.page", "elsewhere", "includes/_test_section.html", lambda o, u: {"n": 9}, 1)
    )
    monkeypatch.setattr(registry, "page_sections", sections)
    request = rf.get("/")
    request.user = User(email="a@example.org")
    seen = []
    monkeypatch.setattr(
        "django.template.loader.render_to_string",
        lambda template, context, request=None: seen.append((context["section"]["n"], context["object"])) or "",
    )

    Template('{% load razem %}{% page_sections "demo.page" obj %}').render(Context({"request": request, "obj": "X"}))

    assert seen == [(1, "X"), (2, "X")]
