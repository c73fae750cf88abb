"""On PostgreSQL, every filter combination the lists offer can be served in key order by an index.

The planner is told to avoid sequential scans and sorts (as it does on a large table); a plan that
still sorts or scans the entry table means no index fits that combination. Timings at 1,000,000
entries are measured by bench/listing_explain.py, not here.
"""

import itertools
from datetime import date

import pytest
from django.db import connection

from xxgk.catalog import listing
from xxgk.catalog.listing import Cursor, Filters
from xxgk.catalog.models import Column, Topic
from xxgk.catalog.vocabulary import EntryKind, Validity

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def plan_of(qs) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return qs.explain()


def test_every_filter_combination_pages_through_an_index(agency_a):
    topic = Topic.objects.first()
    column = Column.objects.create(agency=agency_a, name="通知公告")
    singles = [{}, {"kind": EntryKind.NORMATIVE}, {"topic": topic}, {"validity": Validity.REPEALED}]
    singles += [{"item": 3}, {"column": column}]
    for agency, year, single in itertools.product([None, agency_a], [None, 2025], singles):
        filters = Filters(agency=agency, year=year, **single)
        qs = listing.filtered(filters)
        for cursor in (None, Cursor(date(2025, 6, 1), 1000), Cursor(date(2025, 6, 1), 1000, before=True)):
            if cursor is None:
                query = qs.order_by("-published_on", "-id")[:21]
            elif cursor.before:
                query = listing._newer(qs, cursor.published_on, cursor.id).order_by("published_on", "id")[:21]
            else:
                query = listing._older(qs, cursor.published_on, cursor.id).order_by("-published_on", "-id")[:21]
            plan = plan_of(query)
            assert "Sort" not in plan and "Seq Scan on catalog_entry " not in plan, (filters, cursor, plan)
            assert "catalog_entry" in plan and "Index" in plan, plan
