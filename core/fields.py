"""A PostgreSQL array of values from a fixed list of choices, edited as checkboxes."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """`ArrayField(CharField(choices=…))`, whose form field is a list of checkboxes instead of
    ArrayField's comma-separated text. Every item is validated against the choices."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield, which would make a SimpleArrayField.
        return super(ArrayField, self).formfield(**defaults)
