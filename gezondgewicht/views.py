"""The project's own pages: the home page, the statements, the health check, and the data
download, which gathers what every app holds about a person."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from core import security_log
from core.exceptions import GeenToegang
from core.history import changes_by
from experts import services as experts_services
from experts.models import Expert
from gezondgewicht import aandacht
from inspanningen import samen as inspanningen_samen
from inspanningen import services as inspanningen_services
from inspanningen.matrix import NIVEAUS, bouw_matrix
from inspanningen.models import Aanbeveling, Inspanning, Ronde


def home(request):
    """For everyone the matrix (the latest finalised round); for a logged-in user first what
    needs them, and the round in progress."""
    ronde = Ronde.objects.vastgesteld().order_by("-jaar").first()
    wat = aandacht.voor(request.user)
    context = {
        "aantal_aanbevelingen": Aanbeveling.objects.filter(gearchiveerd=False).count(),
        "aantal_inspanningen": Inspanning.objects.filter(gearchiveerd=False).count(),
        "laatste_ronde": ronde,
        "matrix": bouw_matrix(ronde, user=request.user) if ronde else None,
        "niveaus": NIVEAUS,
        "aandacht": wat,
        "in_uitvoering": wat.ronde if wat.ronde_voor_mij else None,
    }
    return render(request, "home.html", context)


@login_required
def mijn_gegevens(request):
    """'Download mijn gegevens': everything the app holds about this person, history included
    (the AVG's right of access), as JSON."""
    gegevens = experts_services.mijn_gegevens(request.user)
    expert = Expert.objects.filter(user=request.user).first()
    if expert is not None:
        gegevens.update(inspanningen_services.rollen_gegevens(expert))
    gegevens.update(inspanningen_samen.gegevens(request.user))
    gegevens["wijzigingen_door_u"] = changes_by(request.user)
    security_log.log("export", request, wat="mijn-gegevens")
    response = HttpResponse(
        json.dumps(gegevens, cls=DjangoJSONEncoder, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def gezond(request):
    """Health check for the load balancer: the process answers. No database, no session."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def privacy(request):
    return render(request, "privacy.html")


def toegankelijkheid(request):
    return render(request, "toegankelijkheid.html")


@requires_csrf_token  # as Django's own 403 view: the page's forms (language, logout) need it
def geen_toegang(request, exception=None):
    """The 403 page (handler403): with the reason, where the view wrote one for the user
    (core.exceptions.GeenToegang); any other refusal's message stays out of the page."""
    reden = str(exception) if isinstance(exception, GeenToegang) else ""
    return render(request, "403.html", {"reden": reden}, status=403)
