from allauth.account.decorators import reauthentication_required
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.forms import AccountForm
from accounts.models import Uitnodiging, User
from core.admin import HistoryAdmin
from core.exceptions import GeenToegang


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Changing an account or setting its password needs a recent password. The rights that
    open the admin (staff, superuser, permissions, groups) only a superuser changes; the
    Coördinator gives the app's roles on the page Rollen (accounts:rollen), and an address
    changes only through its owner's own confirmed e-mail settings. Nobody but a
    superuser changes a superuser. Deleting an account that is named in the audit trail
    anonymises it instead (accounts.services.verwijder_account)."""

    # The address too: changing it, then asking a password reset for it, would take the account.
    ALLEEN_SUPERUSER = ["email", "is_staff", "is_superuser", "groups", "user_permissions"]

    ordering = ["email"]
    list_display = ["email", "naam", "rollen", "is_staff", "is_active", "last_login"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "naam"]
    readonly_fields = ["last_login", "date_joined"]
    form = AccountForm
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

    @method_decorator(reauthentication_required)
    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise GeenToegang(_("Alleen een beheerder (superuser) zet een wachtwoord."))
        return super().user_change_password(request, id, form_url)

    def get_readonly_fields(self, request, obj=None):
        vast = list(super().get_readonly_fields(request, obj))
        return vast if request.user.is_superuser else [*vast, *self.ALLEEN_SUPERUSER]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _mag_aan(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _mag_aan(request, obj)

    def get_deleted_objects(self, objs, request):
        """An account is deleted alone, or anonymised where the audit trail names it: nothing
        else goes with it, and the rounds and scores that name it stay as they are."""
        return [str(o) for o in objs], {User._meta.verbose_name_plural: len(objs)}, set(), []

    def delete_model(self, request, obj):
        services.verwijder_account(obj, door=request.user)

    def response_delete(self, request, obj_display, obj_id):
        if not User.objects.filter(pk=obj_id).exists():
            return super().response_delete(request, obj_display, obj_id)
        messages.info(  # anonymised rather than deleted: say so, not Django's "deleted"
            request,
            _("Het account wordt in de geschiedenis genoemd en is daarom anoniem gemaakt."),
        )
        return redirect("admin:accounts_user_changelist")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        # Only a superuser sets passwords: the others see no link to a page that refuses them.
        return [
            (n, {**o, "fields": [f for f in o["fields"] if f != "password"]}) for n, o in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.door = request.user
        return form

    def delete_queryset(self, request, queryset):
        for user in queryset:
            services.verwijder_account(user, door=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("rollen"))
    def rollen(self, obj):
        return ", ".join(g.name for g in obj.groups.all()) or "–"


def _mag_aan(request, obj) -> bool:
    """Only a superuser changes or deletes a superuser's account."""
    return obj is None or not obj.is_superuser or request.user.is_superuser


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
