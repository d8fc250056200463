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


def _select_as_before(field: forms.BoundField, attrs: dict) -> str:
    """``_select`` as it was written first, one ``format_html`` per option: the reference of the faster one."""
    from django.forms.utils import flatatt
    from django.utils.html import format_html, format_html_join

    w = field.field.widget
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    all_attrs = {**w.attrs, **attrs, "name": field.html_name}
    if field.auto_id:
        all_attrs["id"] = field.auto_id
    if field.field.required and field.form.use_required_attribute:
        all_attrs["required"] = True
    if field.field.disabled:
        all_attrs["disabled"] = True
    options = []
    for choice_value, label in getattr(field.field, "choices", ()):
        key = "" if choice_value is None else str(getattr(choice_value, "value", choice_value))
        options.append((key, " selected" if key in chosen else "", label))
    rendered = format_html_join("", '<option value="{}"{}>{}</option>', options)
    return format_html("<select{}>{}</select>", flatatt(all_attrs), rendered)


def test_the_select_renders_byte_for_byte_as_the_per_option_version(db):
    from django.db import models
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from razem.core.templatetags.razem import _select

    class Colour(models.TextChoices):
        RED = "red", gettext_lazy("Red")
        AMP = "a&b", "A & B \"quoted\" 'single'"

    class Mixed(forms.Form):
        kind = Filters.base_fields["kind"]
        district = forms.ModelChoiceField(queryset=District.objects.all(), empty_label="Dowolna <brak>")
        colour = forms.ChoiceField(choices=[("", "—"), *Colour.choices], required=False, disabled=True)
        many = forms.MultipleChoiceField(
            choices=[("1", mark_safe("<b>Safe</b>")), ("2", "Two < three"), ("<3", "Heart")],
            required=False,
            widget=forms.Select,
        )
        number = forms.TypedChoiceField(choices=[(1, "One"), (2, 2), (None, "None")], coerce=int, required=False)

    load_districts()
    district = District.objects.get(number=13)
    for data in ({}, {"kind": "a", "district": str(district.pk), "colour": "a&b", "many": ["2", "<3"], "number": "2"}):
        form = Mixed(data or None)
        for name in form.fields:
            for attrs in ({"class": "form-select"}, {"class": "form-select is-invalid", "aria-invalid": "true"}):
                assert str(_select(form[name], attrs)) == str(_select_as_before(form[name], attrs)), (name, data)
