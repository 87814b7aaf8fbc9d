"""The kennisbank's search uses the expert search's analysis (experts.search): the thesaurus,
accents, stemming, compounds, typos and question words, and the shared vocabulary."""

import pytest
from django.urls import reverse

from experts.models import Zoekwoord
from kennis.models import Kennisitem
from tests.factories import KennisitemFactory
from tests.markup import find_all

pytestmark = pytest.mark.django_db


def _titels(client, q, **filters):
    r = client.get(reverse("kennis:lijst"), {"q": q, **filters})
    return [h.text for h in find_all(r, "h3", cls="gg-hit__naam")]


@pytest.fixture
def items(referentie):
    KennisitemFactory(
        titel="Evaluatie gecombineerde leefstijlinterventie", samenvatting="Over de GLI."
    )
    KennisitemFactory(titel="Spreekuur van de diëtist", samenvatting="In de wijk.")
    KennisitemFactory(titel="Ouderenzorg en bewegen", samenvatting="Samen met de fysiotherapeut.")
    KennisitemFactory(titel="Schoolkantines", samenvatting="Gezonde keuzes op school.")
    KennisitemFactory(titel="Mantelzorg", samenvatting="Zorg voor elkaar.")  # "zorg" is a word


def test_the_thesaurus_accents_stems_and_question_words(client, professional, items):
    client.force_login(professional)
    assert _titels(client, "GLI") == ["Evaluatie gecombineerde leefstijlinterventie"]
    assert _titels(client, "dietist") == ["Spreekuur van de diëtist"]
    assert _titels(client, "wie weet iets over schoolkantine") == ["Schoolkantines"]
    assert "Ouderenzorg en bewegen" in _titels(client, "ouderen")  # a compound
    assert _titels(client, "fysiotherapuet") == ["Ouderenzorg en bewegen"]  # a typo


def test_the_items_words_count_in_the_shared_vocabulary(referentie):
    item = KennisitemFactory(titel="Kwispelwoord", samenvatting="Alleen hier.")
    assert Zoekwoord.objects.get(woord="kwispelwoord").aantal == 1
    item.titel = "Iets anders"
    item.save()
    assert not Zoekwoord.objects.filter(woord="kwispelwoord").exists()
    Kennisitem.objects.filter(pk=item.pk).delete()
    assert not Zoekwoord.objects.filter(woord="anders").exists()


def test_rebuilding_the_search_index_keeps_the_items_words(referentie):
    from experts import search

    KennisitemFactory(titel="Kwispelwoord", samenvatting="Alleen hier.")
    Kennisitem.objects.update(zoekvector=None)  # as after a restore that skipped the signals
    search.herbouw()
    assert Zoekwoord.objects.get(woord="kwispelwoord").aantal == 1
    assert Kennisitem.objects.filter(zoekvector__isnull=False).count() == 1
