"""What the inspanningen add to the pages of Wie weet wat: `{% load inspanningen %}`.

The experts app never imports this one; its templates ask for these sections instead."""

from django import template
from django.db.models import Prefetch, Q

from inspanningen.models import Betrokkenheid, Inspanning, Ronde

register = template.Library()


@register.inclusion_tag("inspanningen/includes/_rollen.html")
def rollen(expert):
    """An expert's roles in inspanningen, current and ended, with the handovers."""
    return {
        "rollen": expert.betrokkenheden.select_related("inspanning", "overgenomen_van__expert")
        .prefetch_related(
            Prefetch("overgedragen_aan", queryset=Betrokkenheid.objects.select_related("expert"))
        )
        .order_by("tot", "inspanning__nummer")
    }


@register.inclusion_tag("inspanningen/includes/_inspanningen_van.html")
def inspanningen_van(organisatie):
    """The inspanningen the organisation is linked to, or that its experts have a role in."""
    gekoppeld = Inspanning.organisaties.through.objects.filter(organisatie=organisatie)
    via_experts = Betrokkenheid.objects.lopend().filter(expert__organisatie=organisatie)
    return {
        "inspanningen": Inspanning.objects.filter(
            Q(pk__in=gekoppeld.values("inspanning_id"))
            | Q(pk__in=via_experts.values("inspanning_id"))
        ).order_by("volgorde", "nummer")
    }


@register.inclusion_tag("inspanningen/includes/_ronde_banner.html", takes_context=True)
def ronde_banner(context, ronde=None):
    """For logged-in users: the round in progress, with its progress and deadline, and the way
    to it (the matrix everyone sees is the latest finalised round). Pass `ronde` where the
    page has already read Ronde.objects.in_uitvoering()."""
    user = context["user"]
    if not user.is_authenticated:
        return {"ronde": None}
    ronde = ronde or Ronde.objects.in_uitvoering()
    return {"ronde": ronde, "kan_bewerken": bool(ronde and ronde.kan_bewerken(user))}
