"""Hostile bodies and bytes, as the outside probe sent them, kept: each gets a clear 400, 413 or
a Dutch form error, never a 500, and changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from experts.models import Expert
from inspanningen.models import Ronde, Score
from tests.conftest import recent_ingelogd

pytestmark = pytest.mark.django_db

EXPERTS_KOP = (
    "naam,email,telefoon,organisatie,functie,beroepsgroep,expertise,domeinen,werkgebied,"
    "beschikbaar_voor,toelichting\n"
)


def test_a_nul_byte_in_a_scores_csv_is_named_by_line(client, coordinator, ronde_2026):
    recent_ingelogd(client, coordinator)
    data = b"inspanning,aanbeveling,score,toelichting\n1,1,sterk,goed\n1,2,deels,x\x00y\n"
    r = client.post(
        reverse("inspanningen:importeren", args=[2026]),
        {"bestand": SimpleUploadedFile("scores.csv", data)},
    )
    assert r.status_code == 400
    assert "regel 3: het bestand bevat een NUL-teken" in r.content.decode()
    assert not Score.objects.filter(ronde=ronde_2026, toelichting="goed").exists()


def test_a_nul_byte_in_an_experts_csv_is_named_by_line(client, coordinator, referentie):
    recent_ingelogd(client, coordinator)
    data = (EXPERTS_KOP + "Anna,anna@example.org,,,,,,,,,no\x00te\n").encode()
    r = client.post(
        reverse("admin:experts_expert_importeren"),
        {"bestand": SimpleUploadedFile("experts.csv", data)},
    )
    assert r.status_code == 400
    assert "regel 2: het bestand bevat een NUL-teken" in r.content.decode()
    assert not Expert.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/experts/expert/?q=%00",
        "/admin/experts/expert/?status=%00",
        "/admin/inspanningen/score/?niveau__exact=a%00b",
        "/experts/?q=%00",
        "/organisaties/?soort=%00",
        "/matrix/vergelijk/?van=%00",
        "/experts/%00/",
    ],
)
def test_a_nul_in_an_address_or_filter_is_a_400(client, coordinator, url):
    recent_ingelogd(client, coordinator)
    r = client.get(url)
    assert r.status_code == 400
    assert "Ongeldig verzoek" in r.content.decode()


@pytest.mark.parametrize("tekenset", ["utf-16", "utf-32", "latin-1", "ebcdic"])
@pytest.mark.parametrize("pad", ["/accounts/login/", "/taal/", "/accounts/signup/", "/experts/"])
def test_a_body_in_another_character_set_is_a_400(client, tekenset, pad):
    body = "login=a%40example.org&password=x".encode("utf-16")
    r = client.generic(
        "POST", pad, body, content_type=f"application/x-www-form-urlencoded; charset={tekenset}"
    )
    assert r.status_code == 400
    assert "Ongeldig verzoek" in r.content.decode()


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(client, settings):
    settings.GG_MAX_REQUEST_BYTES = 1000
    r = client.post(
        "/accounts/login/",
        data="x" * 2000,
        content_type="application/x-www-form-urlencoded",
    )
    assert r.status_code == 413
    assert "groter dan" in r.content.decode()


def test_adding_a_score_to_a_finalised_round_in_the_admin_is_a_form_error(
    client, superuser, referentie
):
    recent_ingelogd(client, superuser)
    ronde = Ronde.objects.get(jaar=2025)
    score = ronde.scores.first()
    voor = Score.objects.count()
    r = client.post(
        reverse("admin:inspanningen_score_add"),
        {
            "ronde": ronde.pk,
            "inspanning": score.inspanning_id,
            "aanbeveling": score.aanbeveling_id,
            "niveau": "sterk",
            "toelichting": "",
            "beoordelingsstatus": "gewijzigd",
        },
    )
    assert r.status_code == 200  # the admin shows the form again, with the error
    assert "Deze ronde is vastgesteld" in r.content.decode()
    assert Score.objects.count() == voor


def test_a_file_with_thousands_of_errors_shows_the_first_fifty(client, coordinator, ronde_2026):
    recent_ingelogd(client, coordinator)
    regels = "".join(f"{n},1,goed,x\n" for n in range(100, 5100))
    data = ("inspanning,aanbeveling,score,toelichting\n" + regels).encode()
    r = client.post(
        reverse("inspanningen:importeren", args=[2026]),
        {"bestand": SimpleUploadedFile("scores.csv", data)},
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "Eerste 50 fouten getoond, 4.950 meer." in html
    assert len(html) < 100_000
    assert html.count("onbekende inspanning") == 50


def test_an_upload_field_without_a_file_is_a_form_error(client, coordinator, ronde_2026):
    recent_ingelogd(client, coordinator)
    r = client.post(reverse("inspanningen:importeren", args=[2026]), {"bestand": io.BytesIO(b"")})
    assert r.status_code == 400
