"""Load the official calendar years the chinesecalendar package knows, and make the audit table
append-only in PostgreSQL itself (a guard no ORM bypass, raw SQL or admin shell can get around).

TRUNCATE stays possible: it is an operator's whole-table action (and how the test runner resets).
"""

from django.db import migrations

AUDIT_GUARD = """
CREATE OR REPLACE FUNCTION xxgk_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录不可修改或删除（core_auditevent 只允许追加）';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION xxgk_audit_append_only();
"""
AUDIT_GUARD_REVERSE = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS xxgk_audit_append_only();
"""


def load_official_years(apps, schema_editor):
    from xxgk.core.official_calendar import known_years, official_exceptions

    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarDay = apps.get_model("core", "CalendarDay")
    present = set(CalendarYear.objects.values_list("year", flat=True))
    for year in known_years():
        if year in present:
            continue
        calendar_year = CalendarYear.objects.create(
            year=year, notice_title=f"国务院办公厅关于{year}年部分节假日安排的通知", source="package"
        )
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar_year=calendar_year, date=day, kind=exc.kind.value, name=exc.name)
            for day, exc in sorted(official_exceptions([year]).items())
        )


def guard_audit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AUDIT_GUARD)


def unguard_audit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AUDIT_GUARD_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(load_official_years, migrations.RunPython.noop),
        migrations.RunPython(guard_audit, unguard_audit),
    ]
