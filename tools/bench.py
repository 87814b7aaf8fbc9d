"""`make bench`: server time and SQL queries per page, on PostgreSQL with 10,000 experts.

The Django test client in this one process, production settings, a warm-up pass, then every
page's URLs again until each page has about 200 samples. Writes the table to
docs/performance.md and exits 1 when a budget is exceeded."""

import statistics
import sys
import time
from dataclasses import dataclass, field

from tools import omgeving

# Fixed queries for the search page: single words, abbreviations, typos, multi-word questions,
# names, filters alone and filters with words, a next page, and one that finds nothing.
ZOEKVRAGEN = [
    # single words, with and without accents, and parts of compounds
    "q=diëtist",
    "q=dietist",
    "q=buurtsportcoach",
    "q=ouderen",
    "q=voeding",
    "q=bewegen",
    "q=huisarts",
    "q=jeugdarts",
    "q=overgewicht",
    "q=Emmen",
    # abbreviations and synonyms from the thesaurus
    "q=GLI",
    "q=JOGG",
    "q=POH",
    "q=KnGG",
    "q=JGZ",
    "q=CooL",
    "q=armoede",
    "q=senioren",
    # typos
    "q=buurtsportcaoch",
    "q=dietsit",
    "q=leefstijlcaoch",
    "q=fysiotherapuet",
    "q=jeugdverpleegkundge",
    "q=ouderenzrog",
    # questions and several words
    "q=wie+weet+iets+van+GLI+in+Emmen",
    "q=gezonde+voeding+voor+kinderen",
    "q=kansrijke+start+eerste+1000+dagen",
    "q=bewegen+ouderen+Assen",
    "q=mentale+gezondheid+jongeren",
    "q=wie+kan+helpen+met+positieve+gezondheid+in+de+wijk",
    "q=leefstijl+in+de+zorg+huisarts+Hoogeveen",
    # names
    "q=Bakker",
    "q=de+Vries",
    "q=Marieke+Dijkstra",
    # nothing at all (every expert, by name), filters alone and filters combined with words
    "q=",
    "gemeente=emmen",
    "beroep=dietist&gemeente=assen",
    "expertise=gezonde-voeding&beschikbaar=advies",
    "domein=zorg&gemeente=coevorden&gemeente=meppel",
    "organisatie=ggd-drenthe",
    "beschikbaar=mentorschap&beroep=ervaringsdeskundige",
    "q=GLI&gemeente=hoogeveen",
    "q=bewegen&beroep=buurtsportcoach&beroep=fysiotherapeut",
    "q=voeding&expertise=kansrijke-start&gemeente=tynaarlo",
    # a later page, and a question that finds nothing (the 'Bedoelde u' path)
    "q=voeding&page=3",
    "q=kwantumfysica+sterrenkunde",
]

# The kennisbank's search (issue 15): with 5,000 items, words only in titles, summaries,
# bodies or files, typos, questions, and filters alone and with words.
KENNISVRAGEN = [
    "q=vervoer",
    "q=beweegreis",
    "q=sporthal",
    "q=schoolkantine",
    "q=GLI",
    "q=huisarts",
    "q=vervoor",
    "q=wie+weet+iets+van+de+sociale+kaart",
    "q=vervoer+naar+de+sporthal+ouderen",
    "q=",
    "werkte_niet=ja",
    "soort=les&inspanning=5",
    "q=vervoer&inspanning=5&werkte_niet=ja",
    "q=evaluatie&thema=bewegen-en-sport",
    "q=beweegreis&page=3",
    "q=kwantumfysica",
]

