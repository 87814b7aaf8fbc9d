"""Filters for the expert search and the organisations list. AND across filters, OR within one.

The choices of the lookup tables (gemeenten, domeinen, expertisegebieden, organisaties) come
from search.tabellen (one query, sorted once per change of the tables), and their values are
slugs, so the URL reads well and validating a choice costs no query."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.forms import Keuzes, Keuzevakjes
from core.text import normalise
from experts import search
from experts.models import Expert, Organisatie

MAX_ZOEKTEKST = 200


def keuzelijsten(*soorten: str) -> dict[str, Keuzes]:
    """(slug, naam) of each lookup table asked for, sorted by name, from the lookup tables as
    they are now (search.tabellen). Shared by every request until the tables change."""
    lijsten = search.tabellen.lees().afgeleid(_keuzelijsten)
    return {soort: lijsten[soort] for soort in soorten}


def _keuzelijsten(tabellen) -> dict[str, Keuzes]:
    return {
        soort: Keuzes(
            sorted(
                ((slug, naam) for _id, slug, naam, *_rest in rijen), key=lambda k: normalise(k[1])
            )
        )
        for soort, rijen in tabellen.rijen.items()
        if soort != "thesaurus"
    }


@dataclass
class Tag:
    filter: str
    waarde: str
    zonder: QueryDict  # the query without this value


class TagsMixin:
    """The chosen filter values as removable tags."""

    def actieve_filters(self) -> list[Tag]:
        """Each chosen value, with the query that removes it, for the removable tags."""
        if not self.is_bound:
            return []
        self.errors  # noqa: B018 - validate before reading cleaned_data
        tags = []
        for naam, field in self.form.fields.items():
            waarden = self.form.cleaned_data.get(naam) or []
            if isinstance(waarden, str):  # the search text is in its own box, not a tag
                continue
            labels = dict(getattr(field, "choices", ()))
            for waarde in waarden:
                zonder = self.data.copy()
                zonder.setlist(naam, [w for w in self.data.getlist(naam) if w != waarde])
                zonder.pop("page", None)
                tags.append(Tag(field.label, labels.get(waarde, waarde), zonder))
        return tags


class KeuzeFilter(django_filters.MultipleChoiceFilter):
    """Checkboxes (Keuzevakjes, each option written once per list of choices); the choices are
    given, and kept as they are (Keuzes), or filled in by the FilterSet from keuzelijsten.
    Django's own field, so that the widget gets the Keuzes themselves (django-filter's field
    wraps them for a 'none' choice, which these filters do not offer)."""

    field_class = forms.MultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", Keuzevakjes)
        if isinstance(kwargs.get("choices"), list | tuple):
            kwargs["choices"] = Keuzes(kwargs["choices"])
        # Each filter is a facet of the search document, a plain column or a subquery
        # (_via_koppeling), so a row never comes twice: no DISTINCT, which would also sort
        # every match.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


def _via_koppeling(veld: str):
    """Filter method for a many-to-many field by slug, as a subquery (no joins, no DISTINCT)."""

    def methode(self, qs, name, values):
        if not values:
            return qs
        relatie = getattr(qs.model, veld)
        bron = f"{relatie.field.m2m_field_name()}_id"
        doel = relatie.field.m2m_reverse_field_name()
        ids = relatie.through.objects.filter(**{f"{doel}__slug__in": values}).values(bron)
        return qs.filter(pk__in=ids)

    return methode


def kenmerkfilter(filter_: str):
    """Filter method for a facet of a search document (search.met_kenmerk: an expert's, or a
    knowledge item's): answered by the search index together with the words, however many
    there are."""

    def methode(qs, name, values):  # django-filter calls a callable method unbound
        return search.met_kenmerk(qs, filter_, values) if values else qs

    return methode


class ExpertFilter(TagsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoek op expertise, naam, functie of organisatie"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        method="zoek",
        max_length=MAX_ZOEKTEKST,
    )
    expertise = KeuzeFilter(label=_("Expertisegebied"), method=kenmerkfilter("expertise"))
    domein = KeuzeFilter(label=_("Domein"), method=kenmerkfilter("domein"))
    gemeente = KeuzeFilter(label=_("Gemeente (werkgebied)"), method=kenmerkfilter("gemeente"))
    organisatie = KeuzeFilter(label=_("Organisatie"), method=kenmerkfilter("organisatie"))
    beroep = KeuzeFilter(
        label=_("Beroepsgroep"), method=kenmerkfilter("beroep"), choices=Expert.Beroepsgroep.choices
    )
    beschikbaar = KeuzeFilter(
        label=_("Beschikbaar voor"),
        method=kenmerkfilter("beschikbaar"),
        choices=Expert.Beschikbaarheid.choices,
    )

    class Meta:
        model = Expert
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lijsten = keuzelijsten("expertise", "domein", "gemeente", "organisatie")
        for naam, keuzes in lijsten.items():
            self.filters[naam].extra["choices"] = keuzes
        self.zoekvraag = search.Zoekvraag("", [])

    def zoek(self, qs, name, value):
        self.zoekvraag = search.analyseer(value)
        return qs

    def treffers(self) -> search.Treffers:
        """The experts that pass the filters and the words, best first, page by page."""
        qs = self.qs  # running the filters reads the words into self.zoekvraag
        return search.Treffers(qs, self.zoekvraag)

    def gerangschikt(self):
        """All of them, best first, as one queryset (for the export)."""
        return search.zoek(self.qs, self.zoekvraag)


class OrganisatieFilter(TagsMixin, django_filters.FilterSet):
    soort = KeuzeFilter(label=_("Soort"), choices=Organisatie.Soort.choices)
    gemeente = KeuzeFilter(label=_("Gemeente (werkgebied)"), method="filter_gemeente")
    domein = KeuzeFilter(label=_("Domein"), method="filter_domein")

    filter_gemeente = _via_koppeling("werkgebied")
    filter_domein = _via_koppeling("domeinen")

    class Meta:
        model = Organisatie
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, keuzes in keuzelijsten("gemeente", "domein").items():
            self.filters[naam].extra["choices"] = keuzes
