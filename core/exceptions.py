class ActionRefused(Exception):
    """A business rule refused the action; the message is shown to the user as it is."""
