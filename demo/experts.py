"""Fictional demo experts: made-up names, @example.org addresses, spread realistically over the
twelve gemeenten of Drenthe, the beroepsgroepen and the expertise areas. Deterministic for a
given seed, and fast enough for 10,000 experts (bulk inserts, one index rebuild at the end).

Running it again with the same seed adds only the experts that are missing."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from core.text import normalise
from experts import search
from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie
from inspanningen.models import Betrokkenheid, Inspanning

B = Expert.Beroepsgroep
S = Organisatie.Soort

VOORNAMEN = """Anna Bram Carla Daan Eva Femke Gerrit Hanna Iris Jan Joost Karin Lars Lisa Marieke
Mark Nadia Niels Olga Pieter Renate Rik Sanne Sem Tamara Thijs Ursula Vera Wim Yara Zoë Arjen
Bente Chantal Dirk Esther Floor Geert Hester Ingrid Jeroen Kees Lieke Maarten Marloes Noor
Paula Roel Saskia Stijn Tessa Tom Wilma Anouk Bas Dewi Emre Fatima Hidde Ilse Jorien Koen Linda
Mehmet Mirjam Nienke Rianne Sjoerd Sven Trijntje Wouter Yvonne Albert Berber Hilde Jelle Roelof""".split()  # noqa: SIM905

ACHTERNAMEN = """Bakker|Bos|Brink|Dekker|Dijkstra|Drenth|Eising|Hadders|Hofstede|Holtrop|Hoving|
Huizing|Jansen|Kamps|Kuipers|Lubbers|Meijer|Mulder|Nijenhuis|Oosting|Pots|Prins|Schepers|Smit|
Stoker|Tiesing|Veenstra|Visser|Vos|Wolters|Zwiers|de Boer|de Groot|de Jong|de Vries|de Wit|
Ensing|Gerding|Kroeze|Lanting|Luinge|Middendorp|Nijboer|Reinders|Slomp|Talens|Timmerman|Wesseling|
van Dam|van der Heide|van der Veen|van Dijk|van Essen|van Wijk|ter Horst|Boerema|Geertsema|Heijnen|
Koops|Lamberts|Mensink|Oldenhuis|Roelofs|Scholten|Wever|Zuidema|Benning|Doornbos|Haverkamp""".replace(
    "\n", ""
).split("|")

# Inhabitants (thousands), for a realistic spread over the gemeenten.
INWONERS = {
    "Emmen": 108,
    "Assen": 70,
    "Hoogeveen": 56,
    "Coevorden": 36,
    "Meppel": 35,
    "Tynaarlo": 34,
    "Midden-Drenthe": 34,
    "Noordenveld": 32,
    "Borger-Odoorn": 26,
    "Aa en Hunze": 26,
    "De Wolden": 24,
    "Westerveld": 20,
}


@dataclass(frozen=True)
class Profiel:
    """What a beroepsgroep looks like: how common it is, its job titles, where people work,
    which expertise areas and domains they tend to have."""

    gewicht: int
    functies: tuple[str, ...]
    organisatie: tuple[str, str]  # (soort, name pattern with {g} for the gemeente)
    expertise: tuple[str, ...]
    domeinen: tuple[str, ...]
    heel_drenthe: float = 0.05


PROFIELEN = {
    B.HUISARTS: Profiel(
        7,
        ("Huisarts", "Huisarts en kaderarts leefstijl"),
        (S.HUISARTSENZORG, "Huisartsenpraktijk {g}"),
        (
            "Leefstijl in de zorg",
            "Verwijzing en preventieketen",
            "Gecombineerde leefstijlinterventie",
        ),
        ("Zorg",),
    ),
    B.PRAKTIJKONDERSTEUNER: Profiel(
        8,
        ("Praktijkondersteuner huisarts", "POH somatiek", "POH GGZ"),
        (S.HUISARTSENZORG, "Huisartsenpraktijk {g}"),
        ("Leefstijl in de zorg", "Verwijzing en preventieketen", "Mentale gezondheid"),
        ("Zorg",),
    ),
    B.DIETIST: Profiel(
        9,
        ("Diëtist", "Kinderdiëtist", "Diëtist en leefstijlcoach"),
        (S.ZORGAANBIEDER, "Diëtistenpraktijk {g}"),
        ("Gezonde voeding", "Gecombineerde leefstijlinterventie", "Kind naar Gezonder Gewicht"),
        ("Zorg", "Voeding"),
    ),
    B.FYSIOTHERAPEUT: Profiel(
        5,
        ("Fysiotherapeut", "Kinderfysiotherapeut", "Oefentherapeut"),
        (S.ZORGAANBIEDER, "Fysiotherapie {g}"),
        ("Bewegen en sport", "Gecombineerde leefstijlinterventie", "Ouderen en vitaliteit"),
        ("Zorg", "Sport & bewegen"),
    ),
    B.LEEFSTIJLCOACH: Profiel(
        7,
        ("Leefstijlcoach", "GLI-coach", "Leefstijlcoach jeugd"),
        (S.ZORGAANBIEDER, "Leefstijlpraktijk {g}"),
        ("Gecombineerde leefstijlinterventie", "Gezonde voeding", "Bewegen en sport"),
        ("Zorg", "Sport & bewegen"),
    ),
    B.BUURTSPORTCOACH: Profiel(
        11,
        ("Buurtsportcoach", "Buurtsportcoach jeugd", "Buurtsportcoach ouderen"),
        (S.SPORT, "Sportbedrijf {g}"),
        ("Bewegen en sport", "Ouderen en vitaliteit", "Gezond gewicht jeugd (JOGG-aanpak)"),
        ("Sport & bewegen", "Sociaal domein"),
    ),
    B.JOGG_REGISSEUR: Profiel(
        3,
        ("JOGG-regisseur", "Lokale regisseur Gezond Gewicht"),
        (S.GEMEENTE, "Gemeente {g}"),
        ("Gezond gewicht jeugd (JOGG-aanpak)", "Regie en netwerksamenwerking", "Gezonde School"),
        ("Publieke gezondheid", "Sociaal domein"),
    ),
    B.JEUGDVERPLEEGKUNDIGE: Profiel(
        5,
        ("Jeugdverpleegkundige", "Jeugdverpleegkundige 0-4 jaar"),
        (S.GGD, "GGD Drenthe"),
        ("Kansrijke Start", "Kind naar Gezonder Gewicht", "Gezonde voeding"),
        ("Publieke gezondheid", "Zorg"),
        0.1,
    ),
    B.JEUGDARTS: Profiel(
        2,
        ("Jeugdarts", "Jeugdarts KNMG"),
        (S.GGD, "GGD Drenthe"),
        ("Kansrijke Start", "Kind naar Gezonder Gewicht", "Monitoring en evaluatie"),
        ("Publieke gezondheid", "Zorg"),
        0.2,
    ),
    B.VERPLEEGKUNDIGE: Profiel(
        4,
        ("Wijkverpleegkundige", "Verpleegkundig specialist"),
        (S.ZORGAANBIEDER, "Thuiszorg {g}"),
        ("Ouderen en vitaliteit", "Leefstijl in de zorg", "Positieve Gezondheid"),
        ("Zorg",),
    ),
    B.WELZIJNSWERKER: Profiel(
        7,
        ("Welzijnswerker", "Opbouwwerker", "Ouderenadviseur", "Jongerenwerker"),
        (S.WELZIJN, "Welzijnsorganisatie {g}"),
        ("Bestaanszekerheid", "Participatie en co-creatie", "Mentale gezondheid"),
        ("Welzijn", "Sociaal domein"),
    ),
    B.BELEIDSADVISEUR: Profiel(
        7,
        ("Beleidsadviseur gezondheid", "Beleidsmedewerker sport", "Beleidsadviseur preventie"),
        (S.GEMEENTE, "Gemeente {g}"),
        ("Regie en netwerksamenwerking", "Financiering en subsidies", "Gezonde leefomgeving"),
        ("Publieke gezondheid", "Sociaal domein", "Leefomgeving & ruimtelijke ordening"),
        0.08,
    ),
    B.BESTUURDER: Profiel(
        2,
        ("Wethouder", "Directeur-bestuurder", "Bestuurder"),
        (S.GEMEENTE, "Gemeente {g}"),
        ("Regie en netwerksamenwerking", "Financiering en subsidies"),
        ("Publieke gezondheid", "Sociaal domein"),
        0.15,
    ),
    B.PROJECTLEIDER: Profiel(
        4,
        ("Projectleider gezond gewicht", "Programmamanager preventie", "Ketenregisseur"),
        (S.NETWERK, "Netwerk Gezond {g}"),
        ("Regie en netwerksamenwerking", "Verwijzing en preventieketen", "Monitoring en evaluatie"),
        ("Publieke gezondheid", "Zorg"),
        0.3,
    ),
    B.ONDERZOEKER: Profiel(
        3,
        ("Onderzoeker", "Lector gezonde leefstijl", "Epidemioloog"),
        (S.KENNISINSTELLING, "Kenniscentrum Gezond {g}"),
        ("Monitoring en evaluatie", "Kennisdeling en intervisie", "Voedseltransitie"),
        ("Publieke gezondheid", "Onderwijs"),
        0.5,
    ),
    B.DOCENT: Profiel(
        4,
        ("Docent bewegingsonderwijs", "Vakleerkracht gym", "Coördinator Gezonde School"),
        (S.ONDERWIJS, "Scholengemeenschap {g}"),
        ("Gezonde School", "Bewegen en sport", "Gezonde voeding"),
        ("Onderwijs", "Sport & bewegen"),
    ),
    B.ERVARINGSDESKUNDIGE: Profiel(
        4,
        ("Ervaringsdeskundige", "Ervaringsdeskundige overgewicht", "Inwonerpanel-lid"),
        (S.INWONERSORGANISATIE, "Inwonersplatform {g}"),
        ("Ervaringsdeskundigheid", "Participatie en co-creatie", "Bestaanszekerheid"),
        ("Welzijn", "Sociaal domein"),
    ),
    B.OVERIG: Profiel(
        2,
        ("Communicatieadviseur", "Adviseur zorginkoop", "Voedselbankcoördinator"),
        (S.OVERIG, "Stichting Samen Gezond {g}"),
        ("Publiekscommunicatie", "Financiering en subsidies", "Voedseltransitie"),
        ("Werk & inkomen", "Voeding"),
        0.2,
    ),
}

DOELGROEPEN = (
    "kinderen van 4 tot 12 jaar",
    "jongeren",
    "ouders van jonge kinderen",
    "volwassenen met overgewicht",
    "ouderen",
    "inwoners met een krappe beurs",
    "statushouders",
    "zwangeren en jonge gezinnen",
    "mensen met diabetes type 2",
    "schoolteams",
)
WERKWIJZEN = (
    "Ik werk vaak samen met de huisarts en de buurtsportcoach.",
    "Ik begeleid groepen volgens de GLI-programma's CooL en SLIMMER.",
    "Ik zet Positieve Gezondheid en het spinnenweb in als gespreksstarter.",
    "Ik organiseer intervisie voor collega's in de regio.",
    "Ik heb meegewerkt aan de lokale preventieakkoorden.",
    "Ik ben aanspreekpunt voor de JOGG-aanpak in de wijk.",
    "Ik adviseer over subsidies uit GALA, SPUK en de Regiodeal.",
    "Ik breng inwoners en professionals samen in co-creatiesessies.",
    "Ik verzorg voorlichting op scholen en bij sportverenigingen.",
    "Ik houd de cijfers bij en help teams te leren van monitoring.",
    "Ik werk volgens de ketenaanpak Kind naar Gezonder Gewicht (KnGG).",
    "Ik ondersteun gezinnen in de eerste 1000 dagen binnen Kansrijke Start.",
)
OPENINGEN = (
    "Al {jaren} jaar werkzaam als {functie} in {gemeente}.",
    "Werkzaam als {functie}, met {jaren} jaar ervaring, vooral met {doelgroep}.",
    "Sinds {begin} werk ik als {functie} bij {organisatie}.",
    "Ik werk als {functie} met {doelgroep} in {gemeente} en omgeving.",
)
EXPERTISEZINNEN = (
    "Mijn specialisaties: {expertise}.",
    "Ik weet veel van {expertise}.",
    "Vraag me gerust over {expertise}.",
    "Aandachtsgebieden: {expertise}.",
)


@dataclass
class Resultaat:
    nieuw: int
    al_aanwezig: int
    organisaties: int


def _ascii(text: str) -> str:
    return slugify(normalise(text)).replace("-", ".")


def _kies_gewogen(rng: random.Random, gewichten: dict):
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


@transaction.atomic
def maak(aantal: int, seed: int = 2025) -> Resultaat:
    """Create `aantal` fictional experts (those missing for this seed), with roles in the
    inspanningen on the first run. Reference data must be loaded first."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    gemeenten = {g.naam: g for g in Gemeente.objects.all()}
    if set(gemeenten) != set(INWONERS):
        raise ValueError("Laad eerst de referentiedata (python manage.py laad_referentiedata).")
    gebieden = {g.naam: g for g in Expertisegebied.objects.all()}
    domeinen = {d.naam: d for d in Domein.objects.all()}
    alle_gebieden = list(gebieden.values())
    beroep_gewichten = {b: p.gewicht for b, p in PROFIELEN.items()}
    gemeente_gewichten = dict(INWONERS)
    now = timezone.now()

    organisaties = {o.naam: o for o in Organisatie.objects.all()}
    nieuwe_organisaties = 0

    def organisatie(profiel: Profiel, gemeente: str) -> Organisatie:
        nonlocal nieuwe_organisaties
        soort, patroon = profiel.organisatie
        naam = patroon.format(g=gemeente)
        if naam not in organisaties:
            org = Organisatie(
                naam=naam,
                soort=soort,
                omschrijving="Fictieve organisatie uit de demodata."
                if not naam.startswith(("Gemeente ", "GGD "))
                else "",
            )
            org.save()
            org.werkgebied.set([gemeenten[gemeente]])
            organisaties[naam] = org
            nieuwe_organisaties += 1
        return organisaties[naam]

    bestaand = set(Expert.objects.values_list("email", flat=True))
    slugs = set(Expert.objects.values_list("slug", flat=True)) | Expert.RESERVED_SLUGS
    experts, koppelingen, al_aanwezig = [], [], 0
    for n in range(1, aantal + 1):
        voornaam, achternaam = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
        beroep = _kies_gewogen(rng, beroep_gewichten)
        profiel = PROFIELEN[beroep]
        gemeente = _kies_gewogen(rng, gemeente_gewichten)
        heel_drenthe = rng.random() < profiel.heel_drenthe
        org = organisatie(profiel, gemeente)
        functie = rng.choice(profiel.functies)
        eigen = rng.sample(profiel.expertise, rng.randint(1, len(profiel.expertise)))
        if rng.random() < 0.35:
            eigen.append(rng.choice(alle_gebieden).naam)
        eigen = list(dict.fromkeys(eigen))
        werkgebied = list(gemeenten) if heel_drenthe else [gemeente]
        if not heel_drenthe and rng.random() < 0.3:
            werkgebied = list(dict.fromkeys([*werkgebied, rng.choice(list(gemeenten))]))
        naam = f"{voornaam} {achternaam}"
        email = f"{_ascii(voornaam)}.{_ascii(achternaam)}.{seed}.{n}@example.org"
        # Random draws above are made for every n, so a top-up run stays deterministic.
        bevestigd_dagen = rng.randint(0, 800)
        aangemaakt_dagen = bevestigd_dagen + rng.randint(0, 400)
        nooit_bevestigd = rng.random() < 0.1
        beschikbaar = rng.sample(Expert.Beschikbaarheid.values, rng.randint(0, 3))
        toelichting = _toelichting(rng, functie, gemeente, org.naam, eigen)
        telefoon = f"06-0000 {n % 10000:04d}" if rng.random() < 0.7 else ""
        if email in bestaand:
            al_aanwezig += 1
            continue
        base = slugify(normalise(naam))
        slug, k = base, 2
        while slug in slugs:
            slug, k = f"{base}-{k}", k + 1
        slugs.add(slug)
        experts.append(
            Expert(
                naam=naam,
                slug=slug,
                email=email,
                telefoon=telefoon,
                organisatie=org,
                functie=functie,
                beroepsgroep=beroep,
                beschikbaar_voor=beschikbaar,
                toelichting=toelichting,
                aangemaakt_op=now - timedelta(days=aangemaakt_dagen),
                laatst_bevestigd_op=None
                if nooit_bevestigd
                else now - timedelta(days=bevestigd_dagen),
            )
        )
        koppelingen.append(
            (
                [gebieden[g] for g in eigen],
                [domeinen[d] for d in profiel.domeinen],
                [gemeenten[g] for g in werkgebied],
            )
        )
    _kopieer_experts(experts)
    for positie, veld in enumerate(("expertisegebieden", "domeinen", "werkgebied")):
        relatie = getattr(Expert, veld)
        _kopieer(
            relatie.through._meta.db_table,
            [
                f"{relatie.field.m2m_field_name()}_id",
                f"{relatie.field.m2m_reverse_field_name()}_id",
            ],
            (
                (e.pk, obj.pk)
                for e, k in zip(experts, koppelingen, strict=True)
                for obj in k[positie]
            ),
        )
    _vertrekkers(rng, experts)
    # The search documents from what is in memory (search.bijwerken would read it all back).
    documenten = [search.document(e, *k) for e, k in zip(experts, koppelingen, strict=True)]
    for start in range(0, len(documenten), 5000):
        search.schrijf(documenten[start : start + 5000])
    if experts and not Betrokkenheid.objects.exists():
        _rollen(
            rng,
            [(e, k[0]) for e, k in zip(experts, koppelingen, strict=True) if not e.is_vertrokken],
        )
    return Resultaat(len(experts), al_aanwezig, nieuwe_organisaties)


