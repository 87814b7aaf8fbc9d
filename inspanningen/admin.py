from django.contrib import admin
from django.contrib.auth import get_user_model

from accounts import roles
from core.admin import AlleenLezenAdmin, HistoryAdmin
from inspanningen import services
from inspanningen.models import (
    Aanbeveling,
    Beoordeling,
    Betrokkenheid,
    Inspanning,
    Ronde,
    Score,
    VerslagVerzending,
)


@admin.register(Aanbeveling)
class AanbevelingAdmin(HistoryAdmin):
    list_display = ["nummer", "korte_naam", "titel", "volgorde", "gearchiveerd"]
    list_display_links = ["nummer", "korte_naam"]
    list_filter = ["gearchiveerd"]
    search_fields = ["korte_naam", "titel", "beschrijving"]


class BetrokkenheidInline(admin.TabularInline):
    model = Betrokkenheid
    extra = 0
    raw_id_fields = ["expert"]
    fields = ["expert", "rol", "sinds", "tot", "overdrachtsnotitie"]


@admin.register(Inspanning)
class InspanningAdmin(HistoryAdmin):
    list_display = ["nummer", "naam", "status", "volgorde", "gearchiveerd"]
    list_display_links = ["nummer", "naam"]
    list_filter = ["status", "gearchiveerd", "organisaties"]
    search_fields = ["naam", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [BetrokkenheidInline]


@admin.register(Betrokkenheid)
class BetrokkenheidAdmin(HistoryAdmin):
    list_display = ["expert", "rol", "inspanning", "sinds", "tot"]
    list_filter = ["rol", "inspanning"]
    list_select_related = ["expert", "inspanning"]
    search_fields = ["expert__naam", "inspanning__naam", "overdrachtsnotitie"]
    raw_id_fields = ["expert"]


class ScoreInline(admin.TabularInline):
    """The round's cells, grouped by inspanning (one block of rows per inspanning)."""

    model = Score
    extra = 0
    can_delete = False
    fields = [
        "inspanning",
        "aanbeveling",
        "niveau",
        "toelichting",
        "minderheidsstandpunt",
        "beoordelingsstatus",
        "versie",
    ]
    readonly_fields = ["inspanning", "aanbeveling", "versie"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("ronde", "inspanning", "aanbeveling")
            .order_by(
                "inspanning__volgorde",
                "inspanning__nummer",
                "aanbeveling__volgorde",
                "aanbeveling__nummer",
            )
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # obj is the round the inline belongs to: Ronde.kan_bewerken, as on the edit page.
        return super().has_change_permission(request, obj) and (
            obj is None or obj.kan_bewerken(request.user)
        )


@admin.register(Ronde)
class RondeAdmin(HistoryAdmin):
    list_display = ["jaar", "titel", "status", "werkwijze", "vastgesteld_op", "vastgesteld_door"]
    list_display_links = ["jaar", "titel"]
    list_filter = ["status", "werkwijze"]
    list_select_related = ["vastgesteld_door"]
    search_fields = ["titel", "toelichting"]
    raw_id_fields = ["vastgesteld_door"]
    # The way of working is chosen when a round is started; the status changes on Rondes only
    # (also a restore from the history keeps them, save_model); an anonymous round never
    # becomes open (Ronde.clean says so on the form).
    BEHEERD_OP_RONDES = ["status", "werkwijze", "vastgesteld_op", "vastgesteld_door"]
    readonly_fields = BEHEERD_OP_RONDES

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "voorzitter":  # a chair is a member of the stuurgroep
            kwargs["queryset"] = get_user_model().objects.met_rol(roles.STUURGROEP)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    inlines = [ScoreInline]

    def save_formset(self, request, form, formset, change):
        # Scores edited inline get a new version, like on the edit page, so no update is lost.
        for score in formset.save(commit=False):
            score.nieuwe_versie(door=request.user)
            score.save()
        formset.save_m2m()

    # A finalised round is read-only here; status changes go through the Rondes page,
    # so that finalising and reopening (with a reason) are recorded.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.kan_bewerken(request.user)
        )

    # Deleting follows the Rondes page's rule: an untouched concept round, recorded in history.
    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or services.kan_verwijderen(obj)
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one round at a time, through the rule above
        return actions

    def delete_model(self, request, obj):
        services.verwijder_ronde(ronde=obj, door=request.user)

    def save_model(self, request, obj, form, change):
        if change:
            nu = Ronde.objects.get(pk=obj.pk)
            for veld in self.BEHEERD_OP_RONDES:
                setattr(obj, veld, getattr(nu, veld))
        if "deadline" in form.changed_data:
            obj.herinnerd_op = None  # a new deadline, a new reminder
        super().save_model(request, obj, form, change)


@admin.register(Score)
class ScoreAdmin(HistoryAdmin):
    list_display = [
        "ronde",
        "inspanning",
        "aanbeveling",
        "niveau",
        "beoordelingsstatus",
        "versie",
        "bijgewerkt_door",
        "bijgewerkt_op",
    ]
    list_filter = ["ronde", "niveau", "beoordelingsstatus", "aanbeveling", "inspanning"]
    list_select_related = ["ronde", "inspanning", "aanbeveling", "bijgewerkt_door"]
    search_fields = ["toelichting", "inspanning__naam", "aanbeveling__korte_naam"]
    readonly_fields = ["versie", "bijgewerkt_door", "bijgewerkt_op"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .order_by("-ronde__jaar", "inspanning__nummer", "aanbeveling__nummer")
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.ronde.kan_bewerken(request.user)
        )

    def has_delete_permission(self, request, obj=None):
        # A joint round's cell carries its members' individual scores: it stays.
        return super().has_delete_permission(request, obj) and not (
            obj and (obj.ronde.is_vastgesteld or obj.ronde.is_samen)
        )

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.nieuwe_versie(door=request.user)
        obj.bijgewerkt_door = request.user
        super().save_model(request, obj, form, change)


@admin.register(Beoordeling)
class BeoordelingAdmin(AlleenLezenAdmin):
    """A member's own score: read-only here. It is theirs to give on their scoring page, and
    never changes once its round is finalised. The admin keeps the pages' rules: a round's
    scores show only from its bespreking on (nobody, the coordinator included, sees them
    while members are still scoring blind), and never with the member's name or the history
    of who saved what (not simple-history's admin: an anonymous round stays anonymous)."""

    fields = ["score", "perspectief", "niveau", "reden", "bijgewerkt_op"]
    list_display = ["score", "perspectief", "niveau", "bijgewerkt_op"]
    list_filter = ["score__ronde", "perspectief", "niveau"]
    list_select_related = ["score__ronde", "score__inspanning", "score__aanbeveling"]
    search_fields = ["reden"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(score__ronde__status__in=[Ronde.Status.BESPREKING, Ronde.Status.VASTGESTELD])
        )


@admin.register(VerslagVerzending)
class VerslagVerzendingAdmin(AlleenLezenAdmin):
    """When a report went to the coalition: a record, read-only (the report page sends it)."""

    list_display = ["ronde", "op", "door", "aantal"]
    list_select_related = ["ronde", "door"]
