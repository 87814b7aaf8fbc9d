"""What a search finds, and in which order: stemming, accents, ranking, typos, synonyms,
compounds, stop words, all words first with a fallback, and suggestions (experts.search's
analysis and ranking)."""

import pytest
from django.db import connection

from experts import search
from experts.models import Expert, Expertisegebied, Thesaurusterm
from tests.factories import ExpertFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def namen(q: str) -> list[str]:
    return [e.naam for e in search.zoek(Expert.objects.all(), search.analyseer(q))]


def test_dutch_stemming_finds_other_forms_of_a_word():
    ExpertFactory(naam="Bram Bakker", toelichting="Ik coach wandelgroepen in de wijk.")
    assert namen("wandelgroep") == ["Bram Bakker"]
    assert namen("coaches") == ["Bram Bakker"]


def test_accents_are_ignored_both_ways():
    ExpertFactory(naam="Anna de Vries", functie="Diëtist")
    ExpertFactory(naam="Eef Dekker", functie="Dietist in opleiding")
    assert sorted(namen("dietist")) == ["Anna de Vries", "Eef Dekker"]
    assert sorted(namen("diëtist")) == ["Anna de Vries", "Eef Dekker"]


def test_name_ranks_above_expertise_above_function_and_organisation_above_free_text():
    gebied = Expertisegebied.objects.create(naam="Hofstede-methode")
    vrij = ExpertFactory(naam="Wim Vrij", toelichting="Ik werk met de aanpak van Hofstede.")
    functie = ExpertFactory(naam="Floor Functie", functie="Hofstede-consulent")
    org = ExpertFactory(
        naam="Olga Organisatie", organisatie=OrganisatieFactory(naam="Bureau Hofstede")
    )
    expertise = ExpertFactory(naam="Els Expertise")
    expertise.expertisegebieden.add(gebied)
    naam = ExpertFactory(naam="Gert Hofstede")
    resultaat = namen("hofstede")
    assert resultaat[:2] == [naam.naam, expertise.naam]
    assert set(resultaat[2:4]) == {functie.naam, org.naam}
    assert resultaat[4] == vrij.naam


def test_typos_are_matched_against_the_vocabulary_of_distinct_words():
    ExpertFactory(naam="Bram Bakker", toelichting="Een van de buurtsportcoaches in Emmen.")
    ExpertFactory(naam="Carla Smit", beroepsgroep=Expert.Beroepsgroep.BUURTSPORTCOACH)
    vraag = search.analyseer("buurtsportcaoch")
    assert sorted(e.naam for e in search.zoek(Expert.objects.all(), vraag)) == [
        "Bram Bakker",
        "Carla Smit",
    ]
    assert vraag.begrippen[0].verbeteringen  # and the page says what it corrected


def test_typos_use_pg_trgm_on_the_word_table_never_on_whole_profiles():
    ExpertFactory(naam="Bram Bakker", toelichting="Buurtsportcoach in Emmen.")
    with connection.execute_wrapper(_record := _Recorder()):
        search.analyseer("buurtsportcaoch")
    trigram = [sql for sql in _record.sql if "%%" in sql or " % " in sql]
    assert trigram and all("experts_zoekwoord" in sql for sql in trigram)
    assert not any("similarity" in sql and "experts_expert" in sql for sql in _record.sql)


class _Recorder:
    def __init__(self):
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def test_abbreviations_and_synonyms_come_from_the_thesaurus_both_ways(referentie):
    gli = ExpertFactory(naam="Carla Smit", expertise=["Gecombineerde leefstijlinterventie"])
    afkorting = ExpertFactory(naam="Dirk Mulder", toelichting="Ik begeleid groepen in de GLI.")
    assert set(namen("GLI")) == {gli.naam, afkorting.naam}
    assert set(namen("gecombineerde leefstijlinterventie")) == {gli.naam, afkorting.naam}


