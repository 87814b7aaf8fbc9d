"""Settings for the test suite: the normal settings plus a fast password hasher."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key")
os.environ.pop("DJANGO_DEBUG", None)  # the tests run as production does
os.environ.setdefault("DJANGO_ENV_FILE", os.devnull)  # a developer's .env does not change the tests

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
# On SQLite the test database is a file, so that other processes (the rate-limit test starts two
# app servers) can open it as well.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
