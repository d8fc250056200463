"""The people entitled to represent an organization: reading KRS "sposób reprezentacji", recording them (by hand and
from the stored extract), and the page where the administrators and the office do it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from razem.core.models import LogEntry
from razem.organizations.models import Membership, Organization, Representative
from razem.organizations.representation import parse
from razem.organizations.services.representatives import representatives_from_krs, representatives_replace
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, OrganizationFactory, RepresentativeFactory, UserFactory

# Reading the rule --------------------------------------------------------------------------------------------------

RULES = [
    # (text as in KRS, board size, everyone alone, functions alone, signatures required, understood)
    ("Do reprezentowania stowarzyszenia upoważnionych jest dwóch członków zarządu działających łącznie.", 5,
     False, (), 2, True),
    ("Prezes zarządu samodzielnie lub dwóch członków zarządu łącznie", 3, False, ("prezes",), 2, True),
    ("Każdy członek zarządu samodzielnie", 3, True, (), 1, True),
    ("KAŻDY Z CZŁONKÓW ZARZĄDU JEST UPRAWNIONY DO SAMODZIELNEGO REPREZENTOWANIA STOWARZYSZENIA.", 2, True, (), 1, True),
    ("DO SKŁADANIA OŚWIADCZEŃ WOLI W IMIENIU FUNDACJI UPRAWNIONY JEST PREZES ZARZĄDU JEDNOOSOBOWO.", 3,
     False, ("prezes",), 3, True),
    ("DO SKŁADANIA OŚWIADCZEŃ WOLI W IMIENIU FUNDACJI UPOWAŻNIONY JEST PREZES ZARZĄDU.", 2,
     False, ("prezes",), 2, True),
    ("OŚWIADCZENIA WOLI W IMIENIU STOWARZYSZENIA SKŁADA PREZES ZARZĄDU ŁĄCZNIE Z JEDNYM CZŁONKIEM ZARZĄDU.", 4,
     False, (), 2, True),
    ("PREZES I WICEPREZES ZARZĄDU SAMODZIELNIE, POZOSTALI CZŁONKOWIE ZARZĄDU - DWÓCH ŁĄCZNIE.", 5,
     False, ("prezes", "wiceprezes"), 2, True),
    ("Prezes lub wiceprezes zarządu samodzielnie.", 3, False, ("prezes", "wiceprezes"), 3, True),
    ("DO REPREZENTOWANIA FUNDACJI UPRAWNIONYCH JEST TRZECH CZŁONKÓW ZARZĄDU DZIAŁAJĄCYCH WSPÓLNIE.", 5,
     False, (), 3, True),
    ("W PRZYPADKU ZARZĄDU JEDNOOSOBOWEGO DO SKŁADANIA OŚWIADCZEŃ W IMIENIU FUNDACJI UPRAWNIONY JEST JEDEN CZŁONEK "
     "ZARZĄDU. W PRZYPADKU ZARZĄDU WIELOOSOBOWEGO DO SKŁADANIA OŚWIADCZEŃ W IMIENIU FUNDACJI WYMAGANE JEST "
     "WSPÓŁDZIAŁANIE DWÓCH CZŁONKÓW ZARZĄDU.", 3, False, (), 2, True),
    ("W PRZYPADKU ZARZĄDU JEDNOOSOBOWEGO DO SKŁADANIA OŚWIADCZEŃ W IMIENIU FUNDACJI UPRAWNIONY JEST JEDEN CZŁONEK "
     "ZARZĄDU. W PRZYPADKU ZARZĄDU WIELOOSOBOWEGO DO SKŁADANIA OŚWIADCZEŃ W IMIENIU FUNDACJI WYMAGANE JEST "
     "WSPÓŁDZIAŁANIE DWÓCH CZŁONKÓW ZARZĄDU.", 1, True, (), 1, True),
    ("ZARZĄD JEDNOOSOBOWY - PREZES ZARZĄDU.", 1, True, (), 1, True),
    ("Stowarzyszenie reprezentuje zarząd.", 3, False, (), 1, False),
    ("", 0, False, (), 1, False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "board", "everyone", "alone", "required", "understood"), RULES)
def test_the_krs_representation_rule_is_read(text, board, everyone, alone, required, understood):
    rule = parse(text, board_size=board)

    assert rule.everyone_alone is everyone
    assert set(rule.alone) == set(alone)
    assert rule.signatures_required(board) == required
    assert rule.understood is understood
    assert bool(rule.note) is not understood


def test_a_condition_it_cannot_count_is_kept_in_the_note():
    text = (
        "DO REPREZENTOWANIA STOWARZYSZENIA I SKŁADANIA OŚWIADCZEŃ WOLI W JEGO IMIENIU, W TYM W SPRAWACH MAJĄTKOWYCH, "
        "WYMAGANE SĄ PODPISY DWÓCH CZŁONKÓW ZARZĄDU, W TYM PREZESA LUB WICEPREZESA ZARZĄDU."
    )

    rule = parse(text, board_size=4)

    assert rule.signatures_required(4) == 2 and rule.understood
    assert "W TYM PREZESA LUB WICEPREZESA ZARZĄDU" in rule.note and "MAJĄTKOWYCH" not in rule.note


@pytest.mark.parametrize(
    ("function", "signs"),
    [("PREZES ZARZĄDU", True), ("Wiceprezes Zarządu", False), ("CZŁONEK ZARZĄDU", False), ("Prezes", True)],
)
def test_who_signs_alone_is_matched_by_function(function, signs):
    assert parse("Prezes zarządu samodzielnie lub dwóch członków zarządu łącznie").signs_alone(function) is signs


# Recording them -----------------------------------------------------------------------------------------------------


@pytest.fixture
def organization(db):
    return OrganizationFactory()


def test_representatives_are_recorded_with_the_rule_replacing_the_old_ones(organization):
    admin = UserFactory()
    RepresentativeFactory(organization=organization, full_name="Była Prezes")

    people = representatives_replace(
        actor=admin,
        organization=organization,
        rows=[
            {"full_name": " Anna  Nowak ", "function": "Prezes", "signs_alone": True},
            {"full_name": "", "function": "", "signs_alone": False},  # an empty row of the form
            {"full_name": "Jan Kowalski", "function": "Członek zarządu"},
        ],
        rule="Prezes samodzielnie lub dwóch członków zarządu łącznie",
        signatures_required=2,
    )

    assert [(p.full_name, p.signs_alone, p.position) for p in people] == [("Anna Nowak", True, 1),
                                                                          ("Jan Kowalski", False, 2)]  # fmt: skip
    assert list(organization.representatives.values_list("full_name", flat=True)) == ["Anna Nowak", "Jan Kowalski"]
    organization.refresh_from_db()
    assert organization.signatures_required == 2 and organization.representation_rule.startswith("Prezes")
    assert LogEntry.objects.filter(action="organizations.organization.representatives_replaced").exists()


NEEDS_MORE = (
    "The rule needs %(required)s signatures together, but only %(count)s representatives are recorded "
    "and none may sign alone: nobody could sign."
)


@pytest.mark.parametrize(
    ("rows", "required", "field", "message"),
    [
        (
            [{"full_name": "", "function": "Skarbnik"}],
            1,
            "rows",
            (
                "Row %(n)s: give the full name of the person (the function is %(function)s).",
                {"n": 1, "function": "Skarbnik"},
            ),
        ),
        ([{"full_name": "Anna Nowak"}], 0, "signatures_required", ("At least one signature is required.", {})),
        (
            [{"full_name": "Anna Nowak"}, {"full_name": "Jan Kowalski"}],
            3,
            "signatures_required",
            (NEEDS_MORE, {"required": 3, "count": 2}),
        ),
    ],
)
def test_a_rule_that_could_never_be_met_is_refused_and_nothing_changes(organization, rows, required, field, message):
    RepresentativeFactory(organization=organization, full_name="Obecna Prezes")

    with pytest.raises(ValidationError) as caught:
        representatives_replace(actor=None, organization=organization, rows=rows, rule="", signatures_required=required)

    msgid, values = message
    assert caught.value.message_dict[field][0] == in_polish(msgid) % values
    assert list(organization.representatives.values_list("full_name", flat=True)) == ["Obecna Prezes"]
    assert Organization.objects.get(pk=organization.pk).signatures_required == 1


def test_the_board_and_the_rule_are_read_from_the_stored_krs_extract(organization):
    organization.krs_extract = {
        "board": [
            {"name": "Anna Nowak", "function": "PREZES ZARZĄDU"},
            {"name": "Jan Kowalski", "function": "CZŁONEK ZARZĄDU"},
            {"name": "Ewa Zielińska", "function": "CZŁONEK ZARZĄDU"},
        ],
        "representation_rule": "PREZES ZARZĄDU SAMODZIELNIE LUB DWÓCH CZŁONKÓW ZARZĄDU ŁĄCZNIE.",
    }
    organization.save()

    people = representatives_from_krs(actor=None, organization=organization)

    assert [(p.full_name, p.function, p.signs_alone, p.source) for p in people] == [
        ("Anna Nowak", "Prezes zarządu", True, "krs"),
        ("Jan Kowalski", "Członek zarządu", False, "krs"),
        ("Ewa Zielińska", "Członek zarządu", False, "krs"),
    ]
    organization.refresh_from_db()
    assert organization.signatures_required == 2
    assert organization.representation_rule == "PREZES ZARZĄDU SAMODZIELNIE LUB DWÓCH CZŁONKÓW ZARZĄDU ŁĄCZNIE."


def test_without_an_extract_the_board_cannot_be_read(organization):
    with pytest.raises(ValidationError) as caught:
        representatives_from_krs(actor=None, organization=organization)

    assert caught.value.messages[0] == in_polish(
        "No KRS extract with the board is stored for this organization; enter the people."
    )


# The page ------------------------------------------------------------------------------------------------------------


def url(organization):
    return reverse("organizations:representatives", kwargs={"pk": organization.pk})


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("admin", 200, 302),
        ("officer", 200, 302),
        ("representative", 200, 403),
        ("member", 200, 403),
        ("stranger", 403, 403),
    ],
)
def test_who_sees_and_who_records_the_representatives(client, organization, who, get, post):
    person = UserFactory(officer=True) if who == "officer" else UserFactory()
    role = {"admin": Membership.Role.ADMIN, "representative": Membership.Role.REPRESENTATIVE,
            "member": Membership.Role.MEMBER}.get(who)  # fmt: skip
    if role:
        MembershipFactory(organization=organization, user=person, role=role)
    client.force_login(person)
    data = {
        "rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "0", "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "60",
        "rows-0-full_name": "Anna Nowak", "rows-0-function": "Prezes", "rows-0-signs_alone": "on",
        "representation_rule": "Prezes samodzielnie", "signatures_required": "1",
    }  # fmt: skip

    assert client.get(url(organization)).status_code == get
    assert client.post(url(organization), data).status_code == post
    recorded = list(Representative.objects.filter(organization=organization).values_list("full_name", flat=True))
    assert recorded == (["Anna Nowak"] if post == 302 else [])


def test_an_unpublished_organization_is_hidden_from_strangers(client, db):
    organization = OrganizationFactory(status=Organization.Status.PENDING)
    client.force_login(UserFactory())

    assert client.get(url(organization)).status_code == 404


def test_a_refusal_on_the_page_keeps_what_was_typed(client, organization):
    admin = UserFactory()
    MembershipFactory(organization=organization, user=admin, admin=True)
    client.force_login(admin)

    response = client.post(
        url(organization),
        {
            "rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "0", "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "60",
            "rows-0-full_name": "Anna Nowak", "rows-1-full_name": "Jan Kowalski",
            "representation_rule": "Trzech członków zarządu łącznie", "signatures_required": "3",
        },
    )  # fmt: skip

    assert response.status_code == 200
    html = response.content.decode()
    from django.utils.html import escape

    assert escape(in_polish(NEEDS_MORE) % {"required": 3, "count": 2}) in html
    assert 'value="Jan Kowalski"' in html and "Trzech członków zarządu łącznie" in html
    assert not organization.representatives.exists()


def test_the_page_fills_the_representatives_from_the_krs_extract(client, organization):
    admin = UserFactory()
    MembershipFactory(organization=organization, user=admin, admin=True)
    organization.krs_extract = {"board": [{"name": "Anna Nowak", "function": "PREZES ZARZĄDU"}],
                                "representation_rule": "PREZES ZARZĄDU SAMODZIELNIE."}  # fmt: skip
    organization.save()
    client.force_login(admin)

    assert "Anna Nowak" in client.get(url(organization)).content.decode()
    response = client.post(url(organization), {"action": "krs"})

    assert response.status_code == 302
    assert list(organization.representatives.values_list("full_name", "signs_alone")) == [("Anna Nowak", True)]
