"""Importing organizations from CSV and XLSX as a city officer sees it: what is saved, what is rejected and why."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from razem.core.models import LogEntry
from razem.organizations import importer
from razem.organizations.importer import FileProblem, Lookups, Row, parse_row, read_rows
from razem.organizations.models import ImportJob, Organization
from tests.factories import make_organization

pytestmark = pytest.mark.usefixtures("english", "reference_data")

HEADER = (
    "nazwa;forma_prawna;krs;nip;regon;opp;ulica;kod_pocztowy;dzielnica;obszary;grupy_docelowe;opis;www;email;telefon"
)
GOOD = (
    "Fundacja Kopiec Kościuszki;fundacja;123456;123-456-32-18;123456785;tak;al. Waszyngtona 1;30-204;VII;"
    "16;seniorzy;Opiekujemy się kopcem.;kopiec.example.org;Biuro@Kopiec.example.org;12 425 11 16"
)


def csv_file(*lines: str, sep: str = ";") -> bytes:
    return ("\n".join(line.replace(";", sep) for line in lines) + "\n").encode("utf-8")


@pytest.fixture
def run_import(officer):
    """Run an import as the worker does (run, then finish) and return the finished job."""

    def go(data: bytes, name: str = "organizacje.csv") -> ImportJob:
        job = ImportJob.objects.create(original_name=name, created_by=officer)
        try:
            result = importer.run(job, data)
        except FileProblem as problem:
            return importer.finish(job, None, str(problem))
        return importer.finish(job, result)

    return go


def org(krs: str = "0000123456") -> Organization:
    return Organization.objects.get(krs=krs)


# Good rows


def test_a_good_row_is_saved_with_every_field_its_areas_target_group_and_district(run_import):
    job = run_import(csv_file(HEADER, GOOD))

    assert (job.status, job.created_count, job.error_count) == ("done", 1, 0)
    saved = org()
    assert saved.name == "Fundacja Kopiec Kościuszki"
    assert saved.legal_form == "fundacja"
    assert saved.register_type == "krs"
    assert (saved.nip, saved.regon, saved.is_opp) == ("1234563218", "123456785", True)
    assert (saved.street, saved.postal_code, saved.city) == ("al. Waszyngtona 1", "30-204", "Kraków")
    assert str(saved.district) == "VII Zwierzyniec"
    assert [a.code for a in saved.areas.all()] == ["16"]
    assert [g.code for g in saved.target_groups.all()] == ["seniorzy"]
    assert saved.website == "https://kopiec.example.org"
    assert saved.email == "biuro@kopiec.example.org"
    assert saved.phone == "12 425 11 16"
    assert saved.status == "verified"
    assert "kopiec kosciuszki" in saved.search_text


def test_a_utf8_file_with_a_byte_order_mark_is_read_with_its_first_column(run_import):
    data = "\ufeffnazwa;forma_prawna;krs\nStowarzyszenie Ślężanie;stowarzyszenie;777\n".encode()

    job = run_import(data)

    assert job.created_count == 1
    assert org("0000000777").name == "Stowarzyszenie Ślężanie"


def test_a_windows_1250_file_keeps_its_polish_letters(run_import):
    data = "nazwa;forma_prawna;krs;opis\nFundacja Zażółć Gęślą Jaźń;fundacja;4242;Źdźbło łąki\n".encode("cp1250")

    job = run_import(data)

    assert job.created_count == 1
    assert org("0000004242").name == "Fundacja Zażółć Gęślą Jaźń"
    assert org("0000004242").description == "Źdźbło łąki"


@pytest.mark.parametrize("sep", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
def test_the_separator_is_recognised_from_the_header(run_import, sep):
    data = csv_file("nazwa;forma_prawna;krs;obszary", "Fundacja Separator;fundacja;5;16", sep=sep)

    job = run_import(data)

    assert (job.created_count, job.error_count) == (1, 0)
    assert [a.code for a in org("0000000005").areas.all()] == ["16"]


def test_a_quoted_comma_in_a_comma_separated_file_stays_in_its_field(run_import):
    data = 'nazwa,forma_prawna,krs,opis\n"Fundacja ""Kraina"", Kraków",fundacja,6,"Opis, z przecinkiem"\n'.encode()

    run_import(data)

    assert org("0000000006").name == 'Fundacja "Kraina", Kraków'
    assert org("0000000006").description == "Opis, z przecinkiem"


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_workbook_is_imported_with_numbers_typed_as_numbers(run_import):
    data = xlsx(
        [
            ["Nazwa", "Forma prawna", "KRS", "NIP", "Dzielnica", "Obszary", "OPP"],
            ["Fundacja Arkusz", "fundacja", 123456, 1234563218, 7, "1;16", 1],
            [None, None, None, None, None, None, None],
            ["Stowarzyszenie Błąd", "stowarzyszenie", 654321, 1234563219, 7, "", 0],
        ]
    )

    job = run_import(data, name="Organizacje.XLSX")

    assert (job.total_rows, job.created_count, job.error_count) == (2, 1, 1)
    saved = org()
    assert (saved.name, saved.nip, saved.is_opp) == ("Fundacja Arkusz", "1234563218", True)
    assert saved.district.number == 7
    assert sorted(a.code for a in saved.areas.all()) == ["1", "16"]
    assert job.errors == [
        {"line": 4, "errors": ["NIP: This NIP number is not valid: its check digit does not match. Check for a typo."]}
    ]


def test_a_file_named_xlsx_that_is_not_a_workbook_fails_with_a_clear_message(run_import):
    job = run_import(b"nazwa;forma_prawna\n", name="organizacje.xlsx")

    assert job.status == "failed"
    assert job.message == "This file is not a valid XLSX workbook."


def test_column_names_are_recognised_by_their_aliases_in_any_case_and_with_diacritics(run_import):
    data = csv_file(
        "Name;Legal form;Numer KRS;Nazwa skrócona;Miejscowość;Kod;E-mail;Strona;Status OPP;Sfery;Telefon",
        "Fundacja Aliasy;Fundacja;9;Aliasy;Wieliczka;32-020;a@aliasy.example.org;aliasy.example.org;nie;1a;123",
    )

    job = run_import(data)

    assert job.error_count == 0
    saved = org("0000000009")
    assert (saved.short_name, saved.city, saved.postal_code) == ("Aliasy", "Wieliczka", "32-020")
    assert (saved.email, saved.website, saved.is_opp, saved.phone) == (
        "a@aliasy.example.org",
        "https://aliasy.example.org",
        False,
        "123",
    )
    assert [a.code for a in saved.areas.all()] == ["1a"]


# Whole-file problems


def test_a_file_without_the_required_columns_is_refused_naming_them_and_the_unknown_ones(run_import):
    job = run_import(csv_file("organizacja;krs;typ", "Fundacja;1;fundacja"))

    assert job.status == "failed"
    assert job.message == (
        "The file has no column nazwa, forma_prawna. The first row must hold the column names of the template. "
        "Columns not recognised: organizacja, typ."
    )
    assert not Organization.objects.exists()


def test_a_polish_officer_reads_the_missing_columns_message_in_polish():
    def problem() -> str:
        with pytest.raises(FileProblem) as excinfo:
            read_rows("a.csv", csv_file("organizacja;krs", "Fundacja;1"))
        return str(excinfo.value)

    with translation.override("pl"):
        polish = problem()

    assert "nazwa, forma_prawna" in polish
    assert "organizacja" in polish
    assert polish != problem()


def test_a_polish_officer_reads_the_reasons_of_a_rejected_row_in_polish(run_import):
    with translation.override("pl"):
        job = run_import(csv_file(*BAD_FILE))
    english = run_import(csv_file(*BAD_FILE))

    assert [e["line"] for e in job.errors] == [e["line"] for e in english.errors]
    for polish_row, english_row in zip(job.errors, english.errors, strict=True):
        assert polish_row["errors"] != english_row["errors"], polish_row


def test_a_file_missing_one_required_column_names_only_that_one():
    with pytest.raises(FileProblem) as excinfo:
        read_rows("a.csv", csv_file("nazwa;krs", "Fundacja;1"))

    assert str(excinfo.value).startswith("The file has no column forma_prawna.")


def test_an_empty_file_is_refused():
    with pytest.raises(FileProblem, match="The file is empty."):
        read_rows("a.csv", b"")


def test_bytes_that_are_neither_utf8_nor_windows_1250_are_refused():
    with pytest.raises(FileProblem, match="neither UTF-8 nor Windows-1250"):
        read_rows("a.csv", b"nazwa;forma_prawna\n\x81\x98\n")


# Bad rows


BAD_FILE = [
    HEADER,
    GOOD,  # line 2
    "Fundacja NIP;fundacja;2;123-456-32-19;;;;;;;;;;;",  # line 3
    "Fundacja REGON;fundacja;3;;123456786;;;;;;;;;;",  # line 4
    "Fundacja Litery;fundacja;KRS12A;;;;;;;;;;;;",  # line 5
    "Fundacja Dzielnica;fundacja;4;;;;;;XIX;;;;;;",  # line 6
    "Fundacja Sfera;fundacja;5;;;;;;;99;;;;;",  # line 7
    "Klub Forma;korporacja;6;;;;;;;;;;;;",  # line 8
    "Fundacja OPP;fundacja;7;;;może;;;;;;;;;",  # line 9
    "Fundacja Kontakt;fundacja;8;;;;;;;;;;http://;nie-email@;",  # line 10
    "",  # line 11: an empty line keeps the numbering
    ";fundacja;10;;;;;31-0044;;;nikt;;;;",  # line 12
]


def test_each_bad_row_is_reported_with_its_spreadsheet_line_and_every_reason(run_import):
    job = run_import(csv_file(*BAD_FILE))

    assert job.errors == [
        {"line": 3, "errors": ["NIP: This NIP number is not valid: its check digit does not match. Check for a typo."]},
        {
            "line": 4,
            "errors": ["REGON: This REGON number is not valid: its check digit does not match. Check for a typo."],
        },
        {"line": 5, "errors": ["KRS: A KRS number contains only digits, e.g. 0000123456."]},
        {"line": 6, "errors": ["district: unknown value 'XIX'"]},
        {"line": 7, "errors": ["areas: no item '99' in art. 4"]},
        {"line": 8, "errors": ["legal form: unknown value 'korporacja'"]},
        {"line": 9, "errors": ["OPP: write tak or nie"]},
        {"line": 10, "errors": ["www: Enter a valid URL.", "e-mail: Enter a valid email address."]},
        {
            "line": 12,
            "errors": [
                "name: this field is required",
                "postal code: Enter a postal code like 31-004.",
                "target groups: unknown value 'nikt'",
            ],
        },
    ]
    assert (job.total_rows, job.processed_rows, job.created_count, job.error_count) == (10, 10, 1, 9)
    assert list(Organization.objects.values_list("name", flat=True)) == ["Fundacja Kopiec Kościuszki"]


def test_a_row_in_the_krs_register_without_a_krs_number_is_rejected(run_import):
    job = run_import(csv_file("nazwa;forma_prawna;rejestr;krs", "Fundacja Bez Numeru;fundacja;krs;"))

    assert job.errors == [{"line": 2, "errors": ["KRS: required for an organization in the KRS register"]}]


def test_the_same_organization_twice_in_one_file_is_rejected_pointing_at_its_first_line(run_import):
    job = run_import(
        csv_file(
            "nazwa;forma_prawna;krs",
            "Fundacja Pierwsza;fundacja;11",
            "Fundacja Inna;fundacja;12",
            "Fundacja Pierwsza bis;fundacja;0000000011",
        )
    )

    assert job.errors == [{"line": 4, "errors": ["the same organization is already on line 2"]}]
    assert org("0000000011").name == "Fundacja Pierwsza"


def test_html_in_a_text_field_is_stored_as_the_text_that_was_typed(run_import):
    description = '<script>alert("x")</script><b>Pomagamy</b> & wspieramy'
    data = csv_file("nazwa;forma_prawna;krs;opis", f"Fundacja <i>Kursywa</i>;fundacja;13;{description}")

    run_import(data)

    saved = org("0000000013")
    assert saved.name == "Fundacja <i>Kursywa</i>"
    assert saved.description == description


# Running the same file again


def test_importing_the_same_file_again_updates_instead_of_duplicating(run_import):
    data = csv_file(HEADER, GOOD, "Stowarzyszenie Drugie;stowarzyszenie;222;;;nie;;;XVIII;1;dzieci;;;;")
    first = run_import(data)

    second = run_import(data)

    assert (first.created_count, first.updated_count) == (2, 0)
    assert (second.created_count, second.updated_count, second.error_count) == (0, 2, 0)
    assert Organization.objects.count() == 2
    assert [a.code for a in org().areas.all()] == ["16"]
    assert [g.code for g in org("0000000222").target_groups.all()] == ["dzieci"]


def test_organizations_outside_krs_are_matched_by_register_number_then_by_name(run_import):
    data = csv_file(
        "nazwa;forma_prawna;rejestr;numer_w_rejestrze;telefon",
        "Stowarzyszenie zwykłe Ruczaj;stowarzyszenie zwykłe;ewidencja;SZ/7/2024;111",
        "Koło Gospodyń Wiejskich w Bronowicach;koło gospodyń wiejskich;brak;;222",
    )
    run_import(data)
    renamed = csv_file(
        "nazwa;forma_prawna;rejestr;numer_w_rejestrze;telefon",
        "Stowarzyszenie zwykłe Sąsiedzi z Ruczaju;stowarzyszenie zwykłe;ewidencja;SZ/7/2024;333",
        "KOŁO GOSPODYŃ WIEJSKICH W BRONOWICACH;kgw;brak;;444",
    )

    job = run_import(renamed)

    assert (job.created_count, job.updated_count) == (0, 2)
    assert Organization.objects.count() == 2
    ruczaj = Organization.objects.get(register_number="SZ/7/2024")
    assert (ruczaj.name, ruczaj.phone, ruczaj.legal_form) == (
        "Stowarzyszenie zwykłe Sąsiedzi z Ruczaju",
        "333",
        "stowarzyszenie_zwykle",
    )
    kgw = Organization.objects.get(legal_form="kgw")
    assert kgw.phone == "444"


def test_a_row_with_changed_data_updates_the_organization_and_replaces_its_areas(run_import):
    run_import(csv_file(HEADER, GOOD))
    changed = GOOD.replace("12 425 11 16", "12 000 00 00").replace(";VII;16;", ";VIII;17,18;")

    job = run_import(csv_file(HEADER, changed))

    assert (job.created_count, job.updated_count) == (0, 1)
    saved = org()
    assert saved.phone == "12 000 00 00"
    assert saved.district.number == 8
    assert sorted(a.code for a in saved.areas.all()) == ["17", "18"]


def test_an_organization_registered_by_hand_is_updated_by_its_krs_number(run_import):
    existing = make_organization("Fundacja Stara Nazwa", krs="0000123456", description="Opis od organizacji")

    job = run_import(csv_file("nazwa;forma_prawna;krs;telefon", "Fundacja Nowa Nazwa;fundacja;123456;555"))

    existing.refresh_from_db()
    assert job.updated_count == 1
    assert (existing.name, existing.phone, existing.legal_form) == ("Fundacja Nowa Nazwa", "555", "fundacja")


def test_a_file_with_fewer_columns_does_not_erase_what_it_does_not_mention(run_import):
    run_import(csv_file(HEADER, GOOD))

    job = run_import(csv_file("nazwa;forma_prawna;krs", "Fundacja Kopiec Kościuszki;fundacja;123456"))

    assert job.updated_count == 1
    saved = org()
    assert (saved.nip, saved.regon, saved.is_opp) == ("1234563218", "123456785", True)
    assert (saved.street, saved.postal_code, saved.district.number) == ("al. Waszyngtona 1", "30-204", 7)
    assert (saved.description, saved.website, saved.email) == (
        "Opiekujemy się kopcem.",
        "https://kopiec.example.org",
        "biuro@kopiec.example.org",
    )
    assert [a.code for a in saved.areas.all()] == ["16"]
    assert [g.code for g in saved.target_groups.all()] == ["seniorzy"]
    assert "opiekujemy sie kopcem" in saved.search_text


# Status


def test_the_status_column_sets_the_status_and_an_empty_one_means_verified(run_import):
    job = run_import(
        csv_file(
            "nazwa;forma_prawna;krs;status",
            "Fundacja A;fundacja;31;oczekuje",
            "Fundacja B;fundacja;32;zweryfikowana",
            "Fundacja C;fundacja;33;",
            "Fundacja D;fundacja;34;suspended",
            "Fundacja E;fundacja;35;usunięta",
        )
    )

    statuses = dict(Organization.objects.values_list("name", "status"))
    assert statuses == {
        "Fundacja A": "pending",
        "Fundacja B": "verified",
        "Fundacja C": "verified",
        "Fundacja D": "suspended",
    }
    assert job.errors == [{"line": 6, "errors": ["status: unknown value 'usunięta'"]}]


def test_importing_again_keeps_the_status_an_officer_set_when_the_file_gives_none(run_import):
    data = csv_file("nazwa;forma_prawna;krs", "Fundacja Zawieszona;fundacja;41")
    run_import(data)
    Organization.objects.filter(krs="0000000041").update(status="suspended", status_reason="Brak sprawozdania")

    run_import(data)

    saved = org("0000000041")
    assert (saved.status, saved.status_reason) == ("suspended", "Brak sprawozdania")


def test_a_status_given_in_the_file_replaces_the_one_in_razem(run_import):
    run_import(csv_file("nazwa;forma_prawna;krs", "Fundacja Wraca;fundacja;42"))
    Organization.objects.filter(krs="0000000042").update(status="suspended", status_reason="Brak sprawozdania")

    run_import(csv_file("nazwa;forma_prawna;krs;status", "Fundacja Wraca;fundacja;42;verified"))

    saved = org("0000000042")
    assert (saved.status, saved.status_reason) == ("verified", "")


# Progress and the report


def test_the_job_reports_its_progress_while_it_runs(run_import, monkeypatch):
    monkeypatch.setattr(importer, "BATCH", 2)
    seen = []
    save = importer._save

    def watching(batch, lk, result):
        job = ImportJob.objects.get()
        seen.append((job.status, job.total_rows, job.processed_rows))
        save(batch, lk, result)

    monkeypatch.setattr(importer, "_save", watching)
    rows = [f"Fundacja {n};fundacja;{100 + n}" for n in range(5)]

    job = run_import(csv_file("nazwa;forma_prawna;krs", *rows))

    assert seen == [("running", 5, 0), ("running", 5, 2), ("running", 5, 4)]
    assert (job.status, job.total_rows, job.processed_rows, job.created_count, job.percent) == ("done", 5, 5, 5, 100)


def test_a_finished_import_is_audited_with_its_counts(run_import, officer):
    run_import(csv_file(HEADER, GOOD))

    job = run_import(csv_file(*BAD_FILE), name="lista.csv")

    entry = LogEntry.objects.filter(action="organizations.import.finished").order_by("id").last()
    assert entry.actor == officer
    assert entry.object_id == str(job.pk)
    assert entry.data == {"file": "lista.csv", "created": 0, "updated": 1, "rejected": 9, "problem": ""}
    assert job.finished_at is not None


def test_a_failed_import_is_audited_with_the_problem(run_import):
    job = run_import(b"krs\n1\n", name="zly.csv")

    entry = LogEntry.objects.get(action="organizations.import.failed")
    assert entry.data["problem"] == job.message
    assert job.status == "failed"
    assert job.percent == 0


# Reading single rows


@pytest.fixture
def lookups() -> Lookups:
    return Lookups()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("fundacja", "fundacja"),
        ("Stowarzyszenie zwykłe", "stowarzyszenie_zwykle"),
        ("uczniowski klub sportowy", "uks"),
        ("Koło gospodyń wiejskich", "kgw"),
        ("SPÓŁDZIELNIA SOCJALNA", "spoldzielnia_socjalna"),
        ("klub_sportowy", "klub_sportowy"),
    ],
)
def test_the_legal_form_may_be_written_as_its_code_or_in_words(lookups, typed, stored):
    parsed = parse_row(Row(2, {"nazwa": "X", "forma_prawna": typed}), lookups)

    assert parsed.fields["legal_form"] == stored


@pytest.mark.parametrize("typed", ["18", "XVIII", "xviii", "Nowa Huta", "nowa huta"])
def test_a_district_may_be_written_as_its_number_numeral_or_name(lookups, typed):
    parsed = parse_row(Row(2, {"nazwa": "X", "forma_prawna": "fundacja", "dzielnica": typed}), lookups)

    assert parsed.fields["district_id"] is not None


def test_a_district_name_without_polish_letters_is_recognised(lookups):
    with_letters = parse_row(
        Row(2, {"nazwa": "X", "forma_prawna": "fundacja", "dzielnica": "Łagiewniki-Borek Fałęcki"}), lookups
    )
    without = parse_row(
        Row(2, {"nazwa": "X", "forma_prawna": "fundacja", "dzielnica": "lagiewniki-borek falecki"}), lookups
    )

    assert with_letters.fields["district_id"] == without.fields["district_id"] is not None


def test_areas_may_be_written_with_the_pkt_prefix_and_either_separator(lookups):
    parsed = parse_row(Row(2, {"nazwa": "X", "forma_prawna": "fundacja", "obszary": "pkt 1a, 16;32A"}), lookups)

    assert len(parsed.areas) == 3


def test_target_groups_may_be_written_as_codes_or_names(lookups):
    parsed = parse_row(
        Row(2, {"nazwa": "X", "forma_prawna": "fundacja", "grupy_docelowe": "Seniorzy; migranci i cudzoziemcy"}),
        lookups,
    )

    assert len(parsed.groups) == 2


def test_read_rows_numbers_lines_as_a_spreadsheet_does_skipping_empty_ones():
    total, rows = read_rows("a.csv", csv_file("nazwa;forma_prawna", "A;fundacja", "", " ; ", "B;fundacja"))

    assert total == 2
    assert [(row.line, row.values["nazwa"]) for row in rows] == [(2, "A"), (5, "B")]
