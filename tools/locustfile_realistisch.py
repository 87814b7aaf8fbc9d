"""The simulated users of the realistic scenario of `make loadtest` (started by
tools/loadtest.py).

Many logged-in users, mostly professionals and a few stuurgroep members, who only read, and
think 5 to 15 seconds between two pages: they search with the fixed questions of `make bench`,
open a profile from their last results (or a known one when the search found nothing), look at
the matrix of the current round or of an earlier year, and read an inspanning. A search is a
whole page the first time and after that, half of the time, the part that htmx asks for when
the form changes. Now and then a user asks for `/privacy/`, a static page behind the login: the
same-run baseline, reported apart from the app's pages.

Each user has a session of its own (made in advance) and is sent to one of the app instances, as
a load balancer would. Every request is written, with its start time, to the file that
tools/loadtest.py names, so that it can leave the ramp-up out of the figures."""

import html
import itertools
import json
import os
import random
import re
import time

from locust import FastHttpUser, between, events, task
from requests.cookies import create_cookie

INSTELLINGEN = json.loads(os.environ["GG_LOADTEST"])
SESSIES = itertools.cycle(INSTELLINGEN["sessies"])
HOSTS = itertools.cycle(INSTELLINGEN["hosts"])
GET = {"allow_redirects": False}
BASISLIJN = INSTELLINGEN["basislijn"]

# A profile link in the results: /experts/<slug>/, maybe with the search behind it.
PROFIEL_LINK = re.compile(r'href="(/experts/(?!actualiteit/)[^/"?#]+/(?:\?[^"#]*)?)"')

METINGEN: list[list] = []  # [start (s since the epoch), name, url, ms, error or None]
SPAWNING_KLAAR: list[float] = []


@events.request.add_listener
def _meting(name, response_time, exception, url="", start_time=None, **_kwargs):
    start = start_time or time.time() - response_time / 1000
    METINGEN.append([start, name, url, response_time, str(exception) if exception else None])


@events.spawning_complete.add_listener
def _opgebouwd(user_count, **_kwargs):
    SPAWNING_KLAAR.append(time.time())
    with open(f"{INSTELLINGEN['metingen']}.opgebouwd", "w") as f:  # tools/loadtest.py waits for it
        f.write(str(SPAWNING_KLAAR[0]))


@events.quitting.add_listener
def _schrijf(**_kwargs):
    with open(INSTELLINGEN["metingen"], "w") as f:
        json.dump({"spawning_klaar": SPAWNING_KLAAR, "metingen": METINGEN}, f)


class Lezer(FastHttpUser):
    wait_time = between(*INSTELLINGEN["denktijd"])
    host = INSTELLINGEN["hosts"][0]  # replaced per user below

    def __init__(self, environment):
        self.host = next(HOSTS)
        super().__init__(environment)
        sessie = next(SESSIES)
        domein = self.host.split("//")[1].split(":")[0]
        self.client.cookiejar.set_cookie(
            create_cookie("sessionid", sessie["cookie"], domain=domein)
        )
        self.resultaten: list[str] = []
        self.heeft_gezocht = False

    def bekijk(self, url, naam, **kwargs) -> str:
        with self.client.get(url, name=naam, catch_response=True, **GET, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif "<title>Fout: " in response.text:
                response.failure("foutpagina")
            return response.text or ""

    @task(4)
    def zoeken(self):
        url = f"/experts/?{random.choice(INSTELLINGEN['zoekvragen'])}"
        if self.heeft_gezocht and random.random() < 0.5:
            tekst = self.bekijk(
                url, "zoeken (htmx, deel van de pagina)", headers={"HX-Request": "true"}
            )
        else:
            tekst = self.bekijk(url, "zoeken (hele pagina)")
        self.heeft_gezocht = True
        self.resultaten = [html.unescape(link) for link in PROFIEL_LINK.findall(tekst)]

    @task(4)
    def profiel(self):
        if self.resultaten:
            url = random.choice(self.resultaten)
        else:
            url = f"/experts/{random.choice(INSTELLINGEN['profielen'])}/"
        self.bekijk(url, "profiel")

    @task(1)
    def matrix(self):
        self.bekijk("/matrix/", "matrix (huidige ronde)")

    @task(1)
    def matrix_jaar(self):
        self.bekijk(f"/matrix/{random.choice(INSTELLINGEN['jaren'])}/", "matrix (een jaar)")

    @task(1)
    def inspanning(self):
        self.bekijk(f"/inspanningen/{random.choice(INSTELLINGEN['inspanningen'])}/", "inspanning")

    @task(1)
    def basislijn(self):
        self.bekijk("/privacy/", BASISLIJN)
