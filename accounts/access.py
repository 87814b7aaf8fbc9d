"""Access by role: the coördinator's pages, and the second factor that editors need."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.access import require_login
from core.exceptions import GeenToegang


def require_coordinator(request) -> None:
    """Only the coordinator: a login first for visitors, 403 for everyone else."""
    require_login(request)
    if not request.user.is_coordinator:
        raise GeenToegang(_("Alleen de coördinator mag dit doen."))


def needs_mfa(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_coordinator or user.is_stuurgroep)


class MfaRequiredMiddleware:
    """Until Coördinator, Stuurgroep and staff have set up two-factor authentication, every
    edit page, and the admin, sends them to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        is_bewerken = getattr(view_func, "gg_edit_page", False) or (
            request.resolver_match is not None and request.resolver_match.app_name == "admin"
        )
        if not is_bewerken or not needs_mfa(request.user):
            return None
        from allauth.mfa.utils import is_mfa_enabled

        if is_mfa_enabled(request.user):
            return None
        messages.warning(
            request,
            _(
                "Stel eerst tweestapsverificatie in. Voor wie gegevens wijzigt, is dat verplicht: "
                "daarna kunt u verder."
            ),
        )
        return redirect("mfa_activate_totp")
