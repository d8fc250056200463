"""The public calendar: the list, the month, the iCalendar feed, a meeting's page, registration, documents."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.bodies import selectors as body_selectors
from razem.core.access import get_visible_or_404
from razem.core.files import file_response
from razem.core.pagination import paginate
from razem.core.throttle import throttled
from razem.events import ics, selectors
from razem.events.forms.public import CalendarFilterForm, RegistrationForm
from razem.events.models import Meeting, MeetingDocument, Registration
from razem.events.predicates import active_registration, is_invited
from razem.events.services import registrations

PAGE_SIZE = 20
VIEW = "events.view_meeting"
FEED_MAX_AGE = 900


def _feed_urls(request: HttpRequest, query: str) -> dict[str, str]:
    """The feed's address for subscribing: https (or http locally) and webcal, with the current filters."""
    path = reverse("events:feed") + (f"?{query}" if query else "")
    absolute = settings.RAZEM_BASE_URL + path
    return {"feed_path": path, "feed_url": absolute, "webcal_url": "webcal://" + absolute.split("://", 1)[-1]}


# The list


def calendar(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET)
    meetings = selectors.with_seat_counts(selectors.upcoming_meetings(filters=form.filters()))
    if not form.is_valid():
        meetings = meetings.none()
    page = paginate(meetings, request.GET.get("strona"), PAGE_SIZE)
    query = form.query_string()
    today = timezone.localdate()
    month_url = reverse("events:month") + f"?rok={today.year}&miesiac={today.month}"
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filtered": form.is_filtered(),
        "month_url": month_url + (f"&{query}" if query else ""),
        **_feed_urls(request, query),
    }
    return render(request, "events/calendar.html", context)


# The month


def _year_month(request: HttpRequest) -> tuple[int, int]:
    """The month asked for; anything that is not a real month (1-12 of 1900-2200) gives the current one."""
    today = timezone.localdate()
    try:
        year, month = int(request.GET.get("rok", "")), int(request.GET.get("miesiac", ""))
    except ValueError:
        return today.year, today.month
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return today.year, today.month
    return year, month


def month(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET)
    year, number = _year_month(request)
    start, end = selectors.month_bounds(year, number)
    meetings = selectors.calendar_meetings(filters=form.filters(), start=start, end=end) if form.is_valid() else []
    weeks = selectors.month_weeks(year, number, list(meetings))
    query = form.query_string()
    previous = (year - 1, 12) if number == 1 else (year, number - 1)
    following = (year + 1, 1) if number == 12 else (year, number + 1)

    def link(ym: tuple[int, int]) -> str:
        return reverse("events:month") + f"?rok={ym[0]}&miesiac={ym[1]}" + (f"&{query}" if query else "")

    today = timezone.localdate()
    context = {
        "form": form,
        "query": query,
        "filtered": form.is_filtered(),
        "first_day": datetime.date(year, number, 1),
        "month_fields": [("rok", year), ("miesiac", number)],
        "weeks": weeks,
        "weekdays": [day["date"] for day in weeks[0]],
        "days_with_meetings": [day for week in weeks for day in week if day["in_month"] and day["meetings"]],
        "previous_url": link(previous),
        "previous_day": datetime.date(*previous, 1),
        "next_url": link(following),
        "next_day": datetime.date(*following, 1),
        "is_current_month": (year, number) == (today.year, today.month),
        "current_url": link((today.year, today.month)),
        "list_url": reverse("events:calendar") + (f"?{query}" if query else ""),
        **_feed_urls(request, query),
    }
    return render(request, "events/month.html", context)


# The feed


