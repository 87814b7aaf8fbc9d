"""Bad input, generated: random text, huge text, odd characters, invalid ids and wrong types,
posted to every form and sent to every filter. Nothing may answer with a server error.

The number of examples per form comes from the hypothesis profile: `dev` (25) by default,
`ci` (200) in CI (HYPOTHESIS_PROFILE=ci), both set in tests/conftest.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kennis.models import Kennisitem
from tests.conftest import recent_ingelogd
from tests.factories import ExpertFactory, KennisitemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PAYLOADS = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "'; DROP TABLE experts_expert; --",
    "a & b | !c <-> d:*",
    '=HYPERLINK("http://x")',
    "\x00",
    "\ud7ff\uffff",
    "🙂" * 50,
    "%s%s%n",
    "../../etc/passwd",
    "-1",
    "99999999999999999999999999",
    "1e308",
    "NaN",
]
tekst = st.one_of(
    st.text(max_size=200),
    st.text(min_size=5_000, max_size=12_000),
    st.sampled_from(PAYLOADS),
    st.integers().map(str),
    st.just(""),
)
waarde = st.one_of(tekst, st.lists(tekst, max_size=4))


def velden(*namen: str):
    return st.fixed_dictionaries({}, optional={naam: waarde for naam in namen})


def _geen_500(response, wat):
    assert response.status_code < 500, f"{wat}: {response.status_code}"


FILTERS = {
    "experts:zoeken": (
        "q",
        "expertise",
        "domein",
        "gemeente",
        "organisatie",
        "beroep",
        "beschikbaar",
        "page",
    ),
    "experts:export": ("q", "expertise", "gemeente", "beroep", "page"),
    "experts:organisaties": ("soort", "gemeente", "domein", "page"),
    "kennis:lijst": (
        "q",
        "soort",
        "werkte_niet",
        "inspanning",
        "aanbeveling",
        "thema",
        "organisatie",
        "van",
        "actualiteit",
        "page",
    ),
    "inspanningen:vergelijk": ("van", "naar"),
    "inspanningen:rondes": ("page",),
    "experts:actualiteit": ("page",),
    "accounts:uitnodigingen": ("page",),
}


@pytest.mark.parametrize("naam", FILTERS)
def test_every_filter_takes_any_input(client, coordinator, referentie, naam):
    recent_ingelogd(client, coordinator)
    ExpertFactory(naam="Anna de Vries", toelichting="GLI in Emmen")

    @given(data=velden(*FILTERS[naam]))
    def probeer(data):
        _geen_500(client.get(reverse(naam), data), naam)

    probeer()


def _matrix_velden():
    namen = ["form-TOTAL_FORMS", "form-INITIAL_FORMS", "form-MAX_NUM_FORMS"]
    for n in range(3):
        namen += [
            f"form-{n}-{v}"
            for v in ("score_id", "versie", "niveau", "toelichting", "bevestigd", "keuze")
        ]
    return namen


PROFIEL = (
    "naam", "email", "telefoon", "organisatie", "functie", "beroepsgroep", "expertisegebieden",
    "domeinen", "werkgebied", "heel_drenthe", "beschikbaar_voor", "toelichting", "zichtbaarheid",
)  # fmt: skip

KENNISITEM = (
    "titel", "soort", "samenvatting", "inhoud", "link", "datum", "bedoeling", "gebeurd", "waarom",
    "volgende_keer", "werkte_niet", "erkenning", "erkenning_gecontroleerd_op", "inspanningen",
    "aanbevelingen", "themas", "organisaties", "zichtbaarheid", "eigenaar_email", "personen",
)  # fmt: skip

FORMULIEREN = {
    "mijn_profiel": (lambda c: reverse("experts:mijn_profiel"), PROFIEL),
    "bewerken": (lambda c: reverse("experts:bewerken", args=[c.ander.slug]), PROFIEL),
    "vertrek": (
        lambda c: reverse("inspanningen:vertrek", args=[c.ander.slug]),
        (
            "vertrokken_op",
            "opvolger",
            "rol-TOTAL_FORMS",
            "rol-INITIAL_FORMS",
            "rol-0-betrokkenheid",
            "rol-0-opvolger",
            "rol-0-notitie",
        ),
    ),  # fmt: skip
    "matrix_bewerken": (
        lambda c: reverse("inspanningen:matrix_bewerken", args=[2026]),
        _matrix_velden(),
    ),
    "ronde_nieuw": (
        lambda c: reverse("inspanningen:ronde_nieuw"),
        ("jaar", "titel", "werkwijze", "weergave", "ondanks"),
    ),
    # Samen beoordelen: round 2027 is a joint round in its bespreking (omgeving)
    "bespreking": (
        lambda c: reverse("inspanningen:bespreking", args=[2027]),
        (
            "cel",
            *(
                f"cel-{c}-{v}"
                for c in (1, 2)
                for v in ("versie", "niveau", "toelichting", "minderheidsstandpunt")
            ),
        ),
    ),
    "aanvaarden": (lambda c: reverse("inspanningen:aanvaarden", args=[2027]), ("aanbeveling",)),
    "instellingen": (
        lambda c: reverse("inspanningen:instellingen", args=[2027]),
        ("voorzitter", "weergave"),
    ),
    "kennis_nieuw": (lambda c: reverse("kennis:nieuw"), KENNISITEM),
    "kennis_bewerken": (
        lambda c: reverse("kennis:bewerken", args=[c.item.slug]),
        (*KENNISITEM, "reden"),
    ),
    "kennis_archiveren": (
        lambda c: reverse("kennis:archiveren", args=[c.item.slug]),
        ("reden", "vervangen_door"),
    ),
    "dossier": (
        lambda c: reverse("inspanningen:dossier_bewerken", args=[5]),
        (
            "omschrijving",
            "status",
            "financiering_bronnen",
            "financiering_aard",
            "financiering_tot",
            "financiering_toelichting",
        ),
    ),
    "heropenen": (
        lambda c: reverse("inspanningen:ronde_status", args=[2025, "heropenen"]),
        ("reden",),
    ),
    "uitnodigen": (lambda c: reverse("accounts:uitnodigingen"), ("email",)),
    "inloggen": (lambda c: reverse("account_login"), ("login", "password", "remember")),
    "aanmelden": (lambda c: reverse("account_signup"), ("email", "password1", "password2")),
    "wachtwoord_vergeten": (lambda c: reverse("account_reset_password"), ("email",)),
}


@pytest.fixture
def omgeving(referentie, ronde_2026):
    from types import SimpleNamespace

    from inspanningen import services

    samen = services.nieuwe_ronde(jaar=2027, werkwijze="samen", ondanks_onvoltooid=ronde_2026.pk)
    for actie in ("openen", "bespreken"):
        samen = services.wijzig_status(ronde=samen, actie=actie, door=None, ondanks_open=True)
    return SimpleNamespace(
        ander=ExpertFactory(naam="Ander Profiel"), item=KennisitemFactory(titel="Een les")
    )


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_every_form_takes_any_input(client, coordinator, omgeving, naam):
    url, namen = FORMULIEREN[naam]
    if naam not in ("inloggen", "aanmelden", "wachtwoord_vergeten"):
        recent_ingelogd(client, coordinator)

    @given(data=velden(*namen))
    def probeer(data):
        _geen_500(client.post(url(omgeving), data), naam)

    probeer()


@pytest.mark.parametrize(
    "url",
    [
        "/experts/{slug}/",
        "/experts/{slug}/bewerken/",
        "/organisaties/{slug}/",
        "/matrix/{n}/",
        "/matrix/{n}/bewerken/",
        "/matrix/{n}/export.csv",
        "/matrix/{n}/status/vaststellen/",
        "/matrix/{n}/scoren/",
        "/matrix/{n}/bespreking/",
        "/matrix/{n}/verslag/",
        "/matrix/{n}/verslag.xlsx",
        "/matrix/{n}/instellingen/",
        "/matrix/2026/score/{n}/geschiedenis/",
        "/inspanningen/{n}/",
        "/inspanningen/{n}/bewerken/",
        "/kennis/{slug}/",
        "/kennis/{slug}/bewerken/",
        "/kennis/{slug}/bestand/",
        "/kennis/{slug}/bestand/{n}/",
        "/uitnodiging/{slug}/",
        "/uitnodigingen/{n}/intrekken/",
    ],
)
def test_invalid_ids_in_urls_are_a_404_or_a_refusal(client, coordinator, omgeving, url):
    recent_ingelogd(client, coordinator)

    @given(
        slug=st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
        n=st.one_of(st.integers(min_value=0, max_value=10**40), st.just(0)),
    )
    def probeer(slug, n):
        pad = url.format(slug=slug, n=n)
        _geen_500(client.get(pad), pad)
        _geen_500(client.post(pad, {}), pad)

    probeer()


@pytest.mark.parametrize("doel", ["matrix", "admin"])
def test_uploads_take_any_bytes(client, coordinator, omgeving, doel):
    recent_ingelogd(client, coordinator)
    url = (
        reverse("inspanningen:importeren", args=[2026])
        if doel == "matrix"
        else reverse("admin:experts_expert_importeren")
    )

    kop = (
        "inspanning,aanbeveling,score,toelichting\n"
        if doel == "matrix"
        else "naam,email,telefoon,organisatie,functie,beroepsgroep,expertise,domeinen,"
        "werkgebied,beschikbaar_voor,toelichting\n"
    )
    rij = st.lists(st.one_of(tekst, st.sampled_from(["\x00", "a\x00b", "1", "sterk"])), max_size=12)

    @given(
        inhoud=st.one_of(
            st.binary(max_size=2_000),
            st.text(max_size=2_000).map(str.encode),
            # a valid header, then rows of fields with NUL bytes, payloads and odd text
            st.lists(rij.map(",".join), max_size=5).map(lambda r: (kop + "\n".join(r)).encode()),
        )
    )
    def probeer(inhoud):
        bestand = SimpleUploadedFile("x.csv", inhoud, content_type="text/csv")
        _geen_500(client.post(url, {"bestand": bestand}), url)

    probeer()


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_every_form_takes_any_body_in_any_character_set(client, coordinator, omgeving, naam):
    """The bodies of the outside probe: form data declared in UTF-16 and other character sets,
    or in none at all. Each gets a 400 (core.guards) or the form's own answer."""
    url, namen = FORMULIEREN[naam]
    if naam not in ("inloggen", "aanmelden", "wachtwoord_vergeten"):
        recent_ingelogd(client, coordinator)

    @given(
        data=velden(*namen),
        codering=st.sampled_from(["utf-16", "utf-32", "latin-1", "utf-8"]),
        tekenset=st.sampled_from(["utf-16", "UTF-16LE", "utf-32", "latin-1", "x-onbekend", ""]),
    )
    def probeer(data, codering, tekenset):
        from urllib.parse import urlencode

        body = urlencode(data, doseq=True).encode(codering, errors="replace")
        r = client.generic(
            "POST",
            url(omgeving),
            body,
            content_type=f"application/x-www-form-urlencoded; charset={tekenset}",
        )
        _geen_500(r, naam)

    probeer()


def test_a_knowledge_upload_takes_any_bytes_and_stores_nothing_it_refuses(
    client, professional, omgeving
):
    client.force_login(professional)
    voor = Kennisitem.objects.count()

    @given(
        inhoud=st.binary(max_size=4_000), naam=st.sampled_from(["a.pdf", "b.docx", "c", "d.png"])
    )
    def probeer(inhoud, naam):
        r = client.post(
            reverse("kennis:nieuw"),
            {
                "titel": "Upload",
                "soort": "document",
                "samenvatting": "s",
                "datum": "2026-01-01",
                "zichtbaarheid": "netwerk",
                "bestand": SimpleUploadedFile(naam, inhoud),
            },
        )
        _geen_500(r, naam)
        if r.status_code != 302:
            assert Kennisitem.objects.count() == voor

    probeer()
