"""Findings of a code review of the kennisbank, each held by a test: what a visitor may not
learn, who may change an owner, where a leaver's items go, and what keeps the search current."""

import pytest
from django.urls import reverse
from django.utils import timezone

from experts.models import Expertisegebied, Zoekwoord
from inspanningen.models import Inspanning
from kennis import bestanden
from kennis.models import Bestand, Kennisitem
from tests.factories import BetrokkenheidFactory, ExpertFactory, KennisitemFactory, UserFactory
from tests.inspanningen.test_vertrek import vertrek_post
from tests.kennis.bestanden import docx_met
from tests.markup import find_all, page_text

pytestmark = pytest.mark.django_db


def test_a_visitor_never_sees_who_uploaded_a_file_nor_a_network_replacement(client, referentie):
    uploader = UserFactory(naam="Geheime Uploader", email="geheim.persoon@example.org")
    vervanger = KennisitemFactory(titel="Geheim netwerkstuk")
    item = KennisitemFactory(
        titel="Openbaar", zichtbaarheid="openbaar", gearchiveerd_op=timezone.now(),
        vervangen_door=vervanger,
    )  # fmt: skip
    Bestand.objects.create(
        item=item, versie=1, naam="a.pdf", mime="application/pdf", grootte=3, sha256="",
        inhoud=b"abc", tekststatus="geen", door=uploader, reden="eerste versie",
    )  # fmt: skip
    tekst = page_text(client.get(item.get_absolute_url()))
    assert "Geheime Uploader" not in tekst and "geheim.persoon" not in tekst
    assert "Geheim netwerkstuk" not in tekst
    assert "vervangen door een item voor ingelogde gebruikers" in tekst


def test_a_visitor_gets_no_hints_from_the_words_of_network_items(client, referentie, professional):
    KennisitemFactory(titel="Fusiegesprek Zorgkantoor Vertrouwelijk")
    KennisitemFactory(titel="Openbaar", zichtbaarheid="openbaar")
    tekst = page_text(client.get(reverse("kennis:lijst"), {"q": "fusiegespek"}))
    assert "fusiegesprek" not in tekst.lower()
    client.force_login(professional)
    assert (
        "fusiegesprek"
        in page_text(client.get(reverse("kennis:lijst"), {"q": "fusiegespek"})).lower()
    )


def test_an_archived_items_words_leave_the_vocabulary(client, referentie, coordinator):
    item = KennisitemFactory(titel="Kwispelwoord")
    client.force_login(coordinator)
    client.post(reverse("kennis:archiveren", args=[item.slug]), {"reden": "weg"})
    assert not Zoekwoord.objects.filter(woord="kwispelwoord").exists()


def test_only_the_owner_and_the_coordinator_change_the_owner(
    client, referentie, stuurgroep, professional
):
    eigenaar = ExpertFactory(naam="Eigenaar", user=professional)
    item = KennisitemFactory(eigenaar=eigenaar, inspanningen=[Inspanning.objects.get(nummer=3)])
    stuurgroepexpert = ExpertFactory(user=stuurgroep)
    client.force_login(stuurgroep)
    url = reverse("kennis:bewerken", args=[item.slug])
    data = {
        "titel": "Nieuwe titel", "soort": "document", "samenvatting": "s", "datum": "2026-01-01",
        "zichtbaarheid": "netwerk", "eigenaar_email": stuurgroepexpert.email,
        "inspanningen": [str(Inspanning.objects.get(nummer=3).pk)],
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.titel == "Nieuwe titel" and item.eigenaar == eigenaar
    assert not item.kan_archiveren(stuurgroep)


def test_editing_an_item_without_an_owner_does_not_take_it_over(client, referentie, coordinator):
    auteur = UserFactory()
    item = KennisitemFactory(aangemaakt_door=auteur)
    client.force_login(coordinator)
    data = {
        "titel": "Bijgewerkt", "soort": "document", "samenvatting": "s", "datum": "2026-01-01",
        "zichtbaarheid": "netwerk",
    }  # fmt: skip
    ExpertFactory(user=coordinator)
    assert client.post(reverse("kennis:bewerken", args=[item.slug]), data).status_code == 302
    item.refresh_from_db()
    assert item.eigenaar is None and item.is_van(auteur)
    client.force_login(auteur)
    r = client.get(reverse("kennis:lijst"), {"van": "mij"})
    assert [h.text for h in find_all(r, "h3", cls="gg-hit__naam")] == ["Bijgewerkt"]


def test_a_leavers_items_go_to_who_took_over_their_role_on_the_inspanning(
    client, referentie, coordinator
):
    anna = ExpertFactory(naam="Anna Vertrek")
    bram, carla = ExpertFactory(naam="Bram"), ExpertFactory(naam="Carla")
    drie, zeven = Inspanning.objects.get(nummer=3), Inspanning.objects.get(nummer=7)
    BetrokkenheidFactory(expert=anna, inspanning=drie, rol="trekker")
    BetrokkenheidFactory(expert=anna, inspanning=zeven, rol="werkgroeplid")
    bij_zeven = KennisitemFactory(eigenaar=anna, inspanningen=[zeven])
    los = KennisitemFactory(eigenaar=anna)
    client.force_login(coordinator)
    vertrek_post(client, anna, bram, per_rol={7: carla.pk})
    bij_zeven.refresh_from_db()
    los.refresh_from_db()
    assert bij_zeven.eigenaar == carla and los.eigenaar == bram


def test_deleting_a_theme_updates_the_items_it_was_on(referentie, client, professional):
    thema = Expertisegebied.objects.create(naam="Zwemvaardigheid")
    item = KennisitemFactory(titel="Zwemles")
    item.themas.set([thema])
    client.force_login(professional)
    assert "Zwemles" in page_text(client.get(reverse("kennis:lijst"), {"q": "zwemvaardigheid"}))
    thema.delete()
    assert "Zwemles" not in page_text(client.get(reverse("kennis:lijst"), {"q": "zwemvaardigheid"}))
    nog = Expertisegebied.objects.create(naam="Waterveiligheid")
    item.themas.set([nog])
    nog.kennisitems.clear()  # from the other side
    assert "Zwemles" not in page_text(client.get(reverse("kennis:lijst"), {"q": "waterveiligheid"}))


def test_odd_digits_in_the_address_are_no_500(client, referentie, professional):
    client.force_login(professional)
    for waarde in ("²", "٣", "99999999999999999999", "-1"):
        assert client.get(reverse("kennis:nieuw"), {"inspanning": waarde}).status_code == 200


def test_a_docx_whose_text_part_unpacks_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(bestanden, "MAX_DOCX_TEKST", 1000)
    with pytest.raises(bestanden.Geweigerd, match="De tekst van dit document pakt uit"):
        bestanden.lees("lang.docx", docx_met("een regel tekst\n" * 200))


def test_a_knowledge_item_is_never_deleted_in_the_admin(client, referentie, coordinator):
    item = KennisitemFactory()
    client.force_login(coordinator)
    r = client.post(reverse("admin:kennis_kennisitem_delete", args=[item.pk]), {"post": "yes"})
    assert r.status_code == 403 and Kennisitem.objects.filter(pk=item.pk).exists()
