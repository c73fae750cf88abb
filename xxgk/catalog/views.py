"""Back-office pages of the review: 筛查结果 (with mask / justify) and the printable 审签单. Thin: scope, call the
review service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from xxgk.catalog import permissions, review
from xxgk.catalog.models import Entry
from xxgk.catalog.sources import screening_sources
from xxgk.core import permissions as core_permissions
from xxgk.screening import masking
from xxgk.screening import permissions as screening_permissions
from xxgk.screening import services as screening
from xxgk.screening.models import FindingStatus, ScreeningFinding


def _entry(request: HttpRequest, pk: int) -> Entry:
    return get_object_or_404(
        permissions.entries_visible_to(request.user, Entry.objects.select_related("agency")), pk=pk
    )


def _finding(request: HttpRequest, pk: int) -> ScreeningFinding:
    scoped = core_permissions.scope_to_agencies(request.user, ScreeningFinding.objects.all())
    return get_object_or_404(scoped, pk=pk)


def _rows(entry: Entry) -> list[dict]:
    content = entry.get_latest_revision_as_object() if entry.latest_revision_id else entry
    texts = {source.key: source.text for source in screening_sources(content)}
    rows = []
    for finding in ScreeningFinding.objects.for_object(entry).select_related("resolved_by"):
        context = screening.snippet(texts.get(finding.source_key, ""), finding)
        rows.append(
            {
                "finding": finding,
                "context": context and [" ".join(part.split()) for part in context],
                "preview": screening.masked_preview(finding),
                "maskable": masking.is_maskable(screening.as_detector_finding(finding)),
                "resolver": review.display_name(finding.resolved_by),
            }
        )
    return rows


def screening_results(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    rows = _rows(entry)
    context = {
        "page_title": "筛查结果",
        "page_subtitle": entry.title,
        "header_icon": "warning",
        "entry": entry,
        "open_rows": [r for r in rows if r["finding"].status == FindingStatus.OPEN],
        "closed_rows": [r for r in rows if r["finding"].status != FindingStatus.OPEN],
        "can_mask": permissions.can_edit(request.user, entry.agency),
        "can_justify": screening_permissions.can_justify(request.user, entry.agency),
    }
    return render(request, "catalog/screening.html", context)


def _resolve(request: HttpRequest, pk: int, resolve) -> HttpResponse:
    finding = _finding(request, pk)
    try:
        resolve(finding)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已处理：{finding.get_kind_display()}。")
    return redirect("catalog_screening", pk=int(finding.object_id))


@require_POST
def mask(request: HttpRequest, pk: int) -> HttpResponse:
    return _resolve(request, pk, lambda finding: review.mask_finding(request.user, finding))


@require_POST
def justify(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("justification", "")
    return _resolve(request, pk, lambda finding: review.justify_finding(request.user, finding, reason))


def review_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """审签单: metadata, every review step with its opinion, and how each screening finding was resolved."""
    entry = _entry(request, pk)
    content = entry.get_latest_revision_as_object() if entry.latest_revision_id else entry
    context = {"entry": entry, "content": content, "steps": review.review_steps(entry), "rows": _rows(entry)}
    return render(request, "catalog/review_sheet.html", context)
