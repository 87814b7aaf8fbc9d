"""Requests the app can never handle are refused before anything reads them, with a clear page
instead of a 500: a body larger than settings.GG_MAX_REQUEST_BYTES (413), a form body declared in
another character set than UTF-8 (400), and a NUL character in the path or the query (400:
PostgreSQL cannot store one, and no address or filter of the app has one). A view that takes
large files says so with @grote_upload."""

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve

UPLOAD_MAX_BYTES = 25 * 1024 * 1024  # a file of 20 MB and the form around it


def grote_upload(view):
    """This view's request may be up to UPLOAD_MAX_BYTES (a file for the kennisbank)."""
    view.gg_max_request_bytes = UPLOAD_MAX_BYTES
    return view


def _max_bytes(request) -> int:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return settings.GG_MAX_REQUEST_BYTES
    return getattr(view, "gg_max_request_bytes", settings.GG_MAX_REQUEST_BYTES)


UTF8 = {"utf-8", "utf8"}


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _weiger(request, 400)
        if lengte > settings.GG_MAX_REQUEST_BYTES and lengte > _max_bytes(request):
            return _weiger(request, 413)
        tekenset = request.content_params.get("charset", "utf-8").strip().lower()
        if tekenset not in UTF8:
            return _weiger(request, 400)
        if "\x00" in request.path or any(
            "\x00" in sleutel or any("\x00" in w for w in waarden)
            for sleutel, waarden in request.GET.lists()
        ):
            return _weiger(request, 400)
        return self.get_response(request)


def _weiger(request, status: int):
    return render(
        request,
        f"{status}.html",
        {"max_mb": settings.GG_MAX_REQUEST_BYTES // (1024 * 1024)},
        status=status,
    )
