"""Who may do what with meetings, registrations, documents and NGO events: the matrices of events/rules.py.

Each table is read as written: a row, then one cell per persona. A cell lists the initials of the states in which
the persona holds the permission ("-": never), or is "Y"/"-" where a row is one situation. Every check uses a fresh
user object, as a new request would (the predicates cache registrations, invitations and bodies on the user).

Personas of the meetings tables:
    anonymous    a visitor who is not signed in
    resident     signed in, no tie to the meeting
    invited      a resident invited to the meeting (MeetingInvitation)
    body_member  a current member of the body the meeting belongs to (KRDPP)
    registered   a resident with a confirmed registration, not invited and not a member
    officer      city officer
    admin        the platform's administrator
"""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, Registration
from razem.organizations.models import Organization
from tests.factories import add_membership, make_organization
from tests.support import fresh, parse

MEETING_PERSONAS = ["anonymous", "resident", "invited", "body_member", "registered", "officer", "admin"]


@pytest.fixture
def meeting_personas(db, anonymous, resident, officer, administrator, body_member):
    return {
        "anonymous": anonymous,
        "resident": resident,
        "invited": make_person("zaproszona@example.org", full_name="Zofia Zaproszona"),
        "body_member": body_member,
        "registered": make_person("zapisany@example.org", full_name="Zenon Zapisany"),
        "officer": officer,
        "admin": administrator,
    }


def body_meeting(make_meeting, body, personas, **fields) -> Meeting:
    """A meeting of the body, with the invited persona invited and the registered persona registered."""
    meeting = make_meeting(organizer_kind=Meeting.Organizer.BODY, body=body, capacity=50, **fields)
    MeetingInvitation.objects.create(meeting=meeting, person=personas["invited"])
    Registration.objects.create(meeting=meeting, person=personas["registered"], status=Registration.Status.CONFIRMED)
    return meeting


# events.view_meeting: visibility × status × persona ------------------------------------------------------------

STATUSES = {"D": Meeting.Status.DRAFT, "P": Meeting.Status.PUBLISHED, "C": Meeting.Status.CANCELLED,
            "F": Meeting.Status.FINISHED}  # fmt: skip

VIEW_MEETING = parse(
    """
visibility anonymous resident invited body_member registered officer admin
public     PCF       PCF      PCF     PCF         PCF        DPCF    DPCF
invited    -         -        PCF     -           PCF        DPCF    DPCF
members    -         -        PCF     PCF         PCF        DPCF    DPCF
""",
    MEETING_PERSONAS,
)


@pytest.mark.parametrize("visibility", list(VIEW_MEETING))
def test_who_may_see_a_meeting(make_meeting, body, meeting_personas, visibility):
    meetings = {
        initial: body_meeting(make_meeting, body, meeting_personas, visibility=visibility, status=status)
        for initial, status in STATUSES.items()
    }

    for persona, user in meeting_personas.items():
        seen = {i for i, m in meetings.items() if fresh(user).has_perm("events.view_meeting", m)}
        assert seen == set(VIEW_MEETING[visibility][persona]), (visibility, persona)


# NGO events: the organization's people see their own event awaiting approval or rejected.
NGO_PERSONAS = ["anonymous", "resident", "member", "representative", "org_admin", "other_rep", "officer", "admin"]
NGO_STATUSES = {"S": Meeting.Status.SUBMITTED, "R": Meeting.Status.REJECTED, "D": Meeting.Status.DRAFT,
                "P": Meeting.Status.PUBLISHED, "C": Meeting.Status.CANCELLED, "E": "started"}  # fmt: skip

NGO_MATRIX = parse(
    """
permission      anonymous resident member representative org_admin other_rep officer admin
view            PCE       PCE      PCE    SRDPCE         SRDPCE    PCE       SRDPCE  SRDPCE
change          -         -        -      SR             SR        -         -       -
withdraw        -         -        -      SRP            SRP       -         -       -
review          -         -        -      -              -         -         SRDPCE  SRDPCE
manage          -         -        -      -              -         -         SRDPCE  SRDPCE
""",
    NGO_PERSONAS,
)
NGO_PERMISSIONS = {
    "view": "events.view_meeting",
    "change": "events.change_event_meeting",
    "withdraw": "events.withdraw_event_meeting",
    "review": "events.review_meeting",
    "manage": "events.manage_meeting",
}


