"""Every text field has its limit on the server, in the model or the form, and one character
over it is refused with a Dutch message, changing nothing."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from experts.models import TOELICHTING_MAX, Expert
from inspanningen.models import OVERDRACHT_MAX, Inspanning
from tests.conftest import recent_ingelogd
from tests.factories import BetrokkenheidFactory, ExpertFactory

pytestmark = pytest.mark.django_db

ONZE_APPS = ("accounts", "experts", "inspanningen")


def _tekstvelden():
    for model in apps.get_models():
        if model._meta.app_label not in ONZE_APPS or model.__name__.startswith("Historical"):
            continue
        for veld in model._meta.get_fields():
            if isinstance(veld, models.CharField | models.TextField) and veld.editable:
                yield model, veld


@pytest.mark.parametrize(
    ("model", "veld"), list(_tekstvelden()), ids=lambda x: getattr(x, "name", str(x))
)
def test_every_text_field_refuses_one_character_over_its_limit(model, veld):
    assert veld.max_length, f"{model.__name__}.{veld.name} heeft geen limiet"
    obj = model()
    setattr(obj, veld.attname, "x" * (veld.max_length + 1))
    with pytest.raises(ValidationError) as fout:
        obj.clean_fields(exclude=[f.name for f in model._meta.fields if f.name != veld.name])
    assert veld.name in fout.value.message_dict


def test_a_profile_note_one_over_the_limit(client, professional):
    client.force_login(professional)
    r = client.post(
        reverse("experts:mijn_profiel"),
        {
            "naam": "Anna",
            "email": professional.email,
            "beroepsgroep": "dietist",
            "toelichting": "x" * (TOELICHTING_MAX + 1),
            "zichtbaarheid": "netwerk",
        },
    )
    assert r.status_code == 400
    assert "niet meer dan 3000 tekens bevat (het zijn er nu 3001)" in r.content.decode()
    assert not Expert.objects.filter(user=professional).exists()


# The score's note (2000): tests/inspanningen/test_matrix_bewerken.py posts 2001 characters.


def test_a_handover_note_one_over_the_limit(client, coordinator, referentie):
    from inspanningen.models import Betrokkenheid

    vertrekker = ExpertFactory()
    opvolger = ExpertFactory()
    rol = BetrokkenheidFactory(expert=vertrekker, inspanning=Inspanning.objects.get(nummer=2))
    recent_ingelogd(client, coordinator)
    r = client.post(
        reverse("inspanningen:vertrek", args=[vertrekker.slug]),
        {
            "vertrokken_op": "2026-01-05",
            "opvolger": opvolger.pk,
            "rol-TOTAL_FORMS": 1,
            "rol-INITIAL_FORMS": 1,
            "rol-0-betrokkenheid": rol.pk,
            "rol-0-opvolger": "",
            "rol-0-notitie": "x" * (OVERDRACHT_MAX + 1),
        },
    )
    assert r.status_code == 400
    assert Betrokkenheid.objects.count() == 1
    vertrekker.refresh_from_db()
    assert not vertrekker.is_vertrokken


def test_a_reason_to_reopen_one_over_the_limit(client, coordinator, referentie):
    from inspanningen.models import Ronde

    recent_ingelogd(client, coordinator)
    r = client.post(
        reverse("inspanningen:ronde_status", args=[2025, "heropenen"]), {"reden": "x" * 1001}
    )
    assert r.status_code == 400
    assert "niet meer dan 1000 tekens bevat" in r.content.decode()
    assert Ronde.objects.get(jaar=2025).is_vastgesteld


def test_a_long_reason_to_reopen_is_kept_whole(client, coordinator, referentie):
    """The reason goes into the round's history, whose column is text (not simple-history's
    default of 100 characters): 1000 characters go through to the database."""
    from inspanningen.models import Ronde

    recent_ingelogd(client, coordinator)
    reden = ("Een lange reden. " * 60)[:1000]
    assert len(reden) == 1000
    r = client.post(
        reverse("inspanningen:ronde_status", args=[2025, "heropenen"]), {"reden": reden}
    )
    assert r.status_code == 302
    ronde = Ronde.objects.get(jaar=2025)
    assert ronde.status == "open" and ronde.history.first().history_change_reason == reden
