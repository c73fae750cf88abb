"""Where a report's figures come from: the database reads behind ``compiler.Inputs``.

Dependency direction: reports → catalog, foi, core. Each function answers for one agency and one
report year and returns ``compiler.Counted`` (figures plus what was counted in each cell), or
``None`` when the platform holds no records of that kind — the compiler then uses the figures staff
entered in ``YearStatistics``.

Table 三 and 四 are counted from the 依申请公开 cases and the 复议/诉讼 register of ``foi``
(rules.md §2.4, §2.6): :func:`application_counts` and :func:`remedy_counts` read them, and
``case_tables`` counts them (its docstring states the counting rules). An agency whose cases are not
on the platform for a year (none received, carried in or answered in it) keeps its entered figures.
Section 六's 信息处理费 are the fees paid in the year (:func:`processing_fees`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Max, Prefetch, Q, Sum

from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Agency, AgencyKind
from xxgk.foi.models import Case, CaseEvent, FeeNotice, Remedy
from xxgk.foi.outcomes import outcome
from xxgk.foi.vocabulary import ACTIVE_STATES, CaseEventType
from xxgk.reports import case_tables
from xxgk.reports.compiler import Counted, Document, count_documents
from xxgk.reports.formats import ReportFormat

# Which catalogue kinds fill which table 二 第二十条第（一）项 row.
DOCUMENT_ROWS = {EntryKind.REGULATION: "rules", EntryKind.NORMATIVE: "normative"}
ENDED = (Validity.REPEALED, Validity.EXPIRED)


def can_issue_rules(agency: Agency) -> bool:
    """立法法: 规章 come from governments (of 设区的市 and above); departments and townships cannot."""
    return agency.kind == AgencyKind.GOVERNMENT


def catalogue_documents(agency: Agency) -> list[Document]:
    """The agency's published 规章 and 规范性文件 (withdrawn ones were never validly public)."""
    entries = (
        Entry.objects.public()
        .filter(agency=agency, kind__in=list(DOCUMENT_ROWS))
        .select_related("replaced_by")
        .order_by("written_on", "published_on", "pk")
    )
    return [
        Document(
            row=DOCUMENT_ROWS[EntryKind(entry.kind)],
            reference=entry.index_number or entry.title,
            issued_on=_issued_on(entry),
            published_on=entry.published_on,
            ended_on=_ended_on(entry),
        )
        for entry in entries
        if _issued_on(entry) is not None
    ]


def _issued_on(entry: Entry) -> date | None:
    return entry.written_on or entry.published_on


def _ended_on(entry: Entry) -> date | None:
    """A repealed or expired document ended when its replacement was issued; without a replacement,
    when the entry was last published (the edit that marked it 已废止/已失效)."""
    if entry.validity not in ENDED:
        return None
    if entry.replaced_by is not None and _issued_on(entry.replaced_by) is not None:
        return _issued_on(entry.replaced_by)
    if entry.last_published_at is not None:
        return entry.last_published_at.date()
    return entry.published_on


def catalogue_counts(agency: Agency, year: int, fmt: ReportFormat) -> Counted:
    return count_documents(fmt, year, catalogue_documents(agency))


def case_applications(agency: Agency, year: int) -> list[case_tables.Application]:
    """The agency's cases that may count in ``year``: received by 31 December, and either still being
    handled or with an event on or after 1 January (a case answered and quiet before then cannot)."""
    may_count = Q(state__in=ACTIVE_STATES) | Q(last_event__gte=date(year, 1, 1))
    decisions = CaseEvent.objects.filter(type__in=[CaseEventType.DECIDED, CaseEventType.REOPENED])
    cases = (
        Case.objects.filter(agency=agency, received_on__lte=date(year, 12, 31))
        .annotate(last_event=Max("events__date"))
        .filter(may_count)
        .select_related("applicant")
        .prefetch_related(Prefetch("events", queryset=decisions.order_by("date", "id"), to_attr="decisions_made"))
        .order_by("received_on", "number")
    )
    apps = []
    for case in cases:
        decision = case_tables.report_decision((e.type, e.date, e.payload) for e in case.decisions_made)
        apps.append(
            case_tables.Application(
                number=case.number,
                column=case.applicant.kind,
                received_on=case.received_on,
                decided_on=decision[0] if decision else None,
                outcome_row=outcome(decision[1]).report_row if decision else None,
            )
        )
    return apps


def application_counts(agency: Agency, year: int, fmt: ReportFormat) -> Counted | None:
    """Table 三 from the agency's cases (``case_tables`` states how each case counts).
    ``None``: no case of this agency counts in the year."""
    return case_tables.count_applications(fmt, year, case_applications(agency, year))


def remedy_counts(agency: Agency, year: int, fmt: ReportFormat) -> Counted | None:
    """Table 四 from the 复议/诉讼 register: entries filed in the year against this agency's answers.
    ``None``: none was filed in the year."""
    remedies = Remedy.objects.filter(case__agency=agency, filed_on__year=year).select_related("case")
    return case_tables.count_remedies(
        fmt,
        year,
        (
            case_tables.RemedyRecord(r.case.number, r.kind, r.filed_on, r.result, r.concluded_on)
            for r in remedies.order_by("filed_on", "pk")
        ),
    )


def processing_fees(agency: Agency, year: int) -> Decimal | None:
    """信息处理费 actually paid in the year (国办函〔2020〕109号), in 元, for section 六: the notices whose
    ``fee_paid`` event is dated in the year. ``None``: the year's cases are not on the platform."""
    paid = CaseEvent.objects.filter(case__agency=agency, type=CaseEventType.FEE_PAID, date__year=year).values_list(
        "case_id", flat=True
    )
    total = FeeNotice.objects.filter(case_id__in=paid).aggregate(total=Sum("amount"))["total"]
    if total:
        return Decimal(total).quantize(Decimal("0.01"))  # SQLite's SUM drops the scale
    on_platform = any(case_tables.application_rows(year, app) for app in case_applications(agency, year))
    return Decimal("0.00") if on_platform else None


def published_in_year(agency: Agency, year: int) -> dict[str, int]:
    """Entries first published in the year, by kind label, largest first (ties in the kinds' order) —
    the narrative's 主动公开 figures."""
    entries = Entry.objects.public().filter(agency=agency, published_on__year=year)
    counts = dict.fromkeys(EntryKind, 0)
    for kind in entries.values_list("kind", flat=True):
        counts[EntryKind(kind)] += 1
    ranked = sorted((kind for kind in counts if counts[kind]), key=lambda kind: -counts[kind])
    return {kind.label: counts[kind] for kind in ranked}


def published_late_in_year(agency: Agency, year: int) -> int:
    """Entries first published in the year after their 20-working-day deadline (条例第二十六条)."""
    return Entry.objects.public().filter(agency=agency, published_on__year=year, published_late=True).count()


def document_readings(agency: Agency, year: int) -> tuple[int, int]:
    """The 规章 and 规范性文件 first published in the year: how many have a public 政策解读, how many not."""
    documents = Entry.objects.public().filter(agency=agency, kind__in=list(DOCUMENT_ROWS), published_on__year=year)
    readings = Entry.objects.public().filter(kind=EntryKind.INTERPRETATION).values("interprets")
    with_reading = documents.filter(pk__in=readings).count()
    return with_reading, documents.count() - with_reading
