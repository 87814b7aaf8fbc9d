"""The search documents now carry the facets the filters ask for (experts.search.index.kenmerk):
rebuild them, or the filters would find nobody until `herbouw_zoekindex` ran."""

from django.db import migrations


def herbouw(apps, schema_editor):
    from experts.search import herbouw as herbouw_zoekindex

    herbouw_zoekindex()


class Migration(migrations.Migration):
    dependencies = [("experts", "0008_index_status_naam")]

    operations = [migrations.RunPython(herbouw, migrations.RunPython.noop, elidable=True)]
