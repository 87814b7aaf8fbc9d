"""The kennisbank's pages: adding a lesson with a file, finding it by a word in the file, new
versions, archiving, visibility and who may do what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from experts.models import Expert
from inspanningen.models import Inspanning
from kennis.models import Bestand, Kennisitem
from tests.factories import ExpertFactory, KennisitemFactory, UserFactory
from tests.kennis.bestanden import docx_met, minimale_pdf
from tests.markup import find_all, page_text

pytestmark = pytest.mark.django_db

NIEUW = reverse("kennis:nieuw")
LIJST = reverse("kennis:lijst")


def _formulier(**wijzigingen) -> dict:
    data = {
        "titel": "Vervoer bij de Beweegreis",
        "soort": "les",
        "samenvatting": "Kinderen uit de kleine kernen kwamen niet.",
        "datum": "2026-11-01",
        "zichtbaarheid": "netwerk",
        "bedoeling": "Elk kind laten bewegen.",
        "gebeurd": "De opkomst bleef laag.",
        "waarom": "Er was geen vervoer.",
        "volgende_keer": "Vervoer regelen met de gemeente.",
        "werkte_niet": "on",
        "inspanningen": [str(Inspanning.objects.get(nummer=5).pk)],
    }
    data.update(wijzigingen)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def auteur(referentie, professional):
    ExpertFactory(naam="Auteur Demo", email=professional.email, user=professional)
    return professional


def _voeg_toe(client, **wijzigingen):
    return client.post(NIEUW, _formulier(**wijzigingen))


def test_a_professional_adds_a_lesson_that_did_not_work_with_a_pdf(client, auteur):
    client.force_login(auteur)
    pdf = SimpleUploadedFile("evaluatie.pdf", minimale_pdf("Het busvervoer naar Hoogeveen ontbrak"))
    r = _voeg_toe(client, bestand=pdf)
    item = Kennisitem.objects.get()
    assert r.status_code == 302 and r["Location"] == item.get_absolute_url()
    assert item.werkte_niet and item.is_les
    assert item.eigenaar == Expert.objects.get(user=auteur)
    assert item.aangemaakt_door == auteur
    assert [i.nummer for i in item.inspanningen.all()] == [5]
    [bestand] = Bestand.objects.filter(item=item)
    assert bestand.versie == 1 and bestand.mime == "application/pdf"
    assert "busvervoer" in bestand.tekst and bestand.door == auteur
    assert item.history.count() == 1
    tekst = page_text(client.get(item.get_absolute_url()))
    assert "Werkte niet" in tekst and "Er was geen vervoer." in tekst and "evaluatie.pdf" in tekst


def test_a_colleague_finds_it_by_a_word_only_in_the_pdf(client, auteur, stuurgroep):
    client.force_login(auteur)
    _voeg_toe(client, bestand=SimpleUploadedFile("e.pdf", minimale_pdf("Het busvervoer ontbrak")))
    client.force_login(stuurgroep)
    r = client.get(LIJST, {"q": "busvervoer"})
    [hit] = find_all(r, "li", cls="gg-hit")
    assert "Vervoer bij de Beweegreis" in hit.text
    assert "Gevonden in: bestand" in hit.text
    # the same analysis as the expert search: a typo and a question around it
    assert "Vervoer bij de Beweegreis" in page_text(
        client.get(LIJST, {"q": "wie weet iets van busvervoor"})
    )
    # and where else it matched: the title
    [hit] = find_all(client.get(LIJST, {"q": "vervoer"}), "li", cls="gg-hit")
    assert "titel" in hit.text


def test_lessons_that_did_not_work_can_be_filtered_per_inspanning(client, auteur):
    client.force_login(auteur)
    _voeg_toe(client)
    _voeg_toe(client, titel="Beweegmaatjes werkten goed", werkte_niet=None)
    _voeg_toe(
        client, titel="Schoolkantine", inspanningen=[str(Inspanning.objects.get(nummer=2).pk)]
    )
    r = client.get(LIJST, {"inspanning": "5", "werkte_niet": "ja"})
    titels = [h.text for h in find_all(r, "h3", cls="gg-hit__naam")]
    assert titels == ["Vervoer bij de Beweegreis"]
    r = client.get(LIJST, {"inspanning": "5"})
    assert len(find_all(r, "li", cls="gg-hit")) == 2


def test_a_new_version_keeps_the_old_one_with_who_when_and_why(client, auteur):
    client.force_login(auteur)
    _voeg_toe(client, bestand=SimpleUploadedFile("v1.docx", docx_met("eerste versie")))
    item = Kennisitem.objects.get()
    bewerken = reverse("kennis:bewerken", args=[item.slug])
    data = _formulier(bestand=SimpleUploadedFile("v2.docx", docx_met("tweede versie")))
    r = client.post(bewerken, data)
    assert r.status_code == 400 and "Schrijf kort waarom" in page_text(r)
    assert item.bestanden.count() == 1
    data = _formulier(
        bestand=SimpleUploadedFile("v2.docx", docx_met("tweede versie")), reden="cijfers 2026"
    )
    assert client.post(bewerken, data).status_code == 302
    nieuw, oud = item.bestanden.order_by("-versie")
    assert (nieuw.versie, nieuw.reden, nieuw.door) == (2, "cijfers 2026", auteur)
    assert oud.naam == "v1.docx"
    assert (
        item.history.first().history_change_reason == "nieuwe versie van het bestand: cijfers 2026"
    )
    # the item's link is always the newest version; each version keeps its own
    assert b"".join(
        client.get(reverse("kennis:bestand", args=[item.slug])).streaming_content
    ) == bytes(nieuw.inhoud)
    r = client.get(reverse("kennis:bestand_versie", args=[item.slug, 1]))
    assert r["Content-Disposition"] == 'attachment; filename="v1.docx"'
    assert (
        r["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert b"".join(r.streaming_content) == bytes(oud.inhoud)
    # the search reads the newest file
    assert "Vervoer bij" in page_text(client.get(LIJST, {"q": "tweede"}))
    assert "Vervoer bij" not in page_text(client.get(LIJST, {"q": "eerste"}))


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"bestand": SimpleUploadedFile("nep.pdf", b"%PDX geen pdf")}, "gekeken naar de inhoud"),
        (
            {"inhoud": "<script>alert(1)</script>", "link": "javascript:alert(1)"},
            "http:// of https://",
        ),
        ({"link": "ftp://example.org/bestand"}, "http:// of https://"),
        ({"soort": "landelijke_bron", "link": ""}, "Een landelijke bron heeft een link"),
        ({"datum": "31-02-2026"}, "geldige datum"),
        ({"titel": ""}, "Dit veld is verplicht"),
        ({"personen": "niemand@example.org"}, "Niemand in Wie weet wat heeft dit e-mailadres"),
        (
            {
                "link": "https://example.org/",
                "bestand": SimpleUploadedFile("a.pdf", minimale_pdf("x")),
            },
            "óf een link",
        ),
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(client, auteur, wijziging, melding):
    client.force_login(auteur)
    r = _voeg_toe(client, **wijziging)
    assert r.status_code == 400
    assert melding in page_text(r)
    assert not Kennisitem.objects.exists() and not Bestand.objects.exists()


def test_an_item_cannot_be_linked_to_an_archived_inspanning(client, auteur):
    Inspanning.objects.filter(nummer=5).update(gearchiveerd=True)
    client.force_login(auteur)
    r = _voeg_toe(client)
    assert r.status_code == 400 and "is gearchiveerd; koppel het item" in page_text(r)
    assert not Kennisitem.objects.exists()


def test_a_21_mb_upload_is_refused_with_a_message_and_nothing_stored(client, auteur):
    client.force_login(auteur)
    groot = SimpleUploadedFile("groot.pdf", minimale_pdf("x") + b"\0" * (21 * 2**20))
    r = _voeg_toe(client, bestand=groot)
    assert r.status_code == 400 and "groter dan 20 MB" in page_text(r)
    assert not Kennisitem.objects.exists()


def test_markdown_in_the_body_is_rendered_safely(client, auteur):
    client.force_login(auteur)
    _voeg_toe(client, inhoud="**Vet** <script>alert(1)</script> [x](javascript:alert(1))")
    html = client.get(Kennisitem.objects.get().get_absolute_url()).content.decode()
    assert "<strong>Vet</strong>" in html
    assert "<script>alert(1)</script>" not in html and 'href="javascript' not in html


def test_visitors_see_public_items_only_and_their_files(client, referentie):
    openbaar = KennisitemFactory(titel="Openbare les", zichtbaarheid="openbaar")
    netwerk = KennisitemFactory(titel="Netwerkles")
    Bestand.objects.create(
        item=netwerk,
        versie=1,
        naam="a.pdf",
        mime="application/pdf",
        grootte=3,
        sha256="",
        inhoud=b"abc",
        tekststatus="geen",
    )
    tekst = page_text(client.get(LIJST))
    assert "Openbare les" in tekst and "Netwerkles" not in tekst
    assert client.get(openbaar.get_absolute_url()).status_code == 200
    assert client.get(netwerk.get_absolute_url()).status_code == 302  # to the login
    r = client.get(reverse("kennis:bestand", args=[netwerk.slug]))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_an_archived_item_leaves_search_but_its_link_says_what_replaced_it(
    client, auteur, coordinator
):
    oud = KennisitemFactory(
        titel="Oude aanpak beweegreis", eigenaar=Expert.objects.get(user=auteur)
    )
    nieuw = KennisitemFactory(titel="Nieuwe aanpak beweegreis")
    client.force_login(auteur)
    archiveren = reverse("kennis:archiveren", args=[oud.slug])
    r = client.post(
        archiveren,
        {"reden": "vervangen", "vervangen_door": "https://elders.nl/kennis/bestaat-niet/"},
    )
    assert r.status_code == 400 and "Geen actueel kennisitem" in page_text(r)
    oud.refresh_from_db()
    assert not oud.is_gearchiveerd
    r = client.post(
        archiveren,
        {"reden": "vervangen", "vervangen_door": f"http://testserver{nieuw.get_absolute_url()}"},
    )
    assert r.status_code == 302
    oud.refresh_from_db()
    assert oud.is_gearchiveerd and oud.vervangen_door == nieuw
    assert oud.history.first().history_change_reason == "gearchiveerd: vervangen"
    tekst = page_text(client.get(LIJST, {"q": "aanpak beweegreis"}))
    assert "Nieuwe aanpak" in tekst and "Oude aanpak" not in tekst
    tekst = page_text(client.get(oud.get_absolute_url()))
    assert "Gearchiveerd op" in tekst and "vervangen door: Nieuwe aanpak beweegreis" in tekst


def test_who_may_edit_and_archive(client, referentie, auteur, stuurgroep, coordinator):
    eigen = KennisitemFactory(eigenaar=Expert.objects.get(user=auteur))
    bij_inspanning = KennisitemFactory(inspanningen=[Inspanning.objects.get(nummer=3)])
    los = KennisitemFactory()
    collega = UserFactory(roles=["Professional"])

    def status(user, item, naam="kennis:bewerken"):
        client.force_login(user)
        return client.get(reverse(naam, args=[item.slug])).status_code

    assert status(auteur, eigen) == 200 and status(auteur, eigen, "kennis:archiveren") == 200
    assert status(collega, eigen) == 403 and status(collega, eigen, "kennis:archiveren") == 403
    assert status(stuurgroep, bij_inspanning) == 200 and status(stuurgroep, los) == 403
    assert status(stuurgroep, bij_inspanning, "kennis:archiveren") == 403
    assert status(coordinator, los) == 200 and status(coordinator, los, "kennis:archiveren") == 200
    # a POST is refused the same way, and changes nothing
    client.force_login(collega)
    r = client.post(reverse("kennis:bewerken", args=[eigen.slug]), _formulier(titel="Gekaapt"))
    assert r.status_code == 403
    eigen.refresh_from_db()
    assert eigen.titel != "Gekaapt"


def test_klopt_nog_confirms_an_item_its_owner_was_asked_about(client, auteur):
    from datetime import timedelta

    from django.utils import timezone

    oud = timezone.now() - timedelta(days=400)
    item = KennisitemFactory(eigenaar=Expert.objects.get(user=auteur), laatst_bevestigd_op=oud)
    client.force_login(auteur)
    assert "Mogelijk verouderd" in page_text(client.get(item.get_absolute_url()))
    assert "1 kennisitem van u is een jaar niet nagekeken." in page_text(client.get("/"))
    r = client.get(LIJST, {"van": "mij", "actualiteit": "verouderd"})
    assert [h.text for h in find_all(r, "h3", cls="gg-hit__naam")] == [item.titel]
    client.post(reverse("kennis:bevestigen", args=[item.slug]))
    item.refresh_from_db()
    assert not item.is_verouderd
    assert item.history.first().history_change_reason == "klopt nog"


def test_a_form_that_comes_back_keeps_a_dutch_date_and_says_to_choose_the_file_again(
    client, auteur
):
    client.force_login(auteur)
    pdf = SimpleUploadedFile("les.pdf", minimale_pdf("tekst"))
    r = _voeg_toe(client, titel="", datum="31-12-2026", link="javascript:alert(1)", bestand=pdf)
    assert r.status_code == 400
    [datum] = find_all(r, "input", name="datum")
    assert datum.attrs["value"] == "2026-12-31"
    tekst = page_text(r)
    assert "U had het bestand ‘les.pdf’ gekozen" in tekst and "kies het opnieuw" in tekst
    # each error once in the summary and once at its field
    assert tekst.count("Geef een webadres dat begint met http:// of https://.") == 2


def test_a_search_for_werkte_niet_finds_the_lessons_that_did_not_work(client, auteur):
    client.force_login(auteur)
    _voeg_toe(client)
    _voeg_toe(client, titel="Beweegmaatjes", werkte_niet=None)  # "niet" in its summary only
    assert _titels(client, "werkte niet")[0] == "Vervoer bij de Beweegreis"


def _titels(client, q):
    return [h.text for h in find_all(client.get(LIJST, {"q": q}), "h3", cls="gg-hit__naam")]


def test_klopt_nog_is_offered_only_for_an_item_that_may_be_out_of_date(client, auteur):
    item = KennisitemFactory(eigenaar=Expert.objects.get(user=auteur))
    client.force_login(auteur)
    assert "Klopt nog" not in page_text(client.get(item.get_absolute_url()))


def test_an_archived_item_says_why(client, auteur):
    item = KennisitemFactory(eigenaar=Expert.objects.get(user=auteur))
    client.force_login(auteur)
    client.post(reverse("kennis:archiveren", args=[item.slug]), {"reden": "dubbel met een ander"})
    assert "Reden: dubbel met een ander." in page_text(client.get(item.get_absolute_url()))


def test_a_national_source_with_its_links_and_the_filters_that_find_it(client, auteur):
    from experts.models import Expertisegebied, Organisatie
    from inspanningen.models import Aanbeveling

    collega = ExpertFactory(naam="Collega Contact", email="collega@example.org")
    thema = Expertisegebied.objects.order_by("naam").first()
    organisatie = Organisatie.objects.order_by("naam").first()
    aanbeveling = Aanbeveling.objects.get(nummer=2)
    client.force_login(auteur)
    r = _voeg_toe(
        client,
        titel="Interventie Beweegkuur",
        soort="landelijke_bron",
        link="https://www.loketgezondleven.nl/interventies/beweegkuur",
        erkenning="goede_aanwijzingen",
        erkenning_gecontroleerd_op="2026-10-01",
        aanbevelingen=[str(aanbeveling.pk)],
        themas=[str(thema.pk)],
        organisaties=[str(organisatie.pk)],
        personen="collega@example.org",
        bedoeling="wordt weggelaten: geen les",
    )
    assert r.status_code == 302
    item = Kennisitem.objects.get(titel="Interventie Beweegkuur")
    assert (
        item.erkenning == "goede_aanwijzingen"
        and str(item.erkenning_gecontroleerd_op) == "2026-10-01"
    )
    assert item.bedoeling == "" and not item.werkte_niet  # a lesson's questions are for a lesson
    assert list(item.experts.all()) == [collega]
    tekst = page_text(client.get(item.get_absolute_url()))
    assert (
        "Effectief volgens goede aanwijzingen" in tekst
        and "gecontroleerd op 1 oktober 2026" in tekst
    )
    assert "Collega Contact" in tekst and thema.naam in tekst and organisatie.naam in tekst
    for filters in (
        {"soort": "landelijke_bron"},
        {"aanbeveling": "2"},
        {"thema": thema.slug},
        {"organisatie": organisatie.slug},
    ):
        r = client.get(LIJST, filters)
        assert [h.text for h in find_all(r, "h3", cls="gg-hit__naam")] == [
            "Interventie Beweegkuur"
        ], filters
    r = client.get(LIJST, {"aanbeveling": "3"})
    assert not find_all(r, "h3", cls="gg-hit__naam")
