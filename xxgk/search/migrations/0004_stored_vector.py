"""PostgreSQL: store the tsvector, index it, and index the order of large result sets (issue 4).

Migration 0002's GIN index was on the *expression* ``to_tsvector('simple', tokens)``: the index found the
candidates, but every matching row's ``tokens`` was parsed again for the recheck and for ``ts_rank`` —
seconds for a frequent word (docs/benchmarks.md). Here:

* ``vec``, a ``GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED`` column: PostgreSQL computes it
  whenever a row is inserted or its ``tokens`` change, so every writer (``indexing.index_entry``, the bulk
  loads of ``catalog.synth``, migration 0002's first fill) stores it without knowing it exists, and it can
  never disagree with ``tokens``. Adding it rewrites the table once, which fills it for existing rows.
  It is not a model field: Django never reads or writes it (SQLite has its FTS5 table instead).
* a GIN index on ``vec`` replacing 0002's expression index;
* ``searchdoc_current_newest``, a btree on exactly ``backends.CURRENT_FIRST, published_on DESC, id DESC``,
  so that a query matching much of the catalogue is answered by walking it instead of sorting every match;
* a statistics target of 1000 on ``vec``, so that ANALYZE keeps the frequencies of the 10,000 most common
  lexemes, which ``backends`` reads to tell a frequent query from a rare one.

SQLite and other vendors: nothing to do.
"""

from django.db import migrations

OLD_GIN = "searchdoc_tokens_gin"
VEC_GIN = "searchdoc_vec_gin"
ORDER_INDEX = "searchdoc_current_newest"
TABLE = "search_searchdocument"
# Must match backends.CURRENT_FIRST character for character (PostgreSQL matches index expressions).
ORDER_COLUMNS = "(CASE WHEN validity = 'valid' THEN 0 ELSE 1 END), published_on DESC NULLS LAST, id DESC"


def create_fulltext(apps, schema_editor):
    """Also what ``catalog.synth`` calls after a bulk load (it drops the GIN index first)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {VEC_GIN} ON {TABLE} USING GIN (vec)")


def drop_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {VEC_GIN}")


def store_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL maintenance_work_mem = '1GB'")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_GIN}")
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS vec tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED"
    )
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vec SET STATISTICS 1000")
    create_fulltext(apps, schema_editor)
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {ORDER_INDEX} ON {TABLE} ({ORDER_COLUMNS})")
    schema_editor.execute(f"ANALYZE {TABLE}")


def unstore_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {ORDER_INDEX}")
    drop_fulltext(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vec")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {OLD_GIN} ON {TABLE} USING GIN (to_tsvector('simple', tokens))")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchdocument_kind_regulation")]

    operations = [migrations.RunPython(store_vector, unstore_vector)]
