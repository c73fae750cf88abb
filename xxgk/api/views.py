"""Read-only JSON endpoints. Thin: parse, read through catalog.listing / catalog.queries, serialise.
Every error is a JSON body ``{"error": {"code", "message", "field"}}`` with a Chinese message.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode

from xxgk.api import serializers
from xxgk.api.openapi import SPEC
from xxgk.catalog import listing
from xxgk.catalog.queries import public_or_withdrawn
from xxgk.core.models import Agency

JSON = {"ensure_ascii": False}


def respond(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params=JSON)
    response["Access-Control-Allow-Origin"] = "*"  # public data, read-only
    return response


def error(status: int, code: str, message: str, field: str = "", **extra) -> JsonResponse:
    return respond({"error": {"code": code, "message": message, "field": field}, **extra}, status)


def read_only(view):
    """Only GET (and HEAD); anything else is a JSON 405."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        if request.method not in ("GET", "HEAD"):
            response = error(405, "method_not_allowed", "开放接口只读，只接受 GET 请求。")
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    wrapped.__doc__, wrapped.__name__ = view.__doc__, view.__name__
    return wrapped


def _limit(value: str) -> int:
    if not value:
        return listing.PAGE_SIZE
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= listing.MAX_PAGE_SIZE:
        raise listing.ListingError("bad_filter", f"limit 应为 1—{listing.MAX_PAGE_SIZE} 之间的整数。", "limit")
    return int(value)


@read_only
def entries(request: HttpRequest) -> JsonResponse:
    """Public entries, newest first, with the portal's filters and an opaque keyset cursor."""
    try:
        filters = listing.parse_filters(request.GET)
        token = request.GET.get("cursor", "")
        cursor = listing.decode_cursor(token) if token else None
        limit = _limit(request.GET.get("limit", ""))
    except listing.ListingError as exc:
        return error(400, exc.code, exc.message, exc.field)
    qs = listing.filtered(filters).select_related("agency", "topic").prefetch_related("statutory_items", "columns")
    page = listing.keyset_page(qs, cursor, limit)
    base = {**filters.as_params(), **({"limit": str(limit)} if request.GET.get("limit") else {})}

    def page_url(token: str | None) -> str | None:
        if token is None:
            return None
        return request.build_absolute_uri(reverse("api:entries") + "?" + urlencode({**base, "cursor": token}))

    return respond(
        {
            "results": [serializers.entry_summary(request, entry) for entry in page.entries],
            "next_cursor": page.next_cursor,
            "prev_cursor": page.prev_cursor,
            "next": page_url(page.next_cursor),
            "previous": page_url(page.prev_cursor),
        }
    )


@read_only
def entry(request: HttpRequest, index_number: str) -> JsonResponse:
    """One entry by 索引号; a withdrawn one answers 410 with its withdrawal notice only."""
    found = public_or_withdrawn(index_number)
    if found is None:
        return error(404, "not_found", f"没有索引号为“{index_number}”的公开政府信息。", "index_number")
    if found.withdrawn_at is not None:
        notice = serializers.withdrawn_notice(found)
        message = f"本信息已于 {notice['withdrawn_on']} 撤回。"
        return error(410, "withdrawn", message, "index_number", withdrawn=notice)
    return respond(serializers.entry_detail(request, found))


@read_only
def agencies(request: HttpRequest) -> JsonResponse:
    """Active agencies with their disclosure offices' contacts."""
    active = list(Agency.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "id"))
    codes = {a.pk: a.code for a in active}
    return respond({"results": [serializers.agency(request, a, codes.get(a.parent_id)) for a in active]})


@read_only
def openapi(request: HttpRequest) -> JsonResponse:
    return respond(SPEC)


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return error(404, "not_found", "没有这个接口，请查看 /api/openapi.json。")
