"""Fictional knowledge items for local demos, screenshots and the benchmark. Every title starts
with "Demo:" and every summary says it is fictional; the people are the fictional demo experts.
A few items carry a small generated PDF, so that search in files can be tried."""

import random
from datetime import timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from experts.models import Expert, Organisatie
from inspanningen.models import Aanbeveling, Inspanning
from kennis import zoeken
from kennis.bestanden import lees
from kennis.models import Bestand, Kennisitem

PREFIX = "demo-kennis-"

# Per inspanning (number): what fictional items are about.
ONDERWERPEN = {
    1: ["de basisset interventies", "een overzicht van erkende interventies", "de keuzehulp"],
    2: ["het watertappunt op school", "de gezonde schoolkantine", "beweegpauzes in de klas"],
    3: [
        "het eerste huisbezoek",
        "de wijkgerichte aanpak rond zwangerschap",
        "voorlichting over roken",
    ],
    4: ["een beweegvriendelijk schoolplein", "groen in de wijk", "speelplekken in kleine kernen"],
    5: ["vervoer naar het beweegaanbod", "de overstap van GLI naar de sportclub", "beweegmaatjes"],
    6: ["alcoholvrije sportkantines", "nalevingsonderzoek", "afspraken met sportverenigingen"],
    7: ["de verwijzing naar de GLI", "het netwerk rond Kansrijke Start", "de ketenregie"],
    8: [
        "de campagne over suikerhoudende dranken",
        "berichten in de lokale krant",
        "posters in de wijk",
    ],
    9: [
        "het gesprek over leefstijl bij de huisarts",
        "motiverende gespreksvoering",
        "de POH als gids",
    ],
    10: [
        "doorverwijzen naar de leefstijlcoach",
        "de sociale kaart",
        "terugkoppeling aan de huisarts",
    ],
    11: ["lokaal voedsel in de zorg", "korte ketens", "de eiwittransitie in kantines"],
}
WAT = {
    "les": ["Wat we leerden over {o}", "Terugblik op {o}", "Les: {o}"],
    "praktijkvoorbeeld": ["Zo deden we het: {o}", "Praktijkvoorbeeld {o}"],
    "document": ["Plan van aanpak {o}", "Afsprakenkader {o}"],
    "evaluatie": ["Evaluatie {o}", "Tussenevaluatie {o}"],
    "verslag": ["Verslag intervisie over {o}", "Verslag themabijeenkomst {o}"],
    "landelijke_bron": ["Landelijke bron over {o}", "Interventie bij Loket Gezond Leven: {o}"],
}
ZINNEN = [
    "De deelnemers waren enthousiast, maar de opkomst bleef achter bij wat we hadden verwacht.",
    "Professionals uit zorg, welzijn en sport kenden elkaar na afloop beter.",
    "Het ontbrak aan een vaste trekker toen de projectleider vertrok.",
    "Inwoners gaven aan dat de tijden niet pasten bij werk en school.",
    "De gemeente heeft de financiering voor een tweede jaar toegezegd.",
    "Ouders werden het best bereikt via de school en het consultatiebureau.",
    "Zonder vervoer naar de sporthal haakten vooral ouderen af.",
    "De buurtsportcoach was de verbindende schakel tussen huisarts en vereniging.",
    "Een vast inloopmoment in het dorpshuis werkte beter dan losse afspraken.",
    "De wachtlijst bij de diëtist liep op tot zes weken.",
    "Jongeren haakten af toen het programma op zaterdagochtend werd gepland.",
    "De huisartsenpraktijk verwees vaker door nadat de POH de sociale kaart kende.",
    "Met ervaringsdeskundigen erbij sloot de voorlichting beter aan.",
    "Het registratiesysteem telde deelnemers dubbel, waardoor de cijfers te rooskleurig waren.",
    "De subsidie liep af voordat de resultaten zichtbaar werden.",
    "Scholen wilden meedoen, maar de roostering liet weinig ruimte.",
    "In de kleine kernen was de opkomst juist hoger dan in de stad.",
    "De flyers bereikten vooral mensen die al gezond leefden.",
    "Laaggeletterde inwoners hadden baat bij beeldmateriaal en korte zinnen.",
    "De samenwerking met de zorgverzekeraar maakte de vergoeding eenvoudiger.",
    "Mantelzorgers konden niet deelnemen zonder vervangende zorg.",
    "Een warme overdracht van coach naar vereniging voorkwam uitval.",
    "De kantine verkocht meer water nadat de frisdrankautomaat verdween.",
    "Tieners reageerden beter op een challenge via sociale media dan op posters.",
    "Statushouders werden bereikt via taalcoaches en sleutelfiguren.",
    "Het monitoren kostte meer tijd dan het uitvoeren.",
    "Vrijwilligers hielden het initiatief draaiende na het vertrek van de professional.",
    "Een gezamenlijke scholing van wijkverpleging en fysiotherapie gaf een gedeelde taal.",
    "De groepsgrootte van twaalf bleek ideaal voor de beweeglessen.",
    "Armoede en schulden bleken vaak de echte drempel voor deelname.",
    "Het spreekuur op het werk bereikte vaders die anders niet kwamen.",
    "Zwemles voor volwassenen gaf onverwacht veel aanmeldingen.",
    "Een kookworkshop met lokale boeren bracht gezinnen en producenten samen.",
    "De evaluatie liet zien dat het effect na een half jaar wegebde.",
    "Een vast aanspreekpunt bij de gemeente versnelde de besluitvorming.",
    "De app werd nauwelijks gebruikt; een papieren logboek wel.",
    "Slaap en stress bleken even belangrijk als voeding en bewegen.",
    "Kinderopvang tijdens de bijeenkomsten verhoogde de opkomst van moeders.",
    "Het consultatiebureau en de verloskundige deelden voortaan één dossier.",
    "Sportverenigingen wilden wel, maar misten vrijwilligers voor extra uren.",
]


