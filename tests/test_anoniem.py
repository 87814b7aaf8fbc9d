"""No personal data to the public: a visitor who follows every link of the app, on realistic data,
finds no e-mail address, no phone number and no name of a person who did not make it public."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from demo import experts as demo
from experts.models import Expert
from inspanningen import services
from inspanningen.models import Inspanning
from tests.conftest import MET_OPEN_CELLEN
from tests.factories import BetrokkenheidFactory, ExpertFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
TELEFOON = re.compile(r"\b0\d[\d -]{7,}\d\b")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.extend(v for k, v in attrs if k == "href" and v)


@pytest.fixture
def realistische_data(referentie):
    demo.maak(40, seed=3)
    # The coordinator has no name: the page must not fall back to the e-mail address.
    coordinator = UserFactory(naam="", email="coordinator.zonder.naam@example.org")
    ronde = services.nieuwe_ronde(jaar=2026, door=coordinator)
    ronde = services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)
    services.wijzig_status(ronde=ronde, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN)
    # A public leaver whose successor is not public.
    opvolger = ExpertFactory(naam="Geheime Opvolger", zichtbaarheid="netwerk")
    ExpertFactory(
        naam="Openbare Vertrekker",
        zichtbaarheid="openbaar",
        status="vertrokken",
        opvolger=opvolger,
        telefoon="0591 123 456",
    )
    BetrokkenheidFactory(expert=opvolger, inspanning=Inspanning.objects.get(nummer=3))
    return coordinator


def test_a_visitor_following_every_link_finds_no_personal_data(realistische_data):
    client = Client()
    niet_openbaar = {
        e.naam
        for e in Expert.objects.exclude(zichtbaarheid=Expert.Zichtbaarheid.OPENBAAR)
        if e.naam != "Vertrokken expert"
    }
    te_bezoeken, gezien, fouten = ["/"], set(), []
    while te_bezoeken and len(gezien) < 400:
        pad = te_bezoeken.pop(0)  # breadth first
        if pad in gezien:
            continue
        gezien.add(pad)
        r = client.get(pad)
        if r.status_code != 200 or not r["Content-Type"].startswith("text/html"):
            continue
        html = r.content.decode()
        for treffer in EMAIL.findall(html):
            fouten.append(f"{pad}: e-mailadres {treffer}")
        for treffer in TELEFOON.findall(html):
            fouten.append(f"{pad}: telefoonnummer {treffer}")
        fouten.extend(f"{pad}: naam {naam}" for naam in niet_openbaar if naam in html)
        parser = Links()
        parser.feed(html)
        for link in parser.links:
            doel = urlparse(urljoin(pad, link))
            if doel.netloc in ("", "testserver") and not doel.path.startswith(
                ("/static/", "/admin/", "/taal/", "/accounts/")  # logging in shows no data
            ):
                te_bezoeken.append(doel.path + (f"?{doel.query}" if doel.query else ""))
    assert len(gezien) > 30  # the crawl really went round the app
    assert "/experts/openbare-vertrekker/" in gezien  # and reached the public profile
    assert not fouten, "\n".join(fouten[:30])
