"""Migration operations that only apply to PostgreSQL, for the search features that SQLite lacks."""

from django.db.migrations.operations import RunSQL


class PostgresOnlySQL(RunSQL):
    """RunSQL on PostgreSQL; nothing on any other database (SQLite has its own, simpler search)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
