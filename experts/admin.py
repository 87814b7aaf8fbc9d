from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from core.csv_import import csv_upload
from experts import search, services, uitwisseling
from experts.models import (
    CONTACTVELDEN,
    WERKVELDEN,
    Domein,
    Expert,
    Expertisegebied,
    Gemeente,
    Organisatie,
    Thesaurusterm,
)


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
class OrganisatieAdmin(HistoryAdmin):
    list_display = ["naam", "soort", "website"]
    list_filter = ["soort", "domeinen", "werkgebied"]
    search_fields = ["naam", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    formfield_overrides = {
        **HistoryAdmin.formfield_overrides,
        models.URLField: {"assume_scheme": "https"},
    }


@admin.register(Expertisegebied)
class ExpertisegebiedAdmin(HistoryAdmin):
    list_display = ["naam", "synoniemen"]
    search_fields = ["naam", "synoniemen", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Thesaurusterm)
class ThesaurustermAdmin(HistoryAdmin):
    list_display = ["term", "synoniemen"]
    search_fields = ["term", "synoniemen"]


@admin.register(Expert)
class ExpertAdmin(HistoryAdmin):
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
        (_("Persoon en contact"), {"fields": [*CONTACTVELDEN, "slug"]}),
        (_("Werk"), {"fields": WERKVELDEN}),
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

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.kan_bewerken(request.user)
        )

    # Deleting a profile here anonymises it, as "Verwijder mijn profiel" does: a plain delete
    # would leave the person in a history row, and take their roles' past with it.
    def get_deleted_objects(self, objs, request):
        return [str(o) for o in objs], {Expert._meta.verbose_name_plural: len(objs)}, set(), []

    def log_deletions(self, request, queryset):
        pass  # nothing is deleted: delete_model logs the anonymising, under the new name

    def delete_model(self, request, obj):
        services.anonimiseer(obj, door=request.user, reden="verwijderd in het beheer")
        obj.refresh_from_db()
        self.log_change(request, obj, "geanonimiseerd")

    def delete_queryset(self, request, queryset):
        for expert in queryset:
            self.delete_model(request, expert)

    def response_delete(self, request, obj_display, obj_id):
        messages.success(
            request,
            _("%(naam)s is anoniem gemaakt: het profiel staat nu als 'Vertrokken expert'.")
            % {"naam": obj_display},
        )
        return redirect("admin:experts_expert_changelist")

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
        upload = csv_upload(
            request,
            header=uitwisseling.CSV_HEADER,
            max_bytes=uitwisseling.MAX_UPLOAD,
            importer=partial(uitwisseling.importeer, door=request.user),
        )
        if upload.result is not None:
            self.message_user(request, upload.result.samenvatting(), messages.SUCCESS)
            return redirect("admin:experts_expert_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Experts importeren uit CSV"),
            "form": upload.form,
            "fouten": upload.errors,
            "header": ",".join(uitwisseling.CSV_HEADER),
        }
        return TemplateResponse(
            request, "admin/experts/expert/importeren.html", context, status=upload.status
        )
