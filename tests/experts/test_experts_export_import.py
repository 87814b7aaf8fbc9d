"""Experts in and out as CSV: `importeer_experts`, the import in the admin, and the export of
the search results (experts:export), in the same format."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.csv_import import ImportRefused
from experts import uitwisseling
from experts.models import Expert, Expertisegebied, Organisatie
from tests.factories import ExpertFactory
from tests.markup import find_all, page_text

pytestmark = pytest.mark.django_db

HEADER = (
    "naam,email,telefoon,organisatie,functie,beroepsgroep,expertise,domeinen,werkgebied,"
    "beschikbaar_voor,toelichting"
)
GOED = [
    "Anna de Vries,Anna@Example.org,0591 123 456,GGD Drenthe,Jeugdverpleegkundige,"
    "JEUGDVERPLEEGKUNDIGE,Kansrijke Start;GLI,zorg;Publieke Gezondheid,Emmen;coevorden,"
    "advies;Training,Werkt met jonge gezinnen.",
    "Bram Bakker,bram@example.org,,Sportbedrijf Nieuwdorp,Buurtsportcoach,buurtsportcoach,"
    'Beweegmakelaars,Sport & bewegen,Heel Drenthe,,"Beweegt met iedereen, ook ouderen."',
]


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_a_file_is_imported_matching_lists_ignoring_case_and_accents(referentie):
    resultaat = uitwisseling.importeer(data=_csv(*GOED), bron="experts.csv")
    assert (resultaat.nieuw, resultaat.bijgewerkt) == (2, 0)
    assert resultaat.nieuwe_organisaties == ["Sportbedrijf Nieuwdorp"]
    assert resultaat.nieuwe_expertise == ["Beweegmakelaars"]
    anna = Expert.objects.get(email="anna@example.org")
    assert anna.organisatie.naam == "GGD Drenthe"
    assert anna.beroepsgroep == "jeugdverpleegkundige"
    assert sorted(g.naam for g in anna.expertisegebieden.all()) == [
        "Gecombineerde leefstijlinterventie",  # GLI, through the thesaurus
        "Kansrijke Start",
    ]
    assert sorted(d.naam for d in anna.domeinen.all()) == ["Publieke gezondheid", "Zorg"]
    assert sorted(g.naam for g in anna.werkgebied.all()) == ["Coevorden", "Emmen"]
    assert anna.beschikbaar_voor == ["advies", "training"]
    bram = Expert.objects.get(email="bram@example.org")
    assert (
        bram.werkgebied.count() == 12 and bram.toelichting == "Beweegt met iedereen, ook ouderen."
    )


def test_importing_again_updates_and_never_duplicates(referentie):
    uitwisseling.importeer(data=_csv(*GOED))
    gewijzigd = GOED[0].replace("Jeugdverpleegkundige,", "Jeugdarts,", 1)
    resultaat = uitwisseling.importeer(data=_csv(gewijzigd, GOED[1]))
    assert (resultaat.nieuw, resultaat.bijgewerkt) == (0, 2)
    assert Expert.objects.count() == 2
    assert Expert.objects.get(email="anna@example.org").functie == "Jeugdarts"
    assert resultaat.nieuwe_organisaties == [] and resultaat.nieuwe_expertise == []


def test_empty_fields_are_allowed_except_naam_and_email(referentie):
    uitwisseling.importeer(data=_csv("Carla Smit,carla@example.org,,,,,,,,,"))
    carla = Expert.objects.get(email="carla@example.org")
    assert (carla.beroepsgroep, carla.organisatie) == ("overig", None)


def test_every_error_is_named_by_line_and_nothing_is_written(referentie):
    regels = [
        GOED[0],
        ",leeg@example.org,,,,,,,,,",  # line 3: no name
        "Geen Mail,,,,,,,,,,",  # line 4: no e-mail
        "Fout Mail,geen-adres,,,,,,,,,",  # line 5
        "Onbekend,onbekend@example.org,,,,astronaut,,ruimtevaart,Atlantis,vliegen,",  # line 6
        "Dubbel,anna@example.org,,,,,,,,,",  # line 7: duplicate of line 2
        "Telefoon,tel@example.org,bel me <script>,,,,,,,,",  # line 8
        "Te kort,kort@example.org,,,,,,",  # line 9: too few fields
    ]
    with pytest.raises(ImportRefused) as refused:
        uitwisseling.importeer(data=_csv(*regels), bron="experts.csv")
    fouten = "\n".join(refused.value.errors)
    for verwacht in [
        # The rules of the profile form and the model, named by line and column:
        "experts.csv, regel 3: 'naam': Dit veld is verplicht.",
        "experts.csv, regel 4: 'email': Dit veld is verplicht.",
        "experts.csv, regel 5: 'email': Voer een geldig e-mailadres in.",
        "experts.csv, regel 6: onbekende beroepsgroep 'astronaut'",
        "experts.csv, regel 6: onbekende waarde 'ruimtevaart' in 'domeinen'",
        "experts.csv, regel 6: onbekende waarde 'Atlantis' in 'werkgebied'",
        "experts.csv, regel 6: onbekende waarde 'vliegen' in 'beschikbaar_voor'",
        "experts.csv, regel 7: e-mailadres anna@example.org staat er dubbel in (ook op regel 2)",
        "experts.csv, regel 8: 'telefoon': Gebruik alleen cijfers",
        "experts.csv, regel 9: verwacht 11 velden, gevonden 8",
    ]:
        assert verwacht in fouten, verwacht
    assert Expert.objects.count() == 0 and not Organisatie.objects.filter(naam="").exists()


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        (_csv(*GOED, header=HEADER.replace("telefoon,", "")), "ontbrekende kolommen: telefoon"),
        (_csv(*GOED, header=HEADER.replace("naam,email", "email,naam")), "andere volgorde"),
        ("naam\nAnna Één\n".encode("latin-1"), "geen UTF-8"),
        (b"", "leeg"),
    ],
)
def test_a_broken_file_is_refused_as_a_whole(referentie, data, fout):
    with pytest.raises(ImportRefused) as refused:
        uitwisseling.importeer(data=data)
    assert fout in "\n".join(refused.value.errors)
    assert Expert.objects.count() == 0


def test_the_command_reports_and_exits_non_zero_on_a_bad_file(referentie, tmp_path):
    goed = tmp_path / "goed.csv"
    goed.write_bytes(_csv(*GOED))
    out = StringIO()
    call_command("importeer_experts", str(goed), stdout=out)
    assert "2 experts nieuw, 0 bijgewerkt" in out.getvalue()
    assert "Nieuwe organisaties: Sportbedrijf Nieuwdorp" in out.getvalue()
    fout = tmp_path / "fout.csv"
    fout.write_bytes(_csv(",x@example.org,,,,,,,,,"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_experts", str(fout), stdout=StringIO(), stderr=err)
    assert "fout.csv, regel 2: 'naam': Dit veld is verplicht." in err.getvalue()
    with pytest.raises(CommandError):
        call_command("importeer_experts", str(tmp_path / "bestaat-niet.csv"))


def test_the_admin_imports_the_same_way(client, coordinator, referentie):
    client.force_login(coordinator)
    url = reverse("admin:experts_expert_importeren")
    assert client.get(url).status_code == 200
    r = client.post(url, {"bestand": SimpleUploadedFile("e.csv", _csv(",x@example.org,,,,,,,,,"))})
    assert r.status_code == 400
    assert "regel 2: 'naam': Dit veld is verplicht." in page_text(r)
    assert Expert.objects.count() == 0
    r = client.post(url, {"bestand": SimpleUploadedFile("e.csv", _csv(*GOED))})
    assert r.status_code == 302 and Expert.objects.count() == 2


def test_only_who_may_add_experts_imports_in_the_admin(client, stuurgroep):
    stuurgroep.is_staff = True
    stuurgroep.save()
    client.force_login(stuurgroep)
    r = client.post(
        reverse("admin:experts_expert_importeren"),
        {"bestand": SimpleUploadedFile("e.csv", _csv(*GOED))},
    )
    assert r.status_code == 403 and Expert.objects.count() == 0


def test_the_export_uses_the_import_format_and_round_trips(client, coordinator, referentie):
    uitwisseling.importeer(data=_csv(*GOED))
    ExpertFactory(naam="=HYPERLINK(1)", email="formule@example.org", toelichting="+31 6")
    client.force_login(coordinator)
    r = client.get(reverse("experts:export"))
    tekst = r.content.decode("utf-8")
    assert r["Content-Type"].startswith("text/csv")
    assert tekst.splitlines()[0] == HEADER
    assert "'=HYPERLINK(1)" in tekst and "'+31 6" in tekst  # formulas neutralised
    assert "Heel Drenthe" in tekst
    voor = {e.email: (e.naam, e.toelichting, e.werkgebied.count()) for e in Expert.objects.all()}
    resultaat = uitwisseling.importeer(data=r.content)
    assert (resultaat.nieuw, resultaat.bijgewerkt) == (0, 3)
    na = {e.email: (e.naam, e.toelichting, e.werkgebied.count()) for e in Expert.objects.all()}
    assert na == voor
    assert Expertisegebied.objects.filter(naam="Beweegmakelaars").count() == 1


def test_the_export_follows_the_search_filters(client, coordinator, referentie):
    uitwisseling.importeer(data=_csv(*GOED))
    client.force_login(coordinator)
    tekst = client.get(reverse("experts:export"), {"gemeente": "coevorden"}).content.decode()
    assert "anna@example.org" in tekst and "bram@example.org" in tekst
    tekst = client.get(reverse("experts:export"), {"beroep": "buurtsportcoach"}).content.decode()
    assert "anna@example.org" not in tekst and "bram@example.org" in tekst


def test_only_the_coordinator_exports_the_results(client, professional, coordinator):
    ExpertFactory(naam="Anna", email="anna@example.org")
    zoeken, export = reverse("experts:zoeken"), reverse("experts:export")

    def exportlinks():
        links = find_all(client.get(zoeken), "a")
        return [a for a in links if a.attrs.get("href", "").startswith(export)]

    client.force_login(professional)
    assert not exportlinks()
    r = client.get(export)
    assert r.status_code == 403 and "anna@example.org" not in r.content.decode()
    client.force_login(coordinator)
    assert [a.text for a in exportlinks()] == ["Deze resultaten exporteren als CSV"]
    r = client.get(export)
    assert r.status_code == 200 and "anna@example.org" in r.content.decode()
    assert r["Content-Disposition"] == 'attachment; filename="experts.csv"'


def test_anonymous_visitors_are_sent_to_login_for_the_export(client):
    ExpertFactory(email="anna@example.org")
    r = client.get(reverse("experts:export"))
    assert r.status_code == 302 and "/accounts/login/" in r.url
