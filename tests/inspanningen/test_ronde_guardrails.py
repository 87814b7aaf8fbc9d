"""The yearly round without accidents: starting a round while another is unfinished needs an
explicit confirmation that names that round; a concept nobody worked in can be deleted (and
the history keeps who did it); nothing else can."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from core.exceptions import ActionRefused
from inspanningen import services
from inspanningen.models import Ronde, Score
from tests.conftest import MET_OPEN_CELLEN, in_draad, nog_een_ronde
from tests.klok import VANDAAG
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db

URL = reverse("inspanningen:ronde_nieuw")
RONDES = reverse("inspanningen:rondes")


def _verwijder_url(jaar):
    return reverse("inspanningen:ronde_verwijderen", args=[jaar])


def _jaren():
    return list(Ronde.objects.order_by("jaar").values_list("jaar", flat=True))


def _bevestiging(r) -> dict:
    """What the confirmation page's own form sends back: its hidden fields, as they are."""
    form = find(r, "form", action=URL)
    return {
        i.attrs["name"]: i.attrs.get("value", "")
        for i in find_all(form, "input")
        if i.attrs.get("name") != "csrfmiddlewaretoken"
    }


# Starting a round while another is unfinished


def test_starting_a_round_while_2026_is_open_asks_first_and_creates_nothing(
    client, coordinator, ronde_2026
):
    client.force_login(coordinator)
    r = client.post(URL, {"jaar": "2027", "titel": ""})
    assert r.status_code == 200
    assert "inspanningen/ronde_nieuw_bevestigen.html" in [t.name for t in r.templates]
    tekst = page_text(r)
    assert "Ronde 2027 starten?" in tekst
    assert "Ronde 2026 is nog niet vastgesteld (status: open)." in tekst
    assert "In ronde 2026 zijn nog 55 cellen te beoordelen." in tekst
    # What is copied, and from where: the unfinished 2026, its unreviewed cells included.
    assert (
        "De nieuwe ronde neemt 55 cellen over uit ronde 2026 (niveau en toelichting), "
        "elk met de status 'te beoordelen'."
    ) in tekst
    assert "Daarvan zijn 55 cellen in 2026 nog niet beoordeeld" in tekst
    assert find(find(r, "form", action=URL), "button").text == "Ja, start ronde 2027 toch"
    assert _bevestiging(r)["ondanks"] == str(ronde_2026.pk)
    assert _jaren() == [2025, 2026]