def _kopieer_experts(experts: list[Expert]) -> None:
    """Insert the experts as bulk_create would (each field's pre_save and database value), with
    their primary keys taken from the sequence first, through COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Expert._meta.db_table, len(experts)],
        )
        for expert, (pk,) in zip(experts, cursor.fetchall(), strict=True):
            expert.pk = pk
    velden = Expert._meta.concrete_fields
    _kopieer(
        Expert._meta.db_table,
        [veld.column for veld in velden],
        (
            [veld.get_db_prep_save(veld.pre_save(e, add=True), connection) for veld in velden]
            for e in experts
        ),
    )
    for expert in experts:
        expert._state.adding = False


def _kopieer(tabel: str, kolommen: list[str], rijen) -> None:
    """Rows with PostgreSQL's COPY: 100,000 experts have about a million link rows, and
    bulk_create spends minutes building their INSERT statements."""
    sql = f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN"  # noqa: S608 - names from the model
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for rij in rijen:
            copy.write_row(rij)


def _vertrekkers(rng: random.Random, experts: list[Expert]) -> None:
    """About 3 in 100 have left, each with a successor of the same beroepsgroep."""
    per_beroep: dict[str, list[Expert]] = {}
    for expert in experts:
        per_beroep.setdefault(expert.beroepsgroep, []).append(expert)
    vertrokken = []
    for expert in experts:
        collega = rng.choice(per_beroep[expert.beroepsgroep])
        if rng.random() < 0.03 and collega is not expert and not collega.is_vertrokken:
            expert.status = Expert.Status.VERTROKKEN
            expert.vertrokken_op = timezone.localdate() - timedelta(days=rng.randint(10, 300))
            expert.opvolger = collega
            vertrokken.append(expert)
    Expert.objects.bulk_update(vertrokken, ["status", "vertrokken_op", "opvolger"])


def _toelichting(rng, functie, gemeente, organisatie, expertise) -> str:
    # 'Diëtist' becomes 'diëtist' inside a sentence; 'GLI-coach' and 'POH GGZ' stay as they are.
    in_zin = functie if functie[:2].isupper() else functie[0].lower() + functie[1:]
    opening = rng.choice(OPENINGEN).format(
        jaren=rng.randint(2, 25),
        functie=in_zin,
        gemeente=gemeente,
        doelgroep=rng.choice(DOELGROEPEN),
        begin=rng.randint(2005, 2025),
        organisatie=organisatie,
    )
    zinnen = [opening, rng.choice(EXPERTISEZINNEN).format(expertise=", ".join(expertise).lower())]
    zinnen += rng.sample(WERKWIJZEN, rng.randint(0, 2))
    return " ".join(zinnen)


def _rollen(rng: random.Random, met_expertise: list[tuple[Expert, list]]) -> None:
    """Each inspanning gets a trekker, a contact and a few werkgroepleden, chosen among the
    demo experts whose expertise fits its themes."""
    R = Betrokkenheid.Rol
    experts = [expert for expert, _gebieden in met_expertise]
    per_gebied: dict[int, list[Expert]] = {}
    for expert, gebieden in met_expertise:
        for gebied in gebieden:
            per_gebied.setdefault(gebied.pk, []).append(expert)
    vandaag = timezone.localdate()
    rollen = []
    for inspanning in Inspanning.objects.prefetch_related("expertisegebieden").order_by("nummer"):
        kandidaten = (
            sorted(
                {e for g in inspanning.expertisegebieden.all() for e in per_gebied.get(g.pk, [])},
                key=lambda e: e.pk,
            )
            or experts
        )
        gekozen = rng.sample(kandidaten, min(len(kandidaten), rng.randint(3, 6)))
        for k, expert in enumerate(gekozen):
            rol = R.TREKKER if k == 0 else R.CONTACTPERSOON if k == 1 else R.WERKGROEPLID
            rollen.append(
                Betrokkenheid(
                    inspanning=inspanning,
                    expert=expert,
                    rol=rol,
                    sinds=vandaag - timedelta(days=rng.randint(30, 900)),
                )
            )
    Betrokkenheid.objects.bulk_create(rollen)
