"""Access helpers shared by every app."""

from django.contrib.auth.views import redirect_to_login


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