@pytest.fixture
def ngo_personas(anonymous, resident, verified_org, org_member, org_representative, org_admin, officer, administrator):
    other = make_organization("Fundacja Inna", krs="0000100009")
    other_rep = make_person("inny.reprezentant@example.org")
    add_membership(other, other_rep, role="representative")
    return {
        "anonymous": anonymous,
        "resident": resident,
        "member": org_member,
        "representative": org_representative,
        "org_admin": org_admin,
        "other_rep": other_rep,
        "officer": officer,
        "admin": administrator,
    }


@pytest.mark.parametrize("permission", list(NGO_MATRIX))
def test_who_may_see_change_withdraw_and_review_an_ngo_event(make_meeting, verified_org, ngo_personas, permission):
    events = {}
    for initial, status in NGO_STATUSES.items():
        fields = {"status": status}
        if status == "started":  # published, already under way
            fields = {
                "status": Meeting.Status.PUBLISHED,
                "starts_at": timezone.now() - datetime.timedelta(hours=1),
                "registration_opens_at": timezone.now() - datetime.timedelta(days=3),
            }
        events[initial] = make_meeting(
            organizer_kind=Meeting.Organizer.ORGANIZATION,
            organization=verified_org,
            registration_enabled=False,
            **fields,
        )

    for persona, user in ngo_personas.items():
        allowed = {i for i, e in events.items() if fresh(user).has_perm(NGO_PERMISSIONS[permission], e)}
        assert allowed == set(NGO_MATRIX[permission][persona]), (permission, persona)


def test_a_city_meeting_is_never_reviewed(meeting, officer, administrator, resident):
    for user in (officer, administrator, resident):
        assert not fresh(user).has_perm("events.review_meeting", meeting)


# events.register_meeting: window × visibility × persona --------------------------------------------------------

WINDOWS = {"N": "not yet open", "O": "open", "C": "closed"}

REGISTER = parse(
    """
visibility anonymous resident invited body_member registered officer admin
public     -         O        O       O           O          O       O
invited    -         -        O       -           -          -       -
members    -         -        O       O           -          -       -
""",
    MEETING_PERSONAS,
)


def window_fields(window: str) -> dict:
    now = timezone.now()
    if window == "N":
        return {"registration_opens_at": now + datetime.timedelta(days=1)}
    if window == "C":
        return {
            "registration_opens_at": now - datetime.timedelta(days=3),
            "registration_closes_at": now - datetime.timedelta(hours=1),
        }
    return {}


@pytest.mark.parametrize("visibility", list(REGISTER))
def test_who_may_register_for_a_meeting(make_meeting, body, meeting_personas, visibility):
    meetings = {w: body_meeting(make_meeting, body, meeting_personas, visibility=visibility, **window_fields(w))
                for w in WINDOWS}  # fmt: skip
    assert {w: m.registration_window_state() for w, m in meetings.items()} == {
        "N": "not_yet", "O": "open", "C": "closed",
    }  # fmt: skip

    for persona, user in meeting_personas.items():
        allowed = {w for w, m in meetings.items() if fresh(user).has_perm("events.register_meeting", m)}
        assert allowed == set(REGISTER[visibility][persona]), (visibility, persona)


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT, Meeting.Status.CANCELLED, Meeting.Status.FINISHED])
def test_nobody_may_register_for_a_meeting_that_is_not_published(make_meeting, meeting_personas, status):
    meeting = make_meeting(status=status)
    for user in meeting_personas.values():
        assert not fresh(user).has_perm("events.register_meeting", meeting)


def test_nobody_may_register_where_registration_does_not_run_in_razem(make_meeting, meeting_personas):
    meeting = make_meeting(registration_enabled=False)
    for user in meeting_personas.values():
        assert not fresh(user).has_perm("events.register_meeting", meeting)


# events.view_online_link_meeting -------------------------------------------------------------------------------

LINK_PERSONAS = ["anonymous", "resident", "waiting", "cancelled", "confirmed", "invited", "officer", "admin"]
ONLINE_LINK = parse(
    """
permission  anonymous resident waiting cancelled confirmed invited officer admin
link        -         -        -       -         Y         -       Y       Y
""",
    LINK_PERSONAS,
)