def test_the_explanation_keeps_the_spelling_of_programme_names(referentie):
    uitleg = dict(search.analyseer("gli").uitleg())
    assert {"CooL", "SLIMMER", "Coaching op Leefstijl"} <= set(uitleg["gli"])


def test_a_profession_or_area_reached_through_the_thesaurus_outranks_a_mention_in_the_text(
    referentie,
):
    # POH → praktijkondersteuner (huisarts): the huisarts who mentions a POH in passing matches
    # a word of that phrase in a field, and the word POH in the text; that is not being one.
    poh = ExpertFactory(naam="Carla Smit", beroepsgroep=Expert.Beroepsgroep.PRAKTIJKONDERSTEUNER)
    huisarts = ExpertFactory(
        naam="Dirk Mulder",
        beroepsgroep=Expert.Beroepsgroep.HUISARTS,
        toelichting="Voor leefstijlvragen verwijs ik door naar onze POH.",
    )
    assert namen("POH") == [poh.naam, huisarts.naam]
    # Bestaanszekerheid ↔ armoede, schulden: the area counts once, whichever of its words is
    # asked for, and more than every one of its synonyms in someone's text.
    gebied = ExpertFactory(naam="Eva Bakker", expertise=["Bestaanszekerheid"])
    tekst = ExpertFactory(
        naam="Fenna Dijk",
        toelichting="Bij armoede, schulden of schulddienstverlening verwijs ik door; "
        "bestaanszekerheid is niet mijn vak.",
    )
    for q in ["schulden", "armoede", "bestaanszekerheid"]:
        assert namen(q) == [gebied.naam, tekst.naam], q


def test_a_question_in_the_words_of_an_areas_description_finds_its_experts(referentie):
    participatie = ExpertFactory(naam="Carla Smit", expertise=["Participatie en co-creatie"])
    inwoners = ExpertFactory(
        naam="Dirk Mulder", toelichting="Ik informeer inwoners over de aanpak van de gemeente."
    )
    vraag = search.analyseer("hoe betrekken we inwoners bij de aanpak")
    assert dict(vraag.uitleg())["inwoners"] == ["Participatie en co-creatie"]
    assert namen("hoe betrekken we inwoners bij de aanpak") == [participatie.naam, inwoners.naam]
    # Words of the description are not typos of some other word: 'veerkracht' stays itself.
    mentaal = ExpertFactory(naam="Eva Bakker", expertise=["Mentale gezondheid"])
    ExpertFactory(naam="Gert Vakleerkracht", functie="Vakleerkracht gym")
    vraag = search.analyseer("psychisch welzijn en veerkracht")
    assert not any(b.verbeteringen for b in vraag.begrippen)
    assert namen("psychisch welzijn en veerkracht") == [mentaal.naam]
    # One word of a description is not enough: 'inwoners' is in three of them.
    assert dict(search.analyseer("inwoners").uitleg()) == {}


def test_a_place_of_more_than_one_word_is_one_begrip_with_or_without_hyphens(referentie):
    midden = ExpertFactory(naam="Carla Smit", gemeenten=["Midden-Drenthe"])
    ExpertFactory(
        naam="Dirk Mulder",
        organisatie=OrganisatieFactory(naam="GGD Drenthe"),
        toelichting="Ik sta midden in de wijk.",
        gemeenten=["Emmen"],
    )
    for q in ["Midden-Drenthe", "midden drenthe", "MIDDEN-drenthe"]:
        assert [b.invoer for b in search.analyseer(q).begrippen] == [("midden", "drenthe")], q
        assert namen(q) == [midden.naam], q
    aa = ExpertFactory(naam="Eva Bakker", gemeenten=["Aa en Hunze"])
    for q in ["Aa en Hunze", "aa-en-hunze"]:
        assert len(search.analyseer(q).begrippen) == 1, q
        assert namen(q) == [aa.naam], q


