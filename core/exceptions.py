from django.core.exceptions import PermissionDenied


class ActionRefused(Exception):
    """A business rule refused the action; the message is shown to the user as it is."""


class GeenToegang(PermissionDenied):
    """A refusal (403) whose reason is written for the user: the 403 page shows it. Any other
    PermissionDenied gets the page without its message, which may say more than it should."""
