"""RSS 2.0 and Atom feeds of every public list (whole city, an agency, a 第二十条 item, a column).

A feed shows the newest public entries of the list with the same filters in its query string.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from xxgk.catalog import listing
from xxgk.catalog.models import Entry
from xxgk.portal.scopes import Scope, scope_for

FEED_SIZE = 50


class EntryRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except listing.ListingError as error:
            return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")

    def get_object(self, request: HttpRequest, url_name: str, **kwargs) -> tuple[Scope, listing.Filters]:
        scope = scope_for(url_name, kwargs)
        return scope, scope.filters(request.GET)

    def title(self, obj) -> str:
        return obj[0].full_title

    def link(self, obj) -> str:
        return obj[0].url()

    def description(self, obj) -> str:
        return f"{obj[0].full_title}：依据《中华人民共和国政府信息公开条例》主动公开的政府信息。"

    def items(self, obj):
        return listing.newest(obj[1], FEED_SIZE).select_related("agency")

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.summary or item.title

    def item_link(self, item: Entry) -> str:
        return reverse("portal:document", args=[item.index_number])

    def item_pubdate(self, item: Entry) -> datetime:
        return timezone.make_aware(datetime.combine(item.published_on, time()))

    def item_author_name(self, item: Entry) -> str:
        return item.agency.name

    def item_categories(self, item: Entry) -> list[str]:
        return [item.get_kind_display()]


class EntryAtomFeed(EntryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)
