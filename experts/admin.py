from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from experts import search, uitwisseling
from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie, Thesaurusterm
from gezondgewicht.admin import GeschiedenisAdmin
from gezondgewicht.csvimport import ImportRefused
from gezondgewicht.forms import CsvUploadForm


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
class OrganisatieAdmin(GeschiedenisAdmin):
    list_display = ["naam", "soort", "website"]
    list_filter = ["soort", "domeinen", "werkgebied"]
    search_fields = ["naam", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    formfield_overrides = {
        **GeschiedenisAdmin.formfield_overrides,
        models.URLField: {"assume_scheme": "https"},
    }


@admin.register(Expertisegebied)
class ExpertisegebiedAdmin(GeschiedenisAdmin):
    list_display = ["naam", "synoniemen"]
    search_fields = ["naam", "synoniemen", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Thesaurusterm)
class ThesaurustermAdmin(GeschiedenisAdmin):
    list_display = ["term", "synoniemen"]
    search_fields = ["term", "synoniemen"]


@admin.register(Expert)
class ExpertAdmin(GeschiedenisAdmin):
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
    raw_id_fields = ["user", "opvolger"]
    readonly_fields = ["slug", "aangemaakt_op", "bijgewerkt_op"]
    change_list_template = "admin/experts/expert/change_list.html"
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

    def changeform_view(self, request, *args, **kwargs):
        # The expert and its many-to-many fields are saved in steps; rebuild the search
        # document once, at the end.
        with search.gebundeld():
            return super().changeform_view(request, *args, **kwargs)

    def get_urls(self):
        return [
            path(
                "importeren/",
                self.admin_site.admin_view(self.importeren),
                name="experts_expert_importeren",
            ),
            *super().get_urls(),
        ]

    def importeren(self, request):
        """The same all-or-nothing import as `manage.py importeer_experts`."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = CsvUploadForm(
            request.POST or None, request.FILES or None, header=uitwisseling.CSV_HEADER
        )
        fouten = []
        if request.method == "POST" and form.is_valid():
            bestand = form.cleaned_data["bestand"]
            try:
                resultaat = uitwisseling.importeer(
                    data=bestand.read(uitwisseling.MAX_UPLOAD + 1),
                    bron=bestand.name,
                    door=request.user,
                )
            except ImportRefused as refused:
                fouten = refused.errors
            else:
                self.message_user(request, resultaat.samenvatting(), messages.SUCCESS)
                return redirect("admin:experts_expert_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Experts importeren uit CSV"),
            "form": form,
            "fouten": fouten,
            "header": ",".join(uitwisseling.CSV_HEADER),
        }
        return TemplateResponse(
            request, "admin/experts/expert/importeren.html", context, status=400 if fouten else 200
        )
