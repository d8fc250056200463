"""Row numbers typed into forms and query strings: a number no key column can hold (20 digits) or a non-number is a
form error, never a crash (``OverflowError`` on SQLite); every form of razem picks rows through the core fields."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

import razem
from razem.bodies.models import Body
from razem.core.forms import ID_MAX, IdChoiceField, IdField, IdMultipleChoiceField, parse_id
from razem.core.models import District, PublicBenefitArea
from razem.events.models import Meeting
from razem.organizations.models import Organization
from tests.core.helpers import in_polish, text_of

BIG = "99999999999999999999"
SRC = Path(razem.__file__).parent


def not_valid(value: str) -> str:
    return in_polish("“%(pk)s” is not a valid value.") % {"pk": value}


# The fields


@pytest.mark.django_db
@pytest.mark.parametrize("value", [BIG, str(ID_MAX + 1), "-" + BIG, "abc", "1.5", "1e3"])
def test_a_single_choice_refuses_a_key_no_column_holds(value):
    field = IdChoiceField(queryset=District.objects.all())

    with pytest.raises(forms.ValidationError) as error:
        field.clean(value)

    assert error.value.code == "invalid_choice"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [BIG, str(ID_MAX + 1), "abc"])
def test_a_multiple_choice_refuses_a_key_no_column_holds(value):
    field = IdMultipleChoiceField(queryset=District.objects.all())

    with pytest.raises(forms.ValidationError) as error:
        field.clean(["1", value])

    assert error.value.code == "invalid_pk_value"


def test_the_fields_still_pick_real_rows(reference_data):
    district = District.objects.get(number=1)
    areas = list(PublicBenefitArea.objects.order_by("pk")[:2])

    assert IdChoiceField(queryset=District.objects.all()).clean(f" {district.pk} ") == district
    assert IdChoiceField(queryset=District.objects.all()).clean(district) == district
    picked = IdMultipleChoiceField(queryset=PublicBenefitArea.objects.all()).clean([str(a.pk) for a in areas])
    assert sorted(a.pk for a in picked) == [a.pk for a in areas]


def test_foreign_key_and_many_to_many_form_fields_are_the_core_ones():
    assert isinstance(Meeting._meta.get_field("venue").formfield(), IdChoiceField)
    assert isinstance(Meeting._meta.get_field("areas").formfield(), IdMultipleChoiceField)
    assert isinstance(forms.models.fields_for_model(Organization, fields=["district"])["district"], IdChoiceField)


def test_a_plain_row_number_is_bounded():
    assert parse_id("12") == 12 and parse_id(f" {ID_MAX} ") == ID_MAX
    assert parse_id(BIG) is None and parse_id("0") is None and parse_id("x") is None and parse_id(None) is None
    with pytest.raises(forms.ValidationError):
        IdField().clean(BIG)


# The pages named in the issue: a 200 page with the error, nothing saved.


def _form_data(form: forms.BaseForm) -> dict:
    """What the browser posts for an unchanged form (its initial values), files left out."""
    data: dict = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif value is not None:
            data[name] = str(value)
    return data


@pytest.mark.parametrize("field", ["areas", "target_groups"])
def test_an_organization_edit_refuses_a_huge_area(client, verified_org, org_admin, field):
    client.force_login(org_admin)
    url = reverse("organizations:edit", args=[verified_org.pk])
    data = _form_data(client.get(url).context["form"])
    data["name"] = "Nowa nazwa"
    data[field] = [BIG]

    response = client.post(url, data)

    assert response.status_code == 200
    assert not_valid(BIG) in text_of(response)
    verified_org.refresh_from_db()
    assert verified_org.name == "Stowarzyszenie Przyjaciół Plant"


def test_an_event_submission_refuses_a_huge_area(client, org_representative, verified_org, venue):
    day = timezone.localdate() + timezone.timedelta(days=14)
    client.force_login(org_representative)
    data = {
        "organization": verified_org.pk, "title": "Sprzątanie Plant", "kind": Meeting.Kind.CIVIC,
        "place_kind": Meeting.Place.VENUE, "venue": venue.pk, "starts_at": f"{day:%Y-%m-%d}T10:00",
        "ends_at": f"{day:%Y-%m-%d}T13:00", "summary": "Sprzątamy Planty razem.", "description": "Zbiórka.",
        "contact_email": "kontakt@planty.example.org", "areas": [BIG],
    }  # fmt: skip

    response = client.post("/kalendarz/zglos-wydarzenie/", data)

    assert response.status_code == 200
    assert not_valid(BIG) in text_of(response)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("field", ["venue", "organization"])
def test_an_event_submission_refuses_a_huge_single_choice(client, org_representative, verified_org, venue, field):
    day = timezone.localdate() + timezone.timedelta(days=14)
    client.force_login(org_representative)
    data = {
        "organization": verified_org.pk, "title": "Sprzątanie Plant", "kind": Meeting.Kind.CIVIC,
        "place_kind": Meeting.Place.VENUE, "venue": venue.pk, "starts_at": f"{day:%Y-%m-%d}T10:00",
        "ends_at": f"{day:%Y-%m-%d}T13:00", "summary": "Sprzątamy Planty razem.", "description": "Zbiórka.",
        "contact_email": "kontakt@planty.example.org", field: BIG,
    }  # fmt: skip

    response = client.post("/kalendarz/zglos-wydarzenie/", data)

    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_body_form_refuses_a_huge_area(officer_client, krdpp, reference_data):
    url = f"/panel/ciala-dialogu/{krdpp.slug}/"
    data = _form_data(officer_client.get(url).context["form"])
    data["department"] = "Wydział Inny"
    data["areas"] = [BIG]

    response = officer_client.post(url, data)

    assert response.status_code == 200
    assert not_valid(BIG) in text_of(response)
    assert Body.objects.get(pk=krdpp.pk).department != "Wydział Inny"


def test_a_huge_organization_in_a_query_string_is_ignored(client, org_representative, verified_org, krdpp):
    client.force_login(org_representative)

    assert client.get("/kalendarz/zglos-wydarzenie/", {"organizacja": BIG}).status_code == 200
    assert client.get("/kalendarz/", {"organizacja": BIG}).status_code == 200
    assert client.get(reverse("bodies:apply", args=[krdpp.slug]), {"organizacja": BIG}).status_code in {200, 403}


# The guard: every form of razem picks rows through the core fields.


def _form_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(SRC)], prefix="razem."):
        parts = info.name.split(".")
        if len(parts) > 2 and parts[2] in {"forms", "views"}:
            names.append(info.name)
    return sorted(names)


def _is_id_field(name: str, field: forms.Field, *, declared: bool = False) -> bool:
    """A field that picks rows; among the fields a form declares, any whole number too (a count typed too long must
    be a form error, not a database error: a declared IntegerField needs a max_value a column can hold; the fields
    built from a model field are range-checked by the model's validators in the service's full_clean)."""
    return isinstance(field, forms.ModelChoiceField) or (
        isinstance(field, forms.IntegerField)
        and (declared or name == "id" or name.endswith(("_id", "_partner", "_activity")) or field.widget.is_hidden)
    )


def _problems(where: str, fields: dict[str, forms.Field], *, declared: bool = False) -> list[str]:
    found = []
    for name, field in fields.items():
        if not _is_id_field(name, field, declared=declared):
            continue
        if isinstance(field, forms.ModelMultipleChoiceField):
            ok = isinstance(field, IdMultipleChoiceField)
        elif isinstance(field, forms.ModelChoiceField):
            ok = isinstance(field, IdChoiceField)
        else:
            maximum = getattr(field, "max_value", None)
            ok = maximum is not None and maximum <= ID_MAX
        if not ok:
            found.append(f"{where}.{name}: {type(field).__name__}")
    return found


def test_every_form_picks_rows_through_the_core_fields(db):
    problems: list[str] = []
    checked = 0
    for module_name in _form_modules():
        module = importlib.import_module(module_name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module_name or not issubclass(cls, forms.BaseForm):
                continue
            checked += 1
            problems += _problems(f"{module_name}.{cls.__name__}", dict(cls.base_fields))
            problems += _problems(f"{module_name}.{cls.__name__}", dict(cls.declared_fields), declared=True)
            try:
                form = cls()
            except Exception:  # noqa: BLE001, S112 - forms that need arguments: the source check below covers them
                continue
            problems += _problems(f"{module_name}.{cls.__name__}()", form.fields)

    assert checked > 50
    assert not problems, "use razem.core.forms.IdChoiceField / IdMultipleChoiceField / IdField:\n" + "\n".join(problems)


DJANGO_CHOICE_FIELDS = {"ModelChoiceField", "ModelMultipleChoiceField"}


def test_no_source_builds_a_django_choice_field_of_its_own():
    """Fields built in ``__init__`` are not in ``base_fields``: the source must not construct or subclass Django's
    model choice fields, nor pass them as ``form_class``, outside ``core/forms.py``."""
    problems = []
    for path in SRC.rglob("*.py"):
        if path == SRC / "core" / "forms.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Call):
                names = [node.func, *[k.value for k in node.keywords if k.arg == "form_class"]]
            elif isinstance(node, ast.ClassDef):
                names = list(node.bases)
            for target in names:
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in DJANGO_CHOICE_FIELDS:
                    problems.append(f"{path.relative_to(SRC)}:{node.lineno} {name}")
    assert not problems, "use razem.core.forms.IdChoiceField / IdMultipleChoiceField:\n" + "\n".join(problems)
