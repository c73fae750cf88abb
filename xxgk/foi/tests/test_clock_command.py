"""The clock as a command, against the calendar stored in the database."""

import json
import sys
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(tmp_path, scenario) -> tuple[dict | None, str, int]:
    path = tmp_path / "scenario.json"
    path.write_text(scenario if isinstance(scenario, str) else json.dumps(scenario), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("clock", str(path), stdout=out, stderr=err)
        return json.loads(out.getvalue()), err.getvalue(), 0
    except SystemExit as exit_:
        return None, err.getvalue(), exit_.code


def test_correction_restart_over_national_day(tmp_path):
    answer, _, code = run(
        tmp_path,
        {
            "received": "2025-09-26",
            "events": [
                {"type": "correction_requested", "date": "2025-09-29"},
                {"type": "correction_received", "date": "2025-10-13"},
            ],
        },
    )
    assert code == 0
    assert answer["reply_due"] == "2025-11-10"  # 20 working days after 10-13
    assert answer["correction_notice_due"] == "2025-10-13"
    assert answer["fee_payment_due"] is None and answer["provisional"] is False
    assert any("2025-10-13" in line for line in answer["explanation"])


def test_due_date_in_an_unloaded_year_is_provisional(tmp_path):
    answer, _, code = run(tmp_path, {"received": "2026-12-10", "events": []})
    assert (answer["reply_due"], answer["provisional"], code) == ("2027-01-07", True, 0)


@pytest.mark.parametrize(
    ("scenario", "fragment"),
    [
        ({"received": "2025-09-26", "events": [{"type": "teleport", "date": "2025-09-29"}]}, "teleport"),
        ({"received": "2025-09-26", "events": [{"type": "correction_received", "date": "2025-10-13"}]}, "补正"),
        (
            {"received": "2025-09-26", "events": [{"type": "extension_approved", "date": "2025-10-20", "days": 30}]},
            "20",
        ),
        ("{not json", "JSON"),
    ],
)
def test_invalid_scenarios_exit_2_with_a_chinese_message(tmp_path, scenario, fragment):
    answer, err, code = run(tmp_path, scenario)
    assert (answer, code) == (None, 2)
    assert err.startswith("场景无效：") and fragment in err


def test_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", StringIO('{"received": "2025-09-26", "events": []}'))
    out = StringIO()
    call_command("clock", "-", stdout=out)
    assert json.loads(out.getvalue())["reply_due"] == "2025-10-30"
