"""Read-side questions about the catalogue, used by the portal (and later the API and reports)."""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.catalog.models import Entry, EntryAttachment
from xxgk.core.models import Agency
from xxgk.core.statutory import ARTICLE_20_ITEMS, Article20Item

LATEST_PER_ITEM = 10


@dataclass
class ItemSection:
    item: Article20Item
    entries: list[Entry]


def statutory_sections(agency: Agency) -> list[ItemSection]:
    """The newest public entries of each 第二十条 item (one indexed query per item)."""
    public = (
        Entry.objects.public()
        .filter(agency=agency)
        .newest_first()
        .only("title", "index_number", "published_on", "validity")
    )
    return [
        ItemSection(item, list(public.filter(statutory_items__number=item.number)[:LATEST_PER_ITEM]))
        for item in ARTICLE_20_ITEMS
    ]


def public_or_withdrawn(index_number: str) -> Entry | None:
    """The entry a public 索引号 URL shows: live and proactively disclosed, possibly withdrawn since."""
    return (
        Entry.objects.filter(index_number=index_number, live=True, disclosure="proactive")
        .select_related("agency", "topic", "replaced_by", "interprets")
        .first()
    )


def public_attachment(pk: int) -> EntryAttachment | None:
    """An attachment as published: its row belongs to a public entry (a draft's new file has no row yet,
    and a draft's, withdrawn or non-proactive entry's files are never served)."""
    return EntryAttachment.objects.filter(pk=pk, entry__in=Entry.objects.public()).first()
