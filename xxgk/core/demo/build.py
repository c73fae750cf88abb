"""Build the demo city through the services (idempotent: only what is missing is created)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from xxgk.core import services
from xxgk.core.demo.city import ADMIN_USERNAME, AGENCIES, DEMO_PASSWORD, OFFICE_HOURS, SEED_REPORTS, STAFF
from xxgk.core.models import Agency

User = get_user_model()


def ensure_operator():
    """The platform operator account (a superuser) that the demo acts as."""
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        user = User.objects.create_superuser(
            ADMIN_USERNAME, "admin@example.invalid", DEMO_PASSWORD, first_name="平台管理员"
        )
    return user


def ensure_agencies(operator) -> int:
    created = 0
    for spec in AGENCIES:
        if Agency.objects.filter(code=spec["code"]).exists():
            continue
        fields = {k: v for k, v in spec.items() if k != "parent"}
        if spec["parent"]:
            fields["parent"] = Agency.objects.get(code=spec["parent"])
        if fields.get("office_name"):
            fields.setdefault("office_hours", OFFICE_HOURS)
        services.save_agency(operator, Agency(**fields))
        created += 1
    return created


def ensure_staff(operator) -> int:
    created = 0
    for username, full_name, agency_code, roles in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.create_staff_user(operator, username=username, password=DEMO_PASSWORD, full_name=full_name)
            created += 1
        agency = Agency.objects.get(code=agency_code)
        for role in roles:
            services.grant_role(operator, user, agency, role)
    return created


SEEDS_DIR = Path(__file__).resolve().parent / "seeds"


def ensure_seed_reports(operator) -> int:
    """The seed reports as past 年报 of their agencies (reports is a domain app; core's demo may use it)."""
    from xxgk.reports.models import ImportedReport
    from xxgk.reports.services import import_published_report

    created = 0
    for filename, agency_code, year, title, published_on in SEED_REPORTS:
        agency = Agency.objects.get(code=agency_code)
        if ImportedReport.objects.filter(agency=agency, year=year).exists():
            continue
        text = (SEEDS_DIR / filename).read_text(encoding="utf-8")
        import_published_report(
            operator,
            agency,
            year=year,
            title=title,
            text=text,
            source_name=filename,
            published_on=date.fromisoformat(published_on) if published_on else None,
        )
        created += 1
    return created


# The 科技局's figures for the last full year that the platform holds no records for (fictional, typical):
# table 二's decision counts. Tables 三 and 四 are counted from its cases (``demo.foi``).
REPORT_STATISTICS = {
    ("二", "licensing", "decisions"): 12,
}


def ensure_report_draft(operator) -> int:
    """The 科技局's statistics for the last full year and a compiled draft of its report (not published)."""
    from django.utils import timezone

    from xxgk.reports import services as reports
    from xxgk.reports.models import AnnualReport

    agency = Agency.objects.get(code="chaoyang-kjj")
    year = timezone.localdate().year - 1
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        return 0
    reports.save_statistics(operator, agency, year, REPORT_STATISTICS)
    reports.compile_report(operator, agency, year)
    return 1


def ensure_catalog(operator) -> int:
    """Publish the demo entries once each (the catalogue's own services, acting as the operator)."""
    from django.utils import timezone

    from xxgk.catalog import review
    from xxgk.catalog import services as catalog
    from xxgk.catalog.models import Column, Entry, StatutoryItem, Topic
    from xxgk.core.demo.catalog import ATTACHMENT_BUILDERS, COLUMNS, ENTRIES, last_year_entries
    from xxgk.screening.models import ScreeningFinding

    made: dict[str, Entry] = {}
    created = 0
    filed_in: dict[tuple[str, str], list[Column]] = {}  # (agency code, kind) -> its columns
    for code, specs in COLUMNS.items():
        for name, order, kinds in specs:
            column, _new = Column.objects.get_or_create(
                agency=Agency.objects.get(code=code), name=name, defaults={"sort_order": order}
            )
            for kind in kinds:
                filed_in.setdefault((code, kind), []).append(column)
    for key, agency_code, spec in [*ENTRIES, *last_year_entries(timezone.localdate().year - 1)]:
        agency = Agency.objects.get(code=agency_code)
        fields = dict(spec)
        existing = Entry.objects.filter(agency=agency, title=fields["title"]).first()
        if existing:
            made[key] = existing
            continue
        items = fields.pop("items")
        justify = fields.pop("justify", None)
        attachments = fields.pop("attachments", [])
        fields["topic"] = Topic.objects.get(name=fields["topic"])
        for link in ("interprets", "replaced_by"):
            if link in fields:
                fields[link] = made[fields[link]]
        entry = Entry(agency=agency, **fields)
        entry.statutory_items = list(StatutoryItem.objects.filter(number__in=items))
        entry.columns = filed_in.get((agency_code, entry.kind), [])
        catalog.save_draft(operator, entry)
        if justify:
            reviewer, reason = User.objects.get(username=justify[0]), justify[1]
            for finding in ScreeningFinding.objects.for_object(entry).open():
                review.justify_finding(reviewer, finding, reason)
        for title, filename, builder in attachments:
            catalog.add_attachment(operator, entry, filename, ATTACHMENT_BUILDERS[builder](), title=title)
        catalog.publish(operator, entry)
        made[key] = entry
        created += 1
    return created + ensure_entry_in_review()


def ensure_entry_in_review() -> int:
    """One 科技局 entry sitting in the review, submitted and approved by the demo's own staff."""
    from xxgk.catalog import review
    from xxgk.catalog import services as catalog
    from xxgk.catalog.models import Entry, StatutoryItem, Topic
    from xxgk.core.demo.catalog import IN_REVIEW

    title, spec, approvals = IN_REVIEW
    agency = Agency.objects.get(code="chaoyang-kjj")
    if Entry.objects.filter(agency=agency, title=title).exists():
        return 0
    fields = dict(spec)
    items = fields.pop("items")
    fields["topic"] = Topic.objects.get(name=fields["topic"])
    entry = Entry(agency=agency, title=title, **fields)
    entry.statutory_items = list(StatutoryItem.objects.filter(number__in=items))
    drafter = User.objects.get(username="kjj_drafter")
    catalog.save_draft(drafter, entry)
    review.submit_for_review(drafter, entry)
    for username, opinion in approvals:
        review.act(User.objects.get(username=username), entry, review.Decision.APPROVE, opinion)
    return 1


def ensure_foi_cases() -> int:
    """依申请公开 demo cases of the 科技局 (foi is a domain app; core's demo may use it)."""
    from xxgk.core.demo.foi import ensure_foi_cases as build

    return build()


def build_demo() -> dict[str, int]:
    with transaction.atomic():
        operator = ensure_operator()
        return {
            "agencies": ensure_agencies(operator),
            "staff": ensure_staff(operator),
            "reports": ensure_seed_reports(operator),
            "entries": ensure_catalog(operator),
            "foi_cases": ensure_foi_cases(),
            "report_drafts": ensure_report_draft(operator),
        }


def login_table() -> list[tuple[str, str, str]]:
    rows = [(ADMIN_USERNAME, DEMO_PASSWORD, "平台管理员（超级用户）")]
    for username, full_name, agency_code, roles in STAFF:
        agency = Agency.objects.get(code=agency_code)
        rows.append(
            (username, DEMO_PASSWORD, f"{agency.short_name} {'、'.join(r.label for r in roles)}（{full_name}）")
        )
    return rows
