from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie, Thesaurusterm


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Domein)
class DomeinAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "website"]
    list_filter = ["soort", "domeinen", "werkgebied"]
    search_fields = ["naam", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["werkgebied", "domeinen"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Expertisegebied)
class ExpertisegebiedAdmin(admin.ModelAdmin):
    list_display = ["naam", "synoniemen"]
    search_fields = ["naam", "synoniemen", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Thesaurusterm)
class ThesaurustermAdmin(admin.ModelAdmin):
    list_display = ["term", "synoniemen"]
    search_fields = ["term", "synoniemen"]


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = [
        "naam",
        "functie",
        "organisatie",
        "beroepsgroep",
        "status",
        "laatst_bevestigd_op",
    ]
    list_filter = ["status", "beroepsgroep", "zichtbaarheid", "organisatie", "werkgebied"]
    list_select_related = ["organisatie"]
    search_fields = ["naam", "email", "functie", "organisatie__naam"]
    autocomplete_fields = [
        "organisatie",
        "expertisegebieden",
        "domeinen",
        "werkgebied",
        "user",
        "opvolger",
    ]
    readonly_fields = ["slug", "aangemaakt_op", "bijgewerkt_op"]
    fieldsets = [
        (_("Persoon en contact"), {"fields": ["naam", "slug", "email", "telefoon"]}),
        (
            _("Werk"),
            {
                "fields": [
                    "organisatie",
                    "functie",
                    "beroepsgroep",
                    "expertisegebieden",
                    "domeinen",
                    "werkgebied",
                    "beschikbaar_voor",
                    "toelichting",
                ]
            },
        ),
        (
            _("Account en status"),
            {
                "fields": [
                    "user",
                    "zichtbaarheid",
                    "status",
                    "vertrokken_op",
                    "opvolger",
                    "laatst_bevestigd_op",
                    "aangemaakt_op",
                    "bijgewerkt_op",
                ]
            },
        ),
    ]
