"""The rules a meeting must satisfy, as messages next to the fields they are about (used by the services and by the
``publish`` transition of ``events.workflows``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from razem.events.models import Meeting, Registration
from razem.events.windows import REGISTRATION


def validate_meeting(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        add("ends_at", _("The meeting must end after it starts."))
    if meeting.is_in_person and not (meeting.venue_id or meeting.address.strip()):
        add("venue", _("Choose a venue or type the address of the place."))
    if meeting.room_id and meeting.room.venue_id != meeting.venue_id:  # type: ignore[union-attr]
        add("room", _("This room is not in the venue chosen."))
    if meeting.is_online and not meeting.online_url:
        add("online_url", _("An online meeting needs the link to join it."))
    if meeting.organizer_kind == Meeting.Organizer.BODY and not meeting.body_id:
        add("body", _("Choose the body that organizes the meeting."))
    if meeting.organizer_kind == Meeting.Organizer.ORGANIZATION and not meeting.organization_id:
        add("organization", _("Choose the organization that organizes the event."))
    if meeting.visibility == Meeting.Visibility.MEMBERS and not meeting.body_id:
        add("visibility", _("A meeting for the members of a body needs the body chosen."))
    if meeting.capacity is not None and meeting.reserved_seats > meeting.capacity:
        add("reserved_seats", _("There cannot be more reserved seats than seats."))
    if meeting.registration_enabled:
        # The order of the window's dates, from its one declaration (events.windows).
        try:
            REGISTRATION.validate(meeting)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    add(field, message)
    if meeting.pk and meeting.capacity is not None:
        confirmed = Registration.objects.confirmed().filter(meeting_id=meeting.pk).count()
        if meeting.capacity < confirmed:
            add(
                "capacity",
                _(
                    "%(count)s people already have a confirmed seat; the number of seats cannot be lower. "
                    "Cancel registrations first if the room is smaller."
                )
                % {"count": confirmed},
            )
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["slug", "created_by", "reviewed_by", "copied_from"])
