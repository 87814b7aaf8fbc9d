"""A profile as a vCard 3.0 (RFC 2426), the version phones import most reliably: name,
organisation, function, e-mail and phone, so that a colleague is in the phone's contacts in
one tap. Text values are escaped (backslash, comma, semicolon, line breaks) and long lines
folded at 75 octets, as the format asks."""

from experts.models import Expert


def _tekst(waarde: str) -> str:
    waarde = " ".join(str(waarde).split("\r"))  # a carriage return alone is no line in vCard
    for teken, vervanging in (("\\", "\\\\"), (",", "\\,"), (";", "\\;"), ("\n", "\\n")):
        waarde = waarde.replace(teken, vervanging)
    return waarde


def _vouw(regel: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 2426 2.6)."""
    delen, huidig = [], ""
    for teken in regel:
        if len((huidig + teken).encode()) > 75:
            delen.append(huidig)
            huidig = " "
        huidig += teken
    return "\r\n".join([*delen, huidig])


def vcard(expert: Expert) -> str:
    # The first word as the given name, the rest as the family name: 'Anna de Vries'.
    voornaam, _spatie, achternaam = expert.naam.strip().partition(" ")
    regels = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_tekst(achternaam)};{_tekst(voornaam)};;;",
        f"FN:{_tekst(expert.naam)}",
    ]
    if expert.organisatie:
        regels.append(f"ORG:{_tekst(expert.organisatie.naam)}")
    if expert.functie:
        regels.append(f"TITLE:{_tekst(expert.functie)}")
    regels.append(f"EMAIL;TYPE=INTERNET,WORK:{_tekst(expert.email)}")
    if expert.telefoon:
        regels.append(f"TEL;TYPE=WORK,VOICE:{_tekst(expert.telefoon)}")
    regels.append("END:VCARD")
    return "\r\n".join(_vouw(r) for r in regels) + "\r\n"
