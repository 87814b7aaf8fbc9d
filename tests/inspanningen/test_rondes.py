"""The rounds page (inspanningen:rondes): every round with its status and progress."""

import pytest
from django.urls import reverse

from tests.markup import page_text

pytestmark = pytest.mark.django_db


def test_the_rounds_page_lists_status_and_progress(client, professional, ronde_2026):
    client.force_login(professional)
    r = client.get(reverse("inspanningen:rondes"))
    assert [ronde.jaar for ronde in r.context["rondes"]] == [2026, 2025]
    tekst = page_text(r)
    assert "0 van 55 beoordeeld" in tekst
    assert "55 van 55 beoordeeld" in tekst
    assert "Ronde starten" not in tekst
    assert r.context["nieuw_form"] is None


def test_anonymous_visitors_see_only_finalised_rounds(client, ronde_2026):
    r = client.get(reverse("inspanningen:rondes"))
    assert [ronde.jaar for ronde in r.context["rondes"]] == [2025]


@pytest.mark.parametrize(
    ("user", "sees_link"), [("professional", False), ("stuurgroep", True), ("coordinator", True)]
)
def test_the_rounds_page_offers_editing_only_to_who_may_edit(
    client, ronde_2026, user, sees_link, request
):
    client.force_login(request.getfixturevalue(user))
    tekst = page_text(client.get(reverse("inspanningen:rondes")))
    assert ("Bewerk 2026" in tekst) is sees_link
    assert "Bewerk 2025" not in tekst  # finalised: nobody edits
