from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengteValidator(MinimumLengthValidator):
    """Django's minimum length (12 here), with a message that is translated: Django 5.2's own
    Dutch catalogue lacks its new wording. Length is the only rule; no composition rules."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minimaal %(n)d teken.",
            "Dit wachtwoord is te kort: gebruik minimaal %(n)d tekens.",
            self.min_length,
        ) % {"n": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Gebruik minimaal %(n)d teken; een zin van een paar woorden is prima.",
            "Gebruik minimaal %(n)d tekens; een zin van een paar woorden is prima.",
            self.min_length,
        ) % {"n": self.min_length}
