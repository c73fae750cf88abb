"""Entries and agencies as the API's JSON objects (shapes documented in openapi.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import Disclosure
from xxgk.core.models import Agency


def _day(value) -> str | None:
    return value.isoformat() if value else None


def is_public(entry: Entry | None) -> bool:
    return bool(entry and entry.live and entry.disclosure == Disclosure.PROACTIVE and entry.withdrawn_at is None)


def link(request: HttpRequest, entry: Entry) -> dict:
    return {
        "index_number": entry.index_number,
        "title": entry.title,
        "url": request.build_absolute_uri(reverse("portal:document", args=[entry.index_number])),
        "api_url": request.build_absolute_uri(reverse("api:entry", args=[entry.index_number])),
    }


def entry_summary(request: HttpRequest, entry: Entry) -> dict:
    return {
        **link(request, entry),
        "summary": entry.summary,
        "agency": {"code": entry.agency.code, "name": entry.agency.name},
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "topic": entry.topic.name if entry.topic else None,
        "document_number": entry.document_number,
        "written_on": _day(entry.written_on),
        "published_on": _day(entry.published_on),
        "validity": entry.validity,
        "validity_label": entry.get_validity_display(),
        "statutory_items": sorted(item.number for item in entry.statutory_items.all()),
        "columns": [{"id": c.pk, "name": c.name} for c in entry.columns.all()],
    }


def entry_detail(request: HttpRequest, entry: Entry) -> dict:
    """The whole public entry; related documents only where they are public themselves."""
    readings = entry.interpretations.public().order_by("published_on", "id")
    return {
        **entry_summary(request, entry),
        "disclosure_label": entry.get_disclosure_display(),
        "body_html": expand_db_html(entry.body),
        "replaced_by": link(request, entry.replaced_by) if is_public(entry.replaced_by) else None,
        "interprets": link(request, entry.interprets) if is_public(entry.interprets) else None,
        "interpretations": [link(request, reading) for reading in readings],
    }


def withdrawn_notice(entry: Entry) -> dict:
    return {
        "index_number": entry.index_number,
        "title": entry.title,
        "withdrawn_on": timezone.localdate(entry.withdrawn_at).isoformat(),
        "reason": entry.withdrawn_reason,
    }


def agency(request: HttpRequest, item: Agency, parent_code: str | None) -> dict:
    """An agency with the contacts its 政府信息公开指南 publishes (条例第十二条)."""
    return {
        "code": item.code,
        "name": item.name,
        "short_name": item.short_name,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "parent": parent_code,
        "url": request.build_absolute_uri(reverse("portal:agency", args=[item.code])),
        "office": {
            "name": item.office_name,
            "address": item.office_address,
            "postcode": item.office_postcode,
            "hours": item.office_hours,
            "phone": item.office_phone,
            "fax": item.office_fax,
            "email": item.office_email,
        },
    }
