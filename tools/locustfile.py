"""The simulated users of `make loadtest` (started by tools/loadtest.py).

Each user has a session of its own (made in advance; logging in is rate-limited, and is not
what is measured) and is sent to one of the app instances, as a load balancer would. It
searches, opens profiles, looks at the matrix and, if it is a stuurgroep member, now and then
saves a cell in the open round: the whole edit form, as a browser sends it, with one
toelichting changed. There is no think time: the users ask as fast as the servers answer, so
the figures are throughput at saturation. Tag `triviaal` runs the comparison view instead."""

import itertools
import json
import os
import random
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urlencode

from locust import FastHttpUser, constant, tag, task
from requests.cookies import create_cookie

INSTELLINGEN = json.loads(os.environ["GG_LOADTEST"])
SESSIES = itertools.cycle(INSTELLINGEN["sessies"])
HOSTS = itertools.cycle(INSTELLINGEN["hosts"])
GET = {"allow_redirects": False}


class Formulier(HTMLParser):
    """The fields of each form on the page, as the browser would send them."""

    def __init__(self):
        super().__init__()
        self.formulieren: list[list[list[str]]] = []
        self._select = self._textarea = None

    def veld(self, naam: str, waarde: str) -> None:
        if self.formulieren:
            self.formulieren[-1].append([naam, waarde])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.formulieren.append([])
        elif tag == "input" and a.get("name"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.veld(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.veld(self._select, a["value"])
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
            self.formulieren[-1].append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            # A browser drops the newline right after <textarea>.
            self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def met_veld(self, naam: str) -> list[list[str]]:
        return next(f for f in self.formulieren if any(v[0] == naam for v in f))


class Gebruiker(FastHttpUser):
    wait_time = constant(0)
    host = INSTELLINGEN["hosts"][0]  # replaced per user below

    def __init__(self, environment):
        self.host = next(HOSTS)
        super().__init__(environment)
        sessie = next(SESSIES)
        self.mag_bewerken = sessie["stuurgroep"]
        domein = self.host.split("//")[1].split(":")[0]
        self.client.cookiejar.set_cookie(
            create_cookie("sessionid", sessie["cookie"], domain=domein)
        )

    def bekijk(self, url, naam):
        with self.client.get(url, name=naam, catch_response=True, **GET) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    @tag("app")
    @task(6)
    def zoeken(self):
        self.bekijk(f"/experts/?{random.choice(INSTELLINGEN['zoekvragen'])}", "zoeken")

    @tag("app")
    @task(4)
    def profiel(self):
        self.bekijk(f"/experts/{random.choice(INSTELLINGEN['profielen'])}/", "profiel")

    @tag("app")
    @task(2)
    def matrix(self):
        self.bekijk("/matrix/", "matrix")

    @tag("app")
    @task(1)
    def cel_opslaan(self):
        if not self.mag_bewerken:
            return self.matrix()
        url = f"/matrix/{INSTELLINGEN['open_jaar']}/bewerken/"
        with self.client.get(url, name="matrix bewerken", catch_response=True, **GET) as page:
            if page.status_code != 200:
                return page.failure(f"status {page.status_code}")
            formulier = Formulier()
            formulier.feed(page.text)
        velden = formulier.met_veld("form-TOTAL_FORMS")
        toelichtingen = [v for v in velden if v[0].endswith("-toelichting")]
        random.choice(toelichtingen)[1] = (
            f"Fictief (loadtest): opgeslagen om {datetime.now(UTC):%H:%M:%S.%f} UTC."
        )
        with self.client.post(
            url,
            data=urlencode([tuple(v) for v in velden]),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="matrix: cel opslaan",
            catch_response=True,
            **GET,
        ) as response:
            # 302: saved. 200: someone else saved that cell first, and the page shows both
            # versions (the conflict handling working as it should).
            if response.status_code not in (200, 302):
                response.failure(f"status {response.status_code}")

    @tag("triviaal")
    @task
    def gezond(self):
        self.bekijk("/gezond/", "triviale view (/gezond/)")
