"""Links to meetings that only link what the reader may open.

``{% load meetings %}{% meeting_link meeting %}`` renders a link to the meeting's page when the person viewing the
page holds ``events.view_meeting`` on it, the permission the meeting's page itself checks (``views.public.detail``);
otherwise the ``fallback`` text ("–" by default), never a link that answers 404. Every page that links to a meeting
from somewhere else (a body's page and documents, acts, registrations) goes through it.

    {% meeting_link meeting %}                                    the title, linked
    {% meeting_link act.sitting text=day extra=act.sitting.title %}   the day, linked; the title for screen readers
"""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

VIEW = "events.view_meeting"

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.filter
def viewable(meetings: Any, user: Any) -> list[Any]:
    """The meetings of a list the person may open (``{% for m in sittings|viewable:user %}``)."""
    return [m for m in meetings or [] if m is not None and user is not None and user.has_perm(VIEW, m)]


@register.simple_tag(takes_context=True)
def can_view_meeting(context: template.Context, meeting: Any) -> bool:
    """``{% can_view_meeting meeting as can %}``: whether the person may open the meeting's page."""
    user = _user(context)
    return meeting is not None and user is not None and user.has_perm(VIEW, meeting)


@register.simple_tag(takes_context=True)
def meeting_link(
    context: template.Context, meeting: Any, text: Any = None, extra: Any = None, fallback: Any = "–"
) -> SafeString:
    if meeting is None:
        return format_html("{}", fallback)
    label = meeting.title if text in (None, "") else text
    if not can_view_meeting(context, meeting):
        return format_html("{}", fallback)
    if extra:
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> – {}</span></a>', meeting.get_absolute_url(), label, extra
        )
    return format_html('<a href="{}">{}</a>', meeting.get_absolute_url(), label)


@register.filter
def free_to_everyone(meeting: Any) -> int | None:
    """The seats of a listed meeting (``selectors.with_seat_counts``) a person who is not invited may still take:
    the reserved seats are not offered to the public (``{% if meeting|free_to_everyone == 0 %}full{% endif %}``)."""
    from razem.events.selectors import Seats

    return Seats.of_listed(meeting).free_to_everyone
