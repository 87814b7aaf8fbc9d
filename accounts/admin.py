from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "rollen", "is_staff", "is_active", "last_login"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "naam"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["naam"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "naam", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups", "user_permissions"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("rollen"))
    def rollen(self, obj):
        return ", ".join(g.name for g in obj.groups.all()) or "–"
