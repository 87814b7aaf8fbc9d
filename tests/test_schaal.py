"""Several app processes on several machines share one database: nothing that must be the same
for every request lives in one process (docs/schaal.md). `make loadtest` runs two instances."""

from django.apps import apps
from django.conf import settings
from django.db import models

GEDEELD = {
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
}


def test_sessions_live_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_every_cache_is_shared_so_rate_limits_hold_across_processes():
    assert {c["BACKEND"] for c in settings.CACHES.values()} <= GEDEELD
    assert getattr(settings, "ACCOUNT_RATE_LIMITS", None) is not False


def test_messages_travel_with_the_request_not_the_process():
    assert settings.MESSAGE_STORAGE in {
        "django.contrib.messages.storage.fallback.FallbackStorage",
        "django.contrib.messages.storage.cookie.CookieStorage",
        "django.contrib.messages.storage.session.SessionStorage",
    }


def test_no_model_keeps_uploads_on_the_local_disk():
    # CSV and XLSX imports are read within the request and stored as rows, never as files.
    bestandsvelden = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert bestandsvelden == []
