"""Template tags for every page: `{% load core %}`."""

import re

from django import forms, template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def page_errors(context) -> list[tuple[str, str]]:
    """(anchor, message) for every error of the page's `form` and, where there is one, its
    `formset`: the items of the error summary."""
    return error_items(context.get("form")) + error_items(context.get("formset"))


@register.filter
def zichtbaar_voor(persoon, user) -> bool:
    """`{% if ronde.vastgesteld_door|zichtbaar_voor:user %}`: whether this person's name may
    show to this visitor, by the person's own rule (Expert and User.zichtbaar_voor)."""
    return persoon is not None and persoon.zichtbaar_voor(user)


@register.filter
def email(adres) -> str:
    """An e-mail address that may wrap after its @ and its dots, and nowhere else."""
    delen = re.split(r"(?<=[@.])", str(adres))
    return format_html(
        '<span class="gg-email">{}</span>',
        mark_safe("<wbr>".join(escape(d) for d in delen)),  # noqa: S308
    )


TER_PLAATSE = "gg-ter-plaatse"  # a message's tag: show it at its anchor, not at the top


def ter_plaatse(anker) -> str:
    """The extra_tags of a message to show where `anker` is on the next page (messages.success
    (…, extra_tags=ter_plaatse(5)) and `{% include "includes/_messages.html" with anker=5 %}`)."""
    return f"{TER_PLAATSE} {anker}"


@register.filter
def berichten(messages, anker="") -> list:
    """The messages to show here: with an `anker`, those tagged for it; without, the rest."""
    if anker in ("", None):
        return [m for m in messages if TER_PLAATSE not in (m.extra_tags or "").split()]
    return [m for m in messages if (m.extra_tags or "").split() == [TER_PLAATSE, str(anker)]]


@register.filter
def tel(nummer) -> str:
    """A phone number for a tel: link: digits and a leading + only ('0592 123 456' →
    '0592123456')."""
    tekst = str(nummer).strip()
    return ("+" if tekst.startswith("+") else "") + re.sub(r"\D", "", tekst)


@register.filter
def breekbaar(tekst) -> str:
    """Text for a narrow column: a line may also break after a slash ('opleidingsdagen/
    doorontwikkeling'), so a long pair is not broken inside a word; new lines are kept."""
    regels = ("/<wbr>".join(escape(d) for d in r.split("/")) for r in str(tekst).split("\n"))
    return mark_safe("<br>".join(regels))  # noqa: S308 - every part is escaped


def error_items(form) -> list[tuple[str, str]]:
    """(anchor, message) for every error of a form or formset."""
    if form is None or not hasattr(form, "is_bound") or not form.is_bound:
        return []
    items = []
    if isinstance(form, forms.BaseFormSet):
        items.extend(("", str(e)) for e in form.non_form_errors())
        for sub in form.forms:
            items.extend(_form_items(sub, getattr(sub, "context_label", "")))
    else:
        items.extend(_form_items(form, ""))
    return items


def _form_items(form, context: str) -> list[tuple[str, str]]:
    items = [("", f"{context}: {e}" if context else str(e)) for e in form.non_field_errors()]
    for field in form:
        label = str(field.label).rstrip("?:")  # 'Welke versie bewaart u?: …' reads badly
        label = f"{context}, {label}" if context else label
        items.extend((f"#{field.auto_id}", f"{label}: {e}") for e in field.errors)
    return items
