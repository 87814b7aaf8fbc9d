"""The language of a page: Dutch, unless the visitor chose another language with the switcher
on every page (Django's set_language view, which stores the choice in a cookie). The browser's
Accept-Language is not followed: the app is Dutch by default, also for an English browser."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if taal not in dict(settings.LANGUAGES):
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        patch_vary_headers(response, ["Cookie"])
        return response
