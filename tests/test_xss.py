"""An XSS payload in every free-text field is shown escaped everywhere it appears: pages,
search snippets, the admin and e-mails."""

import pytest
from django.contrib import admin
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains

from experts import services
from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie, Thesaurusterm
from inspanningen.models import Aanbeveling, Inspanning, Ronde, Score
from tests.conftest import recent_ingelogd
from tests.factories import BetrokkenheidFactory, ExpertFactory

pytestmark = pytest.mark.django_db

P = '<script>alert("xss")</script><img src=x onerror=alert(1)> valpreventie'
RAUW = ("<script>alert(", "<img src=x")


@pytest.fixture
def besmet(referentie, ronde_2026, professional, coordinator):
    """The payload in every free-text field that users or the coordinator can fill in."""
    org = Organisatie.objects.create(naam=f"Org {P}", omschrijving=P)
    gebied = Expertisegebied.objects.create(naam=f"Gebied {P}", synoniemen=P, omschrijving=P)
    Thesaurusterm.objects.create(term=f"Term {P}", synoniemen=P)
    Gemeente.objects.create(naam=f"Gemeente {P}")
    Domein.objects.create(naam=f"Domein {P}")
    expert = ExpertFactory(
        naam=f"Expert {P}",
        functie=P,
        toelichting=P,
        organisatie=org,
        user=professional,
        zichtbaarheid=Expert.Zichtbaarheid.OPENBAAR,
    )
    expert.expertisegebieden.add(gebied)
    inspanning = Inspanning.objects.get(nummer=3)
    inspanning.naam, inspanning.omschrijving = f"Inspanning {P}", P
    inspanning.save()
    inspanning.expertisegebieden.add(gebied)
    Aanbeveling.objects.filter(nummer=1).update(korte_naam=f"Aanb {P}", titel=P, beschrijving=P)
    BetrokkenheidFactory(expert=expert, inspanning=inspanning, overdrachtsnotitie=P)
    ronde = Ronde.objects.get(jaar=2026)
    Ronde.objects.filter(pk=ronde.pk).update(titel=f"Ronde {P}", toelichting=P)
    score = Score.objects.get(ronde=ronde, inspanning=inspanning, aanbeveling__nummer=1)
    score.toelichting = P
    score.versie += 1
    score.save()
    coordinator.naam = f"Coördinator {P}"
    coordinator.save()
    return expert, org, score


def _schoon(html: str, url: str) -> None:
    for rauw in RAUW:
        assert rauw not in html, (url, rauw)


@pytest.mark.slow  # a walk over every page type
def test_every_page_shows_the_payload_escaped(client, coordinator, superuser, besmet):
    expert, org, score = besmet
    recent_ingelogd(client, coordinator)
    pagina = [
        "/",
        "/matrix/2026/",
        "/matrix/2026/bewerken/",
        "/matrix/rondes/",
        "/matrix/vergelijk/?van=2025&naar=2026",
        f"/matrix/2026/score/{score.pk}/geschiedenis/",
        "/inspanningen/",
        "/inspanningen/3/",
        "/aanbevelingen/",
        "/experts/?q=valpreventie",
        "/experts/?q=script",
        expert.get_absolute_url(),
        f"/experts/{expert.slug}/bewerken/",
        f"/experts/{expert.slug}/vertrek/",
        "/experts/actualiteit/",
        "/organisaties/",
        org.get_absolute_url(),
        "/uitnodigingen/",
    ]
    beheer = ["/admin/"]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        beheer.append(reverse(f"{info}_changelist"))
        obj = {Expert: expert, Organisatie: org, Score: score}.get(model)
        obj = obj or model._default_manager.first()
        if obj is not None:
            beheer.append(reverse(f"{info}_change", args=[obj.pk]))
    gezien = 0
    for url in pagina + beheer:
        if url == beheer[0]:
            recent_ingelogd(client, superuser)  # for every model of the admin
        r = client.get(url)
        assert r.status_code == 200, url
        html = r.content.decode()
        _schoon(html, url)
        gezien += "&lt;script&gt;" in html
    assert gezien >= len(pagina)  # the payload is really there, on most pages


def test_the_public_profile_and_search_snippets_are_escaped(client, professional, besmet):
    expert, _org, _score = besmet
    _schoon(client.get(expert.get_absolute_url()).content.decode(), "openbaar profiel")
    client.force_login(professional)
    r = client.get("/experts/", {"q": "valpreventie"})
    _schoon(r.content.decode(), "zoeken")
    assertContains(r, "<mark>valpreventie</mark>", html=True)


def test_e_mails_show_the_payload_escaped(client, coordinator, besmet):
    expert, _org, _score = besmet
    services._mail([expert], "herinnering")
    services._mail([expert], "waarschuwing")
    client.force_login(coordinator)
    recent_ingelogd(client, coordinator)
    client.post(reverse("accounts:uitnodigingen"), {"email": "nieuw@example.org"})
    assert len(mail.outbox) == 3
    for bericht in mail.outbox:
        html = bericht.alternatives[0][0]
        _schoon(html, bericht.subject)
        assert "&lt;script&gt;" in html, bericht.subject
