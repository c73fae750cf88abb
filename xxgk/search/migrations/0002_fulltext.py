"""The database's full-text structure over SearchDocument.tokens, per vendor, and a first fill.

SQLite: an FTS5 table ``search_fts(tokens)`` keyed by rowid = SearchDocument.id (kept in sync by
``xxgk.search.indexing``). PostgreSQL: a GIN index on ``to_tsvector('simple', tokens)``, the exact
expression ``backends`` queries. Other vendors get neither (and cannot search).
"""

from django.db import migrations

GIN_INDEX = "searchdoc_tokens_gin"


def create_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, tokenize='unicode61')")
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON search_searchdocument USING GIN (to_tsvector('simple', tokens))"
        )


def drop_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def index_public_entries(apps, schema_editor):
    """Entries published before search existed: index every public one."""
    from xxgk.search.indexing import document_fields

    Entry = apps.get_model("catalog", "Entry")
    SearchDocument = apps.get_model("search", "SearchDocument")
    connection = schema_editor.connection
    public = Entry.objects.filter(live=True, disclosure="proactive", withdrawn_at__isnull=True)
    for entry in public.iterator():
        doc, _created = SearchDocument.objects.update_or_create(
            entry=entry,
            defaults={
                **document_fields(entry.title, entry.body),
                "agency_id": entry.agency_id,
                "published_on": entry.published_on,
                "kind": entry.kind,
                "validity": entry.validity,
            },
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT OR REPLACE INTO search_fts(rowid, tokens) VALUES (%s, %s)", [doc.pk, doc.tokens])


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(create_fulltext, drop_fulltext),
        migrations.RunPython(index_public_entries, migrations.RunPython.noop),
    ]
