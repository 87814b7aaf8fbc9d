"""Access helpers and middleware shared by every app; those that know the roles are in
accounts.access."""

from django.contrib.auth.views import redirect_to_login
from django.utils.cache import add_never_cache_headers


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


def edit_page(view):
    """Marks a view that changes data, or exports other people's personal data. Coördinator,
    Stuurgroep and staff need two-factor authentication for it (MfaRequiredMiddleware)."""
    view.gg_edit_page = True
    return view


class NeverCacheMiddleware:
    """Our pages carry personal data or depend on who is logged in: nothing stores them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
