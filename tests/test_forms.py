"""The one form renderer (core.forms): checkbox lists over fixed choices (Keuzevakjes) are
written once per list and give the same HTML as Django's own checkboxes through it."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import Keuzes, Keuzevakjes
from experts.filters import ExpertFilter
from experts.models import Expert

pytestmark = pytest.mark.django_db

KEUZES = Keuzes([("a", _("Advies")), ("b", "Bram & <Co>"), ("", "Leeg"), (3, _("Mentorschap"))])


class Formulier(forms.Form):
    vakjes = forms.MultipleChoiceField(
        label=_("Beschikbaar voor"), choices=KEUZES, widget=Keuzevakjes, required=False
    )


def _zonder_cache(form: forms.Form, naam: str) -> str:
    veld = form.fields[naam]
    veld.widget = forms.CheckboxSelectMultiple(attrs=veld.widget.attrs, choices=list(KEUZES))
    return str(form[naam].as_field_group())


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("gekozen", [[], ["a"], ["b", "3"], [""], ["bestaat-niet"]])
def test_the_same_html_as_djangos_checkboxes(taal, gekozen):
    with translation.override(taal):
        for _keer in range(2):  # written, then taken from what was written
            data = QueryDict(mutable=True)
            data.setlist("p-vakjes", gekozen)
            form = Formulier(data, prefix="p")
            form.is_valid()
            html = str(form["vakjes"].as_field_group())
            assert html == _zonder_cache(form, "vakjes")
        assert html.count(" checked") == len(set(gekozen) & {"a", "b", "", "3"})
        assert "Bram &amp; &lt;Co&gt;" in html


def test_the_options_are_written_once_per_name_attributes_and_language():
    KEUZES.opties.clear()
    for taal in ("nl", "en", "nl"):
        with translation.override(taal):
            str(Formulier()["vakjes"])
            str(Formulier(prefix="p")["vakjes"])
    assert len(KEUZES.opties) == 4  # two ids, two languages


@pytest.mark.parametrize(
    "query", ["", "gemeente=emmen&beroep=dietist&beroep=huisarts", "beschikbaar=advies&domein=x"]
)
def test_the_search_filters_render_as_without_the_cache(referentie, query):
    filterset = ExpertFilter(QueryDict(query), queryset=Expert.objects.all())
    form = filterset.form
    form.is_valid()
    for naam, veld in form.fields.items():
        if naam == "q":
            continue
        assert isinstance(veld.widget, Keuzevakjes) and isinstance(veld.widget.choices, Keuzes)
        html = str(form[naam].as_field_group())
        veld.widget = forms.CheckboxSelectMultiple(attrs=veld.widget.attrs, choices=veld.choices)
        assert html == str(form[naam].as_field_group()), naam
