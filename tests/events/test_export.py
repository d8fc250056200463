"""Registrations as CSV and XLSX for the organizer, and a person's registrations in their data export."""

import csv
import io

import pytest
from conftest import make_person
from openpyxl import load_workbook

from razem.events import export
from razem.events.models import MeetingQuestion, Registration

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def registered(meeting, verified_org, org_member):
    diet = MeetingQuestion.objects.create(
        meeting=meeting, label="Dieta", kind=MeetingQuestion.Kind.CHOICE, options="zwykła\nwegańska", position=1
    )
    needs = MeetingQuestion.objects.create(meeting=meeting, label="Potrzeby", position=2)
    topics = MeetingQuestion.objects.create(
        meeting=meeting, label="Tematy", kind=MeetingQuestion.Kind.MULTIPLE, options="lokale\ngranty", position=3
    )
    lift = MeetingQuestion.objects.create(meeting=meeting, label="Winda", kind=MeetingQuestion.Kind.YES_NO, position=4)
    Registration.objects.create(
        meeting=meeting,
        person=org_member,
        organization=verified_org,
        status=Registration.Status.CONFIRMED,
        code="ABCDEF23",
        answers={
            str(diet.pk): "wegańska",
            str(needs.pk): '=HYPERLINK("http://zlo.example","kliknij")',
            str(topics.pk): ["lokale", "granty"],
            str(lift.pk): True,
        },
    )
    Registration.objects.create(
        meeting=meeting,
        person=make_person("bez.odpowiedzi@example.org", full_name="Bez Odpowiedzi"),
        status=Registration.Status.WAITING,
        code="GHJKMN45",
    )
    return meeting


def csv_rows(response) -> tuple[str, list[list[str]]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_the_csv_opens_in_polish_excel_with_one_column_per_question(registered):
    response = export.csv_response(registered)

    text, rows = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"zapisy-{registered.pk}-" in response["Content-Disposition"]
    assert text.startswith("\ufeff")
    header, first, second = rows
    assert header[-4:] == ["Dieta", "Potrzeby", "Tematy", "Winda"]
    assert header[:2] == ["Code", "Name"]
    by_column = dict(zip(header, first, strict=True))
    assert by_column["Code"] == "ABCD-EF23"
    assert by_column["Name"] == "Celina Członkowska"
    assert by_column["On behalf of"] == "Stowarzyszenie Przyjaciół Plant"
    assert by_column["Dieta"] == "wegańska"
    assert by_column["Tematy"] == "lokale, granty"
    assert by_column["Winda"] == "yes"
    assert dict(zip(header, second, strict=True))["Dieta"] == ""


def test_a_formula_typed_as_an_answer_reaches_the_csv_as_plain_text(registered):
    _text, rows = csv_rows(export.csv_response(registered))

    header, first, _second = rows
    assert dict(zip(header, first, strict=True))["Potrzeby"] == '\'=HYPERLINK("http://zlo.example","kliknij")'


def test_the_xlsx_holds_the_answers_as_text(registered):
    response = export.xlsx_response(registered)

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    header, first = rows[0], rows[1]
    by_column = dict(zip(header, first, strict=True))
    assert by_column["Dieta"] == "wegańska"
    assert by_column["Tematy"] == "lokale, granty"
    potrzeby = sheet.cell(row=2, column=header.index("Potrzeby") + 1)
    assert potrzeby.data_type == "s"  # a string, never a formula
    assert potrzeby.value.startswith("=HYPERLINK")
    assert len(rows) == 3


def test_a_persons_data_export_lists_their_registrations_with_answers_and_invitations(registered, org_member):
    data = export.personal_data(org_member)

    [registration] = data["registrations"]
    assert registration["meeting"] == registered.title
    assert registration["code"] == "ABCDEF23"
    assert registration["on_behalf_of"] == "Stowarzyszenie Przyjaciół Plant"
    assert "wegańska" in registration["answers"].values()
    assert data["invitations"] == []
