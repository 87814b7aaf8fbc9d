"""A finalised round is never changed: the model layer refuses with a clear Dutch message, and
triggers in the database refuse whatever gets past the ORM (inspanningen/migrations/0006)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from inspanningen import services
from inspanningen.models import Ronde, RondeVastgesteld, Score
from tests.conftest import MET_OPEN_CELLEN
from tests.markup import find_all

pytestmark = pytest.mark.django_db


class TestAFinalisedRoundCannotBeChanged:
    def test_not_through_save(self, referentie):
        score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=5, aanbeveling__nummer=1)
        score.niveau = "nauwelijks"
        with pytest.raises(RondeVastgesteld):
            score.save()
        assert Score.objects.get(pk=score.pk).niveau == "sterk"

    def test_not_through_queryset_update(self, referentie):
        with pytest.raises(RondeVastgesteld):
            Score.objects.filter(ronde__jaar=2025).update(niveau="nauwelijks")
        with pytest.raises(RondeVastgesteld):
            Score.objects.all().update(toelichting="weg")
        with pytest.raises(RondeVastgesteld):
            Ronde.objects.filter(jaar=2025).update(titel="Andere titel")
        assert not Score.objects.filter(
            niveau="nauwelijks", ronde__jaar=2025, inspanning__nummer=5
        ).exists()

    def test_not_through_bulk_update_bulk_create_or_delete(self, referentie):
        scores = list(Score.objects.filter(ronde__jaar=2025)[:2])
        for s in scores:
            s.toelichting = "weg"
        with pytest.raises(RondeVastgesteld):
            Score.objects.bulk_update(scores, ["toelichting"])
        with pytest.raises(RondeVastgesteld):
            Score.objects.bulk_create(
                [
                    Score(
                        ronde=scores[0].ronde,
                        inspanning=scores[0].inspanning,
                        aanbeveling=scores[0].aanbeveling,
                    )
                ]
            )
        with pytest.raises(RondeVastgesteld):
            Score.objects.filter(ronde__jaar=2025).delete()
        with pytest.raises(RondeVastgesteld):
            scores[0].delete()
        with pytest.raises(RondeVastgesteld):
            Ronde.objects.get(jaar=2025).delete()
        assert Score.objects.filter(ronde__jaar=2025, toelichting="weg").count() == 0
        assert Score.objects.filter(ronde__jaar=2025).count() == 55

    def test_not_by_moving_a_score_into_it(self, ronde_2026):
        score = Score.objects.filter(ronde__jaar=2026).first()
        with pytest.raises(RondeVastgesteld):
            Score.objects.filter(pk=score.pk).update(ronde=Ronde.objects.get(jaar=2025))
        assert Score.objects.get(pk=score.pk).ronde.jaar == 2026
        assert Score.objects.filter(ronde__jaar=2025).count() == 55

    def test_not_by_saving_the_round_without_reopening(self, referentie):
        ronde = Ronde.objects.get(jaar=2025)
        titel = ronde.titel
        ronde.titel = "Stiekem gewijzigd"
        with pytest.raises(RondeVastgesteld):
            ronde.save()
        ronde.status = "open"
        with pytest.raises(RondeVastgesteld):
            ronde.save()  # reopening without a reason
        ronde.refresh_from_db()
        assert (ronde.status, ronde.titel) == ("vastgesteld", titel)

    def test_not_through_the_admin(self, client, superuser, referentie):
        client.force_login(superuser)
        ronde = Ronde.objects.get(jaar=2025)
        score = ronde.scores.get(inspanning__nummer=5, aanbeveling__nummer=1)
        r = client.post(
            reverse("admin:inspanningen_score_change", args=[score.pk]),
            {
                "niveau": "nauwelijks",
                "toelichting": "x",
                "beoordelingsstatus": "gewijzigd",
                "ronde": ronde.pk,
                "inspanning": score.inspanning_id,
                "aanbeveling": score.aanbeveling_id,
            },
        )
        assert r.status_code == 403
        r = client.get(reverse("admin:inspanningen_ronde_change", args=[ronde.pk]))
        assert r.status_code == 200 and not find_all(r, name="titel")  # read-only view
        assert (
            client.post(
                reverse("admin:inspanningen_ronde_delete", args=[ronde.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert Score.objects.get(pk=score.pk).niveau == "sterk"

    def test_not_by_restoring_an_old_version_from_its_history(self, client, superuser, referentie):
        client.force_login(superuser)
        score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=5, aanbeveling__nummer=1)
        versie = score.history.first()
        url = reverse("admin:inspanningen_score_simple_history", args=[score.pk, versie.history_id])
        assert client.get(url).status_code == 200  # reading the version is fine
        r = client.post(url, {"niveau": "nauwelijks", "toelichting": "terug"})
        assert r.status_code == 403
        assert Score.objects.get(pk=score.pk).niveau == "sterk"

    def test_an_open_round_can_be_changed(self, ronde_2026):
        Score.objects.filter(ronde__jaar=2026, inspanning__nummer=5).update(toelichting="Mag")
        assert Score.objects.filter(ronde__jaar=2026, toelichting="Mag").count() == 5


def _stand_2025():
    return sorted(
        Score.objects.filter(ronde__jaar=2025).values_list("pk", "niveau", "toelichting", "versie")
    )


class TestTheDatabaseItselfRefuses:
    """Past every ORM rule: the base manager, and raw SQL."""

    def _geweigerd(self, actie):
        with pytest.raises(IntegrityError, match="vastgesteld"), transaction.atomic():
            actie()

    def test_an_update_through_the_base_manager(self, referentie):
        voor = _stand_2025()
        self._geweigerd(
            lambda: Score._base_manager.filter(ronde__jaar=2025).update(niveau="nauwelijks")
        )
        self._geweigerd(lambda: Ronde._base_manager.filter(jaar=2025).update(titel="Anders"))
        assert _stand_2025() == voor
        assert Ronde.objects.get(jaar=2025).titel != "Anders"

    def test_a_delete_through_the_base_manager(self, referentie):
        self._geweigerd(lambda: Score._base_manager.filter(ronde__jaar=2025).delete())
        self._geweigerd(lambda: Ronde._base_manager.filter(jaar=2025).delete())
        assert Score.objects.filter(ronde__jaar=2025).count() == 55

    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE inspanningen_score SET niveau = 'nauwelijks' "
            "WHERE ronde_id = (SELECT id FROM inspanningen_ronde WHERE jaar = 2025)",
            "DELETE FROM inspanningen_score "
            "WHERE ronde_id = (SELECT id FROM inspanningen_ronde WHERE jaar = 2025)",
            "INSERT INTO inspanningen_score "
            "(ronde_id, inspanning_id, aanbeveling_id, niveau, toelichting, beoordelingsstatus, "
            "versie, bijgewerkt_op) SELECT r.id, i.id, a.id, 'sterk', '', 'gewijzigd', 1, now() "
            "FROM inspanningen_ronde r, inspanningen_inspanning i, inspanningen_aanbeveling a "
            "WHERE r.jaar = 2025 AND i.nummer = 1 AND a.nummer = 1",
            "UPDATE inspanningen_ronde SET titel = 'Anders' WHERE jaar = 2025",
            "UPDATE inspanningen_ronde SET status = 'concept' WHERE jaar = 2025",
            "DELETE FROM inspanningen_ronde WHERE jaar = 2025",
        ],
    )
    def test_raw_sql(self, referentie, sql):
        voor = (_stand_2025(), list(Ronde.objects.values_list("jaar", "status", "titel")))

        def uitvoeren():
            with connection.cursor() as cursor:
                cursor.execute(sql)

        self._geweigerd(uitvoeren)
        assert (_stand_2025(), list(Ronde.objects.values_list("jaar", "status", "titel"))) == voor

    def test_moving_a_score_into_a_finalised_round(self, ronde_2026):
        score = Score.objects.filter(ronde__jaar=2026).first()
        ronde_2025 = Ronde.objects.get(jaar=2025)
        self._geweigerd(
            lambda: Score._base_manager.filter(pk=score.pk).update(ronde_id=ronde_2025.pk)
        )
        assert Score.objects.get(pk=score.pk).ronde.jaar == 2026

    def test_reopening_is_the_one_way_out(self, coordinator, ronde_2026):
        services.wijzig_status(
            ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
        )
        services.wijzig_status(ronde=ronde_2026, actie="heropenen", door=coordinator, reden="Fout")
        Score._base_manager.filter(ronde=ronde_2026).update(toelichting="Na heropenen")
        assert Score.objects.filter(ronde=ronde_2026, toelichting="Na heropenen").count() == 55

    def test_reopening_may_change_nothing_else(self, referentie):
        self._geweigerd(
            lambda: Ronde._base_manager.filter(jaar=2025).update(status="open", titel="Anders")
        )
        assert Ronde.objects.get(jaar=2025).status == "vastgesteld"

    def test_open_rounds_are_not_guarded(self, ronde_2026):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE inspanningen_score SET toelichting = 'Mag' WHERE ronde_id = %s",
                [ronde_2026.pk],
            )
        assert Score.objects.filter(ronde=ronde_2026, toelichting="Mag").count() == 55

    def test_not_even_who_finalised_it_can_be_erased(self, coordinator, ronde_2026):
        """Who finalised a round and who last changed a score stay in the record: the foreign
        keys PROTECT them (deleting the account anonymises it, tests/accounts), and the
        triggers refuse clearing them by SQL."""
        services.wijzig_status(
            ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
        )
        self._geweigerd(
            lambda: Ronde._base_manager.filter(pk=ronde_2026.pk).update(vastgesteld_door=None)
        )
        self._geweigerd(
            lambda: Score._base_manager.filter(ronde=ronde_2026).update(bijgewerkt_door=None)
        )
        ronde = Ronde.objects.get(pk=ronde_2026.pk)
        assert ronde.vastgesteld_door == coordinator
        assert not Score.objects.filter(ronde=ronde, bijgewerkt_door__isnull=True).exists()
