"""Settings for the test suite: the normal settings, as in production, plus a fast password
hasher. Without DATABASE_URL the tests use the embedded PostgreSQL server, like `make run`."""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key")
os.environ.pop("DJANGO_DEBUG", None)  # the tests run as production does
os.environ.setdefault("DJANGO_ENV_FILE", os.devnull)  # a developer's .env does not change the tests
if not os.environ.get("DATABASE_URL"):
    from core.database import embedded_database_url

    # Set in the environment, so that the app servers some tests start use it too.
    os.environ["DATABASE_URL"] = embedded_database_url(
        Path(__file__).resolve().parent.parent / "var" / "postgres"
    )

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
SITE_URL = "http://testserver"
# The test client speaks plain http; everything else stays as in production (secure cookies
# with the __Host- prefix, HSTS, CSP), so the tests see the real headers.
SECURE_SSL_REDIRECT = False
