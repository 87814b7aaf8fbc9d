"""Progressive enhancement with htmx: a page works as plain HTML; with JavaScript, htmx asks for
the same URL when a filter changes and swaps in the part of the page that changes."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template: str, context: dict, *, partial: str, status: int = 200):
    """The whole page, or for an htmx request only the part `partial` (the template it includes
    for that part), with `htmx_partial` set so the part can also update the page's live region
    out of band. Restoring history asks for the whole page again."""
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        template, context = partial, {**context, "htmx_partial": True}
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
