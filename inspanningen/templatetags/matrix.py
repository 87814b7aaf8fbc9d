"""Template filters for the matrix: `{% load matrix %}`."""

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspanningen.models import Niveau
from inspanningen.samen import woorden

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


# Samen beoordelen. A meeting of 15 members shows 55 spreads of 15 scores each; written out
# here rather than through template includes, every value escaped.
SYMBOOL = {n.value: n.symbool for n in Niveau} | {Niveau.ONBEKEND.value: "?"}


@register.filter
def spreiding(sp):
    """A cell's spread (inspanningen.samen.Spreiding): the count, median and range, then a dot
    strip per perspective (shapes, not colours; a screen reader hears the levels in words)."""
    if not (sp.aantal or sp.weet_niet):
        return format_html(
            '<div class="gg-spreiding"><p class="gg-muted">{}</p></div>',
            _("Nog geen scores voor deze cel."),
        )
    kern = ngettext("%(n)s score", "%(n)s scores", sp.aantal) % {"n": sp.aantal}
    if sp.weet_niet:
        kern += ", " + ngettext(
            "%(n)s keer ‘weet ik niet’", "%(n)s keer ‘weet ik niet’", sp.weet_niet
        ) % {"n": sp.weet_niet}
    kern += "."
    if sp.aantal:
        kern += " " + _("Mediaan: %(m)s. Bereik: %(b)s.") % {
            "m": sp.mediaan_label,
            "b": sp.bereik_label,
        }
    woord, uw = woorden(), _("uw score")
    meer = len(sp.groepen) > 1
    rijen = []
    for groep in sp.groepen:
        stippen, gezegd = [], []
        for s in groep.stemmen:
            titel = f"{woord[s.niveau]}: {s.naam}" if s.naam else woord[s.niveau]
            stippen.append(
                f'<span class="gg-stip gg-stip--{s.niveau}{" gg-stip--eigen" if s.eigen else ""}"'
                f' title="{escape(titel)}">{SYMBOOL[s.niveau]}</span>'
            )
            gezegd.append(
                woord[s.niveau]
                + (f" ({s.naam})" if s.naam else "")
                + (f" ({uw})" if s.eigen else "")
            )
        mediaan = ""
        if meer and groep.mediaan is not None:
            mediaan = ' <span class="gg-muted">{}</span>'.format(
                escape(_("mediaan %(m)s") % {"m": groep.mediaan_label})
            )
        rijen.append(
            f'<li><span class="gg-stippen__wie">{escape(groep.label)}</span> '
            f'<span class="gg-stippen__rij" aria-hidden="true">{"".join(stippen)}</span>'
            f'<span class="gg-visually-hidden">: {escape(", ".join(gezegd))}</span>{mediaan}</li>'
        )
    # Safe: every value above went through escape(); the rest is this function's own markup.
    return mark_safe(  # noqa: S308
        f'<div class="gg-spreiding"><p class="gg-spreiding__kern">{escape(kern)}</p>'
        f'<ul class="gg-stippen">{"".join(rijen)}</ul></div>'
    )


@register.filter
def redenen(sp):
    """The reasons given for a cell, each with who gave it (a name only in an open round)."""
    if not sp.met_reden:
        return ""
    woord = woorden()
    return format_html(
        '<ul class="gg-redenen">{}</ul>',
        format_html_join(
            "",
            '<li><span aria-hidden="true">{}</span> <strong>{}</strong>, {}: <q>{}</q></li>',
            (
                (
                    SYMBOOL[s.niveau],
                    f"{s.naam}, {s.perspectief_label}" if s.naam else s.perspectief_label,
                    woord[s.niveau],
                    s.reden,
                )
                for s in sp.met_reden
            ),
        ),
    )
