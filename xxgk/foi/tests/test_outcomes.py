"""The outcome table must be rules.md §2.4, and every report row must be reachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.foi.outcomes import (
    OUTCOMES,
    REPORT_ROWS,
    Outcome,
    OutcomeCode,
    final_outcome,
    outcome,
    remedy_notice,
)

CHECKOUT = Path(__file__).resolve().parents[3]
CANDIDATES = (CHECKOUT / "docs" / "rules.md", CHECKOUT.parent / "shared" / "docs" / "rules.md")


@pytest.fixture(scope="module")
def rules_rows() -> dict[str, list[str]]:
    """The §2.4 table of rules.md, as code → [meaning, legal basis, report row]."""
    source = next((path for path in CANDIDATES if path.exists()), None)
    if source is None:
        pytest.skip("rules.md is neither in docs/ nor in shared/docs beside this checkout")
    section = source.read_text(encoding="utf-8").split("### 2.4", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 4 and cells[0] not in {"code", "---"}:
            rows[cells[0]] = cells[1:]
    return rows


def test_every_code_once_in_table_order():
    assert [o.code for o in OUTCOMES] == list(OutcomeCode)
    assert len({o.code for o in OUTCOMES}) == len(OUTCOMES) == 22


def test_the_table_is_rules_md_verbatim(rules_rows):
    assert list(rules_rows) == [code.value for code in OutcomeCode]
    for row in OUTCOMES:
        meaning, basis, report = rules_rows[row.code]
        assert row.label == meaning
        assert row.legal_basis == basis
        assert report.startswith(REPORT_ROWS[row.report_row]), (row.code, report)


def test_each_label_appears_in_the_rules_table(rules_rows):
    table = "\n".join(" | ".join(cells) for cells in rules_rows.values())
    for row in OUTCOMES:
        assert row.label in table


def test_every_report_row_is_covered():
    assert {o.report_row for o in OUTCOMES} == set(REPORT_ROWS)
    assert len(REPORT_ROWS) == 21  # 一 + 二 + 8 + 3 + 5 + 3


def test_report_row_vocabulary():
    assert REPORT_ROWS["granted"] == "三（一）" and REPORT_ROWS["partial"] == "三（二）"
    assert [REPORT_ROWS[f"deny_{n}"] for n in (1, 8)] == ["三（三）1", "三（三）8"]
    assert REPORT_ROWS["unable_3"] == "三（四）3"
    assert REPORT_ROWS["reject_5"] == "三（五）5"
    assert REPORT_ROWS["other_3"] == "三（六）3"


def test_partial_is_exclusive():
    partial_rows = [o for o in OUTCOMES if o.report_row == "partial"]
    assert [o.code for o in partial_rows] == [OutcomeCode.PARTIAL]
    assert outcome(OutcomeCode.PARTIAL).report_row == "partial"
    # an application whose items were decided differently counts only as partial
    assert final_outcome(["granted", "deny_third_party"]) == OutcomeCode.PARTIAL
    assert final_outcome(["already_public", "unable_not_held", "granted"]) == OutcomeCode.PARTIAL
    assert final_outcome(["partial", "granted"]) == OutcomeCode.PARTIAL


def test_final_outcome_without_mixture():
    assert final_outcome(["granted", "already_public"]) == OutcomeCode.GRANTED
    assert final_outcome(["already_public", "already_public"]) == OutcomeCode.ALREADY_PUBLIC
    assert final_outcome([OutcomeCode.DENY_PROCESS]) == OutcomeCode.DENY_PROCESS
    with pytest.raises(ValueError, match="请选定一个办理结果"):
        final_outcome(["deny_process", "unable_not_held"])
    with pytest.raises(ValueError, match="没有任何办理结果"):
        final_outcome([])


def test_adverse_is_everything_but_disclosure():
    assert {o.code for o in OUTCOMES if not o.adverse} == {OutcomeCode.ALREADY_PUBLIC, OutcomeCode.GRANTED}


def test_every_outcome_has_a_letter_template():
    assert all(o.letter_template.startswith("reply_") for o in OUTCOMES)
    assert outcome("granted").letter_template == "reply_granted"
    assert outcome("deny_state_secret").letter_template == "reply_deny"


def test_lookup():
    assert outcome("deny_third_party") is outcome(OutcomeCode.DENY_THIRD_PARTY)
    assert isinstance(outcome("other"), Outcome)
    with pytest.raises(ValueError, match="未知的办理结果代码“approved”"):
        outcome("approved")


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("already_public", "《中华人民共和国政府信息公开条例》第三十六条第（一）项"),
        ("unable_not_held", "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项"),
        ("deny_third_party", "《中华人民共和国政府信息公开条例》第十五条、第三十二条"),
        ("other_fee_unpaid", "《中华人民共和国政府信息公开条例》第四十二条"),
        ("reject_confirm_reissue", ""),
    ],
)
def test_legal_basis_as_a_letter_cites_it(code, text):
    assert outcome(code).legal_basis_text == text


def test_remedy_notice_names_the_bodies_given():
    text = remedy_notice("某市人民政府", "某区人民法院")
    assert "60日内向某市人民政府申请行政复议" in text
    assert "6个月内向某区人民法院提起行政诉讼" in text


def test_display_labels_drop_the_english_notes_and_name_the_report_row():
    from xxgk.foi.outcomes import OUTCOMES, outcome

    assert outcome("already_public").display_label == "所申请信息已主动公开〔三（一）〕"
    assert outcome("unable_not_held").display_label == "本机关不掌握相关政府信息〔三（四）1〕"
    assert outcome("other").display_label == "其他〔三（六）3〕"
    assert all(not any("a" <= c.lower() <= "z" for c in o.display_label) for o in OUTCOMES)