def minimale_pdf(tekst: str) -> bytes:
    """A small valid PDF of one page with `tekst` in Helvetica (ASCII only), for demo and tests."""
    regels = [r.replace("\\", "").replace("(", "").replace(")", "") for r in tekst.splitlines()]
    inhoud = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({r}) '" for r in regels) + " ET"
    objecten = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(inhoud)} >>\nstream\n{inhoud}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    uit, posities = "%PDF-1.4\n", []
    for n, obj in enumerate(objecten, start=1):
        posities.append(len(uit.encode("latin-1")))
        uit += f"{n} 0 obj\n{obj}\nendobj\n"
    xref = len(uit.encode("latin-1"))
    uit += f"xref\n0 {len(objecten) + 1}\n0000000000 65535 f \n"
    uit += "".join(f"{p:010d} 00000 n \n" for p in posities)
    uit += f"trailer\n<< /Size {len(objecten) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return uit.encode("latin-1")


def maak_kennis(aantal: int, seed: int = 2025) -> int:
    """Fictional items until there are `aantal` demo items; returns how many were added."""
    bestaand = Kennisitem.objects.filter(slug__startswith=PREFIX).count()
    if bestaand >= aantal:
        return 0
    rng = random.Random(seed + bestaand)  # noqa: S311 - demo data, not security
    inspanningen = list(
        Inspanning.objects.filter(gearchiveerd=False).prefetch_related("expertisegebieden")
    )
    aanbevelingen = list(Aanbeveling.objects.filter(gearchiveerd=False))
    if not inspanningen:
        raise ValueError("Laad eerst de referentiedata (python manage.py laad_referentiedata).")
    experts = list(Expert.objects.actief().order_by("pk").values_list("pk", flat=True)[:2000])
    organisaties = list(Organisatie.objects.order_by("pk").values_list("pk", flat=True))
    nu = timezone.now()
    soorten = list(Kennisitem.Soort)
    items, koppelingen = [], []
    for n in range(bestaand, aantal):
        inspanning = rng.choice(inspanningen)
        soort = soorten[n % len(soorten)]
        onderwerp = rng.choice(ONDERWERPEN.get(inspanning.nummer, ["de aanpak"]))
        titel = "Demo: " + rng.choice(WAT[soort]).format(o=onderwerp)
        zinnen = rng.sample(ZINNEN, 4)
        les = soort == Kennisitem.Soort.LES
        item = Kennisitem(
            titel=titel[:200],
            slug=f"{PREFIX}{n + 1}",
            soort=soort,
            samenvatting=f"(Fictief demovoorbeeld.) Over {onderwerp} bij {inspanning.naam}. {zinnen[0]}",
            inhoud=f"## Aanleiding\n\n{zinnen[1]}\n\n## Wat we zagen\n\n- {zinnen[2]}\n- {zinnen[3]}\n"
            "- Zie ook de [landelijke aanpak](https://www.loketgezondleven.nl/).",
            link="https://www.loketgezondleven.nl/"
            if soort == Kennisitem.Soort.LANDELIJKE_BRON
            else "",
            datum=(nu - timedelta(days=rng.randint(0, 3 * 365))).date(),
            bedoeling=f"We wilden {onderwerp} beter regelen." if les else "",
            gebeurd=zinnen[0] if les else "",
            waarom=zinnen[1] if les else "",
            volgende_keer="Eerder de inwoners zelf vragen wat zij nodig hebben." if les else "",
            werkte_niet=les and rng.random() < 0.4,
            erkenning=rng.choice(Kennisitem.Erkenning.values) if soort == "landelijke_bron" else "",
            erkenning_gecontroleerd_op=nu.date() if soort == "landelijke_bron" else None,
            eigenaar_id=rng.choice(experts) if experts else None,
            zichtbaarheid=Kennisitem.Zichtbaarheid.OPENBAAR
            if rng.random() < 0.25
            else Kennisitem.Zichtbaarheid.NETWERK,
            laatst_bevestigd_op=nu - timedelta(days=rng.randint(0, 500)),
        )
        items.append(item)
        koppelingen.append(
            (
                inspanning,
                rng.sample(aanbevelingen, rng.randint(0, 2)),
                list(inspanning.expertisegebieden.all())[:2],
                rng.sample(organisaties, min(len(organisaties), rng.randint(0, 2))),
                rng.sample(experts, min(len(experts), rng.randint(0, 2))),
            )
        )
    items = bulk_create_with_history(items, Kennisitem, batch_size=1000)
    items = list(Kennisitem.objects.filter(slug__in=[i.slug for i in items]).order_by("pk"))
    items.sort(key=lambda i: int(i.slug.removeprefix(PREFIX)))
    _koppel(items, koppelingen)
    bestanden = []
    for i, item in enumerate(items):
        if item.soort in ("document", "evaluatie") and i % 3 == 0:
            pdf = minimale_pdf(f"Fictief demodocument.\n{ZINNEN[i % len(ZINNEN)]}")
            gelezen = lees(f"{item.slug}.pdf", pdf)
            bestanden.append(
                Bestand(
                    item=item,
                    versie=1,
                    naam=f"{item.slug}.pdf",
                    mime=gelezen.mime,
                    grootte=len(pdf),
                    sha256=gelezen.sha256,
                    inhoud=pdf,
                    tekst=gelezen.tekst,
                    tekststatus=gelezen.tekststatus,
                    reden="eerste versie (demo)",
                )
            )
    Bestand.objects.bulk_create(bestanden)
    zoeken.bijwerken([i.pk for i in items])
    return len(items)


def _koppel(items, koppelingen) -> None:
    rijen = {
        veld: [] for veld in ("inspanningen", "aanbevelingen", "themas", "organisaties", "experts")
    }
    for item, (inspanning, aanbevelingen, themas, organisaties, experts) in zip(
        items, koppelingen, strict=True
    ):
        through = Kennisitem.inspanningen.through
        rijen["inspanningen"].append(through(kennisitem_id=item.pk, inspanning_id=inspanning.pk))
        rijen["aanbevelingen"] += [
            Kennisitem.aanbevelingen.through(kennisitem_id=item.pk, aanbeveling_id=a.pk)
            for a in aanbevelingen
        ]
        rijen["themas"] += [
            Kennisitem.themas.through(kennisitem_id=item.pk, expertisegebied_id=t.pk)
            for t in themas
        ]
        rijen["organisaties"] += [
            Kennisitem.organisaties.through(kennisitem_id=item.pk, organisatie_id=o)
            for o in organisaties
        ]
        rijen["experts"] += [
            Kennisitem.experts.through(kennisitem_id=item.pk, expert_id=e) for e in experts
        ]
    for veld, lijst in rijen.items():
        getattr(Kennisitem, veld).through.objects.bulk_create(lijst, batch_size=5000)