# Budgets in ms per number of experts: p95 for every page (issue 7, issue 16), and the median
# for search at national scale (issue 16). The knowledge search and the inspanning's dossier
# stay within the search page's budget (issue 15). Another size is measured without budgets.
P95_MS = {
    10_000: {
        "zoeken": 50,
        "kennis": 50,
        "profiel": 40,
        "matrix": 40,
        "vergelijking": 60,
        "inspanning": 50,
        "bewerken": 300,  # the shared edit page as it was: the reference for samen beoordelen
    },
    100_000: {
        "zoeken": 100,
        "kennis": 100,
        "profiel": 40,
        "matrix": 40,
        "vergelijking": 60,
        "inspanning": 60,
        "bewerken": 300,
    },
}
MEDIAAN_MS = {100_000: {"zoeken": 50}}
# Issue 14: the scoring page and the meeting stay in the range of the edit page, whatever the
# number of members: their p95 at most this many times the edit page's, in the same run.
VERHOUDING = {"scoren": ("bewerken", 1.5), "bespreking": ("bewerken", 1.5)}
# The most SQL queries any page may run.
MAX_QUERIES = 12
# The baseline, measured in the same run: a static page for a logged-in user. The machine is
# shared and noisy; the ratio to this page is what compares between runs.
BASIS = "basis"
DOEL_STEEKPROEF = 200


@dataclass
class Pagina:
    naam: str
    urls: list[str]
    wie: str = "professional"  # who asks: the professional, or (samen) a member, the coordinator
    tijden: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    per_url: dict[str, list[float]] = field(default_factory=dict)


