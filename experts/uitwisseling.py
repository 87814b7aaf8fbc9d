"""Import experts from CSV, all or nothing, and export them in the same format.

The e-mail address is the key: importing again updates and never duplicates. Values from the
fixed lists (beroepsgroep, domeinen, werkgebied, beschikbaar_voor) are matched ignoring case
and accents; organisations and expertise areas too, expertise also through its synonyms and
the thesaurus, and new ones are created and reported."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from experts import search
from experts.forms import TELEFOON, TOELICHTING_MAX
from experts.models import (
    Domein,
    Expert,
    Expertisegebied,
    Gemeente,
    Organisatie,
    Thesaurusterm,
)
from gezondgewicht.csvimport import Errors, read_csv, split_values
from gezondgewicht.spreadsheet import safe_cell, unsafe_cell
from gezondgewicht.text import normalise

CSV_HEADER = [
    "naam",
    "email",
    "telefoon",
    "organisatie",
    "functie",
    "beroepsgroep",
    "expertise",
    "domeinen",
    "werkgebied",
    "beschikbaar_voor",
    "toelichting",
]
HEEL_DRENTHE = "Heel Drenthe"
MAX_UPLOAD = 5 * 1024 * 1024
_SPATIES = re.compile(r"\s+")


def _sleutel(tekst: str) -> str:
    return _SPATIES.sub(" ", normalise(tekst))


def _keuzes(choices) -> dict[str, str]:
    """Value and label of each choice, normalised, → value."""
    with translation.override("nl"):
        uit = {_sleutel(str(label)): value for value, label in choices}
    uit.update({_sleutel(value): value for value, _label in choices})
    return uit


@dataclass
class ImportResultaat:
    nieuw: int = 0
    bijgewerkt: int = 0
    nieuwe_organisaties: list[str] = field(default_factory=list)
    nieuwe_expertise: list[str] = field(default_factory=list)

    def samenvatting(self) -> str:
        tekst = _("Import klaar: %(nieuw)s experts nieuw, %(bijgewerkt)s bijgewerkt.") % {
            "nieuw": self.nieuw,
            "bijgewerkt": self.bijgewerkt,
        }
        if self.nieuwe_organisaties:
            tekst += " " + _("Nieuwe organisaties: %(namen)s.") % {
                "namen": ", ".join(self.nieuwe_organisaties)
            }
        if self.nieuwe_expertise:
            tekst += " " + _("Nieuwe expertisegebieden: %(namen)s.") % {
                "namen": ", ".join(self.nieuwe_expertise)
            }
        return tekst


@dataclass
class _Rij:
    regel: int
    waarden: dict
    organisatie: str
    expertise: list[str]
    domeinen: list[int]
    werkgebied: list[int]


class _Lijsten:
    """The lookup tables, keyed by normalised name."""

    def __init__(self):
        self.beroepen = _keuzes(Expert.Beroepsgroep.choices)
        self.beschikbaar = _keuzes(Expert.Beschikbaarheid.choices)
        self.domeinen = {_sleutel(d.naam): d.pk for d in Domein.objects.all()}
        self.gemeenten = {_sleutel(g.naam): g.pk for g in Gemeente.objects.all()}
        self.organisaties = {_sleutel(o.naam): o for o in Organisatie.objects.all()}
        self.expertise = {}
        for gebied in Expertisegebied.objects.all():
            for naam in [gebied.naam, *split_values(gebied.synoniemen)]:
                self.expertise.setdefault(_sleutel(naam), gebied)
        for term in Thesaurusterm.objects.all():
            woorden = [_sleutel(w) for w in term.woorden()]
            gebied = next((self.expertise[w] for w in woorden if w in self.expertise), None)
            for woord in woorden:
                if gebied is not None:
                    self.expertise.setdefault(woord, gebied)


def _lijst(waarde: str, bekend: dict, regel: int, kolom: str, errors: Errors) -> list:
    uit = []
    for deel in split_values(waarde):
        gevonden = bekend.get(_sleutel(deel))
        if gevonden is None:
            errors.add(
                regel,
                _("onbekende waarde '%(waarde)s' in '%(kolom)s'.")
                % {
                    "waarde": deel,
                    "kolom": kolom,
                },
            )
        elif gevonden not in uit:
            uit.append(gevonden)
    return uit


def _lengte(waarde: str, maximum: int, regel: int, kolom: str, errors: Errors) -> None:
    if len(waarde) > maximum:
        errors.add(
            regel,
            _("'%(kolom)s' is langer dan %(max)s tekens.") % {"kolom": kolom, "max": maximum},
        )


def _controleer(rows, lijsten: _Lijsten, errors: Errors) -> list[_Rij]:
    goed, emails = [], {}
    for regel, row in rows:
        row = {k: unsafe_cell(v) for k, v in row.items()}
        fouten_voor = len(errors.entries)
        if not row["naam"]:
            errors.add(regel, _("'naam' is leeg."))
        email = row["email"].lower()
        if not email:
            errors.add(regel, _("'email' is leeg."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.add(regel, _("'%(email)s' is geen geldig e-mailadres.") % {"email": email})
            if email in emails:
                errors.add(
                    regel,
                    _("e-mailadres %(email)s staat er dubbel in (ook op regel %(regel)s).")
                    % {"email": email, "regel": emails[email]},
                )
            emails.setdefault(email, regel)
        for kolom, maximum in (
            ("naam", 150),
            ("functie", 150),
            ("organisatie", 200),
            ("email", 254),
        ):
            _lengte(row[kolom], maximum, regel, kolom, errors)
        _lengte(row["toelichting"], TOELICHTING_MAX, regel, "toelichting", errors)
        if row["telefoon"] and not TELEFOON.match(row["telefoon"]):
            errors.add(regel, _("'telefoon' bevat tekens die geen telefoonnummer vormen."))
        beroep = "overig"
        if row["beroepsgroep"]:
            beroep = lijsten.beroepen.get(_sleutel(row["beroepsgroep"]))
            if beroep is None:
                errors.add(
                    regel,
                    _("onbekende beroepsgroep '%(waarde)s'.") % {"waarde": row["beroepsgroep"]},
                )
        werkgebied_tekst = row["werkgebied"]
        if any(_sleutel(d) == _sleutel(HEEL_DRENTHE) for d in split_values(werkgebied_tekst)):
            werkgebied = list(lijsten.gemeenten.values())
        else:
            werkgebied = _lijst(werkgebied_tekst, lijsten.gemeenten, regel, "werkgebied", errors)
        domeinen = _lijst(row["domeinen"], lijsten.domeinen, regel, "domeinen", errors)
        beschikbaar = _lijst(
            row["beschikbaar_voor"], lijsten.beschikbaar, regel, "beschikbaar_voor", errors
        )
        expertise = split_values(row["expertise"])
        for naam in expertise:
            _lengte(naam, 150, regel, "expertise", errors)
        if len(errors.entries) > fouten_voor:
            continue
        goed.append(
            _Rij(
                regel,
                {
                    "naam": row["naam"],
                    "email": email,
                    "telefoon": row["telefoon"],
                    "functie": row["functie"],
                    "beroepsgroep": beroep,
                    "beschikbaar_voor": beschikbaar,
                    "toelichting": row["toelichting"].replace("\r\n", "\n"),
                },
                row["organisatie"],
                expertise,
                domeinen,
                werkgebied,
            )
        )
    return goed


def importeer(*, data: bytes, bron: str = "CSV", door=None) -> ImportResultaat:
    """All or nothing: every error is named by line, and then nothing is written."""
    errors = Errors(bron)
    if len(data) > MAX_UPLOAD:
        errors.add(None, _("het bestand is groter dan 5 MB."))
        errors.raise_if_any()
    rows = read_csv(data, header=CSV_HEADER, source=bron, errors=errors)
    lijsten = _Lijsten()
    goed = _controleer(rows, lijsten, errors)
    errors.raise_if_any()
    with transaction.atomic(), search.gebundeld():
        return _schrijf(goed, lijsten, door)


def _schrijf(rijen: list[_Rij], lijsten: _Lijsten, door) -> ImportResultaat:
    resultaat = ImportResultaat()
    bestaand = {
        e.email: e for e in Expert.objects.filter(email__in=[r.waarden["email"] for r in rijen])
    }
    for rij in rijen:
        expert = bestaand.get(rij.waarden["email"]) or Expert()
        nieuw = expert.pk is None
        for veld, waarde in rij.waarden.items():
            setattr(expert, veld, waarde)
        expert.organisatie = _organisatie(rij.organisatie, lijsten, resultaat)
        expert._history_user = door
        expert._change_reason = "import"
        expert.save()
        expert.expertisegebieden.set([_expertise(n, lijsten, resultaat) for n in rij.expertise])
        expert.domeinen.set(rij.domeinen)
        expert.werkgebied.set(rij.werkgebied)
        if nieuw:
            resultaat.nieuw += 1
        else:
            resultaat.bijgewerkt += 1
    return resultaat


def _organisatie(naam: str, lijsten: _Lijsten, resultaat: ImportResultaat):
    if not naam:
        return None
    sleutel = _sleutel(naam)
    if sleutel not in lijsten.organisaties:
        lijsten.organisaties[sleutel] = Organisatie.objects.create(naam=naam)
        resultaat.nieuwe_organisaties.append(naam)
    return lijsten.organisaties[sleutel]


def _expertise(naam: str, lijsten: _Lijsten, resultaat: ImportResultaat):
    sleutel = _sleutel(naam)
    if sleutel not in lijsten.expertise:
        lijsten.expertise[sleutel] = Expertisegebied.objects.create(naam=naam)
        resultaat.nieuwe_expertise.append(naam)
    return lijsten.expertise[sleutel]


def export_csv(experts) -> str:
    """The experts in the import format, with the Dutch labels of the fixed lists."""
    alle_gemeenten = Gemeente.objects.count()
    experts = experts.prefetch_related("expertisegebieden", "domeinen", "werkgebied")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    with translation.override("nl"):
        for e in experts:
            werkgebied = [g.naam for g in e.werkgebied.all()]
            writer.writerow(
                [
                    safe_cell(waarde)
                    for waarde in (
                        e.naam,
                        e.email,
                        e.telefoon,
                        e.organisatie.naam if e.organisatie else "",
                        e.functie,
                        str(e.get_beroepsgroep_display()),
                        ";".join(g.naam for g in e.expertisegebieden.all()),
                        ";".join(d.naam for d in e.domeinen.all()),
                        HEEL_DRENTHE
                        if werkgebied and len(werkgebied) == alle_gemeenten
                        else ";".join(werkgebied),
                        ";".join(e.beschikbaar_voor_labels()),
                        e.toelichting,
                    )
                ]
            )
    return buffer.getvalue()
