"""'Wat vraagt uw aandacht' on the home page (gezondgewicht/aandacht.py): per role what needs the
person now, each item with a link to where it is done; nothing when there is nothing. And the
coordinator's 'Herinner nu' for stale profiles, and the page's fixed number of queries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import Uitnodiging
from experts.models import Expert
from inspanningen import services
from inspanningen.models import Inspanning, Ronde, Score
from tests.conftest import nog_een_ronde
from tests.factories import BetrokkenheidFactory, ExpertFactory, InspanningFactory
from tests.klok import MIDDAG, VANDAAG
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db

HOME = reverse("home")
HERINNEREN = reverse("experts:herinneren")
NU = MIDDAG  # the tests' clock (tests/klok.py)


def _maanden_terug(n: int):
    """The first day of the month n calendar months ago, at this time of day."""
    maand = NU.year * 12 + NU.month - 1 - n
    return NU.replace(year=maand // 12, month=maand % 12 + 1, day=1)


def _oud(naam, **kwargs):
    """A profile nobody confirmed for 14 months: 'mogelijk verouderd'."""
    return ExpertFactory(
        naam=naam,
        laatst_bevestigd_op=_maanden_terug(14),
        aangemaakt_op=_maanden_terug(20),
        **kwargs,
    )


def _sectie(r):
    """The attention section, or None."""
    gevonden = find_all(r, "section", cls="gg-aandacht")
    assert len(gevonden) <= 1
    return gevonden[0] if gevonden else None


def _punten(r) -> list:
    return [li for li in find_all(_sectie(r), "li", cls="gg-aandacht__punt")]


def _links(element) -> dict[str, str]:
    return {a.attrs["href"]: a.text for a in find_all(element, "a")}


def _home(client, user):
    client.force_login(user)
    r = client.get(HOME)
    assert r.status_code == 200
    return r


# Who sees what


def test_anonymous_visitors_see_no_attention_section(client, ronde_2026):
    _oud("Anna Oud")
    r = client.get(HOME)
    assert _sectie(r) is None
    assert "Wat vraagt uw aandacht" not in page_text(r)


def test_a_professional_without_a_profile_is_asked_to_make_one(client, professional):
    r = _home(client, professional)
    [punt] = _punten(r)
    assert "U heeft nog geen profiel in Wie weet wat." in punt.text
    assert _links(punt) == {reverse("experts:mijn_profiel"): "Maak uw profiel"}


def test_a_professional_with_a_stale_profile_is_told_how_many_months(client, professional):
    _oud("Pim Professional", user=professional)
    r = _home(client, professional)
    [punt] = _punten(r)
    assert "Uw profiel is 14 maanden niet bevestigd." in punt.text
    assert _links(punt) == {reverse("experts:mijn_profiel"): "Kijk uw profiel na"}
    assert "Maak uw profiel" not in page_text(r)


def test_a_stale_profile_never_confirmed_counts_from_when_it_was_made(client, professional):
    ExpertFactory(user=professional, laatst_bevestigd_op=None, aangemaakt_op=_maanden_terug(25))
    [punt] = _punten(_home(client, professional))
    assert "Uw profiel is 25 maanden niet bevestigd." in punt.text


def test_a_professional_sees_their_current_roles(client, professional, referentie):
    eigen = ExpertFactory(user=professional, laatst_bevestigd_op=NU)
    drie, zeven = Inspanning.objects.get(nummer=3), Inspanning.objects.get(nummer=7)
    BetrokkenheidFactory(expert=eigen, inspanning=drie, rol="trekker")
    BetrokkenheidFactory(expert=eigen, inspanning=zeven, rol="werkgroeplid")
    BetrokkenheidFactory(  # ended: not theirs any more
        expert=eigen,
        inspanning=Inspanning.objects.get(nummer=9),
        rol="projectleider",
        sinds=VANDAAG - timedelta(days=300),
        tot=VANDAAG - timedelta(days=10),
    )
    r = _home(client, professional)
    [punt] = _punten(r)
    assert "Uw rollen in inspanningen" in punt.text
    items = [li.text for li in find_all(punt, "li")]
    assert items == [f"Trekker: {drie}", f"Werkgroeplid: {zeven}"]
    assert _links(punt) == {
        reverse("inspanningen:detail", args=[3]): str(drie),
        reverse("inspanningen:detail", args=[7]): str(zeven),
    }
    assert "Projectleider" not in punt.text


def test_the_section_is_hidden_when_nothing_needs_attention(client, professional, referentie):
    ExpertFactory(user=professional, laatst_bevestigd_op=NU)
    _oud("Iemand Anders")  # the coordinator's business, not the professional's
    Uitnodiging.maak(email="nieuw@example.org", door=None)
    r = _home(client, professional)
    assert _sectie(r) is None
    assert "Wat vraagt uw aandacht" not in page_text(r)


def test_a_professional_does_not_see_the_coordinators_items(client, professional, ronde_2026):
    _oud("Anna Oud")
    Uitnodiging.maak(email="nieuw@example.org", door=None)
    BetrokkenheidFactory(
        expert=ExpertFactory(status=Expert.Status.VERTROKKEN),
        inspanning=Inspanning.objects.get(nummer=4),
    )
    r = _home(client, professional)
    tekst = _sectie(r).text
    assert "Maak uw profiel" in tekst
    for niet in ("profielen zijn", "uitnodiging", "Rollen zonder", "Ronde 2026 is open"):
        assert niet not in tekst
    assert not find_all(r, "form", action=HERINNEREN)


# The stuurgroep


@pytest.fixture
def stuurgroep_met_profiel(stuurgroep):
    ExpertFactory(user=stuurgroep, laatst_bevestigd_op=NU)
    return stuurgroep


def test_the_stuurgroep_sees_the_open_round_with_cells_left_and_deadline(
    client, stuurgroep_met_profiel, ronde_2026
):
    deadline = VANDAAG + timedelta(days=12)
    Ronde.objects.filter(pk=ronde_2026.pk).update(deadline=deadline)
    Score.objects.filter(pk__in=ronde_2026.scores.order_by("pk").values("pk")[:5]).update(
        beoordelingsstatus="bevestigd"
    )
    r = _home(client, stuurgroep_met_profiel)
    [punt] = _punten(r)
    assert (
        f"Ronde 2026 is open: nog 50 van de 55 cellen te beoordelen, "
        f"deadline {date_format(deadline, 'j F Y')}."
    ) in punt.text
    bewerken = reverse("inspanningen:matrix_bewerken", args=[2026])
    assert _links(punt) == {
        f"{bewerken}?alleen=te_beoordelen": "Naar de cellen die nog te beoordelen zijn"
    }
    # Not twice: the banner stays away when the section names the round.
    assert not find_all(r, "div", cls="gg-banner")


def test_the_stuurgroep_does_not_see_a_concept_round(client, stuurgroep_met_profiel, concept_2026):
    r = _home(client, stuurgroep_met_profiel)
    assert _sectie(r) is None
    assert "is een concept" not in page_text(r)
    assert not find_all(r, "a", href=reverse("inspanningen:ronde_status", args=[2026, "openen"]))


def test_a_newer_concept_does_not_hide_the_open_round_from_the_stuurgroep(
    client, coordinator, stuurgroep_met_profiel, ronde_2026
):
    nog_een_ronde(2027, door=coordinator)
    r = _home(client, stuurgroep_met_profiel)
    [punt] = _punten(r)
    assert "Ronde 2026 is open: nog 55 van de 55 cellen te beoordelen" in punt.text
    assert f"{reverse('inspanningen:matrix_bewerken', args=[2026])}?alleen=te_beoordelen" in (
        _links(punt)
    )
    assert "2027" not in punt.text


def test_the_stuurgroep_has_nothing_to_do_in_an_open_round_that_is_fully_reviewed(
    client, stuurgroep_met_profiel, ronde_2026
):
    Score.objects.filter(ronde=ronde_2026).update(beoordelingsstatus="bevestigd")
    r = _home(client, stuurgroep_met_profiel)
    assert _sectie(r) is None
    # The banner still says where the round stands.
    assert "Ronde 2026 is open: 55 van 55 beoordeeld" in find(r, "div", cls="gg-banner").text


# The coordinator


@pytest.fixture
def coordinator_met_profiel(coordinator):
    ExpertFactory(user=coordinator, laatst_bevestigd_op=NU)
    return coordinator


def test_the_coordinator_sees_a_concept_round_and_how_to_open_it(
    client, coordinator_met_profiel, concept_2026
):
    r = _home(client, coordinator_met_profiel)
    [punt] = _punten(r)
    assert (
        "Ronde 2026 is een concept: de stuurgroep kan pas beoordelen als u de ronde opent."
        in punt.text
    )
    assert _links(punt) == {
        reverse("inspanningen:matrix_bewerken", args=[2026]): "Naar het concept",
        reverse("inspanningen:ronde_status", args=[2026, "openen"]): "Open 2026 voor de stuurgroep",
    }


def test_the_coordinator_sees_the_open_rounds_progress_and_how_to_finalise(
    client, coordinator_met_profiel, ronde_2026
):
    Score.objects.filter(pk__in=ronde_2026.scores.order_by("pk").values("pk")[:54]).update(
        beoordelingsstatus="gewijzigd"
    )
    r = _home(client, coordinator_met_profiel)
    [punt] = _punten(r)
    assert "Ronde 2026 is open: nog 1 van de 55 cellen te beoordelen." in punt.text
    bewerken = reverse("inspanningen:matrix_bewerken", args=[2026])
    assert _links(punt) == {
        f"{bewerken}?alleen=te_beoordelen": "Naar de cellen die nog te beoordelen zijn",
        reverse("inspanningen:ronde_status", args=[2026, "vaststellen"]): "Ronde 2026 vaststellen",
    }


def test_the_coordinator_sees_stale_profiles_with_herinner_nu(client, coordinator_met_profiel):
    _oud("Anna Oud", email="anna@example.org")
    _oud("Bram Herinnerd", herinnerd_op=NU - timedelta(days=3))
    _oud("Carla Vertrokken", status=Expert.Status.VERTROKKEN)  # not active: not counted
    ExpertFactory(naam="Dirk Vers", laatst_bevestigd_op=NU - timedelta(days=300))
    r = _home(client, coordinator_met_profiel)
    [punt] = _punten(r)
    assert "2 profielen zijn een jaar of langer niet bevestigd." in punt.text
    assert _links(punt)[reverse("experts:actualiteit")] == "Bekijk de actualiteit van de profielen"
    form = find(punt, "form", action=HERINNEREN)
    assert form.attrs["method"] == "post"
    assert find(form, "input", name="next").attrs["value"] == HOME
    assert find(form, "button").text == "Herinner nu"
    assert "Stuurt 1 eigenaar een e-mail" in form.text  # Bram had one 3 days ago


def test_without_anyone_to_remind_the_button_is_gone(client, coordinator_met_profiel):
    _oud("Bram Herinnerd", herinnerd_op=NU - timedelta(days=3))
    r = _home(client, coordinator_met_profiel)
    [punt] = _punten(r)
    assert "1 profiel is een jaar of langer niet bevestigd." in punt.text
    assert "Iedereen met een verouderd profiel kreeg de afgelopen 30 dagen al een herinnering." in (
        punt.text
    )
    assert not find_all(r, "form", action=HERINNEREN)


def test_the_coordinator_sees_open_and_expired_invitations(client, coordinator_met_profiel):
    Uitnodiging.maak(email="open1@example.org", door=coordinator_met_profiel)
    Uitnodiging.maak(email="open2@example.org", door=coordinator_met_profiel)
    verlopen, _token = Uitnodiging.maak(email="verlopen@example.org", door=None)
    Uitnodiging.objects.filter(pk=verlopen.pk).update(verloopt_op=NU - timedelta(days=1))
    gebruikt, _token = Uitnodiging.maak(email="gebruikt@example.org", door=None)
    Uitnodiging.objects.filter(pk=gebruikt.pk).update(gebruikt_op=NU)
    r = _home(client, coordinator_met_profiel)
    [punt] = _punten(r)
    assert "2 uitnodigingen wachten op antwoord." in punt.text
    assert "1 uitnodiging is verlopen zonder dat er een account mee is gemaakt." in punt.text
    assert _links(punt) == {reverse("accounts:uitnodigingen"): "Naar de uitnodigingen"}


def test_only_expired_invitations_are_named_alone(client, coordinator_met_profiel):
    verlopen, _token = Uitnodiging.maak(email="verlopen@example.org", door=None)
    Uitnodiging.objects.filter(pk=verlopen.pk).update(verloopt_op=NU - timedelta(days=1))
    [punt] = _punten(_home(client, coordinator_met_profiel))
    assert "wacht op antwoord" not in punt.text and "wachten op antwoord" not in punt.text
    assert "1 uitnodiging is verlopen" in punt.text


def test_the_coordinator_sees_roles_without_an_active_person(
    client, coordinator_met_profiel, referentie
):
    vier, zes = Inspanning.objects.get(nummer=4), Inspanning.objects.get(nummer=6)
    weg = ExpertFactory(naam="Willem Weg", status=Expert.Status.VERTROKKEN)
    BetrokkenheidFactory(expert=weg, inspanning=vier, rol="projectleider")
    # Trekker of 6: one left, one is still there: not vacant.
    BetrokkenheidFactory(expert=weg, inspanning=zes, rol="trekker")
    BetrokkenheidFactory(expert=ExpertFactory(naam="Tineke Trekker"), inspanning=zes)
    # Left, but the role ended: history, not a vacancy.
    BetrokkenheidFactory(
        expert=weg,
        inspanning=Inspanning.objects.get(nummer=8),
        rol="werkgroeplid",
        sinds=VANDAAG - timedelta(days=100),
        tot=VANDAAG - timedelta(days=1),
    )
    r = _home(client, coordinator_met_profiel)
    [punt] = _punten(r)
    assert "Rollen zonder actieve persoon" in punt.text
    assert [li.text for li in find_all(punt, "li")] == [f"{vier}: projectleider"]
    assert _links(punt) == {reverse("inspanningen:detail", args=[4]): str(vier)}


def test_the_coordinator_sees_recent_handovers(client, coordinator_met_profiel, referentie):
    drie, vijf = Inspanning.objects.get(nummer=3), Inspanning.objects.get(nummer=5)
    anna = ExpertFactory(naam="Anna Vertrek")
    bram = ExpertFactory(naam="Bram Opvolger")
    rol = BetrokkenheidFactory(expert=anna, inspanning=drie, rol="trekker")
    services.vertrek(
        expert=anna,
        op=VANDAAG,
        opvolger=bram,
        overdrachten=[services.Overdracht(rol, bram, "")],
        door=coordinator_met_profiel,
    )
    # A handover of two months ago is no longer news.
    oud = ExpertFactory(naam="Oud Vertrek")
    oude_rol = BetrokkenheidFactory(
        expert=oud, inspanning=vijf, rol="projectleider", sinds=VANDAAG - timedelta(days=400)
    )
    services.vertrek(
        expert=oud,
        op=VANDAAG - timedelta(days=60),
        opvolger=bram,
        overdrachten=[services.Overdracht(oude_rol, bram, "")],
        door=coordinator_met_profiel,
    )
    r = _home(client, coordinator_met_profiel)
    [punt] = [p for p in _punten(r) if "Recente overdrachten" in p.text]
    assert [li.text for li in find_all(punt, "li")] == [
        f"{date_format(VANDAAG, 'j F')}: Bram Opvolger nam de rol trekker over van Anna Vertrek "
        f"({drie})"
    ]
    assert _links(punt) == {reverse("inspanningen:detail", args=[3]): str(drie)}
    assert "Oud Vertrek" not in _sectie(r).text


def test_a_coordinator_with_nothing_to_do_sees_no_section(
    client, coordinator_met_profiel, referentie
):
    r = _home(client, coordinator_met_profiel)
    assert _sectie(r) is None


# Herinner nu


def test_herinner_nu_mails_the_stale_owners_once(client, coordinator_met_profiel):
    _oud("Anna Oud", email="anna@example.org")
    _oud("Bram Oud", email="bram@example.org")
    _oud("Carla Herinnerd", email="carla@example.org", herinnerd_op=NU - timedelta(days=3))
    _oud("Dirk Zonder Adres", email="")
    client.force_login(coordinator_met_profiel)
    r = client.post(HERINNEREN, {"next": HOME}, follow=True)
    assert r.redirect_chain == [(HOME, 302)]
    assert "2 eigenaren van een verouderd profiel kregen een herinnering." in page_text(r)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bram@example.org"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "/mijn-profiel/" in mail.outbox[0].body
    herinnerd = dict(Expert.objects.values_list("naam", "herinnerd_op"))
    assert herinnerd["Anna Oud"] is not None and herinnerd["Bram Oud"] is not None
    assert herinnerd["Carla Herinnerd"] < NU - timedelta(days=2)  # untouched
    assert herinnerd["Dirk Zonder Adres"] is None
    # Now nobody is left to remind: the button is gone, and a second post sends nothing.
    assert not find_all(r, "form", action=HERINNEREN)

    r = client.post(HERINNEREN, {"next": HOME}, follow=True)
    assert "0 eigenaren van een verouderd profiel kregen een herinnering." in page_text(r)
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_sends_reminders(client, user, request):
    _oud("Anna Oud", email="anna@example.org")
    client.force_login(request.getfixturevalue(user))
    assert client.post(HERINNEREN, {"next": HOME}).status_code == 403
    assert mail.outbox == []
    assert Expert.objects.get(naam="Anna Oud").herinnerd_op is None


def test_anonymous_visitors_cannot_send_reminders(client):
    _oud("Anna Oud", email="anna@example.org")
    r = client.post(HERINNEREN)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert mail.outbox == []
    assert Expert.objects.get(naam="Anna Oud").herinnerd_op is None


def test_herinner_nu_is_a_post(client, coordinator):
    _oud("Anna Oud", email="anna@example.org")
    client.force_login(coordinator)
    assert client.get(HERINNEREN).status_code == 405
    assert mail.outbox == []


@pytest.mark.parametrize(
    "naar",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "https:///evil.example",
        "",
    ],
)
def test_next_cannot_lead_off_site(client, coordinator, naar):
    client.force_login(coordinator)
    r = client.post(HERINNEREN, {"next": naar})
    assert r.status_code == 302
    assert r.url == reverse("experts:actualiteit")


def test_next_leads_back_to_the_actualiteit_page(client, coordinator):
    client.force_login(coordinator)
    terug = reverse("experts:actualiteit") + "?page=2"
    r = client.post(HERINNEREN, {"next": terug})
    assert (r.status_code, r.url) == (302, terug)


# A fixed number of queries


def _veel(coordinator, n: int, begin: int):
    """n of everything the coordinator's section counts or lists."""
    bram = ExpertFactory(naam=f"Opvolger {begin}", laatst_bevestigd_op=NU)
    eigen = Expert.objects.get(user=coordinator)
    for i in range(begin, begin + n):
        _oud(f"Oud {i}", email=f"oud{i}@example.org")
        Uitnodiging.maak(email=f"open{i}@example.org", door=coordinator)
        verlopen, _token = Uitnodiging.maak(email=f"verlopen{i}@example.org", door=coordinator)
        Uitnodiging.objects.filter(pk=verlopen.pk).update(verloopt_op=NU - timedelta(days=1))
        inspanning = InspanningFactory(nummer=100 + i, volgorde=100 + i)
        BetrokkenheidFactory(
            expert=ExpertFactory(status=Expert.Status.VERTROKKEN), inspanning=inspanning
        )
        weg = ExpertFactory(naam=f"Vertrek {i}")
        rol = BetrokkenheidFactory(expert=weg, inspanning=inspanning, rol="werkgroeplid")
        services.vertrek(
            expert=weg,
            op=VANDAAG,
            opvolger=bram,
            overdrachten=[services.Overdracht(rol, bram, "")],
            door=coordinator,
        )
        BetrokkenheidFactory(expert=eigen, inspanning=inspanning, rol="contactpersoon")


