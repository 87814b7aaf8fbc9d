"""The Atom feed of public items, for Gezonde Marke's kennisagenda: public items only, and no
personal data beyond the author's name as the item shows it (and only a public profile's)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from experts.models import Expert
from kennis.models import Kennisitem

AANTAL = 50


class OpenbareKennis(Feed):
    feed_type = Atom1Feed
    title = _("Kennisbank Gezond Gewicht Drenthe")
    subtitle = _("Openbare lessen, documenten en bronnen van de coalitie Gezondheid & Leefstijl.")

    def link(self):
        return reverse("kennis:lijst")

    def items(self):
        return (
            Kennisitem.objects.actueel()
            .filter(zichtbaarheid=Kennisitem.Zichtbaarheid.OPENBAAR)
            .select_related("eigenaar")
            .defer("zoekvector", "zoekwoorden", "inhoud")
            .order_by("-bijgewerkt_op", "-pk")[:AANTAL]
        )

    def item_title(self, item):
        return item.titel

    def item_description(self, item):
        return item.samenvatting

    def item_pubdate(self, item):
        return item.aangemaakt_op

    def item_updateddate(self, item):
        return item.bijgewerkt_op

    def item_author_name(self, item):
        e = item.eigenaar
        return e.naam if e and e.zichtbaarheid == Expert.Zichtbaarheid.OPENBAAR else None

    def item_categories(self, item):
        return [item.get_soort_display()]
