"""Back-office views of core: the audit trail and its CSV export."""

from __future__ import annotations

import csv
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import localtime

from xxgk.core import audit, permissions
from xxgk.core.audit import CoreAction
from xxgk.core.models import Agency, AuditEvent

EXPORT_COLUMNS = ["时间", "操作人", "机关", "操作", "对象类型", "对象编号", "对象", "变更内容", "IP 地址", "说明"]


def _filtered_events(request: HttpRequest):
    if permissions.audit_agency_ids(request.user) == set():
        raise PermissionDenied("您无权查看审计记录。")
    events = permissions.audit_events_visible_to(request.user, AuditEvent.objects.all())
    agency_code = request.GET.get("agency", "")
    if agency_code:
        events = events.filter(agency__code=agency_code)
    for key, lookup in (("from", "created_at__date__gte"), ("to", "created_at__date__lte")):
        try:
            if request.GET.get(key):
                events = events.filter(**{lookup: date.fromisoformat(request.GET[key])})
        except ValueError:
            pass  # an unparsable date filter is ignored; the form shows what was typed
    return events.select_related("agency")


def audit_list(request: HttpRequest) -> HttpResponse:
    events = _filtered_events(request)
    page = Paginator(events, 50).get_page(request.GET.get("p"))
    ids = permissions.audit_agency_ids(request.user)
    agencies = Agency.objects.all() if ids is None else Agency.objects.filter(id__in=ids)
    rows = [(event, audit.action_label(event.action)) for event in page]
    return render(
        request, "core/audit_list.html", {"page": page, "rows": rows, "agencies": agencies, "query": request.GET}
    )


def audit_export(request: HttpRequest) -> HttpResponse:
    if not permissions.is_staff_member(request.user):
        raise PermissionDenied
    events = _filtered_events(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    response.write("\ufeff")  # BOM: Excel and WPS open UTF-8 Chinese correctly
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for e in events.iterator(chunk_size=2000):
        writer.writerow(
            [
                localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_label,
                e.agency.name if e.agency else "",
                audit.action_label(e.action),
                e.object_type,
                e.object_id,
                e.object_repr,
                e.changes,
                e.ip_address or "",
                e.note,
            ]
        )
    with transaction.atomic():
        audit.record(CoreAction.AUDIT_EXPORTED, actor=request.user, note=request.GET.urlencode())
    return response
