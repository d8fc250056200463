from django import forms
from django.template import Context, Template

from razem.core.models import District
from razem.core.reference import load_districts


def render(form: forms.Form, name: str) -> str:
    return Template("{% load razem %}{% widget f." + name + " %}").render(Context({"f": form}))


class Filters(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "Wszystkie"), ("a", "Fundacja <i>"), ("b", "Stowarzyszenie")], required=False
    )
    district = forms.ModelChoiceField(queryset=District.objects.all(), empty_label="Dowolna")


def test_a_select_keeps_the_chosen_option_and_escapes_labels(db):
    html = render(Filters({"kind": "a"}), "kind")

    assert '<option value="a" selected>Fundacja &lt;i&gt;</option>' in html
    assert '<option value="b">Stowarzyszenie</option>' in html
    assert 'class="form-select"' in html and 'name="kind"' in html and 'id="id_kind"' in html


def test_a_model_select_offers_every_row_and_marks_an_error_for_assistive_technology(db):
    load_districts()
    podgorze = District.objects.get(number=13)
    form = Filters({"kind": "zzz", "district": str(podgorze.pk)})
    form.is_valid()

    district = render(form, "district")
    kind = render(form, "kind")

    assert district.count("<option") == 19
    assert f'<option value="{podgorze.pk}" selected>XIII Podgórze</option>' in district
    assert "required" in district
    assert 'aria-invalid="true"' in kind and "is-invalid" in kind


def test_the_empty_choice_of_a_model_select_speaks_polish(db):
    from django.utils import translation

    from razem.organizations.forms import OrganizationForm

    with translation.override("pl"):
        html = render(OrganizationForm(), "legal_form")

    assert "– wybierz –</option>" in html and "Select an option" not in html
