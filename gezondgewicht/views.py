from django.shortcuts import render

from inspanningen.models import Aanbeveling, Inspanning, Ronde


def home(request):
    context = {
        "aantal_aanbevelingen": Aanbeveling.objects.filter(gearchiveerd=False).count(),
        "aantal_inspanningen": Inspanning.objects.filter(gearchiveerd=False).count(),
        "laatste_ronde": Ronde.objects.first(),
    }
    return render(request, "home.html", context)