def test_who_may_see_the_online_link(make_meeting, anonymous, resident, officer, administrator):
    meeting = make_meeting(
        capacity=1, place_kind=Meeting.Place.ONLINE, online_url="https://meet.example.org/x", venue=None, room=None
    )
    people = {"anonymous": anonymous, "resident": resident, "officer": officer, "admin": administrator}
    for name, status in [("confirmed", "confirmed"), ("waiting", "waiting"), ("cancelled", "cancelled")]:
        people[name] = make_person(f"{name}@example.org")
        Registration.objects.create(meeting=meeting, person=people[name], status=status)
    people["invited"] = make_person("invited@example.org")
    MeetingInvitation.objects.create(meeting=meeting, person=people["invited"])

    for persona in LINK_PERSONAS:
        allowed = fresh(people[persona]).has_perm("events.view_online_link_meeting", meeting)
        assert allowed == (ONLINE_LINK["link"][persona] == "Y"), persona


# events.view_document: audience × meeting × persona ------------------------------------------------------------

DOC_PERSONAS = ["anonymous", "resident", "waiting", "confirmed", "body_member", "officer", "admin"]
VIEW_DOCUMENT = parse(
    """
document                    anonymous resident waiting confirmed body_member officer admin
public/published-public     Y         Y        Y       Y         Y           Y       Y
participants/published-public -       -        -       Y         Y           Y       Y
public/published-invited    -         -        Y       Y         Y           Y       Y
public/draft-public         -         -        -       Y         Y           Y       Y
""",
    DOC_PERSONAS,
)


def test_who_may_read_a_meeting_document(make_meeting, body, body_member, anonymous, resident, officer, administrator):
    people = {"anonymous": anonymous, "resident": resident, "body_member": body_member, "officer": officer,
              "admin": administrator}  # fmt: skip
    people["waiting"] = make_person("czeka@example.org")
    people["confirmed"] = make_person("uczestnik@example.org")
    documents = {}
    for row in VIEW_DOCUMENT:
        audience, meeting_kind = row.split("/")
        status, visibility = meeting_kind.split("-")
        meeting = make_meeting(organizer_kind=Meeting.Organizer.BODY, body=body, status=status, visibility=visibility)
        Registration.objects.create(meeting=meeting, person=people["waiting"], status=Registration.Status.WAITING)
        Registration.objects.create(meeting=meeting, person=people["confirmed"], status=Registration.Status.CONFIRMED)
        documents[row] = MeetingDocument.objects.create(
            meeting=meeting, title="Materiały", audience=audience, file="events/documents/2026/m.pdf"
        )

    for row, document in documents.items():
        for persona in DOC_PERSONAS:
            allowed = fresh(people[persona]).has_perm("events.view_document", document)
            assert allowed == (VIEW_DOCUMENT[row][persona] == "Y"), (row, persona)


# events.cancel_registration and events.download_certificate_registration --------------------------------------

REGISTRATION_PERSONAS = ["own", "other", "officer"]
CANCEL = parse(
    """
situation                  own other officer
confirmed-before-start     Y   -     -
waiting-before-start       Y   -     -
confirmed-after-start      -   -     -
meeting-cancelled          -   -     -
meeting-finished           -   -     -
registration-cancelled     -   -     -
""",
    REGISTRATION_PERSONAS,
)


def _registration_in(situation: str, make_meeting, person) -> Registration:
    past = {
        "starts_at": timezone.now() - datetime.timedelta(hours=1),
        "registration_opens_at": timezone.now() - datetime.timedelta(days=3),
    }
    meeting_fields, status = {}, Registration.Status.CONFIRMED
    if situation == "waiting-before-start":
        status = Registration.Status.WAITING
    elif situation == "confirmed-after-start":
        meeting_fields = past
    elif situation == "meeting-cancelled":
        meeting_fields = {"status": Meeting.Status.CANCELLED}
    elif situation == "meeting-finished":
        meeting_fields = {**past, "status": Meeting.Status.FINISHED}
    elif situation == "registration-cancelled":
        status = Registration.Status.CANCELLED
    meeting = make_meeting(title=situation, **meeting_fields)
    return Registration.objects.create(meeting=meeting, person=person, status=status)


@pytest.mark.parametrize("situation", list(CANCEL))
def test_who_may_cancel_a_registration(make_meeting, resident, other_resident, officer, situation):
    registration = _registration_in(situation, make_meeting, resident)
    people = {"own": resident, "other": other_resident, "officer": officer}

    for persona in REGISTRATION_PERSONAS:
        allowed = fresh(people[persona]).has_perm("events.cancel_registration", registration)
        assert allowed == (CANCEL[situation][persona] == "Y"), persona


