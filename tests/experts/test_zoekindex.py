"""The search documents and the vocabulary (experts.search's index): stored with a GIN index that
the search uses, kept current when an expert, organisation or expertise area changes, and
rebuilt by `herbouw_zoekindex`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from experts import search
from experts.models import Expert, Expertisegebied, Organisatie, Thesaurusterm, Zoekwoord
from tests.factories import ExpertFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def namen(q: str) -> list[str]:
    return [e.naam for e in search.zoek(Expert.objects.all(), search.analyseer(q))]


def test_search_documents_are_stored_with_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'experts_expert' "
            "AND indexdef LIKE '%%gin%%zoekvector%%'"
        )
        assert cursor.fetchall()


def test_search_uses_the_gin_index_rather_than_a_sequential_scan():
    vulling = Expert.objects.bulk_create(
        [
            Expert(
                naam=f"Vul Expert {n}",
                slug=f"vul-{n}",
                email=f"vul{n}@example.org",
                toelichting=f"Diëtist en leefstijlcoach, profiel {n}.",
            )
            for n in range(3000)
        ]
    )
    search.bijwerken(e.pk for e in vulling)
    ExpertFactory(naam="Bram Bakker", toelichting="Buurtsportcoach in Emmen.")
    with connection.cursor() as cursor:
        # What autovacuum does in production: move new entries from GIN's pending list into
        # the index proper, and update the planner's statistics.
        cursor.execute("SELECT gin_clean_pending_list('expert_zoekvector_gin')")
        cursor.execute("ANALYZE experts_expert")
    qs = search.zoek(Expert.objects.all(), search.analyseer("buurtsportcoach"))
    plan = qs.explain()
    assert "expert_zoekvector_gin" in plan and "Seq Scan on experts_expert" not in plan


def test_documents_follow_changes_to_the_expert_organisation_and_expertise():
    org = OrganisatieFactory(naam="Sportbedrijf Noord")
    gebied = Expertisegebied.objects.create(naam="Valpreventie")
    expert = ExpertFactory(naam="Bram Bakker", organisatie=org)
    expert.expertisegebieden.add(gebied)
    assert namen("valpreventie") == ["Bram Bakker"]

    expert.functie = "Zwemcoach"
    expert.save()
    assert namen("zwemcoach") == ["Bram Bakker"]

    org.naam = "Beweegbedrijf Zuid"
    org.save()
    assert namen("beweegbedrijf") == ["Bram Bakker"] and namen("sportbedrijf") == []

    gebied.synoniemen = "vallen voorkomen"
    gebied.save()
    assert namen("voorkomen") == ["Bram Bakker"]

    gebied.delete()
    assert namen("valpreventie") == []
    Organisatie.objects.filter(pk=org.pk).get().delete()
    assert namen("beweegbedrijf") == []


def test_a_phrase_matches_across_a_hyphen_in_the_document():
    # The document is cut into words as the query is: 'School-aanpak' is 'school aanpak'.
    expert = ExpertFactory(
        naam="Bram Bakker", toelichting="Coördinator van de Drentse Gezonde School-aanpak."
    )
    Thesaurusterm.objects.create(term="DGSA", synoniemen="Drentse Gezonde School-aanpak")
    assert namen("DGSA") == [expert.naam]


def test_the_command_rebuilds_every_document_and_the_vocabulary():
    expert = ExpertFactory(naam="Bram Bakker", toelichting="Valpreventie.")
    Expert.objects.filter(pk=expert.pk).update(zoekvector=None)
    Zoekwoord.objects.all().delete()
    assert namen("valpreventie") == []
    call_command("herbouw_zoekindex", stdout=(out := StringIO()))
    assert namen("valpreventie") == ["Bram Bakker"]
    assert Zoekwoord.objects.filter(woord="valpreventie").exists()
    assert "1 experts" in out.getvalue()
