"""E-mail from the app: one message per recipient, in the recipient's language, in plain text
(with an HTML alternative where the template has one), with links on the site's absolute address (settings.SITE_URL).

Sending never breaks a page: the SMTP connection has a short timeout (EMAIL_TIMEOUT), and a
failure is logged on `gezondgewicht.mail` (beside the security log) and otherwise ignored."""

import contextlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

logger = logging.getLogger("gezondgewicht.mail")


@dataclass(frozen=True)
class Ontvanger:
    """Who gets a message, in which language, and what the message says to them alone."""

    email: str
    taal: str = ""
    context: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def van(cls, user) -> "Ontvanger":
        return cls(user.email, getattr(user, "taal", ""))


def absolute_url(pad: str) -> str:
    return settings.SITE_URL + pad


def _bericht(ontvanger: Ontvanger, onderwerp, template: str, context: dict):
    taal = ontvanger.taal if ontvanger.taal in dict(settings.LANGUAGES) else None
    with translation.override(taal or settings.LANGUAGE_CODE):
        inhoud = {**context, **ontvanger.context}
        bericht = EmailMultiAlternatives(
            subject=str(onderwerp(inhoud) if callable(onderwerp) else onderwerp),
            body=render_to_string(f"{template}.txt", inhoud),
            to=[ontvanger.email],
        )
        try:
            html = get_template(f"{template}.html")
        except TemplateDoesNotExist:
            pass  # plain text only
        else:
            bericht.attach_alternative(html.render(inhoud), "text/html")
    return bericht


def stuur(ontvangers, *, onderwerp, template: str, context: dict) -> list[Ontvanger]:
    """Send `template` (.txt, and .html if there is one) to each recipient, with `context` and
    the recipient's own; returns the recipients it was sent to. `onderwerp` is a lazy string or
    a function of the context returning the subject: either is translated per recipient, like
    the body.

    One connection serves every message, opened once: a server that cannot be reached costs
    one timeout, not one per recipient."""
    ontvangers = [o for o in ontvangers if o.email]
    if not ontvangers:
        return []
    verbinding = get_connection()
    try:
        verbinding.open()
    except Exception as exc:  # noqa: BLE001 - a mail server's failure must never reach the page
        for ontvanger in ontvangers:
            _log_mislukt(template, ontvanger, exc)
        return []
    verzonden = []
    try:
        for ontvanger in ontvangers:
            try:
                if verbinding.send_messages([_bericht(ontvanger, onderwerp, template, context)]):
                    verzonden.append(ontvanger)
            except Exception as exc:  # noqa: BLE001 - as above
                _log_mislukt(template, ontvanger, exc)
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            verbinding.close()
    return verzonden


def _log_mislukt(template: str, ontvanger: Ontvanger, exc: Exception) -> None:
    logger.warning(
        "mail_mislukt template=%s domein=%s fout=%s",
        template,
        ontvanger.email.rpartition("@")[2],
        type(exc).__name__,
    )
