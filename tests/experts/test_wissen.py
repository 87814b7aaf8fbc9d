"""Erasure is complete: after 'Verwijder mijn profiel', no word unique to the profile is
suggested, found or stored anywhere, and the vocabulary holds only words of live profiles."""

import pytest
from django.db import connection
from django.urls import reverse

from experts import search
from experts.models import Expert, Zoekwoord
from tests.conftest import recent_ingelogd
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

UNIEK = "zwartjesveld"  # the surname; it is in the name and in the note, nowhere else
NOTITIE = "Ik ken de wijk Kloosterveen en de dorpen rond Zwartjesveld als mijn broekzak."


def _overal(woord: str) -> list[str]:
    """Every column of every table of the database that holds the word anywhere, as text."""
    gevonden = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = 'public'
               AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'tsvector')
            """
        )
        for tabel, kolom in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{tabel}" WHERE "{kolom}"::text ILIKE %s',  # noqa: S608
                [f"%{woord}%"],
            )
            if cursor.fetchone()[0]:
                gevonden.append(f"{tabel}.{kolom}")
    return gevonden


def _gevonden(vraag: str) -> list[Expert]:
    return list(search.zoek(Expert.objects.all(), search.analyseer(vraag)))


def test_deleting_a_profile_leaves_no_word_of_it_anywhere(client):
    ExpertFactory(naam="Bram Bakker", toelichting="Buurtsportcoach in Kloosterveen.")
    user = UserFactory(naam="")  # signed up without a name; the profile has it
    client.force_login(user)
    r = client.post(
        reverse("experts:mijn_profiel"),
        {
            "naam": "Jannie Zwartjesveld",
            "email": user.email,
            "beroepsgroep": "dietist",
            "toelichting": NOTITIE,
            "zichtbaarheid": "netwerk",
        },
    )
    assert r.status_code == 302
    expert = Expert.objects.get(user=user)
    # Before: searchable, in the vocabulary, suggested for a typo, and in the history.
    assert _gevonden(UNIEK) == [expert]
    assert Zoekwoord.objects.filter(woord=UNIEK).exists()
    assert search.analyseer("zwartjesvelt").suggestie == UNIEK
    assert "experts_historicalexpert.naam" in _overal(UNIEK)

    recent_ingelogd(client, user)
    assert client.post(reverse("experts:verwijderen")).status_code == 302

    assert _overal(UNIEK) == []  # documents, vocabulary, word lists, history: nothing
    assert _gevonden(UNIEK) == []
    assert search.analyseer("zwartjesvelt").suggestie == ""
    expert.refresh_from_db()
    assert search.fragmenten([expert], search.analyseer(UNIEK)) == {}
    # What the profile shared with a live one stays: Bram still lives in Kloosterveen.
    assert Zoekwoord.objects.get(woord="kloosterveen").aantal == 1
    assert [e.naam for e in _gevonden("kloosterveen")] == ["Bram Bakker"]


def test_a_word_removed_from_a_note_leaves_the_vocabulary():
    expert = ExpertFactory(toelichting="Ervaring met de Beweegreis en met Kansrijke Start.")
    assert Zoekwoord.objects.filter(woord="beweegreis").exists()
    expert.toelichting = "Ervaring met Kansrijke Start."
    expert.save()
    assert not Zoekwoord.objects.filter(woord="beweegreis").exists()
    assert Zoekwoord.objects.get(woord="kansrijke").aantal == 1


def test_the_vocabulary_counts_the_profiles_that_hold_a_word():
    a = ExpertFactory(toelichting="Beweegreis")
    b = ExpertFactory(toelichting="Beweegreis en JOGG")
    assert Zoekwoord.objects.get(woord="beweegreis").aantal == 2
    a.delete()
    assert Zoekwoord.objects.get(woord="beweegreis").aantal == 1
    b.toelichting = "JOGG"
    b.save()
    assert not Zoekwoord.objects.filter(woord="beweegreis").exists()


def test_a_rebuild_gives_the_same_counts_as_the_running_tally():
    for n in range(5):
        ExpertFactory(toelichting=f"Beweegreis {'en JOGG ' * n}in Emmen", expertise=["GLI"])
    Expert.objects.first().delete()
    lopend = dict(Zoekwoord.objects.values_list("woord", "aantal"))
    search.herbouw()
    assert dict(Zoekwoord.objects.values_list("woord", "aantal")) == lopend
    assert all(n > 0 for n in lopend.values())


def test_deleting_a_profile_in_the_admin_anonymises_it_too(client, superuser):
    from tests.conftest import recent_ingelogd

    expert = ExpertFactory(naam="Jannie Zwartjesveld", toelichting=NOTITIE)
    recent_ingelogd(client, superuser)
    pagina = client.get(reverse("admin:experts_expert_delete", args=[expert.pk]))
    assert (
        "Verwijderen maakt het profiel van Jannie Zwartjesveld anoniem" in pagina.content.decode()
    )
    r = client.post(
        reverse("admin:experts_expert_delete", args=[expert.pk]), {"post": "yes"}, follow=True
    )
    assert "is anoniem gemaakt" in r.content.decode()
    expert.refresh_from_db()  # still there, as 'Vertrokken expert'
    assert expert.naam == "Vertrokken expert" and expert.geanonimiseerd_op is not None
    assert _overal(UNIEK) == []


def test_after_migrate_an_empty_vocabulary_is_rebuilt(db):
    from django.core.management import call_command

    ExpertFactory(toelichting="Beweegreis")
    Zoekwoord.objects.all().delete()  # as experts/migrations/0005 leaves it
    call_command("migrate", verbosity=0)
    assert Zoekwoord.objects.get(woord="beweegreis").aantal == 1
