import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_without_touching_the_database(
    client, professional, django_assert_num_queries
):
    client.force_login(professional)
    with django_assert_num_queries(0):
        r = client.get(reverse("gezond"))
    assert r.status_code == 200
    assert r.content == b"ok"
    assert r["Content-Type"].startswith("text/plain")
