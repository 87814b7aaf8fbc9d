from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from kennis.models import Bestand, Kennisitem


class BestandInline(admin.TabularInline):
    """The file's versions, read only: a new version is uploaded on the item's page, where its
    type, size and text are checked (kennis.bestanden)."""

    model = Bestand
    extra = 0
    can_delete = False
    fields = ["versie", "naam", "mime", "grootte", "tekststatus", "reden", "door", "op"]
    readonly_fields = fields
    verbose_name_plural = _("bestanden (een nieuwe versie voegt u toe op de pagina van het item)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("inhoud", "tekst")


@admin.register(Kennisitem)
class KennisitemAdmin(HistoryAdmin):
    list_display = ["titel", "soort", "datum", "eigenaar", "zichtbaarheid", "gearchiveerd_op"]
    list_filter = ["soort", "werkte_niet", "zichtbaarheid", "inspanningen", "themas"]
    list_select_related = ["eigenaar"]
    search_fields = ["titel", "samenvatting", "inhoud"]
    prepopulated_fields = {"slug": ["titel"]}
    raw_id_fields = ["eigenaar", "experts", "vervangen_door"]
    date_hierarchy = "datum"
    inlines = [BestandInline]

    def has_delete_permission(self, request, obj=None):
        """Deleting is archiving (on the item's page, or here by setting 'gearchiveerd op'):
        the history and every version of the file are kept."""
        return False

    formfield_overrides = {
        **HistoryAdmin.formfield_overrides,
        models.URLField: {"assume_scheme": "https"},
    }