def feed(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET)
    meetings = selectors.feed_meetings(filters=form.filters()) if form.is_valid() else Meeting.objects.none()
    name = settings.RAZEM_SITE_NAME + " – " + _("meeting calendar")
    response = HttpResponse(ics.calendar(meetings, name=name), content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="kalendarz.ics"'
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response


# A meeting


def detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    meeting = get_visible_or_404(request, selectors.meeting_detail(), VIEW, pk=pk)
    if slug != (meeting.slug or "spotkanie"):
        return HttpResponsePermanentRedirect(meeting.get_absolute_url())
    return _render_detail(request, meeting)


def detail_without_slug(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting.objects.all(), VIEW, pk=pk)
    return HttpResponsePermanentRedirect(meeting.get_absolute_url())


def _own_registration(request: HttpRequest, meeting: Meeting) -> Registration | None:
    """The person's live registration, read once a request with the permission checks that ask for it too."""
    return active_registration(request.user, meeting)


def _seats_for(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    """The free seats the person in front of the page may take: an invited guest any free seat (as the service
    decides it), anyone else only the seats outside those reserved for invited guests."""
    seats = selectors.seats(meeting=meeting)
    guest = bool(is_invited(request.user, meeting))
    seats_left = seats.free_for(guest=guest)
    return {
        "confirmed_count": seats.confirmed,
        "waiting_count": seats.waiting,
        "seats_left": seats_left,
        "is_full": seats_left == 0,
        "is_guest": guest,
        "reserved_seats": seats.reserved,
    }


def _registration_box(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    """What the registration box says: the window, the seats, the person's registration or why they cannot."""
    user = request.user
    own = _own_registration(request, meeting)
    refusal = None
    if user.is_authenticated and own is None:
        refusal = registrations.refusal(meeting, user)
    position = None
    if own is not None and own.status == Registration.Status.WAITING:
        position = (
            Registration.objects.waiting()
            .filter(meeting=meeting, created_at__lte=own.created_at)
            .exclude(created_at=own.created_at, id__gt=own.pk)
            .count()
        )
    return {
        "window": meeting.registration_window_state(),
        **_seats_for(request, meeting),
        "own": own,
        "own_position": position,
        "can_cancel_own": own is not None and user.has_perm("events.cancel_registration", own),
        "refusal": refusal,
        "can_register": user.is_authenticated and own is None and refusal is None,
    }


def _acts(meeting: Meeting, user: Any) -> list[Any]:
    """What a sitting adopted, for everyone who may see the body (the acts are on the body's documents page too)."""
    if meeting.body_id is None or not user.has_perm("bodies.view_body", meeting.body):
        return []
    return list(body_selectors.acts_of_sitting(sitting=meeting))


def _render_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    user = request.user
    box = _registration_box(request, meeting)
    today = timezone.localdate()
    context = {
        "meeting": meeting,
        "starts_local": timezone.localtime(meeting.starts_at),
        "days_until": (timezone.localtime(meeting.starts_at).date() - today).days,
        "agenda_items": [line.strip() for line in meeting.agenda.splitlines() if line.strip()],
        "can_see_link": user.has_perm("events.view_online_link_meeting", meeting),
        "documents": selectors.documents_for(meeting=meeting, user=user),
        "can_withdraw": user.has_perm("events.withdraw_event_meeting", meeting),
        "can_change": user.has_perm("events.change_event_meeting", meeting),
        "acts": _acts(meeting, user),
        "box": box,
        "form": RegistrationForm(meeting=meeting, user=user) if box["can_register"] else None,
    }
    return render(request, "events/detail.html", context)


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, selectors.meeting_detail(), VIEW, pk=pk)
    with_link = request.user.has_perm("events.view_online_link_meeting", meeting)
    response = HttpResponse(ics.meeting_calendar(meeting, with_online_link=with_link), content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="spotkanie-{meeting.pk}.ics"'
    if with_link:
        response["Cache-Control"] = "private, no-store"
    return response


# Registration


@login_required
@require_http_methods(["GET", "POST"])
@throttled("events.registration", key="user")
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # The questions are read once, for the form and for the service's check of the answers.
    meetings = Meeting.objects.select_related("venue", "room", "body").prefetch_related("questions")
    meeting = get_visible_or_404(request, meetings, VIEW, pk=pk)
    context: dict[str, Any] = {"meeting": meeting}
    if request.method == "POST":
        # The service checks everything the page would (window, audience, twice...) under the meeting's lock:
        # in a registration rush the page does not check it all a second time.
        form = RegistrationForm(request.POST, meeting=meeting, user=request.user)
        if form.is_valid():
            try:
                registration = registrations.register(
                    actor=request.user,
                    meeting=meeting,
                    organization=form.cleaned_data.get("organization"),
                    answers=form.answers(),
                    request=request,
                )
            except ValidationError as error:
                if getattr(error, "code", None) != "refused":
                    form.add_service_error(error)
            else:
                messages.success(request, _registered_message(registration))
                return redirect("events:registration", code=registration.code)
    else:
        form = RegistrationForm(meeting=meeting, user=request.user)
    refusal = registrations.refusal(meeting, request.user)
    if refusal:
        # Nothing to fill in: say why, and change nothing.
        context.update(refusal=refusal, own=_own_registration(request, meeting))
        return render(request, "events/register.html", context)
    context["form"] = form
    context["box"] = _seats_for(request, meeting)
    return render(request, "events/register.html", context)


def _registered_message(registration: Registration) -> str:
    if registration.status == Registration.Status.CONFIRMED:
        return _("You are registered: your seat is confirmed. Your code is %(code)s; we have sent it by e-mail.") % {
            "code": registration.display_code
        }
    position = Registration.objects.waiting().filter(meeting_id=registration.meeting_id).count()
    return _(
        "The meeting is full, so you are on the waiting list (position %(position)s). "
        "If a seat frees up, it is yours and we will let you know."
    ) % {"position": position}


# Documents


def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    item = get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=document_pk, meeting_id=pk)
    if not request.user.has_perm("events.view_document", item):
        raise Http404
    return file_response(
        item.file, cache="" if item.audience == MeetingDocument.Audience.PUBLIC else "private, no-store"
    )
