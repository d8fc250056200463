"""Slugs speak Polish and old links keep working (issue 14, item 10).

- ``core.text.slugify_pl`` writes every Polish letter in ASCII ("ł" included, which Unicode does not decompose and
  Django's ``slugify`` dropped: "Pełnomocnik" became "penomocnik"); every path that makes a slug uses it, and a guard
  keeps Django's ``slugify`` out of the code.
- A page found by its slug answers 301 to its current address after the slug changed (``core.slugs``), the rest of
  the path and the query string kept; pages addressed by number and slug (meetings, organizations) redirect a stale
  slug by their number.
- The data migrations re-make the slugs the old helper got wrong.
"""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import razem
from razem.bodies.models import Body
from razem.bodies.services import body_save
from razem.core.models import SlugRedirect
from razem.core.slugs import remember
from razem.core.text import POLISH_LETTERS, fold, slugify_pl, transliterate
from razem.elections.services import election_save
from razem.events.models import Meeting
from razem.grants.models import Call
from razem.organizations import demo as organizations_demo
from razem.organizations import models as organizations_models
from razem.organizations.demo_people import people_specs
from tests.factories import CallFactory, make_body, make_organization

SRC = Path(razem.__file__).parent


# The letters -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("letter", "ascii_letter"),
    [*zip("ąćęłńóśźż", "acelnoszz", strict=True), *zip("ĄĆĘŁŃÓŚŹŻ", "ACELNOSZZ", strict=True)],
)
def test_every_polish_letter_has_its_ascii_letter(letter, ascii_letter):
    assert POLISH_LETTERS[letter] == ascii_letter
    assert transliterate(f"x{letter}x") == f"x{ascii_letter}x"
    assert slugify_pl(f"a{letter}b") == f"a{ascii_letter.lower()}b"


