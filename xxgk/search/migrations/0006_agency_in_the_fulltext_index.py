"""PostgreSQL: put the agency into the full-text index too (issue 4, docs/benchmarks.md "Filtered searches").

With 0005's GIN index on ``(vec, published_on)``, a search filtered to one agency read every match of the
whole city from the heap to keep that agency's: 「行政处罚决定书」 in a township of 3,700 documents read
29,000 rows (110 ms at 1,000,000 entries). ``searchdoc_vec_date_agency_gin`` on ``(vec, published_on,
agency_id)`` answers ``vec @@ q AND agency_id = a`` inside the index (103 rows, 6 ms), and serves the
unfiltered and date-sliced conditions exactly as 0005's index did, which it replaces. Built in 1 min 39 s at
1,000,000 rows (``maintenance_work_mem`` 1 GB). The search code compares ``agency_id`` with a ``bigint``:
``btree_gin`` has no cross-type operators, so ``agency_id = 79`` (an integer) would not use the index.

SQLite and other vendors: nothing to do.
"""

from django.db import migrations

TABLE = "search_searchdocument"
PREVIOUS_INDEX = "searchdoc_vec_date_gin"
FULLTEXT_INDEX = "searchdoc_vec_date_agency_gin"


def create_fulltext(apps, schema_editor):
    """Also what ``catalog.synth`` calls after a bulk load (it drops the index first)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {FULLTEXT_INDEX} ON {TABLE} USING GIN (vec, published_on, agency_id)"
    )


def drop_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {FULLTEXT_INDEX}")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL maintenance_work_mem = '1GB'")
    create_fulltext(apps, schema_editor)
    schema_editor.execute(f"DROP INDEX IF EXISTS {PREVIOUS_INDEX}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PREVIOUS_INDEX} ON {TABLE} USING GIN (vec, published_on)")
    drop_fulltext(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_date_in_the_fulltext_index")]

    operations = [migrations.RunPython(forwards, backwards)]
