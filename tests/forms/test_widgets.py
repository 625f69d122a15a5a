"""forms/widgets.py writes the markup of Django's widget templates in Python. What a user of a
screen reader or a keyboard gets (labels with ``for``, ids per option, ``checked``,
``selected``, ``required``, ``aria-invalid``, escaped labels) must be exactly what Django's
templates write: each case is rendered both ways and compared character by character."""

import pytest
from django import forms

from forms import widgets
from knowledge.models import Kommune

CHOICES = [("x", "Erste <Wahl>"), ("y", "Zweite & letzte"), ("z&q", "Dritte „Wahl“")]
GROUPED = [("", "alle"), ("Gruppe A", [("a1", "A eins"), ("a2", "A zwei")]), ("b", "B")]


def pair(field_factory, django_widget, fast_widget):
    """The same form twice: once with Django's widget, once with ours."""

    class DjangoForm(forms.Form):
        feld = field_factory(widget=django_widget)

    class FastForm(forms.Form):
        feld = field_factory(widget=fast_widget)

    return DjangoForm, FastForm


CASES = {
    "checkbox group": (
        lambda **kw: forms.MultipleChoiceField(choices=CHOICES, help_text="Hilfe", **kw),
        forms.CheckboxSelectMultiple(attrs={"class": "gruppe"}),
        widgets.CheckboxSelectMultiple(attrs={"class": "gruppe"}),
        [None, {"feld": ["x", "z&q"]}, {"feld": ["unbekannt"]}, {}],
    ),
    "checkbox group with optgroups": (
        lambda **kw: forms.MultipleChoiceField(choices=GROUPED, required=False, **kw),
        forms.CheckboxSelectMultiple,
        widgets.CheckboxSelectMultiple,
        [None, {"feld": ["a2", "b"]}],
    ),
    "radio group, required": (
        lambda **kw: forms.ChoiceField(choices=CHOICES, **kw),
        forms.RadioSelect,
        widgets.RadioSelect,
        [None, {"feld": "y"}, {"feld": "falsch"}, {}],
    ),
    "select with groups and empty choice": (
        lambda **kw: forms.ChoiceField(choices=GROUPED, **kw),
        forms.Select(attrs={"data-x": True, "data-aus": False}),
        widgets.Select(attrs={"data-x": True, "data-aus": False}),
        [None, {"feld": "a2"}, {"feld": ""}],
    ),
    "text input": (
        lambda **kw: forms.CharField(max_length=20, help_text="Hilfe", **kw),
        forms.TextInput(attrs={"autocomplete": "organization"}),
        widgets.TextInput(attrs={"autocomplete": "organization"}),
        [None, {"feld": 'Träger "<Süd>" & Co'}, {"feld": ""}, {"feld": "x" * 30}],
    ),
    "hidden input": (
        lambda **kw: forms.IntegerField(required=False, **kw),
        forms.HiddenInput,
        widgets.HiddenInput,
        [None, {"feld": "7"}],
    ),
    "text area": (
        lambda **kw: forms.CharField(**kw),
        forms.Textarea(attrs={"rows": 3, "cols": 60}),
        widgets.Textarea(attrs={"rows": 3, "cols": 60}),
        [None, {"feld": "Zeile 1\n<script>alert(1)</script> & „Zitat“"}, {"feld": ""}],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_fast_widgets_write_djangos_markup(case):
    field_factory, django_widget, fast_widget, datas = CASES[case]
    django_form, fast_form = pair(field_factory, django_widget, fast_widget)
    for data in datas:
        expected = str(django_form(data, prefix="wer")["feld"])
        written = str(fast_form(data, prefix="wer")["feld"])
        assert written == expected, (case, data)
    # The initial value of an unbound form counts too.
    initial = {"feld": datas[1]["feld"]} if len(datas) > 1 and datas[1] else {}
    assert str(fast_form(initial=initial)["feld"]) == str(django_form(initial=initial)["feld"])


def test_model_choices_and_escaping_in_a_checkbox_group(db):
    """The wizard's Kommunen: values are primary keys, the labels are escaped, the chosen ones
    are checked, the field's errors set aria-invalid on every option."""
    Kommune.objects.create(name="Altena", slug="altena", ags="05962004")
    chosen = Kommune.objects.create(name="Menden <Sauerland>", slug="menden", ags="05962036")

    def field(**kw):
        return forms.ModelMultipleChoiceField(queryset=Kommune.objects.order_by("name"), **kw)

    django_form, fast_form = pair(
        field, forms.CheckboxSelectMultiple, widgets.CheckboxSelectMultiple
    )
    for data in (None, {"feld": [str(chosen.pk)]}, {"feld": ["999999"]}):
        assert str(fast_form(data)["feld"]) == str(django_form(data)["feld"])
    html = str(fast_form({"feld": [str(chosen.pk)]})["feld"])
    assert "Menden &lt;Sauerland&gt;</label>" in html
    assert f'value="{chosen.pk}" id="id_feld_1" checked>' in html


def test_a_widget_with_its_own_template_is_rendered_by_django():
    class OwnTemplate(widgets.CheckboxSelectMultiple):
        template_name = "django/forms/widgets/select.html"

    class F(forms.Form):
        feld = forms.MultipleChoiceField(choices=CHOICES, widget=OwnTemplate)

    assert str(F()["feld"]).startswith('<select name="feld"')
