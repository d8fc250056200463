"""The filed offer as a PDF in the statutory layout (grants.pdf): the text of the PDF itself, extracted here with a
small reader of WeasyPrint's output (object streams, Flate, ToUnicode maps; no PDF library is a dependency)."""

import re
import zlib

import pytest
from django.utils import timezone

from razem.core.models import DocumentSnapshot
from razem.grants import pdf
from razem.grants.models import Offer
from razem.grants.services.filing import offer_file
from tests.grants.filing_factories import DECLARATIONS, add_partner, complete_offer, multi_year_offer

pytestmark = pytest.mark.django_db


def _inflate(raw):
    return zlib.decompressobj().decompress(raw)


def _objects(data):
    objects = {}
    for num, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        head, sep, rest = body.partition(b"stream")
        stream = None
        if sep:
            raw = rest[2:] if rest.startswith(b"\r\n") else rest[1:]
            stream = _inflate(raw) if b"FlateDecode" in head else raw
        objects[int(num)] = (head, stream)
    for head, stream in list(objects.values()):
        if b"/ObjStm" in head and stream:
            first = int(re.search(rb"/First (\d+)", head).group(1))
            numbers = list(map(int, stream[:first].split()))
            pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
            for i, (number, offset) in enumerate(pairs):
                end = pairs[i + 1][1] if i + 1 < len(pairs) else len(stream) - first
                objects.setdefault(number, (stream[first + offset : first + end], None))
    return objects


