"""One form renderer for every form in the app (ours, allauth's and the error summary), and
the forms that several apps share."""

from datetime import datetime
from html import escape

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.text import normalise_email

# Checkbox and radio lists are written out here rather than through a template per option:
# the search filters have some 250 options (150 organisations), and a template per option cost
# 150 ms a page. Same NL Design System markup; every value is escaped with html.escape.
CHOICE_LISTS = {
    "django/forms/widgets/checkbox_select.html": "checkbox",
    "django/forms/widgets/radio.html": "radio",
}


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name in CHOICE_LISTS:
            return choice_list(context["widget"], CHOICE_LISTS[template_name])
        return super().render(template_name, context, request)


def _attributen(attrs: dict) -> str:
    return "".join(
        f" {naam}" if waarde is True else f' {naam}="{escape(str(waarde))}"'
        for naam, waarde in attrs.items()
        if naam != "class" and waarde is not False and waarde is not None
    )


def _optie(o: dict, soort: str) -> str:
    """One option of a checkbox or radio list, from Django's option dict."""
    invoer = "utrecht-radio-button" if soort == "radio" else "utrecht-checkbox"
    klasse = f"{invoer} {invoer}--html-input {o['attrs'].get('class', '')}".rstrip()
    waarde = "" if o["value"] is None else f' value="{escape(str(o["value"]))}"'
    return (
        f'\n  <div class="utrecht-form-field utrecht-form-field--{soort} gg-keuze">\n'
        f'    <div class="utrecht-form-field__input"><input type="{o["type"]}" '
        f'name="{escape(o["name"])}" class="{escape(klasse)}"{waarde}'
        f"{_attributen(o['attrs'])}></div>\n"
        f'    <div class="utrecht-form-field__label"><label class="utrecht-form-label '
        f'utrecht-form-label--{soort}" for="{escape(str(o["attrs"].get("id", "")))}">'
        f"{conditional_escape(o['label'])}</label></div>\n  </div>"
    )


def choice_list(widget: dict, soort: str) -> SafeString:
    if "opties" in widget:  # Keuzevakjes: the options written once, the checked ones chosen
        gekozen = set(widget["value"])
        regels = [aan if waarde in gekozen else uit for waarde, uit, aan in widget["opties"]]
    else:
        regels = [
            _optie(o, soort) for _groep, opties, _index in widget["optgroups"] for o in opties
        ]
    id_ = widget["attrs"].get("id")
    id_attr = f' id="{escape(str(id_))}"' if id_ else ""
    return mark_safe(f'<div class="gg-keuzes"{id_attr}>{"".join(regels)}\n</div>')  # noqa: S308


class Keuzes(BaseChoiceIterator):
    """(value, label) choices that never change once made, shared by every request that shows
    them (the filters' lists of the lookup tables, one per version of those tables, and fixed
    lists such as the professions): a form's copy of its fields keeps them rather than copying
    some 250 choices, twice a request, and Django takes them as they are rather than
    normalising them again. Keuzevakjes keeps the HTML of their options with them (`opties`),
    so it lives exactly as long as the list it was written from."""

    def __init__(self, keuzes):
        self.keuzes = tuple(keuzes)
        self.opties: dict[tuple, list[tuple[str, str, str]]] = {}

    def __iter__(self):
        return iter(self.keuzes)

    def __len__(self):
        return len(self.keuzes)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class Keuzevakjes(forms.CheckboxSelectMultiple):
    """Checkboxes. Over Keuzes, each option is written once, unchecked and checked, per field
    name, attributes and language (the labels may be translated), and a request only picks
    which of the two to show: the search page's filter panel has some 240 options. The HTML is
    what CheckboxSelectMultiple gives through choice_list (tests/test_forms.py)."""

    def get_context(self, name, value, attrs):
        if not isinstance(self.choices, Keuzes):
            return super().get_context(name, value, attrs)
        context = forms.Widget.get_context(self, name, value, attrs)
        context["widget"]["opties"] = self._opties(name, context["widget"]["attrs"])
        return context

    def _opties(self, name: str, attrs: dict) -> list[tuple[str, str, str]]:
        sleutel = (name, tuple(attrs.items()), get_language())
        if (opties := self.choices.opties.get(sleutel)) is None:
            soort = CHOICE_LISTS[self.template_name]
            alle = [str(waarde) for waarde, _label in self.choices]
            uit = [o for _g, groep, _i in self.optgroups(name, [], attrs) for o in groep]
            aan = [o for _g, groep, _i in self.optgroups(name, alle, attrs) for o in groep]
            opties = [
                (str(u["value"]), _optie(u, soort), _optie(a, soort))
                for u, a in zip(uit, aan, strict=True)
            ]
            self.choices.opties[sleutel] = opties
        return opties


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CsvUploadForm(forms.Form):
    """Upload of a CSV file for an all-or-nothing import; the help text names the header and
    the largest size. With `excel`, also a CSV file as Excel writes it or an XLSX file
    (core.csv_import.read_spreadsheet). Its size is checked by the import itself."""

    bestand = forms.FileField(label=_("CSV-bestand"))

    def __init__(self, *args, header: list[str], excel=False, max_bytes=None, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["bestand"]
        if excel:
            veld.label = _("CSV- of Excel-bestand")
            veld.widget.attrs["accept"] = ".csv,.xlsx,text/csv," + XLSX_TYPE
            uitleg = _(
                "Kopregel: %(kop)s. CSV met ; of , als scheidingsteken (UTF-8 of Windows-1252), "
                "of de Excel-export (XLSX)."
            )
        else:
            uitleg = _("Kopregel: %(kop)s (UTF-8).")
        veld.help_text = uitleg % {"kop": ",".join(header)}
        if max_bytes:
            veld.help_text += " " + _("Hoogstens %(mb)s MB.") % {"mb": max_bytes // 2**20}


class NormalisedEmailField(forms.EmailField):
    """An e-mail address in the app's one form (core.text.normalise_email), before it is
    validated: a full-width ｊ is the j of the same address, never an invalid one."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


# A date: typed as the browser's date field sends it (ISO), or as a Dutch user types it where
# the browser has no date picker (31-12-2026, 31/12/2026); always shown back in ISO, so that a
# form that comes back with an error never empties the date field.
DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            for formaat in DATUMFORMATEN:
                try:
                    dag = datetime.strptime(value.strip(), formaat)  # noqa: DTZ007 - a date
                    return dag.date().isoformat()
                except ValueError:
                    continue
            return value
        return super().format_value(value)


class DatumVeld(forms.DateField):
    widget = DatumInvoer
    input_formats = DATUMFORMATEN


class FormSet(forms.BaseFormSet):
    """The app's formsets: a page sent without its form data (a tampered or half-sent POST)
    is told so in words, not with Django's advice to file a bug."""

    default_error_messages = {
        "missing_management_form": _(
            "Het formulier is niet volledig verstuurd. Laad de pagina opnieuw en probeer het "
            "nog eens."
        ),
    }
