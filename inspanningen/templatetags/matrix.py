"""Template filters for the matrix: `{% load matrix %}`."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def niveau(score, compact=False):
    """A score's level: the symbol (hidden from screen readers) and the level in words, which
    `compact` keeps for screen readers only. Colour is never the only carrier."""
    if not score:
        return format_html('<span class="gg-muted">{}</span>', _("niet in deze ronde"))
    return format_html(
        '<span class="gg-niveau gg-niveau--{}"><span class="gg-niveau__symbool" '
        'aria-hidden="true">{}</span> <span class="gg-niveau__tekst{}">{}</span></span>',
        score.niveau,
        score.symbool,
        " gg-visually-hidden" if compact else "",
        score.get_niveau_display(),
    )
