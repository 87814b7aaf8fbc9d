"""Access helpers shared by every app."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class LoginNodig(Exception):
    """Raised by an access helper when an anonymous visitor asks for something that needs a login."""


class LoginNodigMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LoginNodig):
            return redirect_to_login(request.get_full_path())
        return None


def require_login(request) -> None:
    if not request.user.is_authenticated:
        raise LoginNodig()


def require_coordinator(request) -> None:
    """Only the coordinator: a login first for visitors, 403 for everyone else."""
    require_login(request)
    if not request.user.is_coordinator:
        raise PermissionDenied(_("Alleen de coördinator mag dit doen."))
