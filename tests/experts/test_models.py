import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from experts.models import Expert
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_expert_email_is_unique_ignoring_case():
    ExpertFactory(email="Anna@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Expert.objects.create(naam="Anna Twee", email="anna@example.org")
    assert Expert.objects.count() == 1


def test_expert_email_is_stored_in_lower_case():
    assert ExpertFactory(email="  Piet.Jansen@Example.ORG ").email == "piet.jansen@example.org"


def test_slug_is_made_from_the_name_and_unique():
    first = ExpertFactory(naam="Anneke de Vries-Ëlzinga")
    second = ExpertFactory(naam="Anneke de Vries-Ëlzinga")
    assert first.slug == "anneke-de-vries-elzinga"
    assert second.slug == "anneke-de-vries-elzinga-2"


def test_slug_stays_when_the_name_changes():
    expert = ExpertFactory(naam="Jan Bakker")
    expert.naam = "Jan Bakker-Smit"
    expert.save()
    assert expert.slug == "jan-bakker"


def test_beschikbaar_voor_only_takes_values_from_the_list():
    expert = ExpertFactory(beschikbaar_voor=["advies", "training"])
    expert.full_clean()
    assert expert.beschikbaar_voor_labels() == ["Advies", "Training"]
    expert.beschikbaar_voor = ["advies", "koffie"]
    with pytest.raises(ValidationError) as exc:
        expert.full_clean()
    assert "beschikbaar_voor" in exc.value.message_dict


def test_an_expert_cannot_be_their_own_successor():
    expert = ExpertFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Expert.objects.filter(pk=expert.pk).update(opvolger=expert)


def test_expert_changes_are_recorded_with_the_user():
    user = UserFactory()
    expert = ExpertFactory(functie="Diëtist")
    expert._history_user = user
    expert.functie = "Diëtist en leefstijlcoach"
    expert.save()
    latest = expert.history.first()
    assert (latest.functie, latest.history_user) == ("Diëtist en leefstijlcoach", user)
