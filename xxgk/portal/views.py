"""The public site. Views are thin: fetch, render; rules live in the domain apps."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from xxgk.catalog import listing
from xxgk.catalog import queries as catalog_queries
from xxgk.catalog.models import Topic
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Agency
from xxgk.core.statutory import ARTICLE_20_ITEMS, DISCLOSURE_SUBCOLUMNS, SUBCOLUMNS_BY_SLUG
from xxgk.portal import queries, scopes
from xxgk.portal.display import COOKIE, DisplayMode
from xxgk.reports.services import imported_tables, published_compiled_reports, published_reports
from xxgk.search import backends as search_backends
from xxgk.search.query import parse_query


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"groups": queries.agency_tree()})


def agency_column(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    return render(request, "portal/agency.html", {"agency": agency, "subcolumns": DISCLOSURE_SUBCOLUMNS})


def agency_subcolumn(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    subcolumn = SUBCOLUMNS_BY_SLUG.get(slug)
    if subcolumn is None:
        raise Http404("没有这个栏目")
    context = {
        "agency": agency,
        "subcolumn": subcolumn,
        "subcolumns": DISCLOSURE_SUBCOLUMNS,
        "article_20_items": ARTICLE_20_ITEMS,
        "reports": published_reports(agency),
        "compiled_reports": published_compiled_reports(agency) if slug == "annual-reports" else [],
        "sections": catalog_queries.statutory_sections(agency) if slug == "statutory" else [],
        "columns": agency.columns.all(),
    }
    return render(request, f"portal/subcolumn_{slug.replace('-', '_')}.html", context)


def annual_report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    report = get_object_or_404(published_reports(agency), year=year)
    context = {
        "agency": agency,
        "report": report,
        "subcolumn": SUBCOLUMNS_BY_SLUG["annual-reports"],
        "subcolumns": DISCLOSURE_SUBCOLUMNS,
        "tables": imported_tables(report),
    }
    return render(request, "portal/annual_report.html", context)


def document(request: HttpRequest, index_number: str, printable: bool = False) -> HttpResponse:
    """The document page by 索引号; ``printable`` renders the same page in the bare print layout."""
    entry = catalog_queries.public_or_withdrawn(index_number)
    if entry is None:
        raise Http404("没有这条政府信息")
    interpretations = entry.interpretations.filter(live=True, withdrawn_at__isnull=True)
    period = entry.notice_period
    context = {
        "notice_period": period,
        "notice_status": period.status(timezone.localdate()) if period else "",
        "entry": entry,
        "agency": entry.agency,
        "interpretations": interpretations,
        "base_template": "portal/print_base.html" if printable else "base.html",
        "printable": printable,
    }
    return render(request, "portal/document.html", context)


LIST_FIELDS = ("title", "index_number", "published_on", "validity", "kind", "agency__name", "agency__code")


def entry_list(request: HttpRequest, url_name: str, **kwargs) -> HttpResponse:
    """A list of public entries at a stable URL, newest first, filtered, paged by an opaque cursor.
    A bad filter or cursor re-shows the form with a Chinese message (status 400), never a 500.
    """
    scope = scopes.scope_for(url_name, kwargs)
    params = request.GET.copy()
    params.pop("cursor", None)
    context = {
        "scope": scope,
        "agency": scope.agency,
        "values": request.GET,
        "topics": Topic.objects.all(),
        "kinds": EntryKind.choices,
        "validities": Validity.choices,
        "feed_query": params.urlencode(),
        "query_string": params.urlencode(),
    }
    if scope.agency:
        context.update(
            subcolumn=SUBCOLUMNS_BY_SLUG["statutory"],
            subcolumns=DISCLOSURE_SUBCOLUMNS,
            columns=scope.agency.columns.all(),
            article_20_items=ARTICLE_20_ITEMS,
        )
    else:
        context["agencies"] = Agency.objects.filter(is_active=True).order_by("sort_order", "id")
    template = "portal/entry_list.html" if scope.agency else "portal/city_entry_list.html"
    try:
        filters = scope.filters(request.GET)
        token = request.GET.get("cursor", "")
        cursor = listing.decode_cursor(token) if token else None
    except listing.ListingError as error:
        return render(request, template, {**context, "error": error}, status=400)
    qs = listing.filtered(filters).select_related("agency").only(*LIST_FIELDS)
    context["page"] = listing.keyset_page(qs, cursor)
    context["is_first_page"] = cursor is None
    return render(request, template, context)


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Download an attachment of a public entry (404 for anything else), under the title staff gave it."""
    found = catalog_queries.public_attachment(pk)
    if found is None:
        raise Http404("没有这个附件")
    kind = found.document_kind
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.download_name, content_type=kind.content_type
    )
    response["Cache-Control"] = "no-cache"  # caches must ask again: a withdrawn entry's files stop at once
    return response


SEARCH_PAGE_SIZE = 20


def _int_param(value: str, low: int, high: int) -> int | None:
    return int(value) if value.isdigit() and low <= int(value) <= high else None


def search(request: HttpRequest) -> HttpResponse:
    """全文检索 of public entries; unknown filter values are ignored, never an error."""
    q = request.GET.get("q", "").strip()
    agency_code = request.GET.get("agency", "")
    agency = Agency.objects.filter(code=agency_code, is_active=True).first() if agency_code else None
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in EntryKind.values else ""
    validity = request.GET.get("validity", "") if request.GET.get("validity", "") in Validity.values else ""
    year = _int_param(request.GET.get("year", ""), 1949, 9999)
    page = _int_param(request.GET.get("page", "1"), 1, 1000) or 1
    parsed = parse_query(q)
    results = search_backends.run(
        parsed,
        agency=agency,
        kind=kind or None,
        year=year,
        validity=validity or None,
        limit=SEARCH_PAGE_SIZE + 1,
        offset=(page - 1) * SEARCH_PAGE_SIZE,
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    context = {
        "q": q,
        "parsed": parsed,
        "hits": results.hits[:SEARCH_PAGE_SIZE],
        "by_date": results.by_date,
        "page": page,
        "first_number": (page - 1) * SEARCH_PAGE_SIZE + 1,
        "has_next": len(results.hits) > SEARCH_PAGE_SIZE,
        "query_string": filters.urlencode(),
        "agency": agency,
        "kind": kind,
        "validity": validity,
        "year": year,
        "kinds": EntryKind.choices,
        "validities": Validity.choices,
        "agencies": Agency.objects.filter(is_active=True).order_by("name"),
    }
    return render(request, "portal/search.html", context)


@require_POST
def set_display(request: HttpRequest) -> HttpResponse:
    mode = request.POST.get("mode", DisplayMode.STANDARD)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if mode in DisplayMode.values and mode != DisplayMode.STANDARD:
        response.set_cookie(COOKIE, mode, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE)
    return response
