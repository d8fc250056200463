import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from razem.core import notifications as notification_services
from razem.core import registry
from razem.core.access import require_perm
from razem.core.forms import AuditFilterForm
from razem.core.http import HtmxHttpRequest
from razem.core.lists import Column, Export, staff_list
from razem.core.middleware import error_language
from razem.core.models import Notification, OutboxEmail
from razem.core.selectors import logentry_list, notification_list_for

PAGE_SIZE = 25


# The slots of the home page, in the order they are shown; "for_you" only to a signed-in person.
HOME_SLOTS = ("for_you", "now", "next", "latest", "figures")


def home(request: HttpRequest) -> HttpResponse:
    """What is happening and what one can do now: the sections the apps register (``registry.home_sections``),
    grouped by slot; a section whose context is None is left out. The modules are described by their menu entries
    (``NavEntry.description``), never by fixed text."""
    slots: dict[str, list[dict[str, Any]]] = {slot: [] for slot in HOME_SLOTS}
    signed_in = request.user.is_authenticated
    for section in registry.home_sections:
        if section.slot == "for_you" and not signed_in:
            continue
        context = section.context(request)
        if context is None:
            continue
        slots.setdefault(section.slot, []).append(
            {"key": section.key, "template": section.template, "section": context, "heading_id": f"home-{section.key}"}
        )
    modules = [
        {"label": entry.label, "url": reverse(entry.url_name), "description": entry.description}
        for entry in registry.navigation
        if not entry.staff and entry.description
    ]
    return render(request, "core/home.html", {"slots": slots, "modules": modules})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html", {"a11y": settings.RAZEM_ACCESSIBILITY})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html")


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "core.list_notification")
    page = Paginator(notification_list_for(user=request.user), PAGE_SIZE).get_page(request.GET.get("strona"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    require_perm(request, "core.change_notification", notification)
    notification_services.notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        return render(request, "core/notifications.html#notification", {"notification": notification})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(_notifications_url())


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    require_perm(request, "core.list_notification")
    count = notification_services.notification_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext("Marked %(count)s notification as read.", "Marked %(count)s notifications as read.", count)
        % {"count": count},
    )
    return HttpResponseRedirect(_notifications_url())


def _notifications_url() -> str:
    from django.urls import reverse

    return reverse("core:notifications")


@login_required
def panel(request: HttpRequest) -> HttpResponse:
    """The office's overview: the cards the apps register (``razem.core.registry.panel_cards``)."""
    require_perm(request, "core.view_panel")
    cards = [(card.template, card.context(request)) for card in registry.panel_cards]
    return render(request, "core/panel/index.html", {"cards": cards})


def outbox_card(request: HttpRequest) -> dict[str, Any]:
    rows = OutboxEmail.objects.order_by().values("status").annotate(n=Count("id"))
    return {"outbox": {row["status"]: row["n"] for row in rows}}


@login_required
def audit_log(request: HttpRequest) -> HttpResponseBase:
    """The audit log, newest first: the staff list kit (``razem.core.lists``) filters, pages and exports it (CSV
    and XLSX through the formula-safe writer)."""
    require_perm(request, "core.view_logentry")
    return staff_list(
        request,
        template="core/panel/audit_log.html",
        queryset=logentry_list(),
        filters=AuditFilterForm(request.GET or None),
        columns=_audit_columns(),
        default_sort="-created_at",
        per_page=50,
        export=Export(stem="dziennik-zdarzen", sheet_title=_("Audit log"), action="core.logentry.exported"),
    )


def _audit_columns() -> list[Column]:
    """The columns of the audit log's export (the page shows them grouped in five)."""
    return [
        Column(
            "created_at",
            _("When"),
            lambda e: timezone.localtime(e.created_at).isoformat(timespec="seconds"),
            sort=("created_at", "id"),
        ),
        Column("actor", _("Who"), lambda e: e.actor_label),
        Column("action", _("Action"), lambda e: e.action),
        Column("object_type", _("Object type"), lambda e: e.object_type),
        Column("object_id", _("Object number"), lambda e: e.object_id),
        Column("object", _("Object"), lambda e: e.object_repr),
        Column("data", _("Data"), lambda e: json.dumps(e.data, ensure_ascii=False)),
        Column("ip_address", _("IP address"), lambda e: e.ip_address or ""),
    ]


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    require_perm(request, "core.view_outboxemail")
    emails = OutboxEmail.objects.order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status in OutboxEmail.Status.values:
        emails = emails.filter(status=status)
    page = Paginator(emails, 50).get_page(request.GET.get("strona"))
    return render(
        request, "core/panel/outbox.html", {"page": page, "status": status, "statuses": OutboxEmail.Status.choices}
    )


# Error pages: friendly, in Polish, never a stack trace.


def _error(request: HttpRequest, template: str, status: int, context: dict[str, Any] | None = None) -> HttpResponse:
    language = error_language(request)
    with translation.override(language):
        response = HttpResponse(loader.render_to_string(template, context or {}, request), status=status)
    response.headers["Content-Language"] = language
    return response


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/400.html", 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/403.html", 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/404.html", 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context processors and without the database: either may be what failed.
    language = error_language(request)
    with translation.override(language):
        content = loader.render_to_string("errors/500.html", {"office": settings.RAZEM_OFFICE, "language": language})
    response = HttpResponse(content, status=500)
    response.headers["Content-Language"] = language
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, "errors/403_csrf.html", 403)


def error_preview(request: HttpRequest, code: int) -> HttpResponse:
    views = {400: bad_request, 403: permission_denied, 404: page_not_found}
    if code == 500:
        return server_error(request)
    return views.get(code, page_not_found)(request)