# The coordinator's home page, attention section included (measured: session, user, roles, the
# matrix, the section's counts and lists, the banner). More means something is read per item.
HOME_QUERIES = 15


def _tel(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        r = client.get(HOME)
    assert r.status_code == 200
    return len(queries), r


def test_the_coordinators_home_page_runs_a_fixed_number_of_queries(
    client, coordinator, ronde_2026, django_assert_max_num_queries
):
    ExpertFactory(user=coordinator, laatst_bevestigd_op=NU)
    _veel(coordinator, 1, begin=0)
    client.force_login(coordinator)
    client.get(HOME)  # the session's first request may warm caches
    klein, r = _tel(client)
    assert klein <= HOME_QUERIES, klein
    tekst = _sectie(r).text
    assert "1 profiel is een jaar of langer niet bevestigd." in tekst
    assert "1 uitnodiging wacht op antwoord." in tekst
    assert "Recente overdrachten" in tekst and "Rollen zonder actieve persoon" in tekst

    _veel(coordinator, 30, begin=1)
    with django_assert_max_num_queries(klein):
        r = client.get(HOME)
    tekst = _sectie(r).text
    assert "31 profielen zijn een jaar of langer niet bevestigd." in tekst
    assert "31 uitnodigingen wachten op antwoord." in tekst
    assert "31 uitnodigingen zijn verlopen" in tekst
    assert "Stuurt 31 eigenaren een e-mail" in tekst
    assert "Ronde 2026 is open: nog 55 van de 55 cellen te beoordelen." in tekst
    # The lists are short: the first 20 vacant roles, the 10 latest handovers; all own roles.
    [vacant] = [p for p in _punten(r) if "Rollen zonder actieve persoon" in p.text]
    assert len(find_all(vacant, "li")) == 20
    [overdrachten] = [p for p in _punten(r) if "Recente overdrachten" in p.text]
    assert len(find_all(overdrachten, "li")) == 10
    [rollen] = [p for p in _punten(r) if "Uw rollen in inspanningen" in p.text]
    assert len(find_all(rollen, "li")) == 31


def test_herinner_nu_with_the_mail_server_down_warns_and_keeps_them_for_later(
    client, coordinator, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.test_meldingen.KapotteSmtp"
    anna = _oud("Anna Oud", email="anna@example.org")
    bram = _oud("Bram Oud", email="bram@example.org")
    client.force_login(coordinator)
    r = client.post(HERINNEREN, {"next": HOME}, follow=True)
    assert "2 herinneringen konden niet worden verstuurd" in page_text(r)
    assert "kregen een herinnering" not in page_text(r)
    for expert in (anna, bram):
        expert.refresh_from_db()
        assert expert.herinnerd_op is None  # the next try reaches them


def test_herinner_nu_sends_over_one_connection(client, coordinator, settings):
    from tests.test_meldingen import TrageSmtp

    settings.EMAIL_BACKEND = "tests.test_meldingen.TrageSmtp"
    TrageSmtp.geopend = 0
    for n in range(5):
        _oud(f"Oud {n}", email=f"oud{n}@example.org")
    client.force_login(coordinator)
    assert client.post(HERINNEREN).status_code == 302
    assert TrageSmtp.geopend == 1
