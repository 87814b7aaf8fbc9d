"""The filters of the kennisbank's search: AND across filters, OR within one, each a facet of
the search document (kennis.zoeken), as the expert search has them."""

import django_filters
from django import forms
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from experts import search
from experts.filters import MAX_ZOEKTEKST, KeuzeFilter, TagsMixin, kenmerkfilter, keuzelijsten
from inspanningen.models import Aanbeveling, Inspanning
from kennis import zoeken
from kennis.models import Kennisitem


class KennisFilter(TagsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoek in lessen, documenten en bronnen"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        method="zoek",
        max_length=MAX_ZOEKTEKST,
    )
    soort = KeuzeFilter(
        label=_("Soort"), method=kenmerkfilter("soort"), choices=Kennisitem.Soort.choices
    )
    werkte_niet = KeuzeFilter(
        label=_("Lessen"), method=kenmerkfilter("werkte_niet"), choices=[("ja", _("Werkte niet"))]
    )
    inspanning = KeuzeFilter(label=_("Inspanning"), method=kenmerkfilter("inspanning"))
    aanbeveling = KeuzeFilter(label=_("Aanbeveling"), method=kenmerkfilter("aanbeveling"))
    thema = KeuzeFilter(label=_("Thema"), method=kenmerkfilter("thema"))
    organisatie = KeuzeFilter(label=_("Organisatie"), method=kenmerkfilter("organisatie"))
    van = KeuzeFilter(label=_("Eigenaar"), method="filter_van", choices=[("mij", _("Van mij"))])
    actualiteit = KeuzeFilter(
        label=_("Actualiteit"),
        method="filter_actualiteit",
        choices=[("verouderd", _("Mogelijk verouderd (een jaar niet nagekeken)"))],
    )

    class Meta:
        model = Kennisitem
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lijsten = keuzelijsten("expertise", "organisatie")
        self.filters["thema"].extra["choices"] = lijsten["expertise"]
        self.filters["organisatie"].extra["choices"] = lijsten["organisatie"]
        # The inspanningen and aanbevelingen in one query, by number.
        rijen = (
            Inspanning.objects.filter(gearchiveerd=False)
            .order_by()
            .values_list(Value("inspanning"), "nummer", "naam")
            .union(
                Aanbeveling.objects.filter(gearchiveerd=False)
                .order_by()
                .values_list(Value("aanbeveling"), "nummer", "korte_naam"),
                all=True,
            )
        )
        for soort in ("inspanning", "aanbeveling"):
            self.filters[soort].extra["choices"] = []
        for soort, nummer, naam in sorted(rijen, key=lambda r: r[1]):
            self.filters[soort].extra["choices"].append((str(nummer), f"{nummer}. {naam}"))
        if not (self.request and self.request.user.is_authenticated):
            del self.filters["van"]  # a visitor owns nothing
        self.zoekvraag = search.Zoekvraag("", [])

    def filter_van(self, qs, name, values):
        return qs.van(self.request.user) if values else qs

    def filter_actualiteit(self, qs, name, values):
        return qs.verouderd() if values else qs

    def zoek(self, qs, name, value):
        self.zoekvraag = search.analyseer(value)
        return qs

    def gerangschikt(self):
        qs = self.qs
        return zoeken.zoek(qs, self.zoekvraag)
