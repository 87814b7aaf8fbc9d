"""Loads the coalition's reference data: all files are checked first, then everything is
written in one transaction. What exists already is left alone, so a second run changes nothing."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.csv_import import Errors, ImportRefused, read_csv, split_values
from experts.models import Domein, Expertisegebied, Gemeente, Organisatie, Thesaurusterm
from inspanningen.models import TOELICHTING_MAX, Aanbeveling, Inspanning, Niveau, Ronde, Score

DEFAULT_DIR = Path(__file__).resolve().parent  # the CSV files beside this module
BASELINE_JAAR = 2025
BRONNEN = {"rapport", "afgeleid"}

HEADERS = {
    "gemeenten.csv": ["naam"],
    "domeinen.csv": ["naam"],
    "organisaties.csv": ["naam", "soort", "omschrijving"],
    "expertisegebieden.csv": ["naam", "omschrijving"],
    "thesaurus.csv": ["term", "synoniemen"],
    "aanbevelingen.csv": ["nummer", "korte_naam", "titel", "beschrijving"],
    "inspanningen.csv": ["nummer", "naam", "status", "organisaties", "themas"],
    f"scores-{BASELINE_JAAR}.csv": ["inspanning", "aanbeveling", "score", "toelichting", "bron"],
    "financiering.csv": ["nummer", "bronnen", "aard", "woorden_in_het_rapport"],
}
FINANCIERING_AANBEVELING = 5  # "Duurzame uitvoeringskracht": the funding words of each effort


@dataclass
class Tally:
    created: int = 0
    existing: int = 0


def _read_all(directory: Path) -> tuple[dict[str, list], list[str]]:
    files, messages = {}, []
    for name, header in HEADERS.items():
        path = directory / name
        if not path.exists():
            messages.append(f"{name}: het bestand ontbreekt in {directory}.")
            continue
        try:
            files[name] = read_csv(path.read_bytes(), header=header, source=name)
        except ImportRefused as refused:
            messages.extend(refused.errors)
    return files, messages


def _unique_names(rows, name: str, key: str, errors: Errors) -> list[tuple[int, dict]]:
    seen, good = set(), []
    for line, row in rows:
        value = row[key]
        if not value:
            errors.add(line, f"'{key}' is leeg.")
        elif value.casefold() in seen:
            errors.add(line, f"'{value}' staat er dubbel in.")
        else:
            seen.add(value.casefold())
            good.append((line, row))
    return good


def _number(value: str, line: int, column: str, errors: Errors) -> int | None:
    try:
        number = int(value)
    except ValueError:
        errors.add(line, f"'{column}' moet een geheel getal zijn, niet '{value}'.")
        return None
    if number < 1:
        errors.add(line, f"'{column}' moet 1 of hoger zijn.")
        return None
    return number


def validate(directory: Path) -> dict:
    """Every file checked; raises ImportRefused naming every error with file and line."""
    files, messages = _read_all(directory)
    checked = {}
    for name in ("gemeenten.csv", "domeinen.csv", "expertisegebieden.csv"):
        if name in files:
            errors = Errors(name)
            checked[name] = _unique_names(files[name], name, "naam", errors)
            messages.extend(errors.messages)

    if "organisaties.csv" in files:
        errors = Errors("organisaties.csv")
        rows = _unique_names(files["organisaties.csv"], "organisaties.csv", "naam", errors)
        for line, row in rows:
            if row["soort"] not in Organisatie.Soort.values:
                errors.add(line, f"onbekende soort '{row['soort']}'.")
        checked["organisaties.csv"] = rows
        messages.extend(errors.messages)

    if "thesaurus.csv" in files:
        errors = Errors("thesaurus.csv")
        rows = _unique_names(files["thesaurus.csv"], "thesaurus.csv", "term", errors)
        for line, row in rows:
            if not split_values(row["synoniemen"]):
                errors.add(line, f"'{row['term']}' heeft geen synoniemen.")
        checked["thesaurus.csv"] = rows
        messages.extend(errors.messages)

    numbered = {}
    for name, label in (("aanbevelingen.csv", "aanbeveling"), ("inspanningen.csv", "inspanning")):
        if name not in files:
            continue
        errors, seen = Errors(name), {}
        for line, row in files[name]:
            nummer = _number(row["nummer"], line, "nummer", errors)
            if nummer is None:
                continue
            if nummer in seen:
                errors.add(
                    line, f"{label} {nummer} staat er dubbel in (ook op regel {seen[nummer]})."
                )
            seen[nummer] = line
            for column in ("naam", "korte_naam", "titel", "beschrijving"):
                if column in row and not row[column]:
                    errors.add(line, f"'{column}' is leeg.")
            row["nummer"] = nummer
        numbered[label] = set(seen)
        messages.extend(errors.messages)

    if "inspanningen.csv" in files:
        errors = Errors("inspanningen.csv")
        organisaties = {r["naam"] for _l, r in checked.get("organisaties.csv", [])}
        organisaties |= set(Organisatie.objects.values_list("naam", flat=True))
        themas = {r["naam"] for _l, r in checked.get("expertisegebieden.csv", [])}
        themas |= set(Expertisegebied.objects.values_list("naam", flat=True))
        for line, row in files["inspanningen.csv"]:
            if row["status"] not in Inspanning.Status.values:
                errors.add(line, f"onbekende status '{row['status']}'.")
            for naam in split_values(row["organisaties"]):
                if naam not in organisaties:
                    errors.add(line, f"onbekende organisatie '{naam}'.")
            for naam in split_values(row["themas"]):
                if naam not in themas:
                    errors.add(line, f"onbekend thema '{naam}'.")
        messages.extend(errors.messages)

    scores_name = f"scores-{BASELINE_JAAR}.csv"
    if scores_name in files:
        errors, seen = Errors(scores_name), {}
        for line, row in files[scores_name]:
            inspanning = _number(row["inspanning"], line, "inspanning", errors)
            aanbeveling = _number(row["aanbeveling"], line, "aanbeveling", errors)
            if inspanning is not None and inspanning not in numbered.get("inspanning", set()):
                errors.add(line, f"onbekende inspanning {inspanning}.")
            if aanbeveling is not None and aanbeveling not in numbered.get("aanbeveling", set()):
                errors.add(line, f"onbekende aanbeveling {aanbeveling}.")
            if row["score"] not in Niveau.values:
                errors.add(
                    line, f"onbekende score '{row['score']}'; kies uit {', '.join(Niveau.values)}."
                )
            if row["bron"] not in BRONNEN:
                errors.add(line, f"onbekende bron '{row['bron']}'; kies uit rapport, afgeleid.")
            if len(row["toelichting"]) > TOELICHTING_MAX:
                errors.add(line, f"de toelichting is langer dan {TOELICHTING_MAX} tekens.")
            cell = (inspanning, aanbeveling)
            if None not in cell:
                if cell in seen:
                    errors.add(
                        line,
                        f"cel {inspanning}×{aanbeveling} staat er dubbel in (ook op regel {seen[cell]}).",
                    )
                seen[cell] = line
                row["inspanning"], row["aanbeveling"] = cell
        for inspanning in sorted(numbered.get("inspanning", ())):
            for aanbeveling in sorted(numbered.get("aanbeveling", ())):
                if (inspanning, aanbeveling) not in seen:
                    errors.add(None, f"cel {inspanning}×{aanbeveling} ontbreekt.")
        messages.extend(errors.messages)

    if "financiering.csv" in files:
        errors = Errors("financiering.csv")
        for line, row in files["financiering.csv"]:
            nummer = _number(row["nummer"], line, "nummer", errors)
            if nummer is not None and nummer not in numbered.get("inspanning", set()):
                errors.add(line, f"onbekende inspanning {nummer}.")
            row["nummer"] = nummer
            for bron in split_values(row["bronnen"]):
                if bron not in Inspanning.Financieringsbron.values:
                    errors.add(line, f"onbekende financieringsbron '{bron}'.")
            if row["aard"] and row["aard"] not in Inspanning.Financieringsaard.values:
                errors.add(line, f"onbekende aard '{row['aard']}'; kies structureel of tijdelijk.")
        messages.extend(errors.messages)

    if messages:
        raise ImportRefused(messages)
    checked.update(
        {
            name: files[name]
            for name in ("aanbevelingen.csv", "inspanningen.csv", scores_name, "financiering.csv")
        }
    )
    return checked


def _dossiers(score_rows, financiering_rows) -> dict[int, dict]:
    """Per effort, what the report's table says about it, as its starting dossier: each
    recommendation's cell text in the description, the funding words of recommendation 5, and
    the sources and kind of funding where the report names them (financiering.csv). What the
    report does not say stays empty."""
    korte_namen = dict(Aanbeveling.objects.values_list("nummer", "korte_naam"))
    dossiers: dict[int, dict] = {}
    for _l, row in sorted(score_rows, key=lambda lr: (lr[1]["inspanning"], lr[1]["aanbeveling"])):
        dossier = dossiers.setdefault(row["inspanning"], {"regels": []})
        if row["toelichting"]:
            dossier["regels"].append(f"- {korte_namen[row['aanbeveling']]}: {row['toelichting']}")
        if row["aanbeveling"] == FINANCIERING_AANBEVELING:
            dossier["financiering_toelichting"] = row["toelichting"]
    for _l, row in financiering_rows:
        dossier = dossiers.setdefault(row["nummer"], {"regels": []})
        dossier["financiering_bronnen"] = split_values(row["bronnen"])
        dossier["financiering_aard"] = row["aard"]
    for dossier in dossiers.values():
        regels = dossier.pop("regels")
        dossier["omschrijving"] = (
            "Uit de vergelijkingstabel van het rapport 'Expertisebeheer Gezond Gewicht' "
            "(paragraaf 3.1):\n" + "\n".join(regels)
            if regels
            else ""
        )
    return dossiers


def _baseline_toelichting(score_rows) -> str:
    afgeleid = [
        f"{r['inspanning']}×{r['aanbeveling']}" for _l, r in score_rows if r["bron"] == "afgeleid"
    ]
    return (
        "Nulmeting uit de vergelijkingstabel in paragraaf 3.1 van het rapport 'Expertisebeheer "
        "Gezond Gewicht', waarin de elf inspanningen van de coalitie Gezondheid & Leefstijl "
        "(Gezonde Marke) naast de vijf aanbevelingen zijn gelegd. In de tekstversie van het rapport "
        "zijn de symbolen ● en ○ verloren gegaan; alleen ◐ en 'N.n.b.' bleven staan. "
        f"Van {len(afgeleid)} van de {len(score_rows)} cellen is de score daarom afgeleid uit de "
        "eigen woorden van de cel en de interpretatie in paragraaf 3.2 van het rapport "
        f"(inspanning×aanbeveling): {', '.join(afgeleid)}. De coördinator kan een score corrigeren "
        "door de ronde met een reden te heropenen; elke wijziging wordt vastgelegd."
    )


@transaction.atomic
def load(directory: Path = DEFAULT_DIR) -> dict[str, Tally]:
    data = validate(directory)
    tallies: dict[str, Tally] = {}

    def ensure(label: str, model, lookup: dict, defaults: dict | None = None):
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults or {})
        tally = tallies.setdefault(label, Tally())
        if created:
            tally.created += 1
        else:
            tally.existing += 1
        return obj, created

    for _l, row in data["gemeenten.csv"]:
        ensure("gemeenten", Gemeente, {"naam": row["naam"]})
    for _l, row in data["domeinen.csv"]:
        ensure("domeinen", Domein, {"naam": row["naam"]})
    for _l, row in data["organisaties.csv"]:
        ensure(
            "organisaties",
            Organisatie,
            {"naam": row["naam"]},
            {"soort": row["soort"], "omschrijving": row["omschrijving"]},
        )
    for _l, row in data["expertisegebieden.csv"]:
        ensure(
            "expertisegebieden",
            Expertisegebied,
            {"naam": row["naam"]},
            {"omschrijving": row["omschrijving"]},
        )
    for _l, row in data["thesaurus.csv"]:
        ensure(
            "thesaurus",
            Thesaurusterm,
            {"term": row["term"]},
            {"synoniemen": ";".join(split_values(row["synoniemen"]))},
        )
    for _l, row in data["aanbevelingen.csv"]:
        ensure(
            "aanbevelingen",
            Aanbeveling,
            {"nummer": row["nummer"]},
            {
                "korte_naam": row["korte_naam"],
                "titel": row["titel"],
                "beschrijving": row["beschrijving"],
                "volgorde": row["nummer"],
            },
        )
    for _l, row in data["inspanningen.csv"]:
        inspanning, created = ensure(
            "inspanningen",
            Inspanning,
            {"nummer": row["nummer"]},
            {
                "naam": row["naam"],
                "status": row["status"],
                "volgorde": row["nummer"],
            },
        )
        if created:
            inspanning.organisaties.set(
                Organisatie.objects.filter(naam__in=split_values(row["organisaties"]))
            )
            inspanning.expertisegebieden.set(
                Expertisegebied.objects.filter(naam__in=split_values(row["themas"]))
            )

    score_rows = data[f"scores-{BASELINE_JAAR}.csv"]
    # The starting dossiers fill only what is empty: the coordinator's own text stays.
    aangevuld = tallies.setdefault("dossiervelden", Tally())
    inspanningen = {i.nummer: i for i in Inspanning.objects.all()}
    for nummer, dossier in _dossiers(score_rows, data["financiering.csv"]).items():
        inspanning = inspanningen[nummer]
        leeg = {veld: w for veld, w in dossier.items() if w and not getattr(inspanning, veld)}
        for veld, waarde in leeg.items():
            setattr(inspanning, veld, waarde)
        if leeg:
            inspanning._change_reason = "startdossier uit het rapport"
            inspanning.save()
        aangevuld.created += len(leeg)
        aangevuld.existing += sum(1 for w in dossier.values() if w) - len(leeg)
    ronde, created = ensure(
        "rondes",
        Ronde,
        {"jaar": BASELINE_JAAR},
        {
            "titel": "Nulmeting uit het rapport Expertisebeheer Gezond Gewicht",
            "status": Ronde.Status.CONCEPT,
            "toelichting": _baseline_toelichting(score_rows),
        },
    )
    scores = tallies.setdefault("scores", Tally())
    if created:
        inspanningen = {i.nummer: i for i in Inspanning.objects.all()}
        aanbevelingen = {a.nummer: a for a in Aanbeveling.objects.all()}
        bulk_create_with_history(
            [
                Score(
                    ronde=ronde,
                    inspanning=inspanningen[row["inspanning"]],
                    aanbeveling=aanbevelingen[row["aanbeveling"]],
                    niveau=row["score"],
                    toelichting=row["toelichting"],
                    beoordelingsstatus=Score.Beoordelingsstatus.BEVESTIGD,
                )
                for _l, row in score_rows
            ],
            Score,
        )
        scores.created = len(score_rows)
        # Finalised in the report; when, and by whom, the report does not say.
        ronde.status = Ronde.Status.VASTGESTELD
        ronde._change_reason = "vastgesteld in het rapport"
        ronde.save()
    else:
        scores.existing = ronde.scores.count()
    return tallies
