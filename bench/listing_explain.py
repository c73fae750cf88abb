"""Public list queries at scale: fill a PostgreSQL database with N synthetic public entries (default
1,000,000) and print, for every filter combination the lists offer, the plan's index and the time of
the first page and of a page deep in the list (keyset cursor). Not a test: run it by hand.

    createdb -h 127.0.0.1 -U postgres xxgk_bench_listing
    XXGK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/xxgk_bench_listing \
        .venv/bin/python manage.py migrate -v0
    XXGK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/xxgk_bench_listing \
        .venv/bin/python bench/listing_explain.py [N]

Refuses to touch a database that already holds entries it did not make.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
django.setup()

from django.db import connection  # noqa: E402

from xxgk.catalog import listing  # noqa: E402
from xxgk.catalog.listing import Cursor, Filters  # noqa: E402
from xxgk.catalog.models import Column, Entry, Topic  # noqa: E402
from xxgk.core.models import Agency  # noqa: E402

AGENCIES = 50
KINDS = ["normative", "policy", "notice", "news", "budget", "penalty", "licensing", "procurement"]
FILL_SQL = """
INSERT INTO catalog_entry (live, has_unpublished_changes, expired, locked, title, summary, body, kind,
    document_number, published_on, index_number, disclosure, withheld_ground, validity, withdrawn_reason,
    agency_id, topic_id, withdrawn_at)
SELECT true, false, false, false, 'bench ' || g, '', '', (%(kinds)s::text[])[1 + g %% 8], '',
    date '2012-01-01' + (g %% 5000), 'bench/' || g, 'proactive', '',
    CASE WHEN g %% 50 = 0 THEN 'repealed' ELSE 'valid' END, '',
    (%(agencies)s::bigint[])[1 + (g / 7) %% %(n_agencies)s], (%(topics)s::bigint[])[1 + g %% %(n_topics)s],
    CASE WHEN g %% 997 = 0 THEN now() END
FROM generate_series(1, %(n)s) AS g
"""


def fill(n: int) -> None:
    if Entry.objects.exclude(index_number__startswith="bench/").exists():
        sys.exit("这个数据库里已有非基准数据，请使用单独创建的数据库。")
    if Entry.objects.exists():
        print(f"已有 {Entry.objects.count()} 条基准数据，直接测量。")
        return
    agencies = [
        Agency.objects.get_or_create(code=f"bench-{i:02d}", defaults={"name": f"基准机关{i}", "short_name": f"基{i}"})[
            0
        ]
        for i in range(AGENCIES)
    ]
    for agency in agencies[:5]:
        Column.objects.get_or_create(agency=agency, name="通知公告")
    topics = list(Topic.objects.values_list("id", flat=True))
    params = {"kinds": KINDS, "agencies": [a.id for a in agencies], "n_agencies": AGENCIES, "topics": topics, "n": n}
    params["n_topics"] = len(topics)
    with connection.cursor() as cursor:
        cursor.execute(FILL_SQL, params)
        # Every entry in one 第二十条 item (item = 1 + id mod 15); one agency column holds 1 in 3 of its entries.
        cursor.execute(
            "INSERT INTO catalog_entry_statutory_items (entry_id, statutoryitem_id) "
            "SELECT id, 1 + id % 15 FROM catalog_entry"
        )
        column = Column.objects.filter(agency=agencies[0]).first()
        cursor.execute(
            "INSERT INTO catalog_entry_columns (entry_id, column_id) "
            "SELECT id, %s FROM catalog_entry WHERE agency_id = %s AND id %% 3 = 0",
            [column.id, agencies[0].id],
        )
        cursor.execute("ANALYZE")


def measure(label: str, qs) -> None:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    indexes = sorted(set(re.findall(r"(?:using|Bitmap Index Scan on) (\w+)", plan)))
    total = re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)
    flags = " SORT!" if "Sort" in plan else ""
    flags += " SEQSCAN!" if "Seq Scan on catalog_entry " in plan else ""
    print(f"{label:<58} {float(total):>9.2f} ms  {', '.join(indexes)}{flags}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    fill(n)
    agency = Agency.objects.get(code="bench-00")
    column = Column.objects.get(agency=agency)
    topic = Topic.objects.get(name="科技、教育")
    deep = Cursor(date(2016, 6, 1), n // 2)
    combos = {
        "全市": Filters(),
        "全市+年份": Filters(year=2020),
        "全市+信息类别": Filters(kind="penalty"),
        "全市+主题分类": Filters(topic=topic),
        "全市+有效性(已废止)": Filters(validity="repealed"),
        "全市+第二十条事项": Filters(item=14),
        "机关": Filters(agency=agency),
        "机关+年份": Filters(agency=agency, year=2020),
        "机关+信息类别": Filters(agency=agency, kind="penalty"),
        "机关+主题分类": Filters(agency=agency, topic=topic),
        "机关+有效性(已废止)": Filters(agency=agency, validity="repealed"),
        "机关+第二十条事项": Filters(agency=agency, item=14),
        "机关+栏目": Filters(agency=agency, column=column),
        "机关+事项+年份+类别": Filters(agency=agency, item=14, year=2020, kind="penalty"),
    }
    print(f"{Entry.objects.public().count()} public entries")
    for label, filters in combos.items():
        qs = listing.filtered(filters)
        measure(f"{label} 第一页", qs.order_by("-published_on", "-id")[:21])
        older = listing._older(qs, deep.published_on, deep.id).order_by("-published_on", "-id")[:21]
        measure(f"{label} 深处一页", older)


if __name__ == "__main__":
    main()
