"""The 索引号 and 发布日期 of an entry, fixed when it first goes live (rules.md §1.4)."""

from __future__ import annotations

from django.utils import timezone

from xxgk.catalog.timeliness import publication_timeliness
from xxgk.core.calendar import load_calendar
from xxgk.core.serials import next_index_number


def fix_publication_identity(entry) -> None:
    """Keep the entry's stored 索引号 and 发布日期, or allocate them now if it never had them.

    Serials are unique per agency and year and never reused (core.serials); the year is the
    publication year.
    """
    stored = None
    if entry.pk:
        stored = type(entry).objects.filter(pk=entry.pk).values("index_number", "published_on").first()
    if stored and stored["published_on"]:
        entry.published_on = stored["published_on"]
    if not entry.published_on:
        entry.published_on = timezone.localdate()
    if stored and stored["index_number"]:
        entry.index_number = stored["index_number"]
    if not entry.index_number:
        entry.index_number = next_index_number(entry.agency, entry.published_on.year)
    _fix_timeliness(entry)


def _fix_timeliness(entry) -> None:
    """条例第二十六条: due 20 working days after 形成日期; late when first published after that."""
    timeliness = publication_timeliness(entry.formed_on, load_calendar())
    entry.publication_due = timeliness.due if timeliness else None
    entry.published_late = bool(timeliness and timeliness.is_late(entry.published_on))
