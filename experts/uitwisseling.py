"""Import experts from CSV, all or nothing, and export them in the same format.

The columns are the profile's contact and work fields (experts.models), with `expertise` for
the expertise areas. The e-mail address is the key: importing again updates and never
duplicates. Values from the fixed lists (beroepsgroep, domeinen, werkgebied, beschikbaar_voor)
are matched ignoring case and accents; organisations and expertise areas too, expertise also
through its synonyms and the thesaurus, and new ones are created and reported. Each row is then
checked by the profile form, so a row obeys exactly the rules of the profile page."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.csv_import import Errors, read_csv, split_values
from core.spreadsheet import safe_cell, unsafe_cell
from core.text import normalise, normalise_email
from experts import search
from experts.forms import ExpertForm
from experts.models import (
    CONTACTVELDEN,
    WERKVELDEN,
    Domein,
    Expert,
    Expertisegebied,
    Gemeente,
    Organisatie,
    Thesaurusterm,
)

# field → column: the profile's contact and work fields, in that order.
KOLOMMEN = {veld: veld for veld in (*CONTACTVELDEN, *WERKVELDEN)} | {
    "expertisegebieden": "expertise"
}
CSV_HEADER = list(KOLOMMEN.values())
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
        tekst = ngettext(
            "Import klaar: %(nieuw)s expert nieuw, %(bijgewerkt)s bijgewerkt.",
            "Import klaar: %(nieuw)s experts nieuw, %(bijgewerkt)s bijgewerkt.",
            self.nieuw,
        ) % {"nieuw": self.nieuw, "bijgewerkt": self.bijgewerkt}
        if self.nieuwe_organisaties:
            tekst += " " + _("Nieuwe organisaties: %(namen)s.") % {
                "namen": ", ".join(self.nieuwe_organisaties)
            }
        if self.nieuwe_expertise:
            tekst += " " + _("Nieuwe expertisegebieden: %(namen)s.") % {
                "namen": ", ".join(self.nieuwe_expertise)
            }
        return tekst


class _Lijsten:
    """The lookup tables, keyed by normalised name; organisations and expertise areas that a
    row names and that do not exist yet are made (and rolled back with a refused file)."""

    def __init__(self, resultaat: ImportResultaat):
        self.resultaat = resultaat
        self.beroepen = _keuzes(Expert.Beroepsgroep.choices)
        self.beschikbaar = _keuzes(Expert.Beschikbaarheid.choices)
        self.domeinen = {_sleutel(d.naam): d.pk for d in Domein.objects.all()}
        self.gemeenten = {_sleutel(g.naam): g.pk for g in Gemeente.objects.all()}
        self.organisaties = {_sleutel(o.naam): o.pk for o in Organisatie.objects.all()}
        self.expertise = {}
        for gebied in Expertisegebied.objects.all():
            for naam in [gebied.naam, *split_values(gebied.synoniemen)]:
                self.expertise.setdefault(_sleutel(naam), gebied.pk)
        for term in Thesaurusterm.objects.all():
            woorden = [_sleutel(w) for w in term.woorden()]
            gebied = next((self.expertise[w] for w in woorden if w in self.expertise), None)
            for woord in woorden:
                if gebied is not None:
                    self.expertise.setdefault(woord, gebied)

    def lijst(self, waarde: str, bekend: dict, regel: int, kolom: str, errors: Errors) -> list:
        uit = []
        for deel in split_values(waarde):
            gevonden = bekend.get(_sleutel(deel))
            if gevonden is None:
                errors.add(
                    regel,
                    _("onbekende waarde '%(waarde)s' in '%(kolom)s'.")
                    % {"waarde": deel, "kolom": kolom},
                )
            elif gevonden not in uit:
                uit.append(gevonden)
        return uit

    def maak(self, model, naam: str, bekend: dict, nieuw: list, regel, kolom, errors):
        """The pk of the row of `model` called `naam`, made when it is missing."""
        sleutel = _sleutel(naam)
        if sleutel not in bekend:
            obj = model(naam=naam)
            try:
                obj.full_clean()
            except ValidationError as exc:
                for melding in exc.message_dict.get("naam", exc.messages):
                    errors.add(regel, f"'{kolom}': {melding}")
                return None
            obj.save()
            bekend[sleutel] = obj.pk
            nieuw.append(naam)
        return bekend[sleutel]


def _formulierdata(row: dict, lijsten: _Lijsten, regel: int, errors: Errors) -> dict:
    """The row as the profile form's data: names from the lookup tables become their keys."""
    data = {veld: row[kolom] for veld, kolom in KOLOMMEN.items()}
    beroep = row["beroepsgroep"]
    data["beroepsgroep"] = lijsten.beroepen.get(_sleutel(beroep), "") if beroep else "overig"
    if beroep and not data["beroepsgroep"]:
        errors.add(regel, _("onbekende beroepsgroep '%(waarde)s'.") % {"waarde": beroep})
    if any(_sleutel(d) == _sleutel(HEEL_DRENTHE) for d in split_values(row["werkgebied"])):
        data["werkgebied"] = list(lijsten.gemeenten.values())
    else:
        data["werkgebied"] = lijsten.lijst(
            row["werkgebied"], lijsten.gemeenten, regel, "werkgebied", errors
        )
    data["domeinen"] = lijsten.lijst(row["domeinen"], lijsten.domeinen, regel, "domeinen", errors)
    data["beschikbaar_voor"] = lijsten.lijst(
        row["beschikbaar_voor"], lijsten.beschikbaar, regel, "beschikbaar_voor", errors
    )
    nieuw = lijsten.resultaat
    data["organisatie"] = row["organisatie"] and lijsten.maak(
        Organisatie,
        row["organisatie"],
        lijsten.organisaties,
        nieuw.nieuwe_organisaties,
        regel,
        "organisatie",
        errors,
    )
    data["expertisegebieden"] = [
        lijsten.maak(
            Expertisegebied,
            naam,
            lijsten.expertise,
            nieuw.nieuwe_expertise,
            regel,
            "expertise",
            errors,
        )
        for naam in split_values(row["expertise"])
    ]
    return data


