"""Lists of public entries, newest first, with filters and keyset pagination — no HTTP here.

Column pages, feeds, the sitemap and the JSON API all read through this module, so "what is public"
and "in which order" are answered once. Pages are cut on the key (发布日期, id) rather than by OFFSET:
page 5,000 costs what page 1 costs, and nothing counts the whole table. Every filter combination
is served by an index of migration ``entry_list_indexes`` (see docs/api.md, "Indexes").
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Q, QuerySet

from xxgk.catalog.models import Column, Entry, Topic
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Agency
from xxgk.core.statutory import ARTICLE_20_ITEMS

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FIRST_YEAR, LAST_YEAR = 1949, 9998


class ListingError(ValueError):
    """A filter or cursor the list cannot use; ``message`` is shown to the public as is."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass(frozen=True)
class Filters:
    agency: Agency | None = None
    year: int | None = None
    topic: Topic | None = None
    validity: str | None = None
    kind: str | None = None
    column: Column | None = None
    item: int | None = None  # 条例第二十条 item number, 1…15

    def as_params(self) -> dict[str, str]:
        """The query-string form of these filters (for links that keep them)."""
        values = {
            "agency": self.agency.code if self.agency else None,
            "year": self.year,
            "topic": self.topic.pk if self.topic else None,
            "validity": self.validity,
            "kind": self.kind,
            "column": self.column.pk if self.column else None,
            "item": self.item,
        }
        return {key: str(value) for key, value in values.items() if value is not None}


def _choice(value: str, choices: type[Validity] | type[EntryKind], field: str, label: str) -> str:
    if value not in choices.values:
        allowed = "、".join(str(choice.label) for choice in choices)
        raise ListingError("bad_filter", f"{label}“{value}”无效，可选：{allowed}。", field)
    return value


def _number(value: str, field: str, message: str, low: int, high: int) -> int:
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise ListingError("bad_filter", message, field)
    return int(value)


def parse_filters(params: Mapping[str, str], *, agency: Agency | None = None) -> Filters:
    """Read filters from query parameters; empty values mean "all". ``agency`` fixes the agency
    (an agency's own pages); without it an ``agency`` parameter (机构代码) may narrow a city-wide list.
    """
    raw = {key: (params.get(key) or "").strip() for key in Filters.__dataclass_fields__}
    filters = Filters(agency=agency)
    if raw["agency"] and agency is None:
        found = Agency.objects.filter(code=raw["agency"], is_active=True).first()
        if found is None:
            raise ListingError("bad_filter", f"没有机构代码为“{raw['agency']}”的机关。", "agency")
        filters = replace(filters, agency=found)
    if raw["year"]:
        message = f"发布年份应为 {FIRST_YEAR}—{LAST_YEAR} 之间的四位数字，例如 2025。"
        filters = replace(filters, year=_number(raw["year"], "year", message, FIRST_YEAR, LAST_YEAR))
    if raw["topic"]:
        topic_id = _number(raw["topic"], "topic", "主题分类无效，请从列表中选择。", 1, 2**31 - 1)
        topic = Topic.objects.filter(pk=topic_id).first()
        if topic is None:
            raise ListingError("bad_filter", "主题分类无效，请从列表中选择。", "topic")
        filters = replace(filters, topic=topic)
    if raw["validity"]:
        filters = replace(filters, validity=_choice(raw["validity"], Validity, "validity", "有效性"))
    if raw["kind"]:
        filters = replace(filters, kind=_choice(raw["kind"], EntryKind, "kind", "信息类别"))
    if raw["item"]:
        message = f"第二十条事项应为 1—{len(ARTICLE_20_ITEMS)} 之间的数字。"
        filters = replace(filters, item=_number(raw["item"], "item", message, 1, len(ARTICLE_20_ITEMS)))
    if raw["column"]:
        column_id = _number(raw["column"], "column", "栏目无效，请从列表中选择。", 1, 2**31 - 1)
        columns = Column.objects.filter(pk=column_id)
        if filters.agency is not None:
            columns = columns.filter(agency=filters.agency)
        column = columns.first()
        if column is None:
            raise ListingError("bad_filter", "栏目无效，请从列表中选择。", "column")
        filters = replace(filters, column=column)
    return filters


