import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from inspanningen.models import Inspanning, Ronde, Score
from tests.factories import BetrokkenheidFactory
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_changelist_and_add_page_answers_200(client, superuser, referentie, model):
    client.force_login(superuser)
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "changelist"), {"q": "Drenthe"}).status_code == 200
    # Invitations are made on their own page (which sends the e-mail), not in the admin.
    request = RequestFactory().get("/")
    request.user = superuser
    kan_toevoegen = admin.site._registry[model].has_add_permission(request)
    assert client.get(_url(model, "add")).status_code == (200 if kan_toevoegen else 403)


def test_every_domain_model_is_registered():
    labels = {m._meta.label for m in MODELS}
    assert labels >= {
        "accounts.User",
        "experts.Gemeente",
        "experts.Domein",
        "experts.Organisatie",
        "experts.Expertisegebied",
        "experts.Thesaurusterm",
        "experts.Expert",
        "inspanningen.Aanbeveling",
        "inspanningen.Inspanning",
        "inspanningen.Betrokkenheid",
        "inspanningen.Ronde",
        "inspanningen.Score",
    }


def test_a_round_shows_its_scores_inline_grouped_by_inspanning(
    client, superuser, referentie, django_assert_max_num_queries
):
    client.force_login(superuser)
    ronde = Ronde.objects.get(jaar=2025)
    with django_assert_max_num_queries(40):
        r = client.get(_url(Ronde, "change", ronde.pk))
    assert r.status_code == 200
    ids = [
        e for e in find_all(r, "input") if re.fullmatch(r"scores-\d+-id", e.attrs.get("name", ""))
    ]
    assert len(ids) == 55  # one row per score, read-only: the round is finalised
    assert not [e for e in find_all(r, "select") if e.attrs.get("name", "").startswith("scores-")]
    content = r.content.decode()
    assert "Regie bij SportDrenthe" in content
    first = content.index("1. Basisset interventies Gezond Leven")
    second = content.index("2. Drentse Gezonde School Aanpak")
    assert first < second


def test_an_inspanning_shows_its_betrokkenheden_inline(client, superuser):
    betrokkenheid = BetrokkenheidFactory(expert__naam="Marieke Testpersoon")
    client.force_login(superuser)
    r = client.get(_url(Inspanning, "change", betrokkenheid.inspanning.pk))
    assert r.status_code == 200
    rol = find(r, "select", name="betrokkenheden-0-rol")
    assert [o.attrs["value"] for o in find_all(rol, "option") if "selected" in o.attrs] == [
        "trekker"
    ]


def test_history_is_visible_per_object(client, superuser, referentie):
    client.force_login(superuser)
    score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=5, aanbeveling__nummer=1)
    r = client.get(_url(Score, "history", score.pk))
    assert r.status_code == 200
    assert "2025: 5×1 sterk" in page_text(r)
    assert "Aangemaakt" in page_text(r)  # the admin speaks Dutch, its history too


def test_professionals_cannot_use_the_admin(client, professional):
    client.force_login(professional)
    r = client.get(reverse("admin:index"))
    assert r.status_code == 302 and r.url.startswith(reverse("admin:login"))
    assert client.get(r.url).status_code == 403