def paginas() -> list[Pagina]:
    from experts.models import Expert
    from inspanningen.models import Inspanning, Ronde

    jaren = list(
        Ronde.objects.exclude(jaar=SAMEN_JAAR).order_by("jaar").values_list("jaar", flat=True)
    )
    slugs = list(Expert.objects.order_by("pk").values_list("slug", flat=True))
    stap = max(1, len(slugs) // 40)
    return [
        Pagina(BASIS, ["/privacy/"]),
        Pagina("zoeken", [f"/experts/?{vraag}" for vraag in ZOEKVRAGEN]),
        Pagina("kennis", [f"/kennis/?{vraag}" for vraag in KENNISVRAGEN]),
        Pagina("profiel", [f"/experts/{slug}/" for slug in slugs[::stap][:40]]),
        Pagina("matrix", ["/matrix/"] + [f"/matrix/{jaar}/" for jaar in jaren]),
        Pagina(
            "vergelijking",
            [f"/matrix/vergelijk/?van={a}&naar={b}" for a, b in zip(jaren, jaren[1:], strict=False)]
            + [f"/matrix/vergelijk/?van={jaren[0]}&naar={jaren[-1]}"],
        ),
        Pagina(
            "inspanning",
            [
                f"/inspanningen/{n}/"
                for n in Inspanning.objects.order_by("nummer").values_list("nummer", flat=True)
            ],
        ),
        # Samen beoordelen (issue 14), against the shared edit page: a joint round of 15 members
        # and 55 cells in its bespreking (samen_ronde), every cell's spread shown
        Pagina("bewerken", [f"/matrix/{jaren[-1]}/bewerken/"], wie="coordinator"),
        Pagina("scoren", [f"/matrix/{SAMEN_JAAR}/scoren/"], wie="lid"),
        Pagina("bespreking", [f"/matrix/{SAMEN_JAAR}/bespreking/"], wie="coordinator"),
    ]


SAMEN_JAAR = 2100  # the bench's own joint round, far from the demo's years
SAMEN_LEDEN = 15


def samen_ronde() -> None:
    """A joint round in its bespreking, scored by 15 fictional members of four perspectives
    (some disagreeing), made once in the bench database."""
    import random

    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import Perspectief, User
    from inspanningen import samen, services
    from inspanningen.models import Ronde

    if Ronde.objects.filter(jaar=SAMEN_JAAR).exists():
        return
    rng = random.Random(SAMEN_JAAR)  # noqa: S311 - benchmark data
    groep = Group.objects.get(name=roles.STUURGROEP)
    leden = []
    for n in range(SAMEN_LEDEN):
        lid, _ = User.objects.get_or_create(
            email=f"bench-lid-{n}@example.org",
            defaults={"naam": f"Meting lid {n} (fictief)", "perspectief": list(Perspectief)[n % 4]},
        )
        lid.groups.set([groep])
        leden.append(User.objects.get(pk=lid.pk))
    ronde = services.nieuwe_ronde(
        jaar=SAMEN_JAAR,
        titel="Meting: samen beoordeeld (fictief)",
        werkwijze=Ronde.Werkwijze.SAMEN,
        ondanks_onvoltooid=getattr(services.onvoltooide_ronde(), "pk", None),
    )
    ronde = services.wijzig_status(ronde=ronde, actie="openen", door=None)
    niveaus = ["sterk", "deels", "nauwelijks", "onbekend"]
    for lid in leden:
        invoer = [
            samen.Invoer(
                s.pk, rng.choice(niveaus), "Fictief: een reden." if rng.random() < 0.3 else ""
            )
            for s in ronde.scores.all()
        ]
        samen.bewaar_beoordelingen(ronde=ronde, invoer=invoer, door=lid)
    services.wijzig_status(ronde=ronde, actie="bespreken", door=None, ondanks_open=True)


def vraag(client, url: str):
    response = client.get(url)
    if response.status_code != 200 or b"<title>Fout: " in response.content:
        sys.exit(f"{url} gaf {response.status_code} of een foutmelding; meting afgebroken.")


def tel_queries(client, pagina: Pagina) -> None:
    """The warm-up pass: every URL once, counting its SQL queries (not timed, as the query log
    itself costs time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in pagina.urls:
        with CaptureQueriesContext(connection) as queries:
            vraag(client, url)
        pagina.queries.append(len(queries))


def meet(client, pagina: Pagina, herhalingen: int) -> None:
    for _ in range(herhalingen):
        for url in pagina.urls:
            start = time.perf_counter()
            vraag(client, url)
            duur = (time.perf_counter() - start) * 1000
            pagina.tijden.append(duur)
            pagina.per_url.setdefault(url, []).append(duur)


def gebruiker(wie: str = "professional"):
    """The fictional account that asks: a professional, a stuurgroep member of the joint round,
    or a coordinator (with a second factor, as the edit pages need)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import User

    if wie == "lid":
        user = User.objects.get(email="bench-lid-0@example.org")
    else:
        rol = roles.COORDINATOR if wie == "coordinator" else roles.PROFESSIONAL
        user, _ = User.objects.get_or_create(
            email=f"bench-{wie}@example.org", defaults={"naam": "Meting (fictief)"}
        )
        user.groups.set([Group.objects.get(name=rol)])
    if wie != "professional" and not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    return user


def rapport(
    resultaten: list[Pagina], aantallen: str, laadtijd: float, ijk_voor: str, ijk_na: str
) -> tuple[str, list[str]]:
    regels = [
        "| pagina | URL's | metingen | mediaan | p95 | max | × basis (mediaan, p95) "
        "| budget | SQL-queries | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    overschreden = []
    basis = next(p for p in resultaten if p.naam == BASIS)
    basis_mediaan, basis_p95 = (
        statistics.median(basis.tijden),
        omgeving.percentiel(basis.tijden, 95),
    )
    p95_van = {p.naam: omgeving.percentiel(p.tijden, 95) for p in resultaten}
    for p in resultaten:
        mediaan, p95 = statistics.median(p.tijden), p95_van[p.naam]
        qmin, qmax = min(p.queries), max(p.queries)
        budget_p95 = P95_MS.get(omgeving.EXPERTS, {}).get(p.naam)
        budget_mediaan = MEDIAAN_MS.get(omgeving.EXPERTS, {}).get(p.naam)
        referentie, factor = VERHOUDING.get(p.naam, (None, None))
        goed = (
            (budget_p95 is None or p95 <= budget_p95)
            and (budget_mediaan is None or mediaan <= budget_mediaan)
            and (referentie is None or p95 <= factor * p95_van[referentie])
            and qmax <= MAX_QUERIES
        )
        if not goed:
            overschreden.append(p.naam)
        budget = ", ".join(
            [f"mediaan ≤ {budget_mediaan} ms"] * bool(budget_mediaan)
            + [f"p95 ≤ {budget_p95} ms"] * bool(budget_p95)
            + [f"p95 ≤ {factor} × {referentie}"] * bool(referentie)
        )
        regels.append(
            f"| {p.naam} | {len(p.urls)} | {len(p.tijden)} | {mediaan:.1f} ms "
            f"| {p95:.1f} ms | {max(p.tijden):.1f} ms "
            f"| {mediaan / basis_mediaan:.1f}×, {p95 / basis_p95:.1f}× | {budget or '—'} "
            f"| {qmin if qmin == qmax else f'{qmin}–{qmax}'} (≤ {MAX_QUERIES}) "
            f"| {'binnen budget' if goed else '**OVERSCHREDEN**'} |"
        )
    tekst = "\n".join(
        [
            f"## Servertijd per pagina met {omgeving.EXPERTS:,} experts (`make bench N={omgeving.EXPERTS}`)".replace(
                ",", "."
            ),
            "",
            f"- Gemeten: {omgeving.tijdstip()}, commit {omgeving.commit()}",
            f"- Machine: {omgeving.machine()}",
            f"- Snelheid van de machine tijdens de meting: {ijk_voor} (voor), {ijk_na} (na)",
            f"- Data: {aantallen} (laden of controleren: {laadtijd:.0f} s)",
            "- Hoe: Django-testclient in één proces, productie-instellingen (DEBUG uit), "
            "ingelogd als professional (`bewerken` en `bespreking` als coördinator, `scoren` als "
            f"lid van een gezamenlijke ronde van {SAMEN_LEDEN} leden en 55 cellen in haar "
            "bespreking). Eerst elke URL één keer om op te warmen en de "
            "SQL-queries te tellen, dan elke URL herhaald tot ongeveer "
            f"{DOEL_STEEKPROEF} metingen per pagina, zonder querylog. Tijd = request tot "
            "response door alle middleware, zonder netwerk. `basis` is /privacy/, een statische "
            "pagina voor een ingelogde gebruiker, in dezelfde run gemeten: de verhouding ertoe "
            "(× basis) is wat u tussen runs op deze drukke machine vergelijkt.",
            "",
            *regels,
            "",
            "De traagste URL's (mediaan): "
            + "; ".join(
                f"`{url}` {statistics.median(tijden):.0f} ms"
                for url, tijden in sorted(
                    (item for p in resultaten for item in p.per_url.items()),
                    key=lambda item: -statistics.median(item[1]),
                )[:6]
            )
            + ".",
            "",
            f"De {len(ZOEKVRAGEN)} zoekvragen staan in `tools/bench.py`: losse woorden, "
            "afkortingen, typefouten, vragen van meerdere woorden, namen en combinaties van "
            "filters. Het aantal queries per pagina hangt niet af van de hoeveelheid data; "
            "dat bewaken ook de tests met `django_assert_max_num_queries` op een kleine database.",
        ]
    )
    return tekst, overschreden


def main() -> int:
    url = omgeving.database_url()
    start = time.perf_counter()
    omgeving.django_opzetten(url)
    laadtijd = time.perf_counter() - start

    from django.test import Client

    from experts.models import Expert, Zoekwoord
    from inspanningen.models import Ronde, Score
    from kennis.models import Kennisitem

    aantallen = (
        f"{Expert.objects.count():,} experts, {Kennisitem.objects.count():,} kennisitems, "
        f"{Zoekwoord.objects.count():,} woorden in de typfoutentabel, {Ronde.objects.count()} "
        f"rondes, {Score.objects.count()} scores"
    ).replace(",", ".")
    samen_ronde()
    clients = {}
    for wie in ("professional", "lid", "coordinator"):
        clients[wie] = Client()
        clients[wie].force_login(gebruiker(wie))
    resultaten = paginas()
    ijk_voor = omgeving.ijkpunt()
    for pagina in resultaten:
        tel_queries(clients[pagina.wie], pagina)
        meet(clients[pagina.wie], pagina, -(-DOEL_STEEKPROEF // len(pagina.urls)))
    tekst, overschreden = rapport(resultaten, aantallen, laadtijd, ijk_voor, omgeving.ijkpunt())
    omgeving.schrijf_sectie(
        "bench" if omgeving.EXPERTS == 10_000 else f"bench-{omgeving.EXPERTS}", tekst
    )
    print(tekst)
    if overschreden:
        print(f"\nBudget overschreden: {', '.join(overschreden)}", file=sys.stderr)
        return 1
    print(f"\nAlles binnen budget; geschreven naar {omgeving.RAPPORT.relative_to(omgeving.ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
