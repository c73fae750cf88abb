"""Gap-free serial numbers per agency, kind and year (索引号, 申请编号, 告知书编号 …).

The number is taken inside the caller's transaction: if the caller rolls back, so does the counter,
so no number is skipped; two concurrent callers never get the same one (PostgreSQL row lock on the
counter; SQLite serialises writers with IMMEDIATE transactions, see ``xxgk.env.sqlite_options``).
"""

from __future__ import annotations

import string

from django.db import transaction
from django.db.models import F

from xxgk.core.models import Agency, SerialCounter

PATTERN_FIELDS = {"code", "year", "serial"}


def allocate(agency: Agency, kind: str, year: int) -> int:
    """The next number of ``kind`` for ``agency`` in ``year``, starting at 1."""
    return allocate_block(agency, kind, year, 1)


def allocate_block(agency: Agency, kind: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers at once and return the first (bulk loads: one UPDATE, not
    ``count``). Same guarantees as ``allocate``: inside the caller's transaction, never handed out twice."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("serials.allocate must be called inside the transaction that uses the number")
    # Create the row if this is the year's first number; a concurrent creator makes this a no-op.
    SerialCounter.objects.bulk_create(
        [SerialCounter(agency=agency, kind=kind, year=year, last_value=0)], ignore_conflicts=True
    )
    counter = SerialCounter.objects.filter(agency=agency, kind=kind, year=year)
    # The UPDATE takes the row lock: a second caller waits here until the first one commits.
    counter.update(last_value=F("last_value") + count)
    return counter.values_list("last_value", flat=True).get() - count + 1


def pattern_error(pattern: str) -> str | None:
    """Why an 索引号 pattern cannot be used, or None when it can."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        return "索引号格式中的花括号不成对。"
    unknown = fields - PATTERN_FIELDS
    if unknown:
        return f"索引号格式含有未知占位符：{'、'.join(sorted(unknown))}；只能使用 {{code}}、{{year}}、{{serial}}。"
    if "serial" not in fields:
        return "索引号格式必须包含流水号占位符 {serial}，否则索引号会重复。"
    try:
        pattern.format(code="X", year=2025, serial=1)
    except (ValueError, KeyError, IndexError) as exc:
        return f"索引号格式无效：{exc}"
    return None


def format_index_number(agency: Agency, year: int, serial: int) -> str:
    return agency.index_number_pattern.format(code=agency.code, year=year, serial=serial)


def next_index_number(agency: Agency, year: int) -> str:
    """Allocate and format the agency's next 索引号 for ``year``."""
    return format_index_number(agency, year, allocate(agency, "index_number", year))
