"""Template filters for the matrix: `{% load matrix %}`."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from inspanningen.models import Niveau

register = template.Library()


def _toon(gekozen: Niveau, compact: bool = False):
    return format_html(
        '<span class="gg-niveau gg-niveau--{}"><span class="gg-niveau__symbool" '
        'aria-hidden="true">{}</span> <span class="gg-niveau__tekst{}">{}</span></span>',
        gekozen.value,
        gekozen.symbool,
        " gg-visually-hidden" if compact else "",
        gekozen.label,
    )


@register.filter
def niveau(score, compact=False):
    """A score's level: the symbol (hidden from screen readers) and the level in words, which
    `compact` keeps for screen readers only. Colour is never the only carrier."""
    if not score:
        return format_html('<span class="gg-muted">{}</span>', _("niet in deze ronde"))
    return _toon(Niveau(score.niveau), compact)


@register.filter
def niveau_label(code):
    """A level given as its code (a form's value), shown as `niveau` shows a score's."""
    try:
        return _toon(Niveau(code))
    except ValueError:
        return ""
