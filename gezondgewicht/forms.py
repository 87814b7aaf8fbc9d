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
