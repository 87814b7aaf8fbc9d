"""The admin base that every audited model uses."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, but restoring an old version needs the right to change the
    object now (simple-history itself only asks for the right to view it). So a finalised
    round cannot be brought back to an earlier state from its history either.

    No select2 autocomplete anywhere: its widget has no accessible name when it is empty
    (axe: aria-input-field-name). Many-to-many fields are lists of checkboxes, a foreign key to
    experts or accounts (thousands) is a raw id with a lookup, and other foreign keys are a
    plain select."""

    formfield_overrides = {
        models.ManyToManyField: {
            "widget": forms.CheckboxSelectMultiple(attrs={"class": "gg-keuzelijst"})
        }
    }

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AlleenLezenAdmin(admin.ModelAdmin):
    """A record the app writes (a member's own score, a sending): shown in the admin, never
    added, changed or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
