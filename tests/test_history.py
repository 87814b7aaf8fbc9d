"""Every model that matters keeps its history (simple-history): who changed what, and when."""

import pytest
from django.apps import apps
from simple_history.models import registered_models


@pytest.mark.parametrize(
    "label",
    [
        "experts.Expert",
        "experts.Organisatie",
        "experts.Expertisegebied",
        "experts.Thesaurusterm",
        "inspanningen.Aanbeveling",
        "inspanningen.Inspanning",
        "inspanningen.Betrokkenheid",
        "inspanningen.Ronde",
        "inspanningen.Score",
        "accounts.Uitnodiging",
    ],
)
def test_every_model_that_matters_keeps_its_history(label):
    model = apps.get_model(label)
    assert model in registered_models.values(), label
    assert model.history.model._meta.db_table.endswith(f"historical{model._meta.model_name}")
