"""One form renderer for every form in the app (ours, allauth's and the error summary), and
the forms that several apps share."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class CsvUploadForm(forms.Form):
    """Upload of a CSV file for an all-or-nothing import; the help text names the header."""

    bestand = forms.FileField(label=_("CSV-bestand"))

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _("Kopregel: %(kop)s (UTF-8).") % {
            "kop": ",".join(header)
        }


MAX_ID = 2**63 - 1


def _controleer_id(field, value) -> None:
    """An id outside the database's integer range is simply not one of the choices. (Django's
    model choice fields would query with it, and SQLite raises OverflowError on it.)"""
    try:
        getal = int(str(value))
    except (TypeError, ValueError):
        return  # not a number: Django's own validation says so
    if not -MAX_ID <= getal <= MAX_ID:
        raise forms.ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ModelKeuzeVeld(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            _controleer_id(self, value)
        return super().to_python(value)


class ModelKeuzesVeld(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            _controleer_id(self, item)
        return super()._check_values(value)
