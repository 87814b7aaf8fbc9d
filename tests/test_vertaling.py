"""Dutch is the source language and the default; the English catalogue is complete."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from tests.markup import find, find_all, page_text

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _catalogus(pad: Path) -> polib.POFile:
    return polib.pofile(str(pad))


def test_every_string_in_the_english_catalogue_is_translated():
    po = _catalogus(PO)
    assert len(po) > 500
    onvertaald = [e.msgid for e in po.untranslated_entries()]
    vaag = [e.msgid for e in po.fuzzy_entries()]
    assert not onvertaald, f"zonder Engelse vertaling: {onvertaald}"
    assert not vaag, f"vage (fuzzy) vertaling: {vaag}"


@pytest.mark.slow  # makemessages on a copy of the code
def test_the_catalogue_holds_every_translatable_string_of_the_code(tmp_path):
    """makemessages on a copy of the code finds no string the catalogue lacks."""
    if not shutil.which("xgettext"):
        melding = "GNU gettext (xgettext) ontbreekt: installeer het pakket gettext"
        if os.environ.get("GG_CI"):
            pytest.fail(melding)
        pytest.skip(melding)
    kopie = tmp_path / "code"
    shutil.copytree(
        ROOT,
        kopie,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "var", ".git", "static", "*.pyc", "__pycache__", ".hypothesis"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location",
         "--ignore=tests", "--ignore=.ci"],
        cwd=kopie,
        env={
            "DJANGO_DEBUG": "1",
            "DJANGO_ENV_FILE": "/dev/null",
            "PATH": "/usr/bin:/bin",
            # makemessages never connects: a URL keeps the settings from starting an embedded
            # server in the copy (which, run as root, needs `useradd` from /usr/sbin)
            "DATABASE_URL": "postgres://niemand@127.0.0.1:1/ongebruikt",
        },
        check=True,
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    gevonden = {e.msgid for e in _catalogus(kopie / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    bekend = {e.msgid for e in _catalogus(PO)}
    nieuw = sorted(gevonden - bekend)
    assert not nieuw, f"nieuwe tekst zonder vertaling (draai 'make messages' en vertaal): {nieuw}"


def test_the_compiled_catalogue_is_current():
    """Django reads the compiled .mo: it must give every translation of the .po."""
    with translation.override("en"):
        for e in _catalogus(PO):
            if e.msgid_plural:
                assert translation.ngettext(e.msgid, e.msgid_plural, 2) == e.msgstr_plural[1]
            elif "%" not in e.msgid or "python-format" not in e.flags:
                assert translation.gettext(e.msgid) == e.msgstr, e.msgid


def test_allauth_addresses_the_user_as_u_like_the_rest_of_the_app():
    """allauth's own Dutch says 'je'; locale/nl overrides those strings with 'u'."""
    import allauth

    bron = _catalogus(Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    informeel = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
    gevonden = []
    with translation.override("nl"):
        for e in bron.translated_entries():
            if e.msgid_plural:
                tekst = (
                    translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 2)
                    if e.msgctxt
                    else translation.ngettext(e.msgid, e.msgid_plural, 2)
                )
            else:
                tekst = (
                    translation.pgettext(e.msgctxt, e.msgid)
                    if e.msgctxt
                    else translation.gettext(e.msgid)
                )
            if informeel.search(tekst):
                gevonden.append(tekst)
    assert not gevonden, f"informeel Nederlands van allauth (vul locale/nl aan): {gevonden}"


@pytest.mark.django_db
def test_dutch_is_the_default_even_for_an_english_browser(client, referentie):
    r = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert find(r, "html").attrs["lang"] == "nl" and r["Content-Language"] == "nl"


@pytest.mark.django_db
def test_the_switcher_on_every_page_changes_the_language(client, referentie):
    r = client.get(reverse("inspanningen:matrix"))
    taal = find(r, "form", action=reverse("set_language"))
    assert [b.attrs["value"] for b in find_all(taal, "button", name="language")] == ["nl", "en"]
    r = client.post(reverse("set_language"), {"language": "en", "next": "/matrix/2025/"})
    assert r.status_code == 302 and r.url == "/matrix/2025/"
    r = client.get("/matrix/2025/")
    assert find(r, "html").attrs["lang"] == "en"
    tekst = page_text(r)
    for engels in ["strongly present", "Efforts", "Key", "Download as CSV", "Skip to content"]:
        assert engels in tekst, engels
    for nederlands in ["sterk aanwezig", "Legenda", "Naar de inhoud"]:
        assert nederlands not in tekst, nederlands
    links = [a.text for a in find_all(r, "a")]
    assert "Efforts" in links and "Inspanningen" not in links
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert find(client.get("/"), "html").attrs["lang"] == "nl"
