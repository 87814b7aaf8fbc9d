"""The tests' clock: noon of one day, ticking from there.

A run of the suite takes minutes, and CI may start it just before midnight (Amsterdam). A test
that computes "today" while it is collected and compares it with what the code wrote while it
ran would then fail for a reason that is not in the code. So every test runs on the same day:
`VANDAAG`, at noon, with the clock running on (tests/conftest.py travels there). Set
`GG_TESTDAG=2027-02-28` to run the suite on another day.
"""

import datetime
import os
import zoneinfo

from django.conf import settings
from django.utils import timezone

VANDAAG = (
    datetime.date.fromisoformat(os.environ["GG_TESTDAG"])
    if os.environ.get("GG_TESTDAG")
    else timezone.localdate()
)
MIDDAG = datetime.datetime.combine(
    VANDAAG, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
)
