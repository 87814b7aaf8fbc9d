import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import User


class AccountFilter(django_filters.FilterSet):
    """The accounts on the page Rollen: search by name or address, narrow by role."""

    q = django_filters.CharFilter(
        label=_("Zoek op naam of e-mailadres"),
        method="zoek",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    rol = django_filters.ChoiceFilter(
        label=_("Rol"),
        choices=[(rol, rol) for rol in roles.ROLES],
        field_name="groups__name",
        empty_label=_("Alle rollen"),
    )

    class Meta:
        model = User
        fields = []

    def zoek(self, qs, name, value):
        return qs.filter(Q(email__icontains=value) | Q(naam__icontains=value)) if value else qs
