"""Small text helpers shared by the apps."""

import unicodedata

from django.utils.text import slugify


def normalise(text: str) -> str:
    """Lower case without accents: 'Diëtist' -> 'dietist'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def normalise_email(email: str) -> str:
    """The one form in which the app keeps and compares an e-mail address: Unicode NFKC, then
    lower case (as allauth compares). A full-width ｊ or the Kelvin sign K become j and k, so a
    look-alike of an address is that address; a dotless ı stays itself, a different address.
    Accounts, profiles, invitations and the link between account and profile all use it."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def unique_slug(
    instance, value: str, *, field: str = "slug", max_length: int = 80, reserved=frozenset()
) -> str:
    """A slug for `value` that no other row of the instance's model uses yet, and that is not
    one of the `reserved` words (paths such as /experts/actualiteit/ that sit beside the slugs)."""
    base = slugify(normalise(value))[:max_length].strip("-") or "item"
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    taken |= set(reserved)
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


class SlugOnSaveMixin:
    """A model mixin that fills `slug` from `naam` on the first save, unique within the model."""

    RESERVED_SLUGS: frozenset[str] = frozenset()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.naam, reserved=self.RESERVED_SLUGS)
        super().save(*args, **kwargs)


def geheel_getal(waarde) -> int | None:
    """A whole number as a page or a link sends it, or None: ASCII digits only (Python counts
    '²' as a digit, and int() refuses it), and short enough for any id in the database."""
    tekst = str(waarde if waarde is not None else "")
    return int(tekst) if tekst.isascii() and tekst.isdigit() and len(tekst) < 10 else None
