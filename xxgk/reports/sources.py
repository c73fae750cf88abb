"""Where a report's figures come from: the database reads behind ``compiler.Inputs``.

Dependency direction: reports → catalog, foi, core. Each function answers for one agency and one
report year and returns ``compiler.Counted`` (figures plus what was counted in each cell), or
``None`` when the platform holds no records of that kind — the compiler then uses the figures staff
entered in ``YearStatistics``.

Table 三 and 四 are counted from the 依申请公开 cases and the 复议/诉讼 register of ``foi``
(rules.md §2.4, §2.6): :func:`application_counts` and :func:`remedy_counts` are the two places that
read them. Until cases are recorded on the platform they return ``None``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Agency, AgencyKind
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


def application_counts(agency: Agency, year: int, fmt: ReportFormat) -> Counted | None:
    """Table 三 from the agency's cases: 本年新收 by receipt date, 上年结转 / 结转下年度 = open on
    1 January / 31 December, each closed case once in its outcome row by applicant-type column.
    ``None``: the platform holds no cases for this agency and year."""
    return None


def remedy_counts(agency: Agency, year: int, fmt: ReportFormat) -> Counted | None:
    """Table 四 from the 复议/诉讼 register, only where this agency made the original decision.
    ``None``: the platform holds no register entries for this agency and year."""
    return None


def processing_fees(agency: Agency, year: int) -> Decimal | None:
    """信息处理费 actually collected in the year (国办函〔2020〕109号), in 元, for section 六.
    ``None``: the platform holds no fee records for this agency and year."""
    return None


def published_in_year(agency: Agency, year: int) -> dict[str, int]:
    """Entries first published in the year, by kind label — the narrative's 主动公开 figures."""
    counts: dict[str, int] = {}
    entries = Entry.objects.public().filter(agency=agency, published_on__year=year)
    for kind in entries.values_list("kind", flat=True):
        label = EntryKind(kind).label
        counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))