def test_working_in_a_place_ranks_above_mentioning_it(referentie):
    daar = ExpertFactory(
        naam="Carla Smit", beroepsgroep=Expert.Beroepsgroep.DIETIST, gemeenten=["De Wolden"]
    )
    woont_daar = ExpertFactory(
        naam="Anna Aalders",
        beroepsgroep=Expert.Beroepsgroep.DIETIST,
        gemeenten=["Emmen"],
        toelichting="Ik woon in De Wolden, maar mijn praktijk staat in Emmen.",
    )
    assert namen("diëtisten in De Wolden") == [daar.naam, woont_daar.naam]


def test_a_thesaurus_change_in_the_admin_works_at_once_without_reindexing():
    ExpertFactory(naam="Sanne Prins", toelichting="Specialist in valpreventie bij ouderen.")
    assert namen("vallen voorkomen") == []
    Thesaurusterm.objects.create(term="valpreventie", synoniemen="vallen voorkomen")
    assert namen("vallen voorkomen") == ["Sanne Prins"]


def test_a_term_also_finds_the_compound_words_that_contain_it():
    ExpertFactory(naam="Eva Ouderenzorg", toelichting="Ik werk in de ouderenzorg.")
    ExpertFactory(naam="Jan Jeugdzorg", toelichting="Ik werk in de jeugdzorg.")
    ExpertFactory(naam="Kees Zorg", toelichting="Zorg en welzijn voor jeugd en ouderen.")
    ExpertFactory(naam="Lisa Volwassen", toelichting="Voor volwassenen in Meppel.")
    assert set(namen("ouderen")) == {"Eva Ouderenzorg", "Kees Zorg"}
    assert set(namen("zorg")) == {"Eva Ouderenzorg", "Jan Jeugdzorg", "Kees Zorg"}
    # Both parts of a compound are words in their own right; 'volw' is not.
    assert "Lisa Volwassen" not in namen("assen")


def test_question_and_stop_words_are_ignored(referentie):
    emmen = ExpertFactory(naam="Carla Smit", expertise=["Gecombineerde leefstijlinterventie"])
    emmen.werkgebied.set(emmen.werkgebied.model.objects.filter(naam="Emmen"))
    assen = ExpertFactory(naam="Dirk Mulder", expertise=["Gecombineerde leefstijlinterventie"])
    assen.werkgebied.set(assen.werkgebied.model.objects.filter(naam="Assen"))
    vraag = search.analyseer("wie weet iets van GLI in Emmen")
    assert [b.invoer for b in vraag.begrippen] == [("gli",), ("emmen",)]
    assert namen("wie weet iets van GLI in Emmen")[0] == "Carla Smit"


def test_all_words_first_then_any_word_rather_than_nothing():
    beide = ExpertFactory(naam="Beide Woorden", toelichting="Wandelen en zwemmen voor ouderen.")
    een = ExpertFactory(naam="Een Woord", toelichting="Zwemmen voor kinderen.")
    resultaat = list(search.zoek(Expert.objects.all(), search.analyseer("wandelen zwemmen")))
    assert [e.naam for e in resultaat] == [beide.naam, een.naam]
    assert [e.alle for e in resultaat] == [True, False]
    assert namen("wandelen schaatsen") == [beide.naam]  # no one matches both: still a result


def test_when_nothing_is_found_the_search_suggests_a_spelling():
    ExpertFactory(naam="Bram Bakker", toelichting="Ervaren met valpreventie.")
    vraag = search.analyseer("valprevnetie")
    assert vraag.suggestie == "valpreventie"


def test_odd_input_never_breaks_the_tsquery():
    ExpertFactory(naam="Bram Bakker")
    # Input with nothing to search for is an empty search box: everyone, as when browsing.
    for q in ["'", "(((", "<->", "\\", "🙂", "a" * 60]:
        assert search.analyseer(q).begrippen == [], q
        assert namen(q) == ["Bram Bakker"], q
    # Words that match no one find no one, whatever operators surround them.
    for q in ["a & b | !c", "x:*", "DROP TABLE"]:
        assert namen(q) == [], q
    assert Expert.objects.count() == 1
