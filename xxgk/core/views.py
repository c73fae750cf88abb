"""Back-office views of core: the audit trail and its CSV export."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import localtime

from xxgk.core import audit, permissions, services
from xxgk.core.audit import CoreAction
from xxgk.core.forms import StaffMemberForm
from xxgk.core.models import Agency, AuditEvent, Membership

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
    context = {
        "page": page,
        "rows": rows,
        "agencies": agencies,
        "query": request.GET,
        "page_title": "审计记录",
        "header_icon": "history",
    }
    return render(request, "core/audit_list.html", context)


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


def staff_list(request: HttpRequest) -> HttpResponse:
    """本机关工作人员: the staff of the agencies the user administers, and a form to add one."""
    managed = permissions.agencies_managed_by(request.user)
    if not managed.exists():
        raise PermissionDenied("您不是任何机关的公开管理员。")
    form = StaffMemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_staff_member(
                request.user,
                data["agency"],
                username=data["username"],
                password=data["password"],
                roles=data["roles"],
                full_name=data["full_name"],
                email=data["email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已新建工作人员 {user.username}。")
            return redirect("staff_list")
    memberships = Membership.objects.filter(agency__in=managed).select_related("user", "agency")
    context = {"form": form, "memberships": memberships, "page_title": "本机关工作人员", "header_icon": "user"}
    return render(request, "core/staff_list.html", context)
