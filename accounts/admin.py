from allauth.account.decorators import reauthentication_required
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from accounts.models import Uitnodiging, User
from core.admin import HistoryAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Changing an account (its roles and rights above all) needs a recent password."""

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
    filter_horizontal = []  # checkboxes instead of Django's JavaScript filter (axe fails it)
    formfield_overrides = HistoryAdmin.formfield_overrides

    @method_decorator(reauthentication_required(allow_get=True))
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("rollen"))
    def rollen(self, obj):
        return ", ".join(g.name for g in obj.groups.all()) or "–"


@admin.register(Uitnodiging)
class UitnodigingAdmin(HistoryAdmin):
    """Invitations are made on the page Uitnodigen (which sends the e-mail); here they can be
    looked up and withdrawn."""

    list_display = ["email", "aangemaakt_op", "aangemaakt_door", "verloopt_op", "gebruikt_op"]
    list_select_related = ["aangemaakt_door"]
    search_fields = ["email"]
    readonly_fields = ["email", "aangemaakt_door", "aangemaakt_op", "verloopt_op", "gebruikt_op"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
