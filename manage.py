#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondgewicht.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError, connection

    from core.database import EmbeddedDatabaseError, unreachable

    try:
        execute_from_command_line(sys.argv)
    except EmbeddedDatabaseError as exc:
        sys.exit(str(exc))
    except OperationalError as exc:
        if connection.connection is not None:
            raise  # connected, so something else went wrong: keep the traceback
        sys.exit(unreachable(exc, connection.settings_dict))


if __name__ == "__main__":
    main()
