"""The search documents now carry the facets the filters ask for (experts.search.index.kenmerk).
Emptying the vocabulary makes the app rebuild every document with the code of now, after all
migrations (experts.apps._zoekindex_na_migratie), as 0005 does; until then filters find no one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("experts", "0008_index_status_naam")]

    operations = [migrations.RunSQL("DELETE FROM experts_zoekwoord", migrations.RunSQL.noop)]
