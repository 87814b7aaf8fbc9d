"""Samen beoordelen (issue 14): every stuurgroep member scores blind, the spread shows where
views differ, the meeting settles each cell, and the report of the finalised round."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from accounts import roles
from accounts.models import Perspectief
from accounts.services import verwijder_account
from core.exceptions import ActionRefused
from inspanningen import samen, services
from inspanningen.models import Beoordeling, Ronde, RondeVastgesteld, Score
from tests.conftest import met_mfa, recent_ingelogd
from tests.factories import UserFactory
from tests.markup import find_all, page_text

pytestmark = pytest.mark.django_db


def lid(naam, perspectief):
    return met_mfa(UserFactory(naam=naam, roles=[roles.STUURGROEP], perspectief=perspectief))


@pytest.fixture
def leden(db):
    return {
        "bestuur": lid("Bea Bestuur", Perspectief.BESTUUR),
        "beleid": lid("Bert Beleid", Perspectief.BELEID),
        "uitvoering": lid("Uma Uitvoering", Perspectief.UITVOERING),
    }


@pytest.fixture
def samen_2026(referentie, coordinator):
    ronde = services.nieuwe_ronde(
        jaar=2026, door=coordinator, werkwijze="samen", weergave="anoniem"
    )
    return services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)


def cel(ronde, i, a):
    return Score.objects.get(ronde=ronde, inspanning__nummer=i, aanbeveling__nummer=a)


def scoor(client, ronde, user, waarden: dict, naar=""):
    """POST the scoring page as `user`: {score: (niveau, reden)}; other cells left empty."""
    client.force_login(user)
    scores = list(ronde.scores.order_by("pk"))
    data = {"form-TOTAL_FORMS": len(scores), "form-INITIAL_FORMS": len(scores), "naar": naar}
    for n, s in enumerate(scores):
        niveau, reden = waarden.get(s, ("", ""))
        data |= {f"form-{n}-score_id": s.pk, f"form-{n}-niveau": niveau, f"form-{n}-reden": reden}
    return client.post(reverse("inspanningen:scoren", args=[ronde.jaar]), data)


def test_a_coordinator_starts_a_joint_anonymous_round_from_the_rounds_page(
    client, coordinator, referentie
):
    client.force_login(coordinator)
    r = client.post(
        reverse("inspanningen:ronde_nieuw"),
        {"jaar": 2026, "titel": "", "werkwijze": "samen", "weergave": "anoniem"},
    )
    assert r.status_code == 302
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.werkwijze, ronde.weergave, ronde.status) == ("samen", "anoniem", "concept")
    assert "samen beoordeeld" in page_text(client.get(reverse("inspanningen:rondes")))


def test_members_score_blind_and_see_the_others_only_after_their_own(client, samen_2026, leden):
    a = cel(samen_2026, 1, 1)
    r = scoor(client, samen_2026, leden["bestuur"], {a: ("sterk", "Staat in het beleidsplan.")})
    assert r.status_code == 302
    b = Beoordeling.objects.get(score=a, beoordelaar=leden["bestuur"])
    assert (b.niveau, b.reden, b.perspectief) == ("sterk", "Staat in het beleidsplan.", "bestuur")
    assert b.history.count() == 1

    client.force_login(leden["beleid"])
    tekst = page_text(client.get(reverse("inspanningen:scoren", args=[2026])))
    assert "Staat in het beleidsplan." not in tekst  # blind: not scored this cell yet
    assert "De scores van anderen ziet u na uw eigen score." in tekst
    scoor(client, samen_2026, leden["beleid"], {a: ("nauwelijks", "")})
    tekst = page_text(client.get(reverse("inspanningen:scoren", args=[2026])))
    assert "Staat in het beleidsplan." in tekst  # now they see the others' reasons
    assert "Bea Bestuur" not in tekst  # anonymous round: the perspective, never the name
    assert "Bestuur" in tekst
    # the other cells stay blind for them
    assert tekst.count("De scores van anderen ziet u na uw eigen score.") == 54


def test_spread_and_perspectives_make_bespreekpunten(samen_2026, leden, client):
    spreiding, perspectief, eens = (
        cel(samen_2026, 1, 1),
        cel(samen_2026, 2, 1),
        cel(samen_2026, 3, 1),
    )
    scoor(
        client,
        samen_2026,
        leden["bestuur"],
        {spreiding: ("sterk", ""), perspectief: ("sterk", ""), eens: ("deels", "")},
    )
    scoor(
        client,
        samen_2026,
        leden["beleid"],
        {spreiding: ("nauwelijks", ""), perspectief: ("deels", ""), eens: ("deels", "")},
    )
    scoor(
        client,
        samen_2026,
        leden["uitvoering"],
        {spreiding: ("deels", ""), perspectief: ("deels", ""), eens: ("onbekend", "")},
    )
    cellen = {c.pk: c.spreiding for c in samen.cellen(samen_2026, leden["bestuur"])}
    assert cellen[spreiding.pk].door_spreiding and cellen[spreiding.pk].is_bespreekpunt
    assert not cellen[perspectief.pk].door_spreiding and cellen[perspectief.pk].door_perspectieven
    assert not cellen[eens.pk].is_bespreekpunt
    # 'weet ik niet' is counted apart and not in the median
    assert (cellen[eens.pk].aantal, cellen[eens.pk].weet_niet) == (2, 1)
    assert cellen[eens.pk].eensgezind_niveau == "deels"


def test_a_cell_without_scores_says_so_and_divides_by_nothing():
    leeg = samen.Spreiding([])
    assert (leeg.aantal, leeg.mediaan, leeg.is_bespreekpunt) == (0, None, False)
    assert leeg.mediaan_label == "geen scores"
    alleen_weet_niet = samen.Spreiding([samen.Stem("onbekend", "bestuur", "")])
    assert (alleen_weet_niet.aantal, alleen_weet_niet.weet_niet) == (0, 1)
    assert alleen_weet_niet.eensgezind_niveau is None
    assert samen.instemming([]) == []
    twee = samen.Spreiding([samen.Stem("deels", "beleid", ""), samen.Stem("sterk", "beleid", "")])
    assert twee.mediaan_label == "tussen deels of indirect aanwezig en sterk aanwezig"
    assert twee.eensgezind_niveau is None  # no one level: set it in the meeting


def test_the_whole_meeting_settles_accepts_and_finalises_and_the_report_shows_it(
    client, samen_2026, leden, coordinator, mailoutbox
):
    spreiding, perspectief = cel(samen_2026, 1, 1), cel(samen_2026, 2, 1)
    alle = list(samen_2026.scores.all())
    for wie, afwijking in [("bestuur", "sterk"), ("beleid", "nauwelijks"), ("uitvoering", "deels")]:
        waarden = {s: ("deels", "") for s in alle}
        waarden[spreiding] = (afwijking, f"Reden van {wie}")
        waarden[perspectief] = ("sterk" if wie == "bestuur" else "deels", "")
        scoor(client, samen_2026, leden[wie], waarden)

    # the rounds page shows per member how many cells they scored, no scores
    recent_ingelogd(client, coordinator)
    tekst = page_text(client.get(reverse("inspanningen:rondes")))
    assert "Bea Bestuur (Bestuur): 55 van 55" in tekst

    r = client.post(reverse("inspanningen:ronde_status", args=[2026, "bespreken"]))
    assert Ronde.objects.get(jaar=2026).status == "bespreking"
    # scoring is closed now: refused, and nothing changes
    r = scoor(client, samen_2026, leden["bestuur"], {spreiding: ("nauwelijks", "")})
    assert "kunt u nu geen eigen scores geven" in page_text(client.get(r.url))
    assert Beoordeling.objects.get(score=spreiding, beoordelaar=leden["bestuur"]).niveau == "sterk"

    client.force_login(coordinator)
    url = reverse("inspanningen:bespreking", args=[2026])
    tekst = page_text(client.get(url))
    assert (
        tekst.index("Bespreekpunten")
        < tekst.index("Reden van beleid")
        < tekst.index("Cellen waarover iedereen het eens is")
    )
    assert "2 bespreekpunten" in tekst
    assert "de scores liggen twee niveaus of meer uit elkaar" in tekst
    assert "de perspectieven komen tot een ander niveau" in tekst
    assert "Officieel in 2025" in tekst

    # settle the perspective cell with a minority note
    r = client.post(
        url,
        {
            "cel": perspectief.pk,
            f"cel-{perspectief.pk}-versie": perspectief.versie,
            f"cel-{perspectief.pk}-niveau": "deels",
            f"cel-{perspectief.pk}-toelichting": "Beleid en uitvoering zien het deels.",
            f"cel-{perspectief.pk}-minderheidsstandpunt": "Het bestuur ziet het sterk.",
        },
    )
    assert r.status_code == 302
    perspectief.refresh_from_db()
    assert (perspectief.niveau, perspectief.minderheidsstandpunt) == (
        "deels",
        "Het bestuur ziet het sterk.",
    )
    assert perspectief.history.first().history_user == coordinator
    # a stale version does not overwrite it; what was typed stays on the page
    r = client.post(
        url,
        {
            "cel": perspectief.pk,
            f"cel-{perspectief.pk}-versie": perspectief.versie - 1,
            f"cel-{perspectief.pk}-niveau": "sterk",
            f"cel-{perspectief.pk}-toelichting": "Mijn andere tekst",
            f"cel-{perspectief.pk}-minderheidsstandpunt": "",
        },
    )
    assert "Iemand anders heeft deze cel intussen vastgesteld" in page_text(r)
    # their minority note is shown before one's own version can replace it
    assert "Hun minderheidsstandpunt: Het bestuur ziet het sterk." in page_text(r)
    assert "Mijn andere tekst" in r.content.decode()
    perspectief.refresh_from_db()
    assert perspectief.niveau == "deels"

    # accept everything everyone agreed on, in one action; each in its history
    r = client.post(reverse("inspanningen:aanvaarden", args=[2026]), {"aanbeveling": "alle"})
    aanvaard = Score.objects.filter(
        pk__in=Score.history.filter(
            ronde_id=samen_2026.pk, history_change_reason=samen.AANVAARD
        ).values("id")
    )
    assert aanvaard.count() == 53
    assert not aanvaard.filter(pk__in=[spreiding.pk, perspectief.pk]).exists()
    assert set(aanvaard.values_list("niveau", flat=True)) == {"deels"}
    spreiding.refresh_from_db()
    assert (
        spreiding.beoordelingsstatus == "te_beoordelen"
    )  # a bespreekpunt is never accepted in bulk
    client.post(
        url,
        {
            "cel": spreiding.pk,
            f"cel-{spreiding.pk}-versie": spreiding.versie,
            f"cel-{spreiding.pk}-niveau": "deels",
            f"cel-{spreiding.pk}-toelichting": "Besproken.",
            f"cel-{spreiding.pk}-minderheidsstandpunt": "",
        },
    )
    recent_ingelogd(client, coordinator)
    client.post(reverse("inspanningen:ronde_status", args=[2026, "vaststellen"]))
    ronde = Ronde.objects.get(jaar=2026)
    assert ronde.status == "vastgesteld"
    # the finalised-round message to the stuurgroep links the report
    assert {m.to[0] for m in mailoutbox if "/matrix/2026/verslag/" in m.body} == {
        u.email for u in leden.values()
    }

    client.force_login(leden["beleid"])
    tekst = page_text(client.get(reverse("inspanningen:verslag", args=[2026])))
    assert "De bespreking had 2 bespreekpunten." in tekst
    assert "Het bestuur ziet het sterk." in tekst
    assert "Beleid en uitvoering zien het deels." in tekst
    assert "Wat veranderde sinds 2025" in tekst
    assert "60% (3 van 5 gescoorde cellen zonder bespreekpunt)" not in tekst
    assert "82% (9 van 11 gescoorde cellen zonder bespreekpunt)" in tekst  # aanbeveling 1
    assert "100% (11 van 11 gescoorde cellen zonder bespreekpunt)" in tekst

    # the minority note travels with the cell: the matrix, the comparison, the export
    for url in (
        reverse("inspanningen:matrix_jaar", args=[2026]),
        reverse("inspanningen:vergelijk") + "?van=2025&naar=2026",
    ):
        assert "Minderheidsstandpunt: Het bestuur ziet het sterk." in page_text(client.get(url))
    export = load_workbook(
        io.BytesIO(client.get(reverse("inspanningen:export_xlsx", args=[2026])).content)
    )
    assert "Minderheidsstandpunt: Het bestuur ziet het sterk." in " ".join(
        str(v) for rij in export["Matrix"].values for v in rij if v
    )
    # the coordinator sends the report to the coalition, after a confirmation
    url = reverse("inspanningen:verslag_versturen", args=[2026])
    assert client.post(url).status_code == 403  # a member may not
    recent_ingelogd(client, coordinator)
    mailoutbox.clear()
    assert "Ja, verstuur het verslag" in page_text(client.get(url))
    assert not mailoutbox
    client.post(url)
    assert len(mailoutbox) == 3  # the three members; not the sender
    assert "/matrix/2026/verslag/" in mailoutbox[0].body
    # sent once, recorded: the confirmation page says so before a second send
    verzending = ronde.verzendingen.get()
    assert (verzending.door, verzending.aantal) == (coordinator, 3)
    assert "Dit verslag is al eerder verstuurd" in page_text(client.get(url))
    assert "Ja, verstuur het nog een keer" in page_text(client.get(url))
    client.force_login(leden["beleid"])
    r = client.get(reverse("inspanningen:verslag_xlsx", args=[2026]))
    wb = load_workbook(io.BytesIO(r.content))
    individueel = wb["Individuele scores"]
    rijen = list(individueel.values)
    assert rijen[0] == ("inspanning", "aanbeveling", "perspectief", "score", "reden")  # no names
    assert len(rijen) == 1 + 3 * 55
    alles = " ".join(str(v) for rij in rijen for v in rij)
    assert "@" not in alles and "Bea Bestuur" not in alles
    assert "Reden van bestuur" in alles
    assert [r[7] for r in wb["Bespreekpunten"].values if r[7]] == [
        "minderheidsstandpunt",
        "Het bestuur ziet het sterk.",
    ]


def test_an_open_round_names_the_scorers_to_members_but_the_report_never_gives_addresses(
    client, referentie, coordinator, leden, professional
):
    ronde = services.nieuwe_ronde(jaar=2026, door=coordinator, werkwijze="samen", weergave="open")
    ronde = services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)
    a = cel(ronde, 1, 1)
    scoor(client, ronde, leden["bestuur"], {a: ("sterk", "")})
    scoor(client, ronde, leden["beleid"], {a: ("sterk", "")})
    tekst = page_text(client.get(reverse("inspanningen:scoren", args=[2026])))
    assert "Bea Bestuur" in tekst
    # a professional sees neither the scoring nor the meeting
    client.force_login(professional)
    assert client.get(reverse("inspanningen:scoren", args=[2026])).status_code == 403
    assert client.get(reverse("inspanningen:bespreking", args=[2026])).status_code == 403


def test_an_anonymous_round_never_becomes_open(client, coordinator, samen_2026):
    client.force_login(coordinator)
    url = reverse("inspanningen:instellingen", args=[2026])
    tekst = page_text(client.get(url))
    assert "Deze ronde blijft anoniem" in tekst and "Open" not in tekst  # no choice offered
    r = client.post(url, {"weergave": "open", "voorzitter": ""})  # tampered
    assert r.status_code == 400
    assert "Een anonieme ronde kan niet meer open worden" in page_text(r)
    assert Ronde.objects.get(jaar=2026).weergave == "anoniem"
    samen_2026.weergave = "open"
    with pytest.raises(Exception, match="anonieme ronde"):
        samen_2026.save()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE inspanningen_ronde SET weergave = 'open' WHERE jaar = 2026")
    assert Ronde.objects.get(jaar=2026).weergave == "anoniem"


def test_the_coordinator_names_a_chair_who_then_settles_cells(
    client, coordinator, samen_2026, leden
):
    client.force_login(coordinator)
    client.post(
        reverse("inspanningen:instellingen", args=[2026]),
        {"weergave": "anoniem", "voorzitter": leden["beleid"].pk},
    )
    ronde = Ronde.objects.get(jaar=2026)
    assert ronde.voorzitter == leden["beleid"]
    services.wijzig_status(ronde=ronde, actie="bespreken", door=coordinator, ondanks_open=True)
    a = cel(ronde, 1, 1)
    client.force_login(leden["bestuur"])  # not the chair
    data = {
        "cel": a.pk,
        f"cel-{a.pk}-versie": a.versie,
        f"cel-{a.pk}-niveau": "sterk",
        f"cel-{a.pk}-toelichting": "Door de voorzitter vastgesteld.",
    }
    assert client.post(reverse("inspanningen:bespreking", args=[2026]), data).status_code == 403
    a.refresh_from_db()
    assert a.niveau != "sterk" or a.versie == 1
    client.force_login(leden["beleid"])
    assert client.post(reverse("inspanningen:bespreking", args=[2026]), data).status_code == 302
    a.refresh_from_db()
    assert (a.niveau, a.bijgewerkt_door) == ("sterk", leden["beleid"])


def test_bad_input_changes_nothing(client, coordinator, samen_2026, leden, referentie):
    ander = services.nieuwe_ronde(jaar=2027, door=coordinator, ondanks_onvoltooid=samen_2026.pk)
    vreemd = ander.scores.first()
    client.force_login(leden["bestuur"])
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-score_id": vreemd.pk,  # a cell of another round
        "form-0-niveau": "sterk",
        "beoordelaar": leden["beleid"].pk,  # someone else's: ignored, never a field
    }
    r = client.post(reverse("inspanningen:scoren", args=[2026]), data)
    assert r.status_code == 400
    assert "onbekende cel" in page_text(r)
    assert not Beoordeling.objects.exists()
    with pytest.raises(ActionRefused):
        samen.bewaar_beoordelingen(
            ronde=samen_2026, invoer=[samen.Invoer(vreemd.pk, "sterk", "")], door=leden["bestuur"]
        )
    # the coordinator does not score; a reason without a level is an error
    with pytest.raises(ActionRefused):
        samen.bewaar_beoordelingen(
            ronde=samen_2026,
            invoer=[samen.Invoer(cel(samen_2026, 1, 1).pk, "sterk", "")],
            door=coordinator,
        )
    r = scoor(
        client, samen_2026, leden["bestuur"], {cel(samen_2026, 1, 1): ("", "Alleen een reden")}
    )
    assert r.status_code == 400 and "Kies eerst een score" in page_text(r)
    assert not Beoordeling.objects.exists()
    # tampered phase transitions
    recent_ingelogd(client, coordinator)
    r = client.post(reverse("inspanningen:ronde_status", args=[2027, "bespreken"]), follow=True)
    assert "heeft geen bespreking" in page_text(r)
    r = client.post(reverse("inspanningen:ronde_status", args=[2026, "vaststellen"]), follow=True)
    assert "Dat kan alleen bij een ronde met status 'Bespreking'" in page_text(r)
    assert Ronde.objects.get(jaar=2026).status == "open"
    assert (
        client.get(reverse("inspanningen:ronde_status", args=[2026, "verzonnen"])).status_code
        == 404
    )
    # a direct round has no scoring page and no report
    assert client.get(reverse("inspanningen:scoren", args=[2027])).status_code == 404
    assert client.get(reverse("inspanningen:verslag", args=[2025])).status_code == 404
    # accepting in the scoring phase is refused
    r = client.post(reverse("inspanningen:aanvaarden", args=[2026]), {"aanbeveling": "alle"})
    assert r.status_code == 403
    assert (
        not Score.objects.filter(ronde=samen_2026)
        .exclude(beoordelingsstatus="te_beoordelen")
        .exists()
    )


def test_a_finalised_rounds_individual_scores_never_change(client, samen_2026, leden, coordinator):
    a = cel(samen_2026, 1, 1)
    scoor(client, samen_2026, leden["bestuur"], {a: ("sterk", "")})
    ronde = services.wijzig_status(
        ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True
    )
    services.wijzig_status(
        ronde=ronde, actie="vaststellen", door=coordinator, ondanks_open=True, reden="Test"
    )
    b = Beoordeling.objects.get()
    b.niveau = "deels"
    with pytest.raises(RondeVastgesteld):
        b.save()
    with pytest.raises(RondeVastgesteld):
        Beoordeling.objects.all().update(niveau="deels")
    with pytest.raises(RondeVastgesteld):
        b.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE inspanningen_beoordeling SET niveau = 'deels'")
    assert Beoordeling.objects.get().niveau == "sterk"
    # reopening a joint round goes back to its bespreking, the scores as they were
    ronde = Ronde.objects.get(jaar=2026)
    ronde = services.wijzig_status(ronde=ronde, actie="heropenen", door=coordinator, reden="Fout")
    assert ronde.status == "bespreking"


def test_individual_scores_are_personal_data(client, samen_2026, leden, coordinator):
    a = cel(samen_2026, 1, 1)
    scoor(client, samen_2026, leden["bestuur"], {a: ("sterk", "Mijn reden")})
    client.force_login(leden["bestuur"])
    r = client.get(reverse("mijn_gegevens"))
    data = r.json()
    assert data["individuele_scores"][0]["reden"] == "Mijn reden"
    assert data["individuele_scores"][0]["perspectief"] == "Bestuur"
    assert data["account"]["perspectief_in_de_stuurgroep"] == "Bestuur"
    # deleting the account keeps the score without the name; the perspective stays
    assert verwijder_account(leden["bestuur"], door=coordinator) == "geanonimiseerd"
    b = Beoordeling.objects.get()
    assert (b.perspectief, b.niveau) == ("bestuur", "sterk")
    assert "Bea" not in str(b.beoordelaar)


@pytest.mark.parametrize("pagina", ["scoren", "bespreking"])
def test_scoring_and_meeting_pages_take_a_fixed_number_of_queries(
    client, samen_2026, leden, coordinator, pagina, django_assert_max_num_queries
):
    from django.test.utils import CaptureQueriesContext

    url = reverse(f"inspanningen:{pagina}", args=[2026])
    alle = list(samen_2026.scores.all())

    # a member reads; on the meeting the coordinator also gets a form and the progress per member
    kijkers = [leden["bestuur"]] + ([coordinator] if pagina == "bespreking" else [])

    def tel():
        aantallen = []
        for wie in kijkers:
            client.force_login(wie)
            with CaptureQueriesContext(connection) as ctx:
                r = client.get(url)
                assert r.status_code == 200
            aantallen.append(len(ctx))
        if pagina == "bespreking":  # the coordinator's page had a form for each bespreekpunt
            aantallen.append(len(re.findall(rb'name="cel-\d+-minderheidsstandpunt"', r.content)))
        return aantallen

    scoor(client, samen_2026, leden["bestuur"], {s: ("deels", "r") for s in alle[:5]})
    scoor(client, samen_2026, leden["beleid"], {s: ("nauwelijks", "r") for s in alle[:5]})
    if pagina == "bespreking":
        services.wijzig_status(
            ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True
        )
    eerst = tel()
    if pagina == "bespreking":
        Ronde.objects.filter(pk=samen_2026.pk).update(status="open")
    for n in range(5):
        extra = lid(f"Extra {n}", Perspectief.BELEID)
        niveau = "nauwelijks" if n == 0 else "sterk"  # every cell a bespreekpunt: 55 forms
        scoor(client, samen_2026, extra, {s: (niveau, "x") for s in alle})
    if pagina == "bespreking":
        Ronde.objects.filter(pk=samen_2026.pk).update(status="bespreking")
    daarna = tel()
    if pagina == "bespreking":
        assert (eerst.pop(), daarna.pop()) == (5, 55)
    assert daarna == eerst
    for wie in kijkers:
        client.force_login(wie)
        with django_assert_max_num_queries(12):
            client.get(url)


def test_the_scoring_form_takes_any_input(client, samen_2026, leden):
    """Hypothesis: whatever a member posts, no 500, and only well-formed scores of this round's
    cells are stored (for the posting member only)."""
    from hypothesis import given
    from hypothesis import strategies as st

    client.force_login(leden["bestuur"])
    ids = list(samen_2026.scores.values_list("pk", flat=True)[:2])
    tekst = st.one_of(
        st.text(max_size=600),
        st.sampled_from(["", "sterk", "onbekend", str(ids[0]), "-1", "9" * 30]),
    )
    velden = ["form-TOTAL_FORMS", "form-INITIAL_FORMS", "naar"] + [
        f"form-{n}-{v}" for n in range(2) for v in ("score_id", "niveau", "reden")
    ]

    @given(data=st.fixed_dictionaries({}, optional={v: tekst for v in velden}))
    def probeer(data):
        r = client.post(reverse("inspanningen:scoren", args=[2026]), data)
        assert r.status_code < 500
        for b in Beoordeling.objects.all():
            assert b.beoordelaar == leden["bestuur"] and b.score_id in ids
            assert b.niveau in Beoordeling.Niveau.values and len(b.reden) <= 500

    probeer()


def test_members_are_told_when_it_is_their_turn(client, referentie, coordinator, leden, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    from inspanningen import meldingen

    recent_ingelogd(client, coordinator)
    ronde = services.nieuwe_ronde(jaar=2026, door=coordinator, werkwijze="samen")
    client.post(
        reverse("inspanningen:ronde_status", args=[2026, "openen"]),
        {"deadline": (timezone.localdate() + timedelta(days=5)).isoformat()},
    )
    assert len(mailoutbox) == 3
    assert "/matrix/2026/scoren/" in mailoutbox[0].body
    assert "geef eerst per cel uw eigen score" in mailoutbox[0].body
    # the home page says it is their turn, and how many cells they have left
    client.force_login(leden["bestuur"])
    assert "u hebt nog 55 van de 55 cellen niet gescoord" in page_text(client.get("/"))
    # a week before the deadline, only who has cells left hears it, with their own count
    scoor(client, ronde, leden["bestuur"], {s: ("deels", "") for s in ronde.scores.all()})
    scoor(client, ronde, leden["beleid"], {cel(ronde, 1, 1): ("deels", "")})
    mailoutbox.clear()
    meldingen.herinner_deadlines()
    per_adres = {m.to[0]: m.body for m in mailoutbox}
    assert set(per_adres) == {leden["beleid"].email, leden["uitvoering"].email}
    assert "Er zijn nog 54 cellen te beoordelen." in per_adres[leden["beleid"].email]
    assert "Er zijn nog 55 cellen te beoordelen." in per_adres[leden["uitvoering"].email]
    client.force_login(leden["bestuur"])
    assert "niet gescoord" not in page_text(client.get("/"))


def test_names_and_reasons_are_escaped_in_the_spread(client, referentie, coordinator):
    ronde = services.nieuwe_ronde(jaar=2026, door=coordinator, werkwijze="samen", weergave="open")
    ronde = services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)
    boos = lid('<img src=x onerror="alert(1)">', Perspectief.BESTUUR)
    a = cel(ronde, 1, 1)
    scoor(client, ronde, boos, {a: ("sterk", '<script>alert("reden")</script>')})
    html = client.get(reverse("inspanningen:scoren", args=[2026])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;reden&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_the_coordinator_sets_a_members_perspective_on_rollen(
    client, coordinator, leden, professional
):
    recent_ingelogd(client, coordinator)
    url = reverse("accounts:rollen")
    lid_ = leden["uitvoering"]
    r = client.post(url, {"account": lid_.pk, "rol": roles.STUURGROEP, "perspectief": "inwoner"})
    assert r.status_code == 302
    lid_.refresh_from_db()
    assert lid_.perspectief == "inwoner"
    # only a stuurgroep member has one: another role clears it
    client.post(url, {"account": lid_.pk, "rol": roles.PROFESSIONAL, "perspectief": "inwoner"})
    lid_.refresh_from_db()
    assert lid_.perspectief == ""
    r = client.post(url, {"account": professional.pk, "rol": roles.STUURGROEP, "perspectief": "x"})
    assert r.status_code == 400
    professional.refresh_from_db()
    assert professional.perspectief == "" and not professional.is_stuurgroep
    # nobody else sets it
    client.force_login(leden["bestuur"])
    assert (
        client.post(
            url, {"account": lid_.pk, "rol": roles.STUURGROEP, "perspectief": "bestuur"}
        ).status_code
        == 403
    )


def test_review_fixes_for_the_rules_around_a_joint_round(
    client, samen_2026, leden, coordinator, professional
):
    """What the review of issue 14 found, each with its effect."""
    a, b = cel(samen_2026, 1, 1), cel(samen_2026, 1, 2)
    scoor(client, samen_2026, leden["bestuur"], {a: ("sterk", "Geheim tot de bespreking")})
    scoor(client, samen_2026, leden["beleid"], {a: ("sterk", ""), b: ("deels", "")})
    # the admin shows no individual score while the members score blind
    client.force_login(coordinator)
    r = client.get(reverse("admin:inspanningen_beoordeling_changelist"))
    assert r.status_code == 200 and "Geheim tot de bespreking" not in r.content.decode()
    eigen = Beoordeling.objects.get(beoordelaar=leden["bestuur"])
    r = client.get(reverse("admin:inspanningen_beoordeling_change", args=[eigen.pk]), follow=True)
    assert "Geheim tot de bespreking" not in r.content.decode()
    # per-member progress is the coordinator's: a member does not see who scored what
    client.force_login(leden["beleid"])
    assert "Gescoord per lid" not in page_text(client.get(reverse("inspanningen:rondes")))
    client.force_login(coordinator)
    assert "Gescoord per lid" in page_text(client.get(reverse("inspanningen:rondes")))
    # odd digits are no 500
    client.force_login(leden["bestuur"])
    data = {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-0-score_id": "²"}
    assert client.post(reverse("inspanningen:scoren", args=[2026]), data).status_code == 400
    ronde = services.wijzig_status(
        ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True
    )
    client.force_login(coordinator)
    url = reverse("inspanningen:bespreking", args=[2026])
    assert client.post(url, {"cel": "²"}).status_code == 400
    assert client.get(url + "?cel=²").status_code == 200
    r = client.post(reverse("inspanningen:aanvaarden", args=[2026]), {"aanbeveling": "²"})
    assert r.status_code == 302
    assert (
        not Score.objects.filter(ronde=ronde).exclude(beoordelingsstatus="te_beoordelen").exists()
    )
    # a chair who is not (or no longer) in the stuurgroep sets nothing
    Ronde.objects.filter(pk=ronde.pk).update(voorzitter=professional)
    ronde.refresh_from_db()
    assert not ronde.kan_bewerken(professional)
    client.force_login(professional)
    a.refresh_from_db()
    data = {"cel": a.pk, f"cel-{a.pk}-versie": a.versie, f"cel-{a.pk}-niveau": "sterk"}
    assert client.post(url, data).status_code == 403
    a.refresh_from_db()
    assert a.niveau != "sterk" or a.bijgewerkt_door != professional
    # cells fewer than two members gave a level count apart: no agreement out of one voice
    rijen = {r.aanbeveling.nummer: r for r in samen.instemming(samen.cellen(ronde, coordinator))}
    assert (rijen[1].cellen, rijen[1].zonder_scores, rijen[1].aandeel) == (1, 10, 100)
    assert (rijen[2].cellen, rijen[2].zonder_scores, rijen[2].aandeel) == (0, 11, None)  # b: one
    client.force_login(coordinator)
    tekst = page_text(client.get(url))
    assert "Cellen met te weinig scores" in tekst and "Laat 54 cellen zoals ze waren" in tekst
    # no proposed level to differ from: such a cell is set, not set "otherwise"
    assert "Cel 11×5 vaststellen" in tekst and "Cel 11×5 anders vaststellen" not in tekst
    # the meeting's form proposes the agreed level, never last year's by default
    html = client.get(url + f"?cel={a.pk}").content.decode()
    assert 'value="sterk" selected' in html
    # leave the cells with too few scores as they were, in one action, each in its history
    client.post(reverse("inspanningen:aanvaarden", args=[2026]), {"soort": "zonder_scores"})
    gelaten = Score.history.filter(ronde_id=ronde.pk, history_change_reason=samen.ZONDER_SCORES)
    assert gelaten.count() == 54
    assert Score.objects.filter(ronde=ronde, beoordelingsstatus="te_beoordelen").count() == 1
    client.post(reverse("inspanningen:aanvaarden", args=[2026]), {"aanbeveling": "alle"})
    a.refresh_from_db()
    assert a.niveau == "sterk" and a.is_beoordeeld
    vorig = Score.objects.get(ronde__jaar=2025, inspanning__nummer=1, aanbeveling__nummer=1)
    assert vorig.niveau != "sterk"  # so the level changed: the copied toelichting explained
    assert a.toelichting == "In de bespreking van 2026 aanvaard: 2 scores, mediaan sterk aanwezig."


def test_a_joint_rounds_cells_are_set_only_in_its_meeting(client, referentie, coordinator):
    ronde = services.nieuwe_ronde(jaar=2026, door=coordinator, werkwijze="samen")
    assert not ronde.kan_bewerken(coordinator)  # concept: the cells stay as copied
    client.force_login(coordinator)
    # no shared edit page and no import for a joint round: to its meeting
    for naam in ("matrix_bewerken", "importeren"):
        r = client.get(reverse(f"inspanningen:{naam}", args=[2026]))
        assert r.status_code == 302 and r.url == reverse("inspanningen:bespreking", args=[2026])
    # nor is a cell deleted in the admin: it carries its members' scores
    score = ronde.scores.first()
    r = client.get(reverse("admin:inspanningen_score_delete", args=[score.pk]))
    assert r.status_code == 403


def test_the_admin_history_does_not_move_a_round_back_a_phase(
    client, superuser, samen_2026, coordinator
):
    ronde = services.wijzig_status(
        ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True
    )
    oud = ronde.history.filter(status="open").first()
    client.force_login(superuser)
    url = reverse("admin:inspanningen_ronde_simple_history", args=[ronde.pk, oud.history_id])
    # The restore form as the admin shows it, every field sent back, the title changed.
    data = {}
    for veld in find_all(client.get(url), "input") + find_all(client.get(url), "textarea"):
        naam, soort = veld.attrs.get("name"), veld.attrs.get("type", "")
        if naam and (soort not in ("checkbox", "radio") or "checked" in veld.attrs):
            data[naam] = veld.attrs.get("value", veld.text)
    for veld in find_all(client.get(url), "select"):
        gekozen = [o for o in veld.children if o.tag == "option" and "selected" in o.attrs]
        data[veld.attrs["name"]] = gekozen[0].attrs.get("value", "") if gekozen else ""
    data["titel"] = "Hersteld uit de geschiedenis"
    r = client.post(url, data)
    assert r.status_code == 302, page_text(r)[:500]
    hersteld = Ronde.objects.get(pk=ronde.pk)
    assert hersteld.titel == "Hersteld uit de geschiedenis"  # the restore itself went through
    assert hersteld.status == "bespreking"  # but not back to scoring


def test_closing_the_scoring_early_asks_for_a_choice_and_shows_who_is_not_done(
    client, coordinator, samen_2026, leden
):
    from datetime import timedelta

    from tests.klok import VANDAAG

    Ronde.objects.filter(pk=samen_2026.pk).update(deadline=VANDAAG + timedelta(days=40))
    alle = {s: ("deels", "") for s in samen_2026.scores.all()}
    for wie in ("bestuur", "beleid"):
        scoor(client, samen_2026, leden[wie], alle)
    scoor(client, samen_2026, leden["uitvoering"], {cel(samen_2026, 1, 1): ("sterk", "")})
    url = reverse("inspanningen:ronde_status", args=[2026, "bespreken"])
    recent_ingelogd(client, coordinator)
    tekst = page_text(client.get(url))
    assert "1 lid heeft nog niet alle cellen gescoord" in tekst
    assert "Uma Uitvoering, Uitvoering: 1 van 55 cellen gescoord" in tekst
    assert "Bea Bestuur" not in tekst  # done: not listed
    assert "De deadline is " in tekst and "Dit kan niet terug" in tekst

    r = client.post(url)
    assert r.status_code == 400
    assert "Vink aan dat u het scoren toch wilt sluiten." in page_text(r)
    assert Ronde.objects.get(pk=samen_2026.pk).status == "open"
    with pytest.raises(ActionRefused, match="1 lid van de stuurgroep"):
        services.wijzig_status(ronde=samen_2026, actie="bespreken", door=coordinator)

    client.post(url, {"ondanks_open": "on"})
    assert Ronde.objects.get(pk=samen_2026.pk).status == "bespreking"


def test_a_joint_round_reopens_into_its_bespreking_without_a_deadline(
    client, coordinator, samen_2026, leden
):
    ronde = services.wijzig_status(
        ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True
    )
    ronde = services.wijzig_status(
        ronde=ronde, actie="vaststellen", door=coordinator, ondanks_open=True, reden="test"
    )
    deadline = ronde.deadline
    recent_ingelogd(client, coordinator)
    url = reverse("inspanningen:ronde_status", args=[2026, "heropenen"])
    assert not find_all(client.get(url), "input", name="deadline")  # nobody scores again
    client.post(url, {"reden": "Een cel nog eens bespreken", "deadline": "2099-01-01"})
    ronde = Ronde.objects.get(pk=ronde.pk)
    assert (ronde.status, ronde.deadline) == ("bespreking", deadline)


def test_a_bespreekpunt_is_never_settled_with_last_years_toelichting(
    client, coordinator, samen_2026, leden
):
    a = cel(samen_2026, 1, 1)
    Score.objects.filter(pk=a.pk).update(niveau="nauwelijks", toelichting="Tekst van vorig jaar.")
    for wie, niveau in (("bestuur", "sterk"), ("beleid", "deels"), ("uitvoering", "nauwelijks")):
        scoor(client, samen_2026, leden[wie], {a: (niveau, "")})
    services.wijzig_status(ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True)
    client.force_login(coordinator)
    url = reverse("inspanningen:bespreking", args=[2026])
    [veld] = find_all(client.get(url), "textarea", name=f"cel-{a.pk}-toelichting")
    assert veld.text.strip() == ""  # the median's form, without last year's words
    a.refresh_from_db()
    data = {"cel": a.pk, f"cel-{a.pk}-versie": a.versie, f"cel-{a.pk}-niveau": "deels"}
    r = client.post(url, data)
    assert r.status_code == 400
    assert "Schrijf in een zin wat de bespreking vaststelde" in page_text(r)
    assert Score.objects.get(pk=a.pk).niveau == "nauwelijks"
    client.post(url, data | {f"cel-{a.pk}-toelichting": "Deels: besproken op 3 maart."})
    a.refresh_from_db()
    assert (a.niveau, a.toelichting) == ("deels", "Deels: besproken op 3 maart.")
    [veld] = find_all(client.get(url), "textarea", name=f"cel-{a.pk}-toelichting")
    assert veld.text.strip() == "Deels: besproken op 3 maart."  # once set: this round's own


def test_a_refusal_says_why(client, coordinator, samen_2026):
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:scoren", args=[2026]))
    assert r.status_code == 403
    tekst = page_text(r)
    assert "Alleen leden van de stuurgroep geven eigen scores." in tekst
    assert "Neem contact op met de coördinator" not in tekst  # they are the coordinator


def test_when_every_cell_is_settled_nobody_is_told_nog_0(client, coordinator, samen_2026, leden):
    services.wijzig_status(ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True)
    Score.objects.filter(ronde=samen_2026).update(beoordelingsstatus="bevestigd")
    client.force_login(coordinator)
    tekst = page_text(client.get(reverse("home")))
    assert "alle cellen zijn vastgesteld; de coördinator kan de ronde vaststellen" in tekst
    assert "nog 0" not in tekst
    r = client.post(reverse("inspanningen:ronde_nieuw"), {"jaar": "2027", "titel": ""})
    tekst = page_text(r)
    assert "Alle cellen van ronde 2026 zijn beoordeeld; ze moet nog worden vastgesteld." in tekst
    assert "nog 0" not in tekst


def test_a_coordinator_in_the_stuurgroep_who_scored_every_cell_is_not_told_nog_0(
    client, coordinator, samen_2026, leden
):
    coordinator.groups.add(Group.objects.get(name=roles.STUURGROEP))
    scoor(client, samen_2026, coordinator, {s: ("deels", "") for s in samen_2026.scores.all()})
    client.force_login(coordinator)
    tekst = page_text(client.get(reverse("home")))
    assert "Ronde 2026 is open voor ieders eigen scores: u hebt alle cellen gescoord" in tekst
    assert "nog 0" not in tekst


def test_a_member_who_gave_no_scores_reads_so_once_scoring_closed(
    client, coordinator, samen_2026, leden
):
    services.wijzig_status(ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True)
    client.force_login(leden["bestuur"])
    r = client.get(reverse("inspanningen:scoren", args=[2026]))
    assert "U hebt in deze ronde geen eigen scores gegeven." in page_text(r)
    assert not find_all(r, "select")  # no page of 55 empty, disabled forms


def test_scoring_from_the_unscored_list_says_where_the_others_scores_are(client, samen_2026, leden):
    a = cel(samen_2026, 1, 1)
    client.force_login(leden["bestuur"])
    url = reverse("inspanningen:scoren", args=[2026]) + "?alleen=open"
    scores = list(samen_2026.scores.order_by("pk"))
    data = {"form-TOTAL_FORMS": len(scores), "form-INITIAL_FORMS": len(scores), "naar": "1"}
    for n, s in enumerate(scores):
        data |= {f"form-{n}-score_id": s.pk, f"form-{n}-niveau": "sterk" if s == a else ""}
    r = client.post(url, data)
    assert r.url == url  # the list stays, from the top: the scored cell has left it
    tekst = page_text(client.get(r.url))
    assert (
        "1 score opgeslagen. De scores van anderen voor die cel ziet u onder ‘Toon alle cellen’."
        in tekst
    )
    assert f'id="cel-{a.pk}"' not in client.get(url).content.decode()
    # nothing new: the section is still on the list, so the message waits there
    data[f"form-{scores.index(a)}-niveau"] = ""
    r = client.post(url, data)
    assert r.url == url + "#inspanning-1"
    assert "Er was niets gewijzigd" in page_text(client.get(r.url))


def test_tampered_forms_get_one_clear_message_each(client, coordinator, samen_2026, leden):
    client.force_login(leden["bestuur"])
    url = reverse("inspanningen:scoren", args=[2026])
    r = client.post(url, {"form-0-niveau": "sterk"})  # no management form
    assert r.status_code == 400
    assert "Het formulier is niet volledig verstuurd. Laad de pagina opnieuw" in page_text(r)
    a = cel(samen_2026, 1, 1)
    r = scoor(client, samen_2026, leden["bestuur"], {a: ("heel sterk", "Mijn reden")})
    assert r.status_code == 400
    assert "Kies eerst een score" not in page_text(r)  # one error: the level itself
    assert not Beoordeling.objects.exists()

    services.wijzig_status(ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True)
    client.force_login(coordinator)
    r = client.post(
        reverse("inspanningen:bespreking", args=[2026]) + f"?cel={a.pk}",
        {
            "cel": a.pk,
            f"cel-{a.pk}-versie": "x",
            f"cel-{a.pk}-niveau": "sterk",
            f"cel-{a.pk}-toelichting": "Vastgesteld.",
        },
    )
    assert r.status_code == 400
    assert "Het formulier van deze cel kwam niet goed mee." in page_text(r)
    assert Score.objects.get(pk=a.pk).versie == a.versie


def test_a_long_worksheet_has_a_way_to_each_inspanning_with_its_count(
    client, coordinator, samen_2026, leden
):
    from tests.markup import find

    eerste = [cel(samen_2026, 1, a) for a in range(1, 6)]
    scoor(client, samen_2026, leden["bestuur"], {eerste[0]: ("sterk", "")})
    url = reverse("inspanningen:scoren", args=[2026])
    [een, *_rest] = find_all(find(client.get(url), "details", cls="gg-naar-inspanning"), "li")
    assert een.text.endswith("1 van 5 gescoord")
    assert find(een, "a").attrs["href"] == "#inspanning-1"
    scoor(client, samen_2026, leden["bestuur"], {c: ("deels", "") for c in eerste})
    lijst = find(client.get(url + "?alleen=open"), "details", cls="gg-naar-inspanning")
    een = find_all(lijst, "li")[0]
    assert een.text.endswith("5 van 5 gescoord") and not find_all(een, "a")  # not on the page

    # the edit page of a direct round has the same list, counting the reviewed cells
    ronde = services.nieuwe_ronde(jaar=2027, door=coordinator, ondanks_onvoltooid=samen_2026.pk)
    services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:matrix_bewerken", args=[2027]))
    rijen = find_all(find(r, "details", cls="gg-naar-inspanning"), "li")
    assert len(rijen) == 11 and rijen[0].text.endswith("0 van 5 beoordeeld")


def test_closing_never_waits_for_who_left_the_stuurgroep(client, coordinator, samen_2026, leden):
    alle = {s: ("deels", "") for s in samen_2026.scores.all()}
    for wie in ("bestuur", "beleid"):
        scoor(client, samen_2026, leden[wie], alle)
    scoor(client, samen_2026, leden["uitvoering"], {cel(samen_2026, 1, 1): ("sterk", "")})
    leden["uitvoering"].groups.remove(Group.objects.get(name=roles.STUURGROEP))  # left
    assert samen.nog_bezig(samen_2026) == []
    recent_ingelogd(client, coordinator)
    url = reverse("inspanningen:ronde_status", args=[2026, "bespreken"])
    assert "nog niet alle cellen gescoord" not in page_text(client.get(url))
    client.post(url)  # no choice needed
    assert Ronde.objects.get(pk=samen_2026.pk).status == "bespreking"


def test_a_refused_closing_goes_back_to_its_confirmation(client, coordinator, samen_2026, leden):
    recent_ingelogd(client, coordinator)
    url = reverse("inspanningen:ronde_status", args=[2026, "bespreken"])
    alle = {s: ("deels", "") for s in samen_2026.scores.all()}
    for wie in leden.values():
        scoor(client, samen_2026, wie, alle)
    recent_ingelogd(client, coordinator)
    assert "nog niet alle cellen gescoord" not in page_text(client.get(url))
    # the page was loaded when everyone was done; a member joined before the POST
    lid("Nina Nieuw", Perspectief.BELEID)
    r = client.post(url, {"ondanks_open": ""})
    assert r.status_code == 400  # the form itself asks now
    assert "Nina Nieuw" in page_text(r)
    assert Ronde.objects.get(pk=samen_2026.pk).status == "open"
    from unittest import mock

    with mock.patch.object(samen, "nog_bezig", side_effect=[[], [{"pk": 0}]]):
        r = client.post(url)  # the form saw no one; the service, under the lock, one
    assert r.status_code == 302 and r.url == url
    assert Ronde.objects.get(pk=samen_2026.pk).status == "open"


def test_reopening_a_joint_round_mails_nobody_to_score(coordinator, samen_2026, mailoutbox):
    from inspanningen import meldingen

    ronde = services.wijzig_status(
        ronde=samen_2026, actie="bespreken", door=coordinator, ondanks_open=True
    )
    ronde = services.wijzig_status(
        ronde=ronde, actie="vaststellen", door=coordinator, ondanks_open=True, reden="test"
    )
    ronde = services.wijzig_status(ronde=ronde, actie="heropenen", door=coordinator, reden="x")
    mailoutbox.clear()
    assert meldingen.ronde_geopend(ronde) == 0 and not mailoutbox


def test_a_refusal_after_someone_else_moved_the_round_on_goes_to_the_rounds(
    client, coordinator, samen_2026, leden
):
    """Refused because another coordinator closed the scoring a moment earlier: the
    confirmation could only be refused again, so the way is back to Rondes."""
    from unittest import mock

    recent_ingelogd(client, coordinator)
    url = reverse("inspanningen:ronde_status", args=[2026, "bespreken"])

    def tegelijk(**kwargs):
        Ronde.objects.filter(pk=samen_2026.pk).update(status="bespreking")
        raise ActionRefused("Deze ronde is al in bespreking.")

    with mock.patch.object(services, "wijzig_status", side_effect=tegelijk):
        r = client.post(url, {"ondanks_open": "on"})
    assert r.status_code == 302 and r.url == reverse("inspanningen:rondes")