CERTIFICATE = parse(
    """
attendance   own other officer
attended     Y   -     -
absent       -   -     -
""",
    REGISTRATION_PERSONAS,
)


@pytest.mark.parametrize("attendance", list(CERTIFICATE))
def test_who_may_download_an_attendance_certificate(make_meeting, resident, other_resident, officer, attendance):
    meeting = make_meeting(
        status=Meeting.Status.FINISHED,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        registration_opens_at=timezone.now() - datetime.timedelta(days=5),
    )
    registration = Registration.objects.create(
        meeting=meeting,
        person=resident,
        status=Registration.Status.CONFIRMED,
        checked_in_at=meeting.starts_at if attendance == "attended" else None,
    )
    people = {"own": resident, "other": other_resident, "officer": officer}

    for persona in REGISTRATION_PERSONAS:
        allowed = fresh(people[persona]).has_perm("events.download_certificate_registration", registration)
        assert allowed == (CERTIFICATE[attendance][persona] == "Y"), persona


# The office's permissions --------------------------------------------------------------------------------------

STAFF_PERSONAS = ["anonymous", "resident", "body_member", "representative", "officer", "admin"]
STAFF = parse(
    """
permission  anonymous resident body_member representative officer admin
manage      -         -        -           -              Y       Y
list_all    -         -        -           -              Y       Y
""",
    STAFF_PERSONAS,
)


@pytest.mark.parametrize("permission", list(STAFF))
def test_only_the_office_runs_meetings(meeting, anonymous, resident, body_member, org_representative, verified_org,
                                       officer, administrator, permission):  # fmt: skip
    people = dict(zip(STAFF_PERSONAS, [anonymous, resident, body_member, org_representative, officer, administrator],
                      strict=True))  # fmt: skip
    for persona in STAFF_PERSONAS:
        allowed = fresh(people[persona]).has_perm(f"events.{permission}_meeting", meeting)
        assert allowed == (STAFF[permission][persona] == "Y"), persona


# events.submit_event_organization: organization status × persona ----------------------------------------------

ORG_STATUSES = {"P": Organization.Status.PENDING, "V": Organization.Status.VERIFIED,
                "S": Organization.Status.SUSPENDED, "R": Organization.Status.REJECTED,
                "D": Organization.Status.DISSOLVED}  # fmt: skip
SUBMIT_PERSONAS = ["anonymous", "resident", "requester", "member", "representative", "org_admin", "officer", "admin"]
SUBMIT = parse(
    """
permission anonymous resident requester member representative org_admin officer admin
submit     -         -        -         -      V              V         -       -
""",
    SUBMIT_PERSONAS,
)


def test_who_may_submit_an_event_for_an_organization(anonymous, resident, officer, administrator, reference_data):
    people = {"anonymous": anonymous, "resident": resident, "officer": officer, "admin": administrator}
    for persona in ("requester", "member", "representative", "org_admin"):
        people[persona] = make_person(f"{persona}@example.org")
    organizations = {}
    for initial, status in ORG_STATUSES.items():
        organization = make_organization(f"Organizacja {initial}", status=status, krs=f"000020000{len(organizations)}")
        add_membership(organization, people["requester"], status="requested")
        add_membership(organization, people["member"], role="member")
        add_membership(organization, people["representative"], role="representative")
        add_membership(organization, people["org_admin"], role="admin")
        organizations[initial] = organization

    for persona in SUBMIT_PERSONAS:
        allowed = {
            i
            for i, o in organizations.items()
            if fresh(people[persona]).has_perm("events.submit_event_organization", o)
        }
        assert allowed == set(SUBMIT["submit"][persona]), persona


# Caching on the user object: the same object keeps its answer for the request, a new request sees the change.


def test_a_new_registration_is_seen_by_the_next_request(make_meeting, resident):
    meeting = make_meeting(visibility=Meeting.Visibility.INVITED)
    assert not fresh(resident).has_perm("events.view_meeting", meeting)

    Registration.objects.create(meeting=meeting, person=resident, status=Registration.Status.CONFIRMED)

    assert fresh(resident).has_perm("events.view_meeting", meeting)