def _cmap(text):
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[src.decode().upper()] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width, start = len(lo), int(dst, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[f"{code:0{width}X}"] = chr(start + k)
    return mapping


def pdf_text(data: bytes) -> str:
    """The text of every page, in the order of the content streams, whitespace collapsed."""
    objects = _objects(data)
    cmaps = {}
    for number, (head, _stream) in objects.items():
        match = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if match:
            cmaps[number] = _cmap(objects[int(match.group(1))][1] or b"")
    fonts = {}
    for head_, _stream in objects.values():
        for name, number in re.findall(rb"/([\w.+-]+) (\d+) 0 R", head_):
            if int(number) in cmaps:
                fonts[name.decode()] = cmaps[int(number)]
    lines = []
    for _head, stream in objects.values():
        if not stream or b"BT" not in stream or b"Tf" not in stream:
            continue
        font = {}
        for token in re.finditer(rb"/([\w.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(ET)", stream, re.S):
            if token.group(1):
                font = fonts.get(token.group(1).decode(), {})
            elif token.group(4):
                lines.append("\n")
            else:
                hexes = (
                    re.findall(rb"<([0-9A-Fa-f]*)>", token.group(2)) if token.group(2) is not None else [token.group(3)]
                )
                width = len(next(iter(font), "0000")) or 4
                text = "".join(
                    font.get(h.decode().upper()[i : i + width], "") for h in hexes for i in range(0, len(h), width)
                )
                lines.append(text + " ")
    return "".join(lines)


def page_count(data: bytes) -> int:
    return sum(1 for head, _stream in _objects(data).values() if re.search(rb"/Type\s*/Page(?!s)", head))


def text_of(version) -> tuple[str, bytes]:
    snapshot = pdf.offer_pdf(version=version)
    data = snapshot.file.open("rb").read()
    return " ".join(pdf_text(data).split()), data


def filed(offer, signatories=None):
    return offer_file(actor=offer.filer, offer=offer, signatories=signatories or [offer.signatory],
                      declarations=DECLARATIONS)  # fmt: skip


HEADINGS = [
    "Załącznik nr 1",
    "OFERTA REALIZACJI ZADANIA PUBLICZNEGO / OFERTA WSPÓLNA REALIZACJI ZADANIA PUBLICZNEGO",
    "O KTÓREJ MOWA W ART. 14 UST. 1 / 2 USTAWY Z DNIA 24 KWIETNIA 2003 R. O DZIAŁALNOŚCI POŻYTKU PUBLICZNEGO I O "
    "WOLONTARIACIE",
    "I. Podstawowe informacje o złożonej ofercie",
    "1. Organ administracji publicznej, do którego jest adresowana oferta",
    "2. Rodzaj zadania publicznego",
    "II. Dane oferenta(-tów)",
    "1. Nazwa oferenta(-tów), forma prawna, numer w Krajowym Rejestrze Sądowym lub innej ewidencji, adres siedziby, "
    "strona www, adres do korespondencji, adres e-mail, numer telefonu",
    "2. Dane osoby upoważnionej do składania wyjaśnień dotyczących oferty",
    "III. Opis zadania",
    "1. Tytuł zadania publicznego",
    "2. Termin realizacji zadania publicznego",
    "Data rozpoczęcia",
    "Data zakończenia",
    "3. Syntetyczny opis zadania",
    "4. Plan i harmonogram działań na rok",
    "Lp. Nazwa działania Opis Grupa docelowa Planowany termin realizacji Zakres działania realizowany przez podmiot "
    "niebędący stroną umowy",
    "5. Opis zakładanych rezultatów realizacji zadania publicznego",
    "6. Dodatkowe informacje dotyczące rezultatów realizacji zadania publicznego",
    "Nazwa rezultatu Planowany poziom osiągnięcia rezultatów (wartość docelowa) Sposób monitorowania rezultatów / "
    "źródło informacji o osiągnięciu wskaźnika",
    "IV. Charakterystyka oferenta",
    "1. Informacja o wcześniejszej działalności oferenta, w szczególności w zakresie, którego dotyczy zadanie "
    "publiczne",
    "2. Zasoby kadrowe, rzeczowe i finansowe oferenta, które będą wykorzystane do realizacji zadania",
    "V. Kalkulacja przewidywanych kosztów realizacji zadania publicznego",
    "V.A Zestawienie kosztów realizacji zadania",
    "Lp. Rodzaj kosztu Rodzaj miary Koszt jednostkowy [PLN] Liczba jednostek Wartość [PLN] Razem Rok 1",
    "I. Koszty realizacji działań",
    "Suma kosztów realizacji zadania",
    "II. Koszty administracyjne",
    "Suma kosztów administracyjnych",
    "Suma wszystkich kosztów realizacji zadania",
    "V.B Źródła finansowania kosztów realizacji zadania",
    "Planowana dotacja w ramach niniejszej oferty",
    "Wkład własny",
    "Wkład własny finansowy",
    "Wkład własny niefinansowy (osobowy i rzeczowy)",
    "Świadczenia pieniężne od odbiorców zadania",
    "Udział [%]",
    "V.C Podział kosztów realizacji zadania pomiędzy oferentów",
    "VI. Inne informacje",
    "1. Deklaracja o zamiarze odpłatnego lub nieodpłatnego wykonania zadania publicznego",
    "2. Działania, które w ramach realizacji zadania publicznego będą wykonywać poszczególni oferenci",
    "3. Inne działania, które mogą mieć znaczenie przy ocenie oferty",
    "VII. Oświadczenia",
    "proponowane zadanie publiczne będzie realizowane wyłącznie w zakresie działalności pożytku publicznego",
    "z opłacaniem należności z tytułu zobowiązań podatkowych",
    "z opłacaniem należności z tytułu składek na ubezpieczenia społeczne",
    "dane zawarte w części II niniejszej oferty są zgodne z Krajowym Rejestrem Sądowym / właściwą ewidencją",
    "wszystkie informacje podane w ofercie oraz załącznikach są zgodne z aktualnym stanem prawnym i faktycznym",
    "osoby, których dotyczą te dane, złożyły stosowne oświadczenia zgodnie z przepisami o ochronie danych osobowych",
    "Podpis osoby upoważnionej lub podpisy osób upoważnionych do składania oświadczeń woli w imieniu oferentów",
    "Data",
]


def test_the_pdf_holds_every_heading_of_the_form_the_offer_number_and_the_checksum():
    offer = complete_offer()
    version = filed(offer)
    offer.refresh_from_db()

    text, data = text_of(version)

    assert data.startswith(b"%PDF-")
    missing = [heading for heading in HEADINGS if heading not in text]
    assert not missing, f"not in the PDF: {missing}"
    assert offer.number in text and version.checksum in text
    assert "Seniorzy w sieci" in text and "Anna Prezes" in text and "Wynagrodzenie trenera" in text
    assert "9 000,00" in text.replace("\xa0", " ")


def test_every_page_carries_the_offer_number_the_version_and_the_checksum_in_its_margins():
    offer = multi_year_offer(years=3, lines=40)
    version = filed(offer)
    offer.refresh_from_db()

    text, data = text_of(version)

    pages = page_count(data)
    assert pages >= 2
    assert text.count(f"SHA-256: {version.checksum}") == pages
    assert len(re.findall(rf"{re.escape(offer.number)} · \S+ 1 ", text)) == pages
    assert f"Rok 3 ({offer.years[2]})" in text


def test_the_pdf_is_the_filed_version_not_the_offer_as_it_is_now():
    offer = complete_offer()
    version = filed(offer)
    Offer.objects.filter(pk=offer.pk).update(title="Tytuł zmieniony po złożeniu", updated_at=timezone.now())
    version.refresh_from_db()

    text, _data = text_of(version)

    assert "Seniorzy w sieci" in text and "Tytuł zmieniony po złożeniu" not in text


def test_a_joint_offer_shows_both_oferents_and_the_split_between_them():
    offer = complete_offer()
    partner = add_partner(offer)
    version = filed(offer, signatories=[offer.signatory, partner.signatory])

    text, _data = text_of(version)

    assert "Fundacja Partnerska" in text and "Piotr Partner" in text
    assert "Lp. Nazwa Oferenta Razem [PLN]" in text
    assert "Lider prowadzi warsztaty, partner zapewnia salę." in text


def test_the_pdf_of_a_version_is_issued_once_and_kept():
    offer = complete_offer()
    version = filed(offer)

    first = pdf.offer_pdf(version=version)
    again = pdf.offer_pdf(version=version)

    assert again.pk == first.pk
    assert DocumentSnapshot.objects.filter(kind="grants.offer").count() == 1
    assert pdf.filename(version) == f"oferta-{version.offer.number.replace('/', '-')}-v1.pdf"