def filtered(filters: Filters) -> QuerySet[Entry]:
    """Public entries matching ``filters`` (unordered). Never drafts, withheld or withdrawn entries."""
    qs = Entry.objects.public()
    if filters.agency is not None:
        qs = qs.filter(agency=filters.agency)
    if filters.year is not None:
        qs = qs.filter(published_on__gte=date(filters.year, 1, 1), published_on__lte=date(filters.year, 12, 31))
    if filters.topic is not None:
        qs = qs.filter(topic=filters.topic)
    if filters.validity:
        qs = qs.filter(validity=filters.validity)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.column is not None:
        qs = qs.filter(columns=filters.column)
    if filters.item is not None:
        qs = qs.filter(statutory_items__number=filters.item)
    return qs


# --- cursors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    """A position between two entries: the page ``before`` (newer than) or after (older than) a key."""

    published_on: date
    id: int
    before: bool = False


def encode_cursor(cursor: Cursor) -> str:
    text = f"{'b' if cursor.before else 'a'}{cursor.published_on.isoformat()}.{cursor.id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


BAD_CURSOR = "翻页参数无效或已过期，请从第一页重新浏览。"


def decode_cursor(token: str) -> Cursor:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
        direction, key = text[0], text[1:]
        day, _, ident = key.partition(".")
        if direction not in "ab" or not ident.isdigit():
            raise ValueError(text)
        return Cursor(date.fromisoformat(day), int(ident), before=direction == "b")
    except (ValueError, IndexError, UnicodeDecodeError, binascii.Error) as exc:
        raise ListingError("bad_cursor", BAD_CURSOR, "cursor") from exc


def _older(qs: QuerySet, day: date, ident: int) -> QuerySet:
    # `published_on <= day` bounds the index range scan; the OR only sorts out the equal dates.
    return qs.filter(published_on__lte=day).filter(Q(published_on__lt=day) | Q(id__lt=ident))


def _newer(qs: QuerySet, day: date, ident: int) -> QuerySet:
    return qs.filter(published_on__gte=day).filter(Q(published_on__gt=day) | Q(id__gt=ident))


@dataclass
class Page:
    entries: list[Entry]
    next_cursor: str | None  # older entries
    prev_cursor: str | None  # newer entries


def keyset_page(qs: QuerySet[Entry], cursor: Cursor | None = None, size: int = PAGE_SIZE) -> Page:
    """One page of ``qs`` newest first, starting at ``cursor``; at most two indexed LIMIT queries."""
    if cursor is None:
        rows = list(qs.order_by("-published_on", "-id")[: size + 1])
        entries, more_older, more_newer = rows[:size], len(rows) > size, False
    elif cursor.before:
        rows = list(_newer(qs, cursor.published_on, cursor.id).order_by("published_on", "id")[: size + 1])
        entries, more_newer = rows[:size][::-1], len(rows) > size
        more_older = _older(qs, cursor.published_on, cursor.id + 1).exists()  # key <= cursor
    else:
        rows = list(_older(qs, cursor.published_on, cursor.id).order_by("-published_on", "-id")[: size + 1])
        entries, more_older = rows[:size], len(rows) > size
        more_newer = _newer(qs, cursor.published_on, cursor.id - 1).exists()  # key >= cursor
    if entries:
        newer_key = (entries[0].published_on, entries[0].id)
        older_key = (entries[-1].published_on, entries[-1].id)
    elif cursor is not None:  # past an end (entries withdrawn meanwhile): lead back to the cursor's key
        newer_key, older_key = (cursor.published_on, cursor.id - 1), (cursor.published_on, cursor.id + 1)
    return Page(
        entries=entries,
        next_cursor=encode_cursor(Cursor(*older_key)) if more_older else None,
        prev_cursor=encode_cursor(Cursor(*newer_key, before=True)) if more_newer else None,
    )


def newest(filters: Filters, limit: int) -> QuerySet[Entry]:
    """The newest ``limit`` public entries matching ``filters`` (feeds)."""
    return filtered(filters).order_by("-published_on", "-id")[:limit]
