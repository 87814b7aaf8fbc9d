"""Template filters available in every template (registered as a builtin in settings)."""

from django import forms, template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def page_errors(context) -> list[tuple[str, str]]:
    """The errors of the page's `form` and, where there is one, its `formset`."""
    return error_items(context.get("form")) + error_items(context.get("formset"))


@register.filter
def error_items(form) -> list[tuple[str, str]]:
    """(anchor, message) for every error of a form or formset, for the error summary."""
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
        label = f"{context}, {field.label}" if context else str(field.label)
        items.extend((f"#{field.auto_id}", f"{label}: {e}") for e in field.errors)
    return items


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def niveau(score, compact=False):
    """A matrix cell's level: the symbol (hidden from screen readers) and the level in words,
    which `compact` keeps for screen readers only. Colour is never the only carrier."""
    if not score:
        return format_html('<span class="gg-muted">{}</span>', _("niet in deze ronde"))
    return format_html(
        '<span class="gg-niveau gg-niveau--{}"><span class="gg-niveau__symbool" '
        'aria-hidden="true">{}</span> <span class="gg-niveau__tekst{}">{}</span></span>',
        score.niveau,
        score.symbool,
        " gg-visually-hidden" if compact else "",
        score.Niveau(score.niveau).label,
    )
