"""Access helpers and middleware shared by every app."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class LoginRequired(Exception):
    """Raised by an access helper when an anonymous visitor asks for something that needs a login."""


class LoginRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None


def require_login(request) -> None:
    if not request.user.is_authenticated:
        raise LoginRequired()


def require_coordinator(request) -> None:
    """Only the coordinator: a login first for visitors, 403 for everyone else."""
    require_login(request)
    if not request.user.is_coordinator:
        raise PermissionDenied(_("Alleen de coördinator mag dit doen."))


def edit_page(view):
    """Marks a view that changes data, or exports other people's personal data. Coördinator,
    Stuurgroep and staff need two-factor authentication for it (MfaRequiredMiddleware)."""
    view.gg_edit_page = True
    return view


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


class NeverCacheMiddleware:
    """Our pages carry personal data or depend on who is logged in: nothing stores them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
