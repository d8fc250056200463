"""The KRS adapter against a recorded-style extract (fixtures/README.md): no test reaches the network."""

import copy
import io
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from razem.organizations import krs
from razem.organizations.krs import BoardMember, KrsNotFound, KrsUnavailable, fetch_extract, parse_extract

FIXTURE = Path(__file__).parent / "fixtures" / "krs_odpis_aktualny_S.json"


@pytest.fixture
def payload() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any test that forgets to replace the transport fails instead of calling the real API."""

    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to reach the KRS API")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


# Reading an extract


def test_an_extract_gives_the_name_legal_form_identifiers_and_registration_date(payload):
    extract = parse_extract(payload, "S")

    assert extract.krs == "0000598765"
    assert extract.register == "S"
    assert extract.name == "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ"
    assert extract.legal_form == "FUNDACJA"
    assert (extract.nip, extract.regon) == ("6762468549", "36512345800000")
    assert extract.registered_on == "12.03.2016"
    assert extract.is_opp is True
    assert extract.in_liquidation is False


def test_an_extract_gives_the_seat_address_and_contacts(payload):
    extract = parse_extract(payload, "S")

    assert extract.street == "UL. FLORIAŃSKA 3/5"
    assert (extract.postal_code, extract.city, extract.municipality) == ("31-019", "KRAKÓW", "M. KRAKÓW")
    assert extract.email == "BIURO@ZAZOLC.EXAMPLE.ORG"
    assert extract.website == "WWW.ZAZOLC.EXAMPLE.ORG"
    assert extract.seat_in_krakow


def test_an_extract_gives_the_board_and_its_representation_rule(payload):
    extract = parse_extract(payload, "S")

    assert extract.board_name == "ZARZĄD"
    assert extract.representation_rule.startswith("DO SKŁADANIA OŚWIADCZEŃ WOLI")
    assert "DWÓCH CZŁONKÓW ZARZĄDU DZIAŁAJĄCYCH ŁĄCZNIE" in extract.representation_rule
    assert extract.board == [
        BoardMember(name="Anna Maria Kowalska-Nowak", function="PREZES ZARZĄDU"),
        BoardMember(name="Jan Wiśniewski", function="CZŁONEK ZARZĄDU"),
    ]


def test_the_registration_form_is_filled_in_from_the_extract(payload):
    data = parse_extract(payload, "S").as_form_data()

    assert data == {
        "name": "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
        "krs": "0000598765",
        "register_type": "krs",
        "legal_form": "fundacja",
        "nip": "6762468549",
        "regon": "365123458",  # the API pads a nine-digit REGON with zeros
        "street": "UL. FLORIAŃSKA 3/5",
        "postal_code": "31-019",
        "city": "Kraków",
        "email": "biuro@zazolc.example.org",
        "website": "https://www.zazolc.example.org",
    }


def test_an_organization_seated_outside_krakow_is_recognised(payload):
    outside = copy.deepcopy(payload)
    seat = outside["odpis"]["dane"]["dzial1"]["siedzibaIAdres"]
    seat["siedziba"].update(powiat="KRAKOWSKI", gmina="ZIELONKI", miejscowosc="BIBICE")
    seat["adres"].update(miejscowosc="BIBICE", kodPocztowy="32-087")

    assert not parse_extract(outside, "S").seat_in_krakow


def test_an_extract_without_identifiers_address_or_board_still_reads(payload):
    bare = {"odpis": {"naglowekA": {"numerKRS": "598765"}, "dane": {"dzial1": {"danePodmiotu": {"nazwa": "X"}}}}}

    extract = parse_extract(bare, "S")

    assert (extract.krs, extract.name, extract.nip, extract.regon, extract.board) == ("0000598765", "X", "", "", [])
    assert extract.is_opp is None
    assert extract.as_form_data()["legal_form"] == "inna"


def test_an_organization_in_liquidation_is_flagged(payload):
    payload["odpis"]["dane"]["dzial6"] = {"likwidacja": {"likwidatorzy": []}, "otwarcieLikwidacji": "01.02.2025"}

    assert parse_extract(payload, "S").in_liquidation


@pytest.mark.parametrize(
    ("krs_form", "choice"),
    [
        ("FUNDACJA", "fundacja"),
        ("STOWARZYSZENIE", "stowarzyszenie"),
        ("UCZNIOWSKI KLUB SPORTOWY", "uks"),
        ("KLUB SPORTOWY", "klub_sportowy"),
        ("SPÓŁDZIELNIA SOCJALNA", "spoldzielnia_socjalna"),
        ("STOWARZYSZENIE JEDNOSTEK SAMORZĄDU TERYTORIALNEGO", "stowarzyszenie_jst"),
        ("SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "spolka_non_profit"),
        ("KOŚCIELNA OSOBA PRAWNA", "inna"),
        ("", "inna"),
    ],
)
def test_the_krs_legal_form_maps_to_the_form_choice(krs_form, choice):
    assert krs.legal_form_choice(krs_form) == choice


# Fetching


def test_fetching_asks_the_associations_register_first(monkeypatch, payload):
    asked = []

    def get(url):
        asked.append(url)
        return payload

    monkeypatch.setattr(krs, "_get", get)

    extract = fetch_extract("0000598765")

    assert extract.register == "S"
    assert asked == [f"{krs.API_URL}/OdpisAktualny/0000598765?rejestr=S&format=json"]


def test_fetching_falls_back_to_the_business_register_when_the_entity_is_not_in_s(monkeypatch, payload):
    asked = []

    def get(url):
        asked.append(url)
        return None if "rejestr=S" in url else payload

    monkeypatch.setattr(krs, "_get", get)

    extract = fetch_extract("0000598765")

    assert extract.register == "P"
    assert extract.name == "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ"
    assert [url.rsplit("rejestr=", 1)[1] for url in asked] == ["S&format=json", "P&format=json"]


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def http_error(url: str, code: int) -> urllib.error.HTTPError:
    return urllib.error.HTTPError(url, code, "error", {}, io.BytesIO(b""))


def test_the_api_is_called_with_a_json_request_and_its_answer_is_parsed(monkeypatch, payload):
    requests = []

    def urlopen(request, timeout):
        requests.append((request, timeout))
        return FakeResponse(json.dumps(payload).encode("utf-8"))

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)

    extract = fetch_extract("0000598765")

    [(request, timeout)] = requests
    assert request.full_url == f"{krs.API_URL}/OdpisAktualny/0000598765?rejestr=S&format=json"
    assert request.get_header("Accept") == "application/json"
    assert timeout == krs.TIMEOUT
    assert extract.board[0].name == "Anna Maria Kowalska-Nowak"


def test_a_number_in_neither_register_is_reported_as_not_found(monkeypatch):
    asked = []

    def urlopen(request, timeout):
        asked.append(request.full_url)
        raise http_error(request.full_url, 404)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)

    with pytest.raises(KrsNotFound):
        fetch_extract("0000000404")
    assert len(asked) == 2


@pytest.mark.parametrize(
    "failure",
    [
        urllib.error.URLError("Name or service not known"),
        TimeoutError("timed out"),
        ConnectionResetError("reset by peer"),
    ],
    ids=["no-dns", "timeout", "reset"],
)
def test_a_network_failure_makes_the_api_unavailable_not_a_crash(monkeypatch, failure):
    def urlopen(request, timeout):
        raise failure

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)

    with pytest.raises(KrsUnavailable):
        fetch_extract("0000598765")


def test_a_server_error_makes_the_api_unavailable_with_its_status(monkeypatch):
    def urlopen(request, timeout):
        raise http_error(request.full_url, 500)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)

    with pytest.raises(KrsUnavailable, match="HTTP 500"):
        fetch_extract("0000598765")


def test_an_answer_that_is_not_json_makes_the_api_unavailable(monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout: FakeResponse(b"<html>Przerwa</html>"))

    with pytest.raises(KrsUnavailable):
        fetch_extract("0000598765")
