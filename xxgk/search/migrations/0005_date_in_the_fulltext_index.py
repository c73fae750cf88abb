"""PostgreSQL: put the publication date into the full-text index, so that the newest matches of a large
result set are found inside the index (issue 4, docs/benchmarks.md "Search at 1,000,000, second fix").

Migration 0004 answered a large result set by walking the btree ``searchdoc_current_newest`` in date order
and testing ``vec @@ query`` on each row it met — about 30 µs a row, since each test reads the row's 6 KB
vector from TOAST. A query in 1–2 % of the documents read thousands of rows before its page was full. Here:

* ``searchdoc_vec_date_gin``, one GIN index on ``(vec, published_on)`` (the ``btree_gin`` extension, shipped
  with PostgreSQL and trusted, gives dates GIN operators). A condition ``vec @@ q AND published_on >= d`` is
  answered inside the index — the posting lists of the words intersected with the dates' — so only the
  matching rows of the newest slice of the catalogue are read, and no vector is read at all. It replaces
  0004's GIN index on ``vec`` alone, which the two-column index serves just as well.
* the btree ``searchdoc_current_newest`` is dropped: nothing walks it any more, and leaving it would let the
  planner pick that walk again.
* a statistics target of 1000 on ``published_on``, so that ANALYZE's histogram places slice boundaries in
  steps of 0.1 % of the catalogue (``backends._date_cutoffs``).

SQLite and other vendors: nothing to do.
"""

from django.db import migrations

TABLE = "search_searchdocument"
OLD_GIN = "searchdoc_vec_gin"
ORDER_INDEX = "searchdoc_current_newest"
FULLTEXT_INDEX = "searchdoc_vec_date_gin"
OLD_ORDER_COLUMNS = "(CASE WHEN validity = 'valid' THEN 0 ELSE 1 END), published_on DESC NULLS LAST, id DESC"


def create_fulltext(apps, schema_editor):
    """Also what ``catalog.synth`` calls after a bulk load (it drops the index first)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {FULLTEXT_INDEX} ON {TABLE} USING GIN (vec, published_on)")


def drop_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {FULLTEXT_INDEX}")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute("SET LOCAL maintenance_work_mem = '1GB'")
    schema_editor.execute(f"DROP INDEX IF EXISTS {ORDER_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_GIN}")
    create_fulltext(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN published_on SET STATISTICS 1000")
    schema_editor.execute(f"ANALYZE {TABLE}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    drop_fulltext(apps, schema_editor)
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {OLD_GIN} ON {TABLE} USING GIN (vec)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {ORDER_INDEX} ON {TABLE} ({OLD_ORDER_COLUMNS})")
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN published_on SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_stored_vector")]

    operations = [migrations.RunPython(forwards, backwards)]