def test_the_table_has_the_eighteen_letters_and_nothing_else():
    assert sorted(POLISH_LETTERS) == sorted("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def test_slugs_of_polish_phrases():
    assert slugify_pl("Pełnomocnik") == "pelnomocnik"
    assert slugify_pl("ZAŻÓŁĆ GĘŚLĄ JAŹŃ") == "zazolc-gesla-jazn"
    assert slugify_pl("Łódź – Święto Ulicy Długiej!") == "lodz-swieto-ulicy-dlugiej"
    assert slugify_pl("Café Ñandú") == "cafe-nandu"  # other languages still decompose
    assert transliterate("Zażółć Gęślą Jaźń") == "Zazolc Gesla Jazn"  # case kept
    assert fold("Zażółć Gęślą Jaźń") == "zazolc gesla jazn"


def test_a_cut_slug_does_not_end_with_a_hyphen_and_an_empty_one_takes_the_default():
    assert slugify_pl("Rada Łąk i Pól", max_length=8) == "rada-lak"
    assert slugify_pl("Rada Łąk i Pól", max_length=9) == "rada-lak"
    assert slugify_pl("!!!", default="spotkanie") == "spotkanie"
    assert slugify_pl("") == ""


def test_the_organizations_fold_is_the_kernel_one():
    assert organizations_models.fold is fold


# Every path that makes a slug ------------------------------------------------------------------------------------


def test_a_meeting_slug_from_its_title(make_meeting):
    meeting = make_meeting(title="Pełnomocnik – dyżur")
    assert meeting.slug == "pelnomocnik-dyzur"
    assert meeting.get_absolute_url().endswith(f"/{meeting.pk}-pelnomocnik-dyzur/")


def test_an_organization_slug_from_its_short_name_or_name(db):
    assert make_organization("Fundacja Pełnomocnik").slug == "fundacja-pelnomocnik"
    assert make_organization("Stowarzyszenie Długie", short_name="Pełnomocnik").slug == "pelnomocnik"


def test_a_call_slug_from_its_number(officer, reference_data):
    from tests.grants.test_calls_services import create

    area = apps.get_model("core", "PublicBenefitArea").objects.get(code="1", valid_to__isnull=True)
    call = create(officer, area, number="Pełnomocnik/2027/01")
    assert call.slug == "pelnomocnik-2027-01"


def letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def test_demo_addresses_write_the_polish_letters_in_ascii():
    """The demo's web and e-mail addresses of organizations and people: "ł" becomes "l", it is not dropped."""
    specs = organizations_demo.generate(count=200, seed=7)
    lettered = [org for org in specs if org.website and "ł" in (org.short_name or org.name).lower()]
    assert lettered
    for org in lettered:
        label = org.website.removeprefix("https://").removesuffix(".example.org").replace("-", "")
        assert label == letters(org.short_name or org.name)[: len(label)]
    people = [(email, name) for email, name in people_specs(count=200, seed=7) if "ł" in name.lower()]
    assert people
    for email, name in people:
        assert email.split("@")[0].rstrip("0123456789") == letters(name)


def test_django_slugify_is_used_only_inside_the_kernel_helper():
    """A guard: every slug goes through ``core.text.slugify_pl`` (migrations keep their history)."""
    pattern = re.compile(
        r"from\s+django\.utils\.text\s+import\s+[^\n]*\bslugify\b"
        r"|from\s+django\.template\.defaultfilters\s+import\s+[^\n]*\bslugify\b"
        r"|django\.utils\.text\.slugify|\btext\.slugify\("
    )
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and path != SRC / "core" / "text.py"
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    offenders += [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.html")
        if re.search(r"\|\s*slugify\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# Old links redirect --------------------------------------------------------------------------------------------


def rename_body(officer, body: Body, slug: str) -> Body:
    return body_save(actor=officer, body=Body.objects.get(pk=body.pk), data={"slug": slug})


def test_a_renamed_body_keeps_its_old_public_links(client, officer, krdpp):
    rename_body(officer, krdpp, "rada-pozytku")

    response = client.get("/ciala-dialogu/krdpp/")
    assert response.status_code == 301
    assert response["Location"] == "/ciala-dialogu/rada-pozytku/"
    assert client.get(response["Location"]).status_code == 200

    deep = client.get("/ciala-dialogu/krdpp/dokumenty/?strona=2&rok=2026")
    assert deep.status_code == 301
    assert deep["Location"] == "/ciala-dialogu/rada-pozytku/dokumenty/?strona=2&rok=2026"


def test_a_renamed_body_keeps_its_old_office_links(officer_client, officer, krdpp):
    rename_body(officer, krdpp, "rada-pozytku")
    response = officer_client.get("/panel/ciala-dialogu/krdpp/czlonkowie/")
    assert response.status_code == 301
    assert response["Location"] == "/panel/ciala-dialogu/rada-pozytku/czlonkowie/"
    assert officer_client.get(response["Location"]).status_code == 200


def test_a_form_posted_to_an_old_address_is_sent_on_with_its_method(officer_client, officer, krdpp):
    rename_body(officer, krdpp, "rada-pozytku")
    response = officer_client.post("/panel/ciala-dialogu/krdpp/", {})
    assert response.status_code == 308
    assert response["Location"] == "/panel/ciala-dialogu/rada-pozytku/"


def test_an_old_address_of_a_body_the_visitor_may_not_see_stays_404(client, officer, db):
    hidden = make_body("Zespół wewnętrzny", "zespol", kind="team", visibility="private")
    rename_body(officer, hidden, "zespol-roboczy")
    assert client.get("/ciala-dialogu/zespol/").status_code == 404
    assert client.get("/ciala-dialogu/nigdy-nie-istnial/").status_code == 404


def test_a_chain_of_renames_leads_to_the_latest_and_a_round_trip_serves_the_page(client, officer, krdpp):
    rename_body(officer, krdpp, "rada-b")
    rename_body(officer, krdpp, "rada-c")
    assert client.get("/ciala-dialogu/krdpp/")["Location"] == "/ciala-dialogu/rada-c/"
    assert client.get("/ciala-dialogu/rada-b/")["Location"] == "/ciala-dialogu/rada-c/"

    rename_body(officer, krdpp, "krdpp")
    assert client.get("/ciala-dialogu/krdpp/").status_code == 200
    assert client.get("/ciala-dialogu/rada-c/")["Location"] == "/ciala-dialogu/krdpp/"
    body_type = ContentType.objects.get_for_model(Body)
    assert not SlugRedirect.objects.filter(content_type=body_type, old_slug="krdpp").exists()


def test_a_new_body_may_take_an_old_slug_and_wins(client, officer, krdpp):
    rename_body(officer, krdpp, "rada-pozytku")
    make_body("Inna rada", "krdpp", kind="council")
    assert client.get("/ciala-dialogu/krdpp/").status_code == 200


def test_a_renamed_election_keeps_its_old_links(client, officer_client, officer, krdpp, make_election):
    election = make_election(phase="nominations", slug="wybory-2027")
    election_save(actor=officer, body=krdpp, election=election, data={"slug": "wybory-krdpp-2027"})

    public = client.get("/wybory/wybory-2027/?a=1")
    assert public.status_code == 301
    assert public["Location"] == "/wybory/wybory-krdpp-2027/?a=1"
    staff = officer_client.get("/panel/wybory/wybory-2027/kandydatury/")
    assert staff.status_code == 301
    assert staff["Location"] == "/panel/wybory/wybory-krdpp-2027/kandydatury/"


def test_a_renamed_call_keeps_its_old_links(client, officer_client, db):
    call = CallFactory(slug="konkurs-seniorzy")
    call.slug = "konkurs-seniorzy-2027"
    call.save()  # however it is saved (the admin, a draft's form): the old slug is remembered

    response = client.get("/konkursy/konkurs-seniorzy/")
    assert response.status_code == 301
    assert response["Location"] == "/konkursy/konkurs-seniorzy-2027/"
    assert client.get(response["Location"]).status_code == 200
    staff = officer_client.get("/panel/konkursy/konkurs-seniorzy/oferty/")
    assert staff.status_code == 301
    assert staff["Location"] == "/panel/konkursy/konkurs-seniorzy-2027/oferty/"


def test_a_renamed_meeting_keeps_its_old_link_by_its_number(client, make_meeting):
    meeting = make_meeting(title="Spotkanie z Pełnomocnikiem")
    old = meeting.get_absolute_url()
    meeting.title = "Dyżur Pełnomocnika"
    meeting.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"/kalendarz/{meeting.pk}-dyzur-pelnomocnika/"


def test_a_renamed_organization_keeps_its_old_link_by_its_number(client, db):
    organization = make_organization("Fundacja Łąka")
    old = organization.get_absolute_url()
    organization.name = "Fundacja Łąka i Pole"
    organization.refresh_derived()
    organization.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == organization.get_absolute_url()
    assert "fundacja-laka-i-pole" in response["Location"]


def test_an_unchanged_slug_records_nothing_and_a_status_save_costs_no_lookup(officer, krdpp, django_assert_num_queries):
    rename_body(officer, krdpp, "krdpp")
    assert not SlugRedirect.objects.exists()
    body = Body.objects.get(pk=krdpp.pk)
    with django_assert_num_queries(1):
        body.save(update_fields=["name"])


# The data migrations --------------------------------------------------------------------------------------------


def migration(app: str, name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"razem.{app}.migrations.{name}")


def test_the_meetings_migration_makes_the_slugs_again(client, make_meeting):
    meeting = make_meeting(title="Spotkanie z Pełnomocnikiem")
    other = make_meeting(title="Forum")
    Meeting.objects.filter(pk=meeting.pk).update(slug="spotkanie-z-penomocnikiem")  # as the old helper made it

    changed = migration("events", "0003_reslug_polish").reslug_meetings(apps, None)

    assert changed == 1
    meeting.refresh_from_db()
    assert meeting.slug == "spotkanie-z-pelnomocnikiem"
    assert Meeting.objects.get(pk=other.pk).slug == "forum"
    response = client.get(f"/kalendarz/{meeting.pk}-spotkanie-z-penomocnikiem/")
    assert response.status_code == 301
    assert response["Location"] == meeting.get_absolute_url()


def test_the_calls_migration_makes_derived_slugs_again_and_remembers_the_old_ones(client, db):
    derived = CallFactory(number="PEŁ/2027/01")
    Call.objects.filter(pk=derived.pk).update(slug="pe-2027-01")  # as the old helper made it
    suffixed = CallFactory(number="PEŁ/2027/02")
    Call.objects.filter(pk=suffixed.pk).update(slug="pe-2027-02-2")
    typed = CallFactory(number="WŁASNY/1", slug="konkurs-wlasny")  # typed by the office: left alone

    changed = migration("grants", "0005_reslug_polish").reslug_calls(apps, None)

    assert changed == 2
    assert Call.objects.get(pk=derived.pk).slug == "pel-2027-01"
    assert Call.objects.get(pk=suffixed.pk).slug == "pel-2027-02-2"
    assert Call.objects.get(pk=typed.pk).slug == "konkurs-wlasny"
    response = client.get("/konkursy/pe-2027-01/wyniki/")
    assert response.status_code == 301
    assert response["Location"] == "/konkursy/pel-2027-01/wyniki/"
    assert migration("grants", "0005_reslug_polish").reslug_calls(apps, None) == 0  # run again: nothing to do


def test_remember_ignores_a_missing_or_unchanged_slug(krdpp):
    remember(krdpp, "")
    remember(krdpp, krdpp.slug)
    assert not SlugRedirect.objects.exists()


def test_reverse_still_names_the_current_slug(krdpp):
    assert reverse("bodies:detail", args=[krdpp.slug]) == "/ciala-dialogu/krdpp/"


def test_an_address_typed_with_polish_letters_is_transliterated_not_refused():
    from razem.core.forms import AddressField

    field = AddressField(max_length=80)
    assert field.clean("Forum Łąkowe 2027") == "forum-lakowe-2027"
    assert field.clean("krdpp") == "krdpp"
    assert AddressField(required=False).clean("") == ""


@pytest.mark.parametrize(
    ("form_path", "kwargs"),
    [
        ("razem.bodies.forms.staff.BodyForm", {}),
        ("razem.elections.forms.staff.ElectionForm", {}),
        ("razem.grants.forms.calls.call.CallForm", {}),
    ],
)
def test_the_office_forms_that_take_an_address_take_polish_letters(form_path, kwargs, db, reference_data):
    from razem.core.forms import AddressField

    module, name = form_path.rsplit(".", 1)
    form = getattr(importlib.import_module(module), name)(**kwargs)
    assert isinstance(form.fields["slug"], AddressField)