def importeer(*, data: bytes, bron: str = "CSV", door=None) -> ImportResultaat:
    """All or nothing: every error is named by line, and then nothing is written."""
    errors = Errors(bron)
    if len(data) > MAX_UPLOAD:
        errors.add(None, _("het bestand is groter dan 5 MB."))
        errors.raise_if_any()
    rows = read_csv(data, header=CSV_HEADER, source=bron, errors=errors)
    with transaction.atomic(), search.gebundeld():
        resultaat = _importeer_rijen(rows, errors, door)
        errors.raise_if_any()  # undoes every row written, and the organisations made
    return resultaat


def _importeer_rijen(rows, errors: Errors, door) -> ImportResultaat:
    resultaat = ImportResultaat()
    lijsten = _Lijsten(resultaat)
    emails = [normalise_email(row["email"]) for _regel, row in rows]
    bestaand = {e.email: e for e in Expert.objects.filter(email__in=emails)}
    gezien: dict[str, int] = {}
    for regel, row in rows:
        row = {k: unsafe_cell(v) for k, v in row.items()}
        email = normalise_email(row["email"])
        if email and email in gezien:
            errors.add(
                regel,
                _("e-mailadres %(email)s staat er dubbel in (ook op regel %(regel)s).")
                % {"email": email, "regel": gezien[email]},
            )
            continue
        gezien[email] = regel
        fouten_voor = len(errors.entries)
        formulierdata = _formulierdata(row, lijsten, regel, errors)
        if len(errors.entries) > fouten_voor:
            continue
        expert = bestaand.get(email)
        formulierdata["zichtbaarheid"] = (expert or Expert()).zichtbaarheid
        form = ExpertForm(formulierdata, instance=expert, email_wijzigbaar=True)
        if not form.is_valid():
            for veld, meldingen in form.errors.items():
                for melding in meldingen:
                    errors.add(regel, f"'{KOLOMMEN.get(veld, veld)}': {melding}")
            continue
        expert = form.save(commit=False)
        nieuw = expert.pk is None
        expert._history_user = door
        expert._change_reason = "import"
        expert.save()
        form.save_m2m()
        if nieuw:
            resultaat.nieuw += 1
        else:
            resultaat.bijgewerkt += 1
    return resultaat


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
            waarden = {
                "naam": e.naam,
                "email": e.email,
                "telefoon": e.telefoon,
                "organisatie": e.organisatie.naam if e.organisatie else "",
                "functie": e.functie,
                "beroepsgroep": str(e.get_beroepsgroep_display()),
                "expertisegebieden": ";".join(g.naam for g in e.expertisegebieden.all()),
                "domeinen": ";".join(d.naam for d in e.domeinen.all()),
                "werkgebied": HEEL_DRENTHE
                if werkgebied and len(werkgebied) == alle_gemeenten
                else ";".join(werkgebied),
                "beschikbaar_voor": ";".join(e.beschikbaar_voor_labels()),
                "toelichting": e.toelichting,
            }
            writer.writerow([safe_cell(waarden[veld]) for veld in KOLOMMEN])
    return buffer.getvalue()
