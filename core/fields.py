"""Model fields of our own: a PostgreSQL array of choices edited as checkboxes, and text whose
limit holds."""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property


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


class LimitedTextField(models.TextField):
    """A TextField whose max_length holds: Django's own TextField passes max_length only to the
    form's widget, so without this a profile note of a megabyte would be stored."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, MaxLengthValidator(self.max_length)]
