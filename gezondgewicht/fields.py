"""A list of values from a fixed set of choices, stored as JSON so it works on every database."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.item_choices}
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(_("Kies alleen waarden uit de lijst."), code="invalid_choice")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # Skip JSONField.formfield: this field edits as checkboxes, not as JSON text.
        return models.Field.formfield(self, **defaults)

    def labels(self, value) -> list[str]:
        names = dict(self.item_choices)
        return [str(names.get(item, item)) for item in value or []]
