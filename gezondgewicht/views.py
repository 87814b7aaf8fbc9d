from django.http import HttpResponse
from django.shortcuts import render

from inspanningen.matrix import NIVEAUS, bouw_matrix
from inspanningen.models import Aanbeveling, Inspanning, Ronde, Score


def home(request):
    ronde = Ronde.objects.zichtbaar_voor(request.user).order_by("-jaar").first()
    context = {
        "aantal_aanbevelingen": Aanbeveling.objects.filter(gearchiveerd=False).count(),
        "aantal_inspanningen": Inspanning.objects.filter(gearchiveerd=False).count(),
        "laatste_ronde": ronde,
        "matrix": bouw_matrix(ronde) if ronde else None,
        "niveaus": NIVEAUS,
        "symbolen": Score.SYMBOLEN,
    }
    return render(request, "home.html", context)


def gezond(request):
    """Health check for the load balancer: the process answers. No database, no session."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def privacy(request):
    return render(request, "privacy.html")


def toegankelijkheid(request):
    return render(request, "toegankelijkheid.html")
