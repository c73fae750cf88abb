"""Make the audit table append-only in PostgreSQL itself (a guard no ORM bypass, raw SQL or admin
shell can get around). Official calendar years are loaded by core's post_migrate receiver.

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


def guard_audit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AUDIT_GUARD)


def unguard_audit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AUDIT_GUARD_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(guard_audit, unguard_audit),
    ]
