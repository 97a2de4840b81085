"""The full-text index of knowledge documents, by database: an FTS5 virtual table on SQLite
(written by the indexer), a GIN index on the weighted search vector on PostgreSQL."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

FTS_TABLE = "knowledge_document_fts"
GIN_INDEX = "knowledge_document_search"


def create_full_text_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, text, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        # Rank by bm25 with a title match weighing ten times a match in the text.
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
        )
    elif connection.vendor == "postgresql":
        from poolfund.knowledge.search import document_search_vector

        document = apps.get_model("knowledge", "KnowledgeDocument")
        schema_editor.add_index(document, GinIndex(document_search_vector(), name=GIN_INDEX))


def drop_full_text_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_full_text_index, drop_full_text_index)]
