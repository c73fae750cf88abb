"""The lists the public site offers at stable URLs — a whole agency, one 第二十条 item, one agency
column, or the whole city — shared by the list pages and their RSS/Atom feeds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from xxgk.catalog.listing import Filters, parse_filters
from xxgk.catalog.models import Column
from xxgk.core.models import Agency
from xxgk.core.statutory import ARTICLE_20_ITEMS

CITY_TITLE = "最新主动公开信息"


@dataclass
class Scope:
    url_name: str  # portal:<url_name> is the list; <url_name>_rss / _atom its feeds
    title: str
    agency: Agency | None = None
    kwargs: dict = field(default_factory=dict)
    fixed: dict = field(default_factory=dict)  # filters the URL fixes (item or column)

    def url(self, suffix: str = "") -> str:
        return reverse(f"portal:{self.url_name}{suffix}", kwargs=self.kwargs)

    @property
    def full_title(self) -> str:
        return f"{self.agency.name} · {self.title}" if self.agency else self.title

    def filters(self, params: Mapping[str, str]) -> Filters:
        """The query's filters, with the ones this URL fixes (raises ListingError when invalid)."""
        return replace(parse_filters(params, agency=self.agency), **self.fixed)


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


def city_scope() -> Scope:
    return Scope("entries", CITY_TITLE)


def agency_scope(code: str) -> Scope:
    return Scope("agency_entries", "全部主动公开信息", _agency(code), {"code": code})


def item_scope(code: str, number: int) -> Scope:
    if not 1 <= number <= len(ARTICLE_20_ITEMS):
        raise Http404("没有这个事项")
    item = ARTICLE_20_ITEMS[number - 1]
    kwargs = {"code": code, "number": number}
    return Scope("item_entries", f"{item.ordinal}{item.text}", _agency(code), kwargs, {"item": number})


def column_scope(code: str, pk: int) -> Scope:
    agency = _agency(code)
    column = get_object_or_404(Column, pk=pk, agency=agency)
    return Scope("column_entries", column.name, agency, {"code": code, "pk": pk}, {"column": column})


def scope_for(url_name: str, kwargs: dict) -> Scope:
    """The scope a URL names (the feed views receive the list's URL kwargs)."""
    builders = {"entries": city_scope, "agency_entries": agency_scope, "item_entries": item_scope}
    builders["column_entries"] = column_scope
    return builders[url_name](**kwargs)