def test_the_confirmation_creates_the_round_once(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    bevestiging = _bevestiging(client.post(URL, {"jaar": "2027", "titel": "Tussenronde"}))
    assert bevestiging["jaar"] == "2027" and bevestiging["titel"] == "Tussenronde"
    r = client.post(URL, bevestiging, follow=True)
    assert r.redirect_chain == [(RONDES, 302)]
    assert "Ronde 2027 is gestart als concept, met 55 cellen om te beoordelen." in page_text(r)
    ronde = Ronde.objects.get(jaar=2027)
    assert (ronde.status, ronde.titel, ronde.gebaseerd_op) == ("concept", "Tussenronde", ronde_2026)
    assert ronde.scores.filter(beoordelingsstatus="te_beoordelen").count() == 55
    assert ronde.history.get().history_user == coordinator

    # The same confirmation again (a second click, the back button): refused, nothing new.
    r = client.post(URL, bevestiging)
    assert r.status_code == 400
    assert "Er is al een ronde voor 2027." in page_text(r)
    assert _jaren() == [2025, 2026, 2027]
    assert Score.objects.filter(ronde__jaar=2027).count() == 55


def test_a_confirmation_keeps_the_deadline(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    deadline = VANDAAG + timedelta(days=40)
    r = client.post(URL, {"jaar": "2027", "deadline": deadline.isoformat()})
    assert not Ronde.objects.filter(jaar=2027).exists()
    client.post(URL, _bevestiging(r))
    assert Ronde.objects.get(jaar=2027).deadline == deadline


def test_a_stale_confirmation_for_another_round_is_asked_again(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    bevestiging = _bevestiging(client.post(URL, {"jaar": "2028"}))
    assert bevestiging["ondanks"] == str(ronde_2026.pk)
    # Meanwhile, in another tab: 2026 is finalised and 2027 started, untouched.
    services.wijzig_status(
        ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
    )
    services.nieuwe_ronde(jaar=2027, door=coordinator)
    r = client.post(URL, bevestiging)
    assert r.status_code == 200
    tekst = page_text(r)
    assert "Ronde 2027 is nog niet vastgesteld (status: concept)." in tekst
    assert "2026 is nog niet vastgesteld" not in tekst
    assert _bevestiging(r)["ondanks"] == str(Ronde.objects.get(jaar=2027).pk)
    assert _jaren() == [2025, 2026, 2027]


def test_a_confirmation_naming_a_finalised_round_does_not_count(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    ronde_2025 = Ronde.objects.get(jaar=2025)
    r = client.post(URL, {"jaar": "2027", "ondanks": ronde_2025.pk})
    assert r.status_code == 200
    assert "Ronde 2026 is nog niet vastgesteld" in page_text(r)
    assert _bevestiging(r)["ondanks"] == str(ronde_2026.pk)
    assert _jaren() == [2025, 2026]


@pytest.mark.parametrize("met_bevestiging", [False, True])
def test_a_deadline_in_the_past_is_refused(client, coordinator, ronde_2026, met_bevestiging):
    client.force_login(coordinator)
    data = {"jaar": "2027", "deadline": (VANDAAG - timedelta(days=1)).isoformat()}
    if met_bevestiging:
        data["ondanks"] = ronde_2026.pk
    r = client.post(URL, data)
    assert r.status_code == 400
    assert "Kies voor de deadline vandaag of een datum in de toekomst." in page_text(r)
    assert _jaren() == [2025, 2026]


def test_today_is_a_valid_deadline(client, coordinator, referentie):
    client.force_login(coordinator)
    r = client.post(URL, {"jaar": "2026", "deadline": VANDAAG.isoformat()})
    assert r.status_code == 302
    assert Ronde.objects.get(jaar=2026).deadline == VANDAAG


def test_the_service_refuses_a_past_deadline_and_an_unconfirmed_round(coordinator, ronde_2026):
    with pytest.raises(ActionRefused, match="Kies voor de deadline vandaag of een datum"):
        services.nieuwe_ronde(
            jaar=2027,
            door=coordinator,
            deadline=VANDAAG - timedelta(days=1),
            ondanks_onvoltooid=ronde_2026.pk,
        )
    with pytest.raises(services.OnvoltooideRonde) as exc:
        services.nieuwe_ronde(jaar=2027, door=coordinator)
    assert exc.value.ronde == ronde_2026
    assert _jaren() == [2025, 2026]


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_starts_a_round_even_with_a_confirmation(
    client, ronde_2026, user, request
):
    client.force_login(request.getfixturevalue(user))
    assert client.post(URL, {"jaar": "2027"}).status_code == 403
    assert client.post(URL, {"jaar": "2027", "ondanks": ronde_2026.pk}).status_code == 403
    assert _jaren() == [2025, 2026]


def test_anonymous_visitors_are_sent_to_login(client, ronde_2026):
    r = client.post(URL, {"jaar": "2027", "ondanks": ronde_2026.pk})
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert _jaren() == [2025, 2026]


def test_two_tabs_starting_2027_and_2028_the_second_needs_a_confirmation(
    client, coordinator, referentie
):
    """Nothing is unfinished when both tabs load the form: the first starts 2027, the second
    (2028) is then asked to confirm, naming 2027."""
    client.force_login(coordinator)
    assert client.post(URL, {"jaar": "2027"}).status_code == 302
    r = client.post(URL, {"jaar": "2028"})
    assert r.status_code == 200
    assert "Ronde 2027 is nog niet vastgesteld (status: concept)." in page_text(r)
    assert _jaren() == [2025, 2027]
    client.post(URL, _bevestiging(r))
    assert _jaren() == [2025, 2027, 2028]
    assert Ronde.objects.get(jaar=2028).gebaseerd_op.jaar == 2027


def test_the_command_refuses_with_a_hint_and_starts_with_the_flag(ronde_2026, capsys):
    with pytest.raises(CommandError) as exc:
        call_command("nieuwe_ronde", "2027")
    assert "Ronde 2026 is nog niet vastgesteld" in str(exc.value)
    assert "--ondanks-onvoltooid" in str(exc.value)
    assert _jaren() == [2025, 2026]

    deadline = VANDAAG + timedelta(days=20)
    call_command("nieuwe_ronde", "2027", "--ondanks-onvoltooid", "--deadline", deadline.isoformat())
    assert "Ronde 2027 gestart als concept met 55 cellen, gebaseerd op 2026." in (
        capsys.readouterr().out
    )
    ronde = Ronde.objects.get(jaar=2027)
    assert (ronde.status, ronde.deadline, ronde.scores.count()) == ("concept", deadline, 55)


def test_the_command_refuses_a_past_deadline(referentie):
    with pytest.raises(CommandError, match="Kies voor de deadline vandaag"):
        call_command("nieuwe_ronde", "2026", "--deadline", "2000-01-01")
    assert _jaren() == [2025]


# Deleting a round


def test_the_coordinator_deletes_an_untouched_concept_after_confirming(
    client, coordinator, concept_2026
):
    client.force_login(coordinator)
    pk = concept_2026.pk
    assert Score.objects.filter(ronde_id=pk).count() == 55
    rondes = client.get(RONDES)
    assert find(rondes, "a", href=_verwijder_url(2026)).text == "Verwijder 2026"

    r = client.get(_verwijder_url(2026))
    assert r.status_code == 200
    assert "Bij verwijderen verdwijnt de ronde met haar 55 cellen." in page_text(r)
    assert find(find(r, "form", cls="gg-form"), "button").text == "Ja, verwijder ronde 2026"
    assert Ronde.objects.filter(pk=pk).exists()  # a GET deletes nothing

    r = client.post(_verwijder_url(2026), follow=True)
    assert r.redirect_chain == [(RONDES, 302)]
    assert "Ronde 2026 is verwijderd." in page_text(r)
    assert not Ronde.objects.filter(pk=pk).exists()
    assert not Score.objects.filter(ronde_id=pk).exists()
    assert _jaren() == [2025]
    verwijderd = Ronde.history.get(id=pk, history_type="-")
    assert verwijderd.history_user == coordinator
    assert verwijderd.jaar == 2026
    # 2025, the round it was based on, is untouched.
    assert Score.objects.filter(ronde__jaar=2025).count() == 55
    assert Ronde.objects.get(jaar=2025).status == "vastgesteld"


def _refused(client, jaar, melding):
    aantal = Score.objects.filter(ronde__jaar=jaar).count()
    r = client.post(_verwijder_url(jaar), follow=True)
    assert r.redirect_chain == [(RONDES, 302)]
    assert melding in page_text(r)
    assert Ronde.objects.filter(jaar=jaar).exists()
    assert Score.objects.filter(ronde__jaar=jaar).count() == aantal
    assert not Ronde.history.filter(jaar=jaar, history_type="-").exists()


def test_an_open_round_is_not_deleted(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    r = client.get(_verwijder_url(2026))
    assert "Ronde 2026 kan niet worden verwijderd" in page_text(r)
    assert not find_all(r, "button", type="submit", cls="utrecht-button--danger")
    assert not find_all(client.get(RONDES), "a", href=_verwijder_url(2026))
    _refused(client, 2026, "Alleen een conceptronde kan worden verwijderd; ronde 2026 is 'Open'.")


def test_a_finalised_round_is_not_deleted(client, coordinator, referentie):
    client.force_login(coordinator)
    _refused(client, 2025, "Alleen een conceptronde kan worden verwijderd")


@pytest.mark.parametrize("bewerking", ["bevestigd", "gewijzigd"])
def test_a_concept_in_which_a_cell_was_saved_is_not_deleted(
    client, coordinator, concept_2026, bewerking
):
    score = concept_2026.scores.exclude(niveau="nauwelijks").order_by("pk").first()
    invoer = services.ScoreInvoer(
        score.pk,
        score.versie,
        "nauwelijks" if bewerking == "gewijzigd" else score.niveau,
        score.toelichting,
        bevestigd=bewerking == "bevestigd",
    )
    resultaat = services.bewaar_scores(ronde=concept_2026, invoer=[invoer], door=coordinator)
    assert len(resultaat.opgeslagen) == 1
    client.force_login(coordinator)
    assert not find_all(client.get(RONDES), "a", href=_verwijder_url(2026))
    assert "Ronde 2026 kan niet worden verwijderd" in page_text(client.get(_verwijder_url(2026)))
    _refused(client, 2026, "In ronde 2026 is al een cel gewijzigd of bevestigd")


def test_a_round_another_is_based_on_is_not_deleted(client, coordinator, concept_2026):
    nog_een_ronde(2027, door=coordinator)
    client.force_login(coordinator)
    _refused(client, 2026, "Een latere ronde is op ronde 2026 gebaseerd; verwijder die eerst.")
    # The later one first, then this one.
    assert client.post(_verwijder_url(2027)).status_code == 302
    assert client.post(_verwijder_url(2026)).status_code == 302
    assert _jaren() == [2025]


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_deletes_a_round(client, concept_2026, user, request):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_verwijder_url(2026)).status_code == 403
    assert client.post(_verwijder_url(2026)).status_code == 403
    assert Score.objects.filter(ronde=concept_2026).count() == 55
    assert not Ronde.history.filter(jaar=2026, history_type="-").exists()


def test_anonymous_visitors_cannot_delete_a_round(client, concept_2026):
    r = client.post(_verwijder_url(2026))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert Score.objects.filter(ronde=concept_2026).count() == 55


def test_deleting_an_unknown_round_is_a_404(client, coordinator, referentie):
    client.force_login(coordinator)
    assert client.post(_verwijder_url(2031)).status_code == 404
    assert _jaren() == [2025]


# Races, in two database connections


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_rounds_started_at_the_same_moment_do_not_both_pass(referentie, coordinator):
    """Nothing is unfinished when both start: the second waits for the first to commit, then
    sees it and asks for a confirmation, instead of making a second unfinished round."""
    gestart, uitkomst = threading.Event(), {}

    def eerste():
        with transaction.atomic():
            ronde = services.nieuwe_ronde(jaar=2027, door=coordinator)
            gestart.set()
            time.sleep(1.0)  # still uncommitted when the second comes in
        return ronde

    a = in_draad(eerste, uitkomst, "2027")
    assert gestart.wait(10)
    b = in_draad(lambda: services.nieuwe_ronde(jaar=2028, door=coordinator), uitkomst, "2028")
    a.join(20)
    b.join(20)
    assert isinstance(uitkomst["2027"], Ronde)
    assert isinstance(uitkomst["2028"], services.OnvoltooideRonde), uitkomst["2028"]
    assert uitkomst["2028"].ronde.jaar == 2027
    assert _jaren() == [2025, 2027]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_deletion_waits_for_a_save_in_progress_and_is_then_refused(concept_2026, coordinator):
    score = concept_2026.scores.order_by("pk").first()
    invoer = services.ScoreInvoer(
        score.pk, score.versie, score.niveau, score.toelichting, bevestigd=True
    )
    opgeslagen, uitkomst = threading.Event(), {}

    def opslaan():
        with transaction.atomic():
            services.bewaar_scores(ronde=concept_2026, invoer=[invoer], door=coordinator)
            opgeslagen.set()
            time.sleep(1.0)  # the save holds the round (for share) while the deletion comes
        return True

    a = in_draad(opslaan, uitkomst, "opslaan")
    assert opgeslagen.wait(10)
    b = in_draad(
        lambda: services.verwijder_ronde(ronde=concept_2026, door=coordinator), uitkomst, "weg"
    )
    a.join(20)
    b.join(20)
    assert uitkomst["opslaan"] is True
    assert isinstance(uitkomst["weg"], ActionRefused), uitkomst["weg"]
    assert Score.objects.get(pk=score.pk).beoordelingsstatus == "bevestigd"
    assert Ronde.objects.filter(pk=concept_2026.pk).exists()


def test_a_round_deleted_in_another_tab_is_a_message_not_a_500(coordinator, concept_2026):
    verouderd = Ronde.objects.get(pk=concept_2026.pk)
    services.verwijder_ronde(ronde=concept_2026, door=coordinator)
    for actie in (
        lambda: services.verwijder_ronde(ronde=verouderd, door=coordinator),
        lambda: services.wijzig_status(ronde=verouderd, actie="openen", door=coordinator),
    ):
        with pytest.raises(ActionRefused, match="Ronde 2026 bestaat niet meer."):
            actie()
