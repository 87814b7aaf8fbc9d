"""Who hears what (inspanningen/meldingen.py, core/mail.py): the round opened, the round
finalised, the reminder a week before the deadline, the roles a successor takes over, and the
invitation. Each mail goes to the right people only, in their language, as plain text with
absolute links; a mail server that is down never breaks a page; 'Mijn account' turns the
optional messages off."""

import logging
import re
import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from accounts import roles
from accounts.models import Uitnodiging, User
from inspanningen import meldingen, services
from inspanningen.models import Betrokkenheid, Inspanning, Ronde, Score
from tests.conftest import MET_OPEN_CELLEN, met_mfa, recent_ingelogd
from tests.factories import BetrokkenheidFactory, ExpertFactory, UserFactory
from tests.inspanningen.test_vertrek import vertrek_post
from tests.klok import VANDAAG
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


class KapotteSmtp(BaseEmailBackend):
    """A mail server that is down: every send fails as smtplib does."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class OnbereikbareSmtp(BaseEmailBackend):
    """A mail server that cannot be reached at all (no route, refused, timed out)."""

    def send_messages(self, email_messages):
        raise OSError(113, "No route to host")


class TrageSmtp(BaseEmailBackend):
    """A mail server that does not answer: opening the connection times out."""

    geopend = 0

    def open(self):
        TrageSmtp.geopend += 1
        raise TimeoutError("timed out")

    def send_messages(self, email_messages):  # pragma: no cover - never reached
        raise AssertionError("no message is sent over a connection that never opened")


def _status_url(jaar, actie):
    return reverse("inspanningen:ronde_status", args=[jaar, actie])


def _aan(berichten=None) -> list[str]:
    """The addresses mailed, one message per recipient."""
    berichten = mail.outbox if berichten is None else berichten
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in berichten)
    return sorted(m.to[0] for m in berichten)


def _aan_wie(email: str):
    [bericht] = [m for m in mail.outbox if m.to == [email]]
    return bericht


def _geen_adressen(bericht) -> None:
    """Plain text only, and no e-mail address of anyone in it."""
    assert bericht.alternatives == []
    assert bericht.content_subtype == "plain"
    assert not EMAIL.search(bericht.body), EMAIL.search(bericht.body)
    assert not EMAIL.search(bericht.subject)


@pytest.fixture
def mensen(db):
    """The people around a round: who gets what depends on role, preference and language."""
    return {
        "sg_nl": met_mfa(UserFactory(naam="Sanne Stuurgroep", roles=[roles.STUURGROEP])),
        "sg_en": met_mfa(UserFactory(naam="Steve Steering", roles=[roles.STUURGROEP], taal="en")),
        "sg_stil": met_mfa(
            UserFactory(
                naam="Stijn Stil",
                roles=[roles.STUURGROEP],
                mail_herinneringen=False,
                mail_vastgesteld=False,
            )
        ),
        "sg_weg": UserFactory(naam="Sem Weg", roles=[roles.STUURGROEP], is_active=False),
        "coord_2": met_mfa(UserFactory(naam="Cees Coördinator", roles=[roles.COORDINATOR])),
        "coord_stil": met_mfa(
            UserFactory(naam="Cor Stil", roles=[roles.COORDINATOR], mail_vastgesteld=False)
        ),
        "beide": met_mfa(UserFactory(naam="Bo Beide", roles=[roles.COORDINATOR, roles.STUURGROEP])),
        "prof": UserFactory(naam="Pim Professional", roles=[roles.PROFESSIONAL]),
    }


def _emails(mensen, *namen):
    return sorted(mensen[n].email for n in namen)


# The round opened


def test_opening_a_round_mails_the_stuurgroep_only(client, coordinator, concept_2026, mensen):
    deadline = VANDAAG + timedelta(days=30)
    client.force_login(coordinator)
    r = client.post(_status_url(2026, "openen"), {"deadline": deadline.isoformat()})
    assert r.status_code == 302
    assert Ronde.objects.get(jaar=2026).status == "open"
    # Every active stuurgroep member (an opened round has no opt-out), nobody else.
    assert _aan() == _emails(mensen, "sg_nl", "sg_en", "sg_stil", "beide")

    nl = _aan_wie(mensen["sg_nl"].email)
    assert nl.subject == "Ronde 2026 staat open voor herbeoordeling"
    assert nl.body.startswith("Goedendag,")
    assert "Er zijn 55 cellen te beoordelen." in nl.body
    assert f"Graag vóór {date_format(deadline, 'j F Y')}." in nl.body
    assert f"{settings.SITE_URL}/matrix/2026/bewerken/" in nl.body.split()
    assert settings.SITE_URL.startswith("http")
    _geen_adressen(nl)


def test_the_opened_mail_is_in_the_recipients_language(client, coordinator, concept_2026, mensen):
    deadline = VANDAAG + timedelta(days=30)
    client.force_login(coordinator)
    client.post(_status_url(2026, "openen"), {"deadline": deadline.isoformat()})
    en = _aan_wie(mensen["sg_en"].email)
    assert en.subject == "Round 2026 is open for review"
    assert "There are 55 cells to review." in en.body
    assert en.body.startswith("Hello,")
    assert "Kind regards," in en.body
    assert "Goedendag" not in en.body and "Met vriendelijke groet" not in en.body
    with translation.override("en"):
        datum_en = date_format(deadline, "j F Y")
    assert datum_en in en.body  # Django's English month name
    assert f"{settings.SITE_URL}/matrix/2026/bewerken/" in en.body
    _geen_adressen(en)
    # The Dutch member's mail in the same request is still Dutch.
    assert _aan_wie(mensen["sg_nl"].email).body.startswith("Goedendag,")


def test_a_refused_opening_mails_nobody(client, coordinator, ronde_2026, mensen):
    client.force_login(coordinator)
    r = client.post(_status_url(2026, "openen"), follow=True)
    assert "Dat kan alleen bij een ronde met status 'Concept'" in page_text(r)
    assert mail.outbox == []


def test_a_past_deadline_opens_nothing_and_mails_nobody(client, coordinator, concept_2026, mensen):
    client.force_login(coordinator)
    r = client.post(
        _status_url(2026, "openen"), {"deadline": (VANDAAG - timedelta(days=1)).isoformat()}
    )
    assert r.status_code == 400
    assert Ronde.objects.get(jaar=2026).status == "concept"
    assert mail.outbox == []


# The round finalised


def test_finalising_mails_stuurgroep_and_coordinators_but_not_the_finaliser_nor_who_opted_out(
    client, coordinator, ronde_2026, mensen
):
    assert mail.outbox == []  # the fixture opened the round through the service
    recent_ingelogd(client, coordinator)
    r = client.post(_status_url(2026, "vaststellen"), MET_OPEN_CELLEN)
    assert r.status_code == 302
    assert Ronde.objects.get(jaar=2026).status == "vastgesteld"
    # Bo is coordinator and stuurgroep: one mail. Stijn and Cor opted out; Sem is inactive;
    # the coordinator who finalised knows.
    assert _aan() == _emails(mensen, "sg_nl", "sg_en", "coord_2", "beide")
    assert coordinator.email not in _aan()

    nl = _aan_wie(mensen["coord_2"].email)
    assert nl.subject == "Ronde 2026 is vastgesteld"
    assert "Ronde 2026 (Herbeoordeling 2026) is vastgesteld." in nl.body
    assert "55 cellen zijn niet opnieuw beoordeeld." in nl.body
    assert f"Reden: {MET_OPEN_CELLEN['reden']}" in nl.body
    woorden = nl.body.split()
    assert f"{settings.SITE_URL}/matrix/2026/" in woorden
    assert f"{settings.SITE_URL}/matrix/vergelijk/?van=2025&naar=2026" in woorden
    assert f"{settings.SITE_URL}/mijn-account/" in woorden
    _geen_adressen(nl)

    en = _aan_wie(mensen["sg_en"].email)
    assert en.subject == "Round 2026 has been finalised"
    assert "Round 2026 (Herbeoordeling 2026) has been finalised." in en.body
    assert "55 cells were not reviewed again." in en.body
    assert en.body.startswith("Hello,") and "Kind regards," in en.body
    _geen_adressen(en)


def test_finalising_a_fully_reviewed_round_says_nothing_about_open_cells(
    client, coordinator, ronde_2026, mensen
):
    Score.objects.filter(ronde=ronde_2026).update(beoordelingsstatus="bevestigd")
    recent_ingelogd(client, coordinator)
    client.post(_status_url(2026, "vaststellen"))
    assert Ronde.objects.get(jaar=2026).status == "vastgesteld"
    bericht = _aan_wie(mensen["sg_nl"].email)
    assert "niet opnieuw beoordeeld" not in bericht.body
    assert "Reden:" not in bericht.body  # 'vastgesteld' is the change, not a reason


def test_a_refused_finalising_mails_nobody(client, coordinator, ronde_2026, mensen):
    recent_ingelogd(client, coordinator)
    r = client.post(_status_url(2026, "vaststellen"), {"reden": "zonder vinkje"})
    assert r.status_code == 400
    assert Ronde.objects.get(jaar=2026).status == "open"
    assert mail.outbox == []


# The reminder a week before the deadline


@pytest.fixture
def open_met_deadline(ronde_2026):
    def zet(dagen: int):
        Ronde.objects.filter(pk=ronde_2026.pk).update(deadline=VANDAAG + timedelta(days=dagen))
        return Ronde.objects.get(pk=ronde_2026.pk)

    return zet


def _herinner() -> str:
    out = StringIO()
    call_command("herinner_deadline", stdout=out)
    return out.getvalue()


def test_the_reminder_goes_once_to_the_stuurgroep_members_who_want_it(open_met_deadline, mensen):
    ronde = open_met_deadline(7)
    uit = _herinner()
    assert "Ronde 2026: herinnering aan 3 leden van de stuurgroep." in uit
    assert _aan() == _emails(mensen, "sg_nl", "sg_en", "beide")  # not Stijn, who opted out
    ronde.refresh_from_db()
    assert ronde.herinnerd_op == VANDAAG

    nl = _aan_wie(mensen["sg_nl"].email)
    datum = date_format(ronde.deadline, "j F Y")
    assert nl.subject == f"Herinnering: ronde 2026 sluit op {datum}"
    assert f"De herbeoordeling van ronde 2026 sluit op {datum}." in nl.body
    assert "Er zijn nog 55 cellen te beoordelen." in nl.body
    woorden = nl.body.split()
    assert f"{settings.SITE_URL}/matrix/2026/bewerken/?alleen=te_beoordelen" in woorden
    assert f"{settings.SITE_URL}/mijn-account/" in woorden
    _geen_adressen(nl)

    en = _aan_wie(mensen["sg_en"].email)
    with translation.override("en"):
        datum_en = date_format(ronde.deadline, "j F Y")
    assert en.subject == f"Reminder: round 2026 closes on {datum_en}"
    assert f"The review of round 2026 closes on {datum_en}." in en.body
    assert "55 cells are still to be reviewed." in en.body
    assert en.body.startswith("Hello,") and datum_en in en.body
    _geen_adressen(en)

    # Run again today, and tomorrow: nothing more.
    assert "Geen ronde waarvoor nu een herinnering nodig is." in _herinner()
    assert meldingen.herinner_deadlines(vandaag=VANDAAG + timedelta(days=1)) == []
    assert len(mail.outbox) == 3


def test_one_cell_left_is_said_in_the_singular(open_met_deadline, mensen):
    ronde = open_met_deadline(3)
    Score.objects.filter(ronde=ronde).exclude(
        pk=ronde.scores.order_by("pk").values("pk")[:1]
    ).update(beoordelingsstatus="bevestigd")
    _herinner()
    assert "Er is nog 1 cel te beoordelen." in _aan_wie(mensen["sg_nl"].email).body


def test_no_reminder_when_every_cell_is_reviewed(open_met_deadline, mensen):
    ronde = open_met_deadline(5)
    Score.objects.filter(ronde=ronde).update(beoordelingsstatus="bevestigd")
    assert "Geen ronde" in _herinner()
    assert mail.outbox == []
    ronde.refresh_from_db()
    assert ronde.herinnerd_op is None


@pytest.mark.parametrize("dagen", [8, 30, -1])
def test_no_reminder_more_than_a_week_before_or_after_the_deadline(
    open_met_deadline, mensen, dagen
):
    ronde = open_met_deadline(dagen)
    assert "Geen ronde" in _herinner()
    assert mail.outbox == []
    ronde.refresh_from_db()
    assert ronde.herinnerd_op is None


def test_the_reminder_comes_when_the_week_begins_and_on_the_last_day(open_met_deadline, mensen):
    ronde = open_met_deadline(8)
    assert meldingen.herinner_deadlines(vandaag=VANDAAG) == []
    [(herinnerd, n)] = meldingen.herinner_deadlines(vandaag=VANDAAG + timedelta(days=1))
    assert (herinnerd.pk, n) == (ronde.pk, 3)
    assert len(mail.outbox) == 3

    mail.outbox.clear()
    Ronde.objects.filter(pk=ronde.pk).update(deadline=VANDAAG, herinnerd_op=None)
    assert len(meldingen.herinner_deadlines(vandaag=VANDAAG)) == 1  # the deadline is today
    assert len(mail.outbox) == 3


def test_no_reminder_for_a_round_without_a_deadline_or_that_is_not_open(
    ronde_2026, coordinator, mensen
):
    assert ronde_2026.deadline is None
    assert "Geen ronde" in _herinner()
    concept = services.nieuwe_ronde(
        jaar=2027,
        door=coordinator,
        deadline=VANDAAG + timedelta(days=3),
        ondanks_onvoltooid=ronde_2026.pk,
    )
    assert concept.status == "concept"
    assert "Geen ronde" in _herinner()
    assert mail.outbox == []


def test_opening_with_a_new_deadline_gives_a_new_reminder(coordinator, concept_2026, mensen):
    services.wijzig_status(
        ronde=concept_2026,
        actie="openen",
        door=coordinator,
        deadline=VANDAAG + timedelta(days=6),
    )
    assert len(meldingen.herinner_deadlines()) == 1
    assert len(mail.outbox) == 3
    ronde = Ronde.objects.get(pk=concept_2026.pk)
    assert (ronde.herinnerd_op, ronde.deadline) == (VANDAAG, VANDAAG + timedelta(days=6))


# The successor


@pytest.fixture
def vertrekker(referentie, professional):
    anna = ExpertFactory(naam="Anna Vertrek", email="anna@example.org", user=professional)
    for nummer, rol in [(3, "trekker"), (5, "projectleider"), (7, "werkgroeplid")]:
        BetrokkenheidFactory(expert=anna, inspanning=Inspanning.objects.get(nummer=nummer), rol=rol)
    return anna


def test_each_successor_is_mailed_their_roles_and_notes(client, coordinator, vertrekker):
    bram = ExpertFactory(naam="Bram Opvolger", email="bram@example.org")
    carla = ExpertFactory(
        naam="Carla Opvolger",
        email="carla@example.org",
        user=UserFactory(email="carla.account@example.org", taal="en"),
    )
    client.force_login(coordinator)
    r = vertrek_post(
        client,
        vertrekker,
        bram,
        per_rol={7: carla.pk},
        notities={3: "Draaiboek staat op de teamsite.", 7: "Volgende werkgroep op 12 maart."},
    )
    assert r.status_code == 302
    assert Betrokkenheid.objects.lopend().filter(expert=bram).count() == 2
    # One mail per successor, at the profile's address; nothing to the leaver.
    assert _aan() == ["bram@example.org", "carla@example.org"]

    b = _aan_wie("bram@example.org")
    assert b.subject == "U neemt rollen over van Anna Vertrek"
    assert b.body.startswith("Beste Bram Opvolger,")
    assert "Anna Vertrek is vertrokken. U neemt deze rollen over:" in b.body
    drie, vijf = Inspanning.objects.get(nummer=3), Inspanning.objects.get(nummer=5)
    assert f"- Trekker, {drie}" in b.body
    assert f"- Projectleider, {vijf}" in b.body
    woorden = b.body.split()
    assert f"{settings.SITE_URL}/inspanningen/3/" in woorden
    assert f"{settings.SITE_URL}/inspanningen/5/" in woorden
    assert "Overdrachtsnotitie:\n  Draaiboek staat op de teamsite." in b.body
    assert "Volgende werkgroep" not in b.body  # Carla's note is for Carla
    assert "/inspanningen/7/" not in b.body
    _geen_adressen(b)

    c = _aan_wie("carla@example.org")
    assert c.subject == "You take over roles from Anna Vertrek"
    assert "Anna Vertrek has left. You take over this role:" in c.body
    assert "Handover note:" in c.body
    assert c.body.startswith("Dear Carla Opvolger,")  # in the language of her account
    assert f"- Working group member, {Inspanning.objects.get(nummer=7)}" in c.body
    assert "Volgende werkgroep op 12 maart." in c.body  # the note as written
    assert f"{settings.SITE_URL}/inspanningen/7/" in c.body.split()
    _geen_adressen(c)


def test_a_refused_handover_mails_nobody(client, coordinator, vertrekker):
    client.force_login(coordinator)
    r = vertrek_post(client, vertrekker)  # no successor for any role
    assert r.status_code == 400
    assert vertrekker.betrokkenheden.lopend().count() == 3
    assert mail.outbox == []


# The invitation


def test_the_invitation_is_still_sent(client, coordinator):
    client.force_login(coordinator)
    r = client.post(reverse("accounts:uitnodigingen"), {"email": "Fenna@Example.org"})
    assert r.status_code == 302
    assert Uitnodiging.objects.filter(email="fenna@example.org").exists()
    [bericht] = mail.outbox
    assert bericht.to == ["fenna@example.org"]
    assert bericht.subject == "Uitnodiging voor Gezond Gewicht Drenthe"
    links = [w for w in bericht.body.split() if w.startswith(settings.SITE_URL + "/")]
    assert len(links) == 1 and "/uitnodiging/" in links[0]
    assert "Coördinator Test nodigt u uit" in bericht.body
    assert coordinator.email not in bericht.body
    assert [t for _inhoud, t in bericht.alternatives] == ["text/html"]  # as before


# A mail server that is down


@pytest.fixture
def mail_log(caplog):
    caplog.set_level(logging.INFO, logger="gezondgewicht.mail")
    return lambda: [r for r in caplog.records if r.name == "gezondgewicht.mail"]


@pytest.mark.parametrize("backend", [KapotteSmtp, OnbereikbareSmtp])
def test_a_mail_server_that_is_down_never_breaks_opening(
    client, coordinator, concept_2026, mensen, settings, mail_log, backend
):
    settings.EMAIL_BACKEND = f"{__name__}.{backend.__name__}"
    client.force_login(coordinator)
    r = client.post(_status_url(2026, "openen"), follow=True)
    assert r.redirect_chain == [(reverse("inspanningen:rondes"), 302)]
    assert "Ronde 2026 is geopend." in page_text(r)
    assert Ronde.objects.get(jaar=2026).status == "open"
    regels = mail_log()
    assert len(regels) == 4  # one per stuurgroep member, each tried
    assert {r.levelname for r in regels} == {"WARNING"}
    tekst = "\n".join(r.getMessage() for r in regels)
    assert "mail_mislukt template=inspanningen/email/ronde_geopend domein=example.org" in tekst
    assert ("SMTPServerDisconnected" if backend is KapotteSmtp else "OSError") in tekst
    # The log names the domain, never the address.
    assert not any(m.email in tekst for m in mensen.values())


def test_a_server_that_does_not_answer_costs_one_timeout_not_one_per_recipient(
    client, coordinator, concept_2026, mensen, settings, mail_log
):
    settings.EMAIL_BACKEND = f"{__name__}.{TrageSmtp.__name__}"
    TrageSmtp.geopend = 0
    client.force_login(coordinator)
    r = client.post(_status_url(2026, "openen"))
    assert r.status_code == 302 and Ronde.objects.get(jaar=2026).status == "open"
    assert TrageSmtp.geopend == 1
    regels = mail_log()
    assert len(regels) == 4 and all("fout=TimeoutError" in r.getMessage() for r in regels)


def test_a_mail_server_that_is_down_never_breaks_finalising_handover_invitation_or_reminder(
    client, coordinator, ronde_2026, vertrekker, mensen, settings, mail_log
):
    settings.EMAIL_BACKEND = f"{__name__}.{KapotteSmtp.__name__}"
    recent_ingelogd(client, coordinator)
    r = client.post(_status_url(2026, "vaststellen"), MET_OPEN_CELLEN)
    assert r.status_code == 302 and Ronde.objects.get(jaar=2026).status == "vastgesteld"

    r = vertrek_post(client, vertrekker, ExpertFactory(naam="Bram", email="bram@example.org"))
    assert r.status_code == 302
    assert not vertrekker.betrokkenheden.lopend().exists()

    r = client.post(reverse("accounts:uitnodigingen"), {"email": "fenna@example.org"})
    assert r.status_code == 302
    assert Uitnodiging.objects.filter(email="fenna@example.org").exists()

    ronde = services.wijzig_status(
        ronde=Ronde.objects.get(jaar=2026), actie="heropenen", door=coordinator, reden="x"
    )
    Ronde.objects.filter(pk=ronde.pk).update(deadline=VANDAAG + timedelta(days=2))
    assert "herinnering aan 0 leden" in _herinner()
    assert Ronde.objects.get(pk=ronde.pk).herinnerd_op is None  # tried again tomorrow

    templates = {re.search(r"template=(\S+)", r.getMessage())[1] for r in mail_log()}
    assert templates == {
        "inspanningen/email/ronde_vastgesteld",
        "inspanningen/email/overdracht",
        "accounts/email/uitnodiging",
        "inspanningen/email/herinnering_deadline",
    }
    assert mail.outbox == []


def test_a_reminder_lost_to_a_mail_server_that_is_down_is_tried_again_the_next_run(
    open_met_deadline, mensen, settings, mail_log
):
    ronde = open_met_deadline(6)
    settings.EMAIL_BACKEND = f"{__name__}.{OnbereikbareSmtp.__name__}"
    assert "herinnering aan 0 leden" in _herinner()
    assert len(mail_log()) == 3
    ronde.refresh_from_db()
    assert ronde.herinnerd_op is None  # not marked as done: nobody got it

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "herinnering aan 3 leden" in _herinner()
    assert _aan() == _emails(mensen, "sg_nl", "sg_en", "beide")
    ronde.refresh_from_db()
    assert ronde.herinnerd_op == VANDAAG
    assert "Geen ronde" in _herinner()
    assert len(mail.outbox) == 3


def test_a_round_whose_members_all_opted_out_is_marked_and_mails_nobody(
    open_met_deadline, stuurgroep
):
    User.objects.filter(pk=stuurgroep.pk).update(mail_herinneringen=False)
    ronde = open_met_deadline(2)
    assert "herinnering aan 0 leden" in _herinner()
    assert mail.outbox == []
    ronde.refresh_from_db()
    assert ronde.herinnerd_op == VANDAAG


# 'Mijn account': the language and the optional messages


MIJN_ACCOUNT = reverse("accounts:mijn_account")


def test_mijn_account_saves_the_language_and_the_opt_outs(client, stuurgroep):
    client.force_login(stuurgroep)
    r = client.get(MIJN_ACCOUNT)
    assert r.status_code == 200
    assert find(r, "input", name="mail_herinneringen").attrs.get("checked") is not None
    r = client.post(MIJN_ACCOUNT, {"taal": "en", "mail_vastgesteld": "on"}, follow=True)
    assert r.redirect_chain == [(MIJN_ACCOUNT, 302)]
    assert "Uw instellingen zijn bewaard." in page_text(r)
    stuurgroep.refresh_from_db()
    assert (stuurgroep.taal, stuurgroep.mail_herinneringen, stuurgroep.mail_vastgesteld) == (
        "en",
        False,
        True,
    )
    assert "checked" not in find(r, "input", name="mail_herinneringen").attrs


def test_an_opt_out_on_mijn_account_stops_the_reminder(client, stuurgroep, open_met_deadline):
    client.force_login(stuurgroep)
    client.post(MIJN_ACCOUNT, {"taal": "nl", "mail_vastgesteld": "on"})
    open_met_deadline(4)
    _herinner()
    assert stuurgroep.email not in _aan()


def test_an_opt_out_on_mijn_account_stops_the_finalised_mail(
    client, coordinator, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    client.post(MIJN_ACCOUNT, {"taal": "nl", "mail_herinneringen": "on"})
    recent_ingelogd(client, coordinator)
    client.post(_status_url(2026, "vaststellen"), MET_OPEN_CELLEN)
    assert Ronde.objects.get(jaar=2026).status == "vastgesteld"
    assert stuurgroep.email not in _aan()


@pytest.mark.parametrize("taal", ["xx", "", "nl-xx", "de"])
def test_a_bad_language_is_a_400_and_changes_nothing(client, stuurgroep, taal):
    client.force_login(stuurgroep)
    r = client.post(MIJN_ACCOUNT, {"taal": taal})
    assert r.status_code == 400
    stuurgroep.refresh_from_db()
    assert (stuurgroep.taal, stuurgroep.mail_herinneringen, stuurgroep.mail_vastgesteld) == (
        "nl",
        True,
        True,
    )


def test_mijn_account_changes_nothing_but_these_three(client, professional):
    client.force_login(professional)
    email, naam = professional.email, professional.naam
    client.post(
        MIJN_ACCOUNT,
        {
            "taal": "en",
            "email": "ander@example.org",
            "naam": "Iemand Anders",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": "1",
        },
    )
    user = User.objects.get(pk=professional.pk)
    assert user.taal == "en"
    assert (user.email, user.naam, user.is_staff, user.is_superuser) == (
        email,
        naam,
        False,
        False,
    )
    assert list(user.groups.values_list("name", flat=True)) == [roles.PROFESSIONAL]


def test_mijn_account_needs_a_login(client):
    r = client.get(MIJN_ACCOUNT)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    r = client.post(MIJN_ACCOUNT, {"taal": "en"})
    assert r.status_code == 302 and "/accounts/login/" in r.url


def test_a_superuser_counts_as_coordinator_for_the_finalised_mail(
    client, coordinator, superuser, ronde_2026
):
    recent_ingelogd(client, coordinator)
    client.post(_status_url(2026, "vaststellen"), MET_OPEN_CELLEN)
    assert superuser.email in _aan()


def test_a_professional_is_not_offered_opt_outs_for_mail_they_never_get(client, professional):
    client.force_login(professional)
    r = client.get(MIJN_ACCOUNT)
    assert find_all(r, "input", name="mail_herinneringen") == []
    assert find_all(r, "input", name="mail_vastgesteld") == []
    assert find(r, "select", name="taal")
