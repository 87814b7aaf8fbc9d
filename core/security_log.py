"""The security log: logins (success and failure), refused access, role changes, rounds
finalised and reopened, and data exports.

One line per event on the logger `gezondgewicht.security` (configured in the settings),
with a UTC timestamp and `key=value` fields. It never records a password, a token or a query
string: credentials other than the login name are not passed in, and path segments that look
like a key are masked."""

import logging
import re
import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models.signals import m2m_changed, post_save, pre_save

logger = logging.getLogger("gezondgewicht.security")

_SLEUTELACHTIG = re.compile(r"^[\w-]{20,}$")
_VEILIG = re.compile(r"^[\w@.:/+-]+$")


class UtcFormatter(logging.Formatter):
    """ISO 8601 timestamps in UTC, whatever the server's time zone."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):  # noqa: N802 - logging's own name
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + (
            f".{int(record.msecs):03d}Z"
        )


def _pad(path: str) -> str:
    return "/".join("…" if _SLEUTELACHTIG.match(deel) else deel for deel in path.split("/"))


def _waarde(waarde) -> str:
    tekst = str(waarde)
    return tekst if _VEILIG.match(tekst) else '"' + tekst.replace('"', "'")[:200] + '"'


def client_ip(request) -> str:
    """The client's address as allauth sees it: behind the proxies that
    DJANGO_TRUSTED_PROXY_COUNT trusts, the address they forwarded."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return "-"


def log(gebeurtenis: str, request=None, **details) -> None:
    velden = {"gebeurtenis": gebeurtenis}
    if request is not None:
        user = getattr(request, "user", None)
        velden["gebruiker"] = user.pk if user is not None and user.is_authenticated else "-"
        velden["ip"] = client_ip(request)
        velden["pad"] = _pad(request.path)
    velden.update(details)
    logger.info(" ".join(f"{k}={_waarde(v)}" for k, v in velden.items()))


def _huidig_verzoek():
    """The request being handled, as simple-history's HistoryRequestMiddleware keeps it."""
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


class RefusalLogMiddleware:
    """Every refused request (403) is logged, whatever refused it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            log("toegang_geweigerd", request, methode=request.method)
        return response


def _ingelogd(sender, request, user, **kwargs):
    log("inloggen", request, account=user.pk)


def _inloggen_mislukt(sender, credentials, request=None, **kwargs):
    login = credentials.get("email") or credentials.get("login") or credentials.get("username")
    log("inloggen_mislukt", request, login=login or "-")


def _rollen_gewijzigd(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or reverse:
        return
    from django.contrib.auth.models import Group

    namen = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    log(
        "rol_gewijzigd",
        _huidig_verzoek(),
        account=instance.pk,
        actie=action.removeprefix("post_"),
        rollen=",".join(namen) or "-",
    )


def _vlaggen_voor(sender, instance, **kwargs):
    if instance.pk:
        oud = sender.objects.filter(pk=instance.pk).values("is_staff", "is_superuser").first()
        instance._oude_vlaggen = oud


def _vlaggen_na(sender, instance, created, **kwargs):
    oud = getattr(instance, "_oude_vlaggen", None)
    nieuw = {"is_staff": instance.is_staff, "is_superuser": instance.is_superuser}
    if (created and any(nieuw.values())) or (oud and oud != nieuw):
        log("rol_gewijzigd", _huidig_verzoek(), account=instance.pk, **nieuw)


def connect() -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user_logged_in.connect(_ingelogd, dispatch_uid="beveiliging_inloggen")
    user_login_failed.connect(_inloggen_mislukt, dispatch_uid="beveiliging_mislukt")
    m2m_changed.connect(
        _rollen_gewijzigd, sender=User.groups.through, dispatch_uid="beveiliging_rollen"
    )
    pre_save.connect(_vlaggen_voor, sender=User, dispatch_uid="beveiliging_vlaggen_voor")
    post_save.connect(_vlaggen_na, sender=User, dispatch_uid="beveiliging_vlaggen_na")
