"""sitemap.xml: an index of sections, the entries section paged by id ranges so that a city with
1,000,000 entries costs one MAX(id) for the index and one indexed range query per page (no OFFSET,
no COUNT over the table). A page may hold fewer than ``limit`` URLs (drafts use ids too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, QuerySet
from django.urls import reverse

from xxgk.catalog.models import Column, Entry
from xxgk.core.models import Agency
from xxgk.core.statutory import ARTICLE_20_ITEMS, DISCLOSURE_SUBCOLUMNS


@dataclass
class _IdRangePage:
    object_list: QuerySet


class IdRangePaginator:
    """What Django's sitemap views ask of a paginator (num_pages, page(n).object_list), by id range."""

    def __init__(self, queryset: QuerySet, per_page: int) -> None:
        self.queryset, self.per_page = queryset, per_page

    @cached_property
    def num_pages(self) -> int:
        top = Entry.objects.aggregate(top=Max("id"))["top"] or 0
        return max(1, -(-top // self.per_page))

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)

    def page(self, number) -> _IdRangePage:
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("页码必须是整数") from exc
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("没有这一页")
        low = (number - 1) * self.per_page
        return _IdRangePage(self.queryset.filter(id__gt=low, id__lte=low + self.per_page).order_by("id"))


class EntrySitemap(Sitemap):
    limit = 50_000  # the sitemap protocol's maximum per file
    changefreq = "monthly"

    def items(self) -> QuerySet:
        return Entry.objects.public().only("id", "index_number", "published_on")

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def location(self, item: Entry) -> str:
        return reverse("portal:document", args=[item.index_number])

    def lastmod(self, item: Entry) -> date:
        return item.published_on

    def get_latest_lastmod(self) -> date | None:
        # Django's default would call lastmod() on every entry; one indexed MAX does.
        return Entry.objects.public().aggregate(latest=Max("published_on"))["latest"]


class ColumnSitemap(Sitemap):
    """Every active agency's column pages: the 政府信息公开 column, its sub-columns, the 第二十条 item
    lists, the agency's own catalogue columns, and its whole list; plus the city-wide list."""

    changefreq = "daily"

    def items(self) -> list[str]:
        urls = [reverse("portal:home"), reverse("portal:entries")]
        agencies = list(Agency.objects.filter(is_active=True).order_by("sort_order", "id"))
        columns = Column.objects.filter(agency__is_active=True).select_related("agency")
        for agency in agencies:
            urls.append(reverse("portal:agency", args=[agency.code]))
            urls += [reverse("portal:subcolumn", args=[agency.code, c.slug]) for c in DISCLOSURE_SUBCOLUMNS]
            urls += [reverse("portal:item_entries", args=[agency.code, i.number]) for i in ARTICLE_20_ITEMS]
            urls.append(reverse("portal:agency_entries", args=[agency.code]))
        urls += [reverse("portal:column_entries", args=[c.agency.code, c.pk]) for c in columns]
        return urls

    def location(self, item: str) -> str:
        return item


SITEMAPS = {"entries": EntrySitemap, "columns": ColumnSitemap}
